// The Kubernetes version the user targets (`kubeDorm.kubernetesVersion`, `--kubernetes-version`):
// an apiVersion/kind that the target does not serve yet (`api-version-not-served`), one it no longer
// serves (`api-version-removed`, with the removal read from core/schema/versions.ts where the
// removed-API table has no entry), and a field newer than the target (`field-not-in-version`).
// Facts from core/schema/generated/versions.json; where the data cannot tell (1.35 has no source of
// its own; cdk8s' 1.31 import leaves out status), the fact is said as unknown, at warning level, never guessed.
// The codes belong to the schema module's rule list.
import type { MessageIds, Path } from '../manifest/types';
import { defineMessages, msgOf } from '../i18n/index';
import type { Resource } from '../manifest/parse';
import type { RuleContext } from './types';
import { removedApi } from '../schema/removed';
import {
  NEWEST_KUBERNETES_VERSION,
  apiVersionsServing,
  compareVersions,
  fieldAdded,
  fieldInVersion,
  firstServedAfter,
  lastServedBefore,
  servedIn,
} from '../schema/versions';

const messages = defineMessages({
  'api-version-not-served': {
    en: 'no matches for kind "{kind}" in version "{apiVersion}": Kubernetes {target} does not serve it yet; it is served from Kubernetes {since} on.',
    zh: '在版本 "{apiVersion}" 中找不到资源类型（kind）"{kind}"：Kubernetes {target} 还不提供它，从 Kubernetes {since} 起才提供。',
  },
  'api-version-not-served.use': {
    en: 'no matches for kind "{kind}" in version "{apiVersion}": Kubernetes {target} does not serve it yet; it is served from Kubernetes {since} on. On {target}, use apiVersion "{replacement}".',
    zh: '在版本 "{apiVersion}" 中找不到资源类型（kind）"{kind}"：Kubernetes {target} 还不提供它，从 Kubernetes {since} 起才提供。在 {target} 上请改用 apiVersion "{replacement}"。',
  },
  'api-version-not-served.unknown': {
    en: 'kind "{kind}" in version "{apiVersion}" is served by Kubernetes {known} but not by {other}; whether {target} serves it is not known (Kube Dorm’s data does not say for {target}).',
    zh: '版本 "{apiVersion}" 中的资源类型（kind）"{kind}" 在 Kubernetes {known} 中提供，在 {other} 中不提供；{target} 是否提供无法确定（Kube Dorm 的数据对 {target} 没有定论）。',
  },
  'api-version-removed.target': {
    en: 'no matches for kind "{kind}" in version "{apiVersion}": Kubernetes {removedIn} stopped serving it (last served in {last}). Use apiVersion "{replacement}" instead (some fields may have changed too).',
    zh: '在版本 "{apiVersion}" 中找不到资源类型（kind）"{kind}"：Kubernetes {removedIn} 已不再提供它（最后提供于 {last}）。请改用 apiVersion "{replacement}"（部分字段可能也有变化）。',
  },
  'field-not-in-version': {
    en: 'unknown field "{path}": Kubernetes {target} does not have it; it was added in Kubernetes {since}.',
    zh: '未知字段 "{path}"（unknown field）：Kubernetes {target} 没有这个字段，它在 Kubernetes {since} 中才加入。',
  },
  'field-not-in-version.unknown': {
    en: 'field "{path}" was added in Kubernetes {maybe} or {since}; whether {target} has it is not known (Kube Dorm’s data does not say for {target}).',
    zh: '字段 "{path}" 在 Kubernetes {maybe} 或 {since} 中加入；{target} 是否已有它无法确定（Kube Dorm 的数据对 {target} 没有定论）。',
  },
  'analogy.api-version-not-served': {
    en: 'Like handing the dorm office a form from next year’s handbook: this year’s office has no window that takes it yet.',
    zh: '就像把明年宿舍手册里才有的表格交给楼管办：今年的楼管办还没有受理它的窗口。',
  },
  'analogy.field-not-in-version': {
    en: 'Like filling in a box that only the newer edition of the dorm form has: the office’s older edition has nowhere to write it down.',
    zh: '就像填了只有新版宿舍表格才有的一栏：楼管办用的旧版表格上根本没有这一栏，写了也记不下来。',
  },
});

