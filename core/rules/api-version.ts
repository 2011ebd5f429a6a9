// apiVersion and kind: is the kind served at that apiVersion, was the API removed (and what
// replaces it), or is the kind served elsewhere or misspelt. The wording follows the API server's
// "no matches for kind". Kinds of groups Kubernetes does not serve may be custom resources and are
// left alone. The codes belong to the schema module's rule list.
import type { MessageIds } from '../manifest/types';
import { defineMessages, msgOf } from '../i18n/index';
import type { Resource } from '../manifest/parse';
import type { RuleContext } from './types';
import { isBuiltinGroup, kindsNamed, kindsServedAt, lookupKind, splitApiVersion, type KindInfo } from '../schema/catalog';
import { REMOVED_GROUPS, removedApi } from '../schema/removed';
import { closest } from '../k8s/similar';
import { checkServedAtTarget, removedAtTarget, targetOf } from './versions';
import { apiVersionsServing, kindAtVersion, KUBERNETES_VERSIONS, NEWEST_KUBERNETES_VERSION, servedIn, versionSource } from '../schema/versions';

/**
 * Kinds that carry a built-in apiVersion but are not resources one creates from a manifest
 * collection: kubeconfig files (`apiVersion: v1`, `kind: Config`), API machinery types, and objects
 * sent to subresources (pods/eviction, serviceaccounts/token, the scale subresource). Nothing to say about them.
 */
const NON_COLLECTION_KINDS: Record<string, ReadonlySet<string>> = {
  v1: new Set([
    'Config',
    'List',
    'Status',
    'APIResourceList',
    'APIVersions',
    'APIGroupList',
    'APIGroup',
    'DeleteOptions',
    'WatchEvent',
    'ListOptions',
    'GetOptions',
    'CreateOptions',
    'PatchOptions',
    'UpdateOptions',
    'PodLogOptions',
    'PodExecOptions',
    'PodAttachOptions',
    'PodPortForwardOptions',
    'PodProxyOptions',
    'NodeProxyOptions',
    'ServiceProxyOptions',
    'RangeAllocation',
    'SerializedReference',
    'PodStatusResult',
    'Preferences',
  ]),
  'policy/v1': new Set(['Eviction']),
  'policy/v1beta1': new Set(['Eviction']),
  'authentication.k8s.io/v1': new Set(['TokenRequest']),
  'autoscaling/v1': new Set(['Scale']),
};

const messages = defineMessages({
  'api-version-unknown': {
    en: 'no matches for kind "{kind}" in version "{apiVersion}"',
    zh: '在版本 "{apiVersion}" 中找不到资源类型（kind）"{kind}"',
  },
  'api-version-unknown.elsewhere': {
    en: 'no matches for kind "{kind}" in version "{apiVersion}": {kind} is served at apiVersion {versions}.',
    zh: '在版本 "{apiVersion}" 中找不到资源类型（kind）"{kind}"：{kind} 应使用 apiVersion {versions}。',
  },
  'api-version-unknown.kind': {
    en: 'no matches for kind "{kind}" in version "{apiVersion}". Did you mean kind "{suggestion}"?',
    zh: '在版本 "{apiVersion}" 中找不到资源类型（kind）"{kind}"。你是不是想写 kind "{suggestion}"？',
  },
  'api-version-removed': {
    en: 'no matches for kind "{kind}" in version "{apiVersion}": this API was removed in Kubernetes {removedIn}. Use apiVersion "{replacement}" instead (some fields may have changed too).',
    zh: '在版本 "{apiVersion}" 中找不到资源类型（kind）"{kind}"：该 API 已在 Kubernetes {removedIn} 中移除。请改用 apiVersion "{replacement}"（部分字段可能也有变化）。',
  },
  'api-version-removed.psp': {
    en: 'no matches for kind "{kind}" in version "{apiVersion}": PodSecurityPolicy was removed in Kubernetes {removedIn} with no replacement API. Use Pod Security Admission instead (pod-security.kubernetes.io/* labels on the namespace).',
    zh: '在版本 "{apiVersion}" 中找不到资源类型（kind）"{kind}"：PodSecurityPolicy 已在 Kubernetes {removedIn} 中移除，没有替代的 API。请改用 Pod 安全准入（在命名空间上加 pod-security.kubernetes.io/* 标签）。',
  },
  'schema-not-checked': {
    en: 'the fields of kind "{kind}" in version "{apiVersion}" are not checked: Kubernetes {target} serves it, but Kube Dorm has no schema for it (only {sources} describes it, without field types).',
    zh: '版本 "{apiVersion}" 中资源类型（kind）"{kind}" 的字段没有检查：Kubernetes {target} 提供它，但 Kube Dorm 没有它的结构定义（只有 {sources} 提到它，且没有字段类型）。',
  },
  'analogy.schema-not-checked': {
    en: 'Like a form from an old edition of the dorm handbook that the office still takes: nobody here kept a copy, so the boxes you filled in cannot be checked in advance.',
    zh: '就像楼管办仍然受理的旧版宿舍表格：这里没人留着样表，所以你填的每一栏没法提前核对。',
  },
  'analogy.api-version-unknown': {
    en: 'Like handing a form to the wrong window of the dorm office: each form is only accepted at the window that issues it.',
    zh: '就像把表格交错了楼管办的窗口：每种表格只有发它的那个窗口才受理。',
  },
  'analogy.api-version-removed': {
    en: 'Like filling in an old edition of the dorm form that the office stopped accepting years ago: ask for the new edition.',
    zh: '就像填了楼管办多年前就停用的旧版表格：得换成新版表格再交。',
  },
});