const msg = msgOf(messages);

/** The version the lint targets (the newest when none is set). */
export function targetOf(ctx: RuleContext): string {
  return ctx.kubernetesVersion ?? NEWEST_KUBERNETES_VERSION;
}

/**
 * What the target makes of a built-in apiVersion/kind that the version data knows:
 * 'reported' (not served at the target: said), 'served' (served, or unknown and said at warning level),
 * or undefined when the data does not know the pair (the removed-API table and the catalog decide).
 */
export function checkServedAtTarget(res: Resource, ctx: RuleContext): 'reported' | 'served' | undefined {
  const { apiVersion, kind } = res;
  const target = targetOf(ctx);
  const served = servedIn(apiVersion, kind, target);
  if (served === undefined || served === 'yes') return served && 'served';
  const since = firstServedAfter(apiVersion, kind, target);
  const last = lastServedBefore(apiVersion, kind, target);
  if (served === 'unknown') {
    const [prev, next] = [-1, 1].map((d) => `1.${Number(target.slice(2)) + d}`);
    const [known, other] = servedIn(apiVersion, kind, prev) === 'yes' ? [prev, next] : [next, prev];
    ctx.report('api-version-not-served', res, ['apiVersion'], msg('api-version-not-served.unknown', { kind, apiVersion, known, other, target }), {
      severity: 'warning',
      data: { target, ...(since ? { since } : {}) },
    });
    return 'served';
  }
  const replacement = apiVersionsServing(kind, target).find((v) => v !== apiVersion);
  if (since) {
    ctx.report(
      'api-version-not-served',
      res,
      ['apiVersion'],
      replacement
        ? msg('api-version-not-served.use', { kind, apiVersion, target, since, replacement })
        : msg('api-version-not-served', { kind, apiVersion, target, since }),
      { data: { target, since, ...(replacement ? { replacement } : {}) } },
    );
    return 'reported';
  }
  // A removal before 1.27 or listed in core/schema/removed.ts is said by the table, with its wording.
  if (!last || !replacement || removedApi(apiVersion, kind)) return undefined;
  // The first minor after `last` known not to serve it (1.35 may be unknown: then 1.36).
  let removedIn = last;
  do removedIn = `1.${Number(removedIn.slice(2)) + 1}`;
  while (servedIn(apiVersion, kind, removedIn) !== 'no');
  ctx.report('api-version-removed', res, ['apiVersion'], msg('api-version-removed.target', { kind, apiVersion, removedIn, last, replacement }), {
    data: { removedIn, replacement },
  });
  return 'reported';
}

/** Whether a removal (e.g. '1.32') already applies at the target. */
export function removedAtTarget(ctx: RuleContext, removedIn: string): boolean {
  return compareVersions(targetOf(ctx), removedIn) >= 0;
}

/** Reports `field` of catalog type `type` at `path` when the target predates it. */
export function checkFieldVersion(res: Resource, ctx: RuleContext, type: string, field: string, path: Path, pathText: string): void {
  const target = targetOf(ctx);
  if (target === NEWEST_KUBERNETES_VERSION) return;
  const has = fieldInVersion(type, field, target);
  const added = fieldAdded(type, field);
  if (has === 'yes' || !added) return;
  if (has === 'no') {
    ctx.report('field-not-in-version', res, path, msg('field-not-in-version', { path: pathText, target, since: added.in }), {
      part: 'key',
      data: { target, since: added.in, path: pathText },
    });
  } else {
    ctx.report('field-not-in-version', res, path, msg('field-not-in-version.unknown', { path: pathText, target, since: added.in, maybe: added.maybeIn }), {
      part: 'key',
      severity: 'warning',
      data: { target, since: added.in, path: pathText },
    });
  }
}

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof messages> {}
}