const msg = msgOf(messages);

/** The catalog entry of the kind served at the resource's apiVersion; when there is none,
 * undefined, after reporting why wherever there is something to say. */
export function checkApiVersion(res: Resource, ctx: RuleContext): KindInfo | undefined {
  const { apiVersion, kind } = res;
  const served = lookupKind(apiVersion, kind);
  // The targeted version first: not served yet, no longer served, or served (where the catalog of
  // the newest version may have no schema for it: then nothing more to check).
  const atTarget = checkServedAtTarget(res, ctx);
  if (atTarget === 'reported') return undefined;
  if (served) return served;
  if (atTarget === 'served') return olderKind(res, ctx);
  const { group } = splitApiVersion(apiVersion);
  if (NON_COLLECTION_KINDS[apiVersion]?.has(kind)) return undefined;
  if (kind.endsWith('List') && lookupKind(apiVersion, kind.slice(0, -4))) return undefined;
  const removed = removedApi(apiVersion, kind);
  if (removed && removedAtTarget(ctx, removed.removedIn)) {
    ctx.report(
      'api-version-removed',
      res,
      ['apiVersion'],
      removed.replacement
        ? msg('api-version-removed', { kind, apiVersion, removedIn: removed.removedIn, replacement: removed.replacement })
        : msg('api-version-removed.psp', { kind, apiVersion, removedIn: removed.removedIn }),
      { data: { removedIn: removed.removedIn, ...(removed.replacement ? { replacement: removed.replacement } : {}) } },
    );
    return undefined;
  }
  // Only built-in groups are ours to judge: any other group may be a CustomResourceDefinition.
  if (!isBuiltinGroup(group) && !REMOVED_GROUPS.has(group)) return undefined;
  const target = targetOf(ctx);
  const elsewhere = target === NEWEST_KUBERNETES_VERSION ? kindsNamed(kind).map((k) => k.apiVersion) : apiVersionsServing(kind, target);
  if (elsewhere.length) {
    const versions = elsewhere;
    ctx.report(
      'api-version-unknown',
      res,
      ['apiVersion'],
      msg('api-version-unknown.elsewhere', { kind, apiVersion, versions: versions.map((v) => `"${v}"`).join(', ') }),
      { data: { suggestions: versions, suggestion: versions[0] } },
    );
    return undefined;
  }
  // The kind is not built in anywhere: a typo of a kind served at this apiVersion?
  const here = kindsServedAt(apiVersion).map((k) => k.kind);
  const suggestion = closest(kind, here);
  ctx.report(
    'api-version-unknown',
    res,
    ['kind'],
    suggestion ? msg('api-version-unknown.kind', { kind, apiVersion, suggestion }) : msg('api-version-unknown', { kind, apiVersion }),
    { data: suggestion ? { kindSuggestion: suggestion } : {} },
  );
  return undefined;
}

/**
 * A kind the target serves that the catalog (1.36) lacks: the schema generated from an older minor,
 * or, where none is known, one info saying the fields are not checked.
 */
function olderKind(res: Resource, ctx: RuleContext): KindInfo | undefined {
  const { apiVersion, kind } = res;
  const target = targetOf(ctx);
  const k = kindAtVersion(apiVersion, kind, target);
  if (k) return k;
  const sources = KUBERNETES_VERSIONS.filter((v) => servedIn(apiVersion, kind, v) === 'yes')
    .map((v) => versionSource(v) ?? v)
    .join(', ');
  ctx.report('schema-not-checked', res, ['apiVersion'], msg('schema-not-checked', { kind, apiVersion, target, sources: sources || target }), {
    data: { target },
  });
  return undefined;
}

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof messages> {}
}
