// Hovers that explain: the Kubernetes field documentation (same catalog as validation), one line
// of the dorm analogy, and facts from the workspace — what a selector selects, whether a
// referenced Secret key exists (never its value), a quantity in plain units, a cron schedule in
// words with its next runs. Pure: the LSP adapter only converts positions.
import type { MessageIds, Path, Range } from '../manifest/types';
import { locate } from '../manifest/locate';
import { rangeOf, type Resource } from '../manifest/parse';
import { KIND_CONCEPTS, FIELD_CONCEPTS, type Concept } from '../i18n/concepts';
import { defineMessages, msgOf, t, type Locale } from '../i18n/index';
import { lookupKind, resolvePath, typeDisplay, typeInfo } from '../schema/catalog';
import { fieldAdded, fieldInVersion, kindAtVersion, NEWEST_KUBERNETES_VERSION } from '../schema/versions';
import { parseQuantity } from '../k8s/quantity';
import { selectorMatches, formatSelector } from '../k8s/labels';
import { podLabelsOf, podSpecOf, getAt } from '../k8s/podspec';
import { podSpecRefs, type PodRef } from '../k8s/podrefs';
import type { Workspace } from '../workspace/index';
import { suppressionHover } from './suppress';
import { crdHover } from './crd';
import { objOf, strOf } from '../k8s/guards';

export interface HoverResult {
  /** Markdown. Never contains a Secret's value. */
  markdown: string;
  range: Range;
}

export interface HoverOptions {
  locale: Locale;
  /** "Now" for the next cron runs (the editor passes the wall clock; tests a fixed date). */
  now?: Date;
  /** A command URI builder for "open the lesson" links; omitted → no link. */
  lessonLink?: (lesson: number) => string;
  /** The Kubernetes minor the user targets (`kubeDorm.kubernetesVersion`); the newest when absent. */
  kubernetesVersion?: string;
}

const M = defineMessages({
  'hover.fieldNewer': {
    en: '⚠ Added in Kubernetes {since}; your target is {target} (`kubeDorm.kubernetesVersion`): its API server does not know this field.',
    zh: '⚠ 在 Kubernetes {since} 中加入；你的目标版本是 {target}（`kubeDorm.kubernetesVersion`）：该版本的 API server 不认识这个字段。',
  },
  'hover.fieldMaybeNewer': {
    en: '⚠ Added in Kubernetes {maybe} or {since}; your target is {target} (`kubeDorm.kubernetesVersion`): whether it has this field is not known.',
    zh: '⚠ 在 Kubernetes {maybe} 或 {since} 中加入；你的目标版本是 {target}（`kubeDorm.kubernetesVersion`）：无法确定该版本是否有这个字段。',
  },
  'hover.lesson': { en: 'Lesson {n}: learn it in the dorm', zh: '第 {n} 课：在宿舍里学这个' },
  'hover.selects': { en: 'Selects {count} pod template(s) in the workspace:', zh: '在工作区中选中了 {count} 个 Pod 模板：' },
  'hover.selectsNone': {
    en: 'Selects no pod template in the workspace (selector `{selector}`).',
    zh: '在工作区中没有选中任何 Pod 模板（selector `{selector}`）。',
  },
  'hover.selectedBy': { en: 'Selected by {count} Service(s):', zh: '被 {count} 个 Service 选中：' },
  'hover.secretFound': {
    en: 'Secret `{name}` is defined in {where}; key `{key}` {keyState}. The value is not shown.',
    zh: 'Secret `{name}` 定义在 {where}；键 `{key}` {keyState}。不显示其值。',
  },
  'hover.secretFoundNoKey': {
    en: 'Secret `{name}` is defined in {where} with {count} key(s). Values are not shown.',
    zh: 'Secret `{name}` 定义在 {where}，共 {count} 个键。不显示其值。',
  },
  'hover.secretMissing': {
    en: 'No Secret `{name}` in namespace `{ns}` in the workspace (it may exist in the cluster).',
    zh: '工作区的命名空间 `{ns}` 中没有名为 `{name}` 的 Secret（它可能存在于集群中）。',
  },
  'hover.configMapFound': {
    en: 'ConfigMap `{name}` is defined in {where}; key `{key}` {keyState}.',
    zh: 'ConfigMap `{name}` 定义在 {where}；键 `{key}` {keyState}。',
  },
  'hover.configMapFoundNoKey': {
    en: 'ConfigMap `{name}` is defined in {where} with {count} key(s).',
    zh: 'ConfigMap `{name}` 定义在 {where}，共 {count} 个键。',
  },
  'hover.configMapMissing': {
    en: 'No ConfigMap `{name}` in namespace `{ns}` in the workspace (it may exist in the cluster).',
    zh: '工作区的命名空间 `{ns}` 中没有名为 `{name}` 的 ConfigMap（它可能存在于集群中）。',
  },
  'hover.keyExists': { en: 'exists', zh: '存在' },
  'hover.keyMissing': { en: 'is missing', zh: '不存在' },
  'hover.cpu': { en: '`{q}` = {v} CPU ({milli} millicores)', zh: '`{q}` = {v} 个 CPU（{milli} 毫核）' },
  'hover.bytes': { en: '`{q}` = {bytes} bytes ({human})', zh: '`{q}` = {bytes} 字节（{human}）' },
  'hover.number': { en: '`{q}` = {v}', zh: '`{q}` = {v}' },
  'hover.cron': { en: 'Runs: {words} ({tz}).', zh: '运行时间：{words}（{tz}）。' },
  'hover.cronNext': { en: 'Next three runs:', zh: '接下来三次运行：' },
  'hover.type': { en: 'Type', zh: '类型' },
  'hover.required': { en: 'required', zh: '必填' },
});

const msg = msgOf(M);

const MAX_DOC = 1200;

function md(s: string): string {
  // Workspace strings (names, keys) are shown in code spans: strip backticks and line breaks.
  return s.replace(/[`\r\n]/g, ' ').slice(0, 200);
}

function where(res: Resource): string {
  const file = decodeURIComponent(res.uri.replace(/^.*\//, ''));
  const line = rangeOf(res, ['metadata', 'name']).start.line + 1;
  return `\`${md(file)}:${line}\``;
}

function humanBytes(v: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let i = 0;
  let x = v;
  while (Math.abs(x) >= 1024 && i < units.length - 1) {
    x /= 1024;
    i++;
  }
  return `${+x.toFixed(2)} ${units[i]}`;
}

function conceptLine(c: Concept | undefined, o: HoverOptions): string[] {
  if (!c) return [];
  const text = o.locale === 'zh-cn' ? c.analogy.zh : c.analogy.en;
  const out = [`🏠 ${text}`];
  if (o.lessonLink) out.push(`[${t(msg('hover.lesson', { n: c.lesson }), o.locale)}](${o.lessonLink(c.lesson)})`);
  return out;
}

function trimDoc(doc: string): string {
  const d = doc.trim();
  return d.length > MAX_DOC ? `${d.slice(0, MAX_DOC)}…` : d;
}

export function hover(ws: Workspace, uri: string, offset: number, o: HoverOptions): HoverResult | undefined {
  const file = ws.get(uri);
  if (!file || file.templated || file.tooLarge) return undefined;
  const sup = suppressionHover(file.text, file.lines, offset, o.locale);
  if (sup) return sup;
  const loc = locate(file, offset);
  if (!loc?.resource || loc.path.length === 0) return undefined;
  const res = loc.resource;
  const path = loc.path;
  const range = loc.scalar ? file.lines.range(loc.scalar.start, loc.scalar.end) : rangeOf(res, path, loc.part === 'key' ? 'key' : 'value');
  const sections: string[] = [];
  let lastKey: string | undefined;
  for (let i = path.length - 1; i >= 0 && lastKey === undefined; i--) if (typeof path[i] === 'string') lastKey = path[i] as string;

  // A custom resource: its CRD's descriptions.
  const target = o.kubernetesVersion ?? NEWEST_KUBERNETES_VERSION;
  // A kind the target serves that 1.36 no longer does (flowcontrol v1beta3 on 1.31): its generated schema.
  const known = lookupKind(res.apiVersion, res.kind) ?? kindAtVersion(res.apiVersion, res.kind, target) ?? undefined;
  const custom = known ? undefined : crdHover(ws, res, path, o.locale);
  // (No dorm analogy by field name: a custom kind's `replicas` is not the building auntie's.)
  if (custom) return { markdown: custom.join('\n\n'), range };

  // The kind itself.
  if (path.length === 1 && (path[0] === 'kind' || path[0] === 'apiVersion')) {
    const k = lookupKind(res.apiVersion, res.kind);
    sections.push(`**${md(res.kind)}** · \`${md(res.apiVersion)}\``);
    if (k) {
      const doc = typeInfo(k.type)?.doc;
      if (doc) sections.push(trimDoc(doc));
    }
    sections.push(...conceptLine(KIND_CONCEPTS[res.kind], o));
    return { markdown: sections.join('\n\n'), range };
  }

  // Workspace facts for values.
  const facts = valueFacts(ws, res, path, loc.scalar?.value, o);

  // The field's documentation.
  const resolved = resolvePath(res.apiVersion, res.kind, path, known);
  if (resolved?.field) {
    const f = resolved.field;
    const typeWord = t(msg('hover.type'), o.locale);
    sections.push(`**${md(f.name)}** · ${typeWord}: \`${typeDisplay(f.type)}\`${f.required ? ` · ${t(msg('hover.required'), o.locale)}` : ''}`);
    const newer = resolved.parentType ? versionNote(resolved.parentType, f.name, target, o) : undefined;
    if (newer) sections.push(newer);
    if (resolved.doc) sections.push(trimDoc(resolved.doc));
  }
  sections.push(...facts);
  if (lastKey) sections.push(...conceptLine(FIELD_CONCEPTS[lastKey], o));
  if (!sections.length) return undefined;
  return { markdown: sections.join('\n\n'), range };
}

/** Says a field is newer than the target (or may be), as field-not-in-version does. */
function versionNote(type: string, field: string, target: string, o: HoverOptions): string | undefined {
  const has = fieldInVersion(type, field, target);
  const added = fieldAdded(type, field);
  if (has === 'yes' || !added) return undefined;
  return has === 'no'
    ? t(msg('hover.fieldNewer', { since: added.in, target }), o.locale)
    : t(msg('hover.fieldMaybeNewer', { since: added.in, maybe: added.maybeIn, target }), o.locale);
}

function isUnder(path: Path, ...prefix: (string | number | '*')[]): boolean {
  if (path.length < prefix.length) return false;
  return prefix.every((p, i) => p === '*' || p === path[i]);
}

function valueFacts(ws: Workspace, res: Resource, path: Path, value: unknown, o: HoverOptions): string[] {
  const out: string[] = [];
  const ns = res.namespace ?? 'default';

  // Quantities: resources.requests/limits.<name>, storage, sizeLimit, capacity, hard.
  const parent = path[path.length - 2];
  const lastSeg = path[path.length - 1];
  if (
    (typeof value === 'string' || typeof value === 'number') &&
    typeof lastSeg === 'string' &&
    (parent === 'requests' || parent === 'limits' || parent === 'capacity' || parent === 'hard' || lastSeg === 'sizeLimit' || lastSeg === 'storage')
  ) {
    const v = parseQuantity(value);
    if (v !== undefined) {
      const q = String(value);
      if (lastSeg === 'cpu' || lastSeg.endsWith('.cpu'))
        out.push(t(msg('hover.cpu', { q: md(q), v: +v.toPrecision(6), milli: Math.round(v * 1000).toLocaleString('en-US') }), o.locale));
      else if (/memory|storage|sizeLimit|ephemeral/.test(lastSeg))
        out.push(t(msg('hover.bytes', { q: md(q), bytes: Math.round(v).toLocaleString('en-US'), human: humanBytes(v) }), o.locale));
      else out.push(t(msg('hover.number', { q: md(q), v: +v.toPrecision(6) }), o.locale));
    }
  }

  // Cron schedules.
  if (res.kind === 'CronJob' && isUnder(path, 'spec', 'schedule') && path.length === 2 && typeof value === 'string') {
    const tz = strOf(objOf(res.obj.spec).timeZone);
    try {
      // Required on first use: evaluating cronstrue's locales and cron-parser (with luxon) is a good
      // part of the language server's start-up otherwise, and only a schedule's hover needs them.
      /* eslint-disable @typescript-eslint/no-require-imports */
      const cronstrue = (require('cronstrue/i18n') as typeof import('cronstrue/i18n')).default;
      const { CronExpressionParser } = require('cron-parser') as typeof import('cron-parser');
      /* eslint-enable @typescript-eslint/no-require-imports */
      const words = cronstrue.toString(value, { locale: o.locale === 'zh-cn' ? 'zh_CN' : 'en', use24HourTimeFormat: true, throwExceptionOnParseError: true });
      out.push(t(msg('hover.cron', { words, tz: tz ?? 'UTC' }), o.locale));
      const expr = CronExpressionParser.parse(value, { currentDate: o.now ?? new Date(), tz: tz ?? 'UTC' });
      const next = [0, 1, 2].map(() =>
        expr
          .next()
          .toDate()
          .toISOString()
          .replace('T', ' ')
          .replace(/:00\.000Z$/, ' UTC'),
      );
      out.push(`${t(msg('hover.cronNext'), o.locale)}\n${next.map((n) => `- ${n}`).join('\n')}`);
    } catch {
      // An invalid schedule is the linter's business (cronjob-schedule-invalid).
    }
  }

  // Selectors: what they select across the workspace.
  const isService = res.kind === 'Service' && isUnder(path, 'spec', 'selector');
  const isWorkloadSelector = res.kind !== 'Service' && isUnder(path, 'spec', 'selector');
  if (isService || isWorkloadSelector) {
    const selector = getAt(res.obj, ['spec', 'selector']);
    const matches: string[] = [];
    for (const r of ws.resources()) {
      if ((r.namespace ?? 'default') !== ns) continue;
      const labels = podLabelsOf(r);
      if (labels && selectorMatches(selector, labels, isService)) matches.push(`${r.kind}/${md(r.name ?? '?')} (${where(r)})`);
    }
    if (matches.length)
      out.push(
        `${t(msg('hover.selects', { count: matches.length }), o.locale)}\n${matches
          .slice(0, 20)
          .map((m) => `- ${m}`)
          .join('\n')}`,
      );
    else out.push(t(msg('hover.selectsNone', { selector: md(formatSelector(selector, isService)) }), o.locale));
  }

  // Template labels: which Services select these pods.
  if (isUnder(path, 'spec', 'template', 'metadata', 'labels') || (res.kind === 'Pod' && isUnder(path, 'metadata', 'labels'))) {
    const labels = podLabelsOf(res);
    const svcs: string[] = [];
    for (const s of ws.byKind('Service')) {
      if ((s.namespace ?? 'default') !== ns) continue;
      if (labels && selectorMatches(getAt(s.obj, ['spec', 'selector']), labels, true)) svcs.push(`Service/${md(s.name ?? '?')} (${where(s)})`);
    }
    if (svcs.length) out.push(`${t(msg('hover.selectedBy', { count: svcs.length }), o.locale)}\n${svcs.map((m) => `- ${m}`).join('\n')}`);
  }

  // Secret / ConfigMap references: existence and where; never a value.
  const ref = refAt(res, path);
  if (ref) {
    const found = ws.find(ref.kind, ref.name, ns);
    const target = found[0];
    const isSecret = ref.kind === 'Secret';
    if (!target) {
      out.push(t(msg(isSecret ? 'hover.secretMissing' : 'hover.configMapMissing', { name: md(ref.name), ns: md(ns) }), o.locale));
    } else {
      const keys = new Set<string>([
        ...Object.keys(target.obj?.data ?? {}),
        ...Object.keys((isSecret ? target.obj?.stringData : target.obj?.binaryData) ?? {}),
      ]);
      if (ref.key !== undefined) {
        const keyState = t(keys.has(ref.key) ? 'hover.keyExists' : 'hover.keyMissing', o.locale);
        out.push(
          t(msg(isSecret ? 'hover.secretFound' : 'hover.configMapFound', { name: md(ref.name), where: where(target), key: md(ref.key), keyState }), o.locale),
        );
      } else {
        out.push(
          t(msg(isSecret ? 'hover.secretFoundNoKey' : 'hover.configMapFoundNoKey', { name: md(ref.name), where: where(target), count: keys.size }), o.locale),
        );
      }
    }
  }
  return out;
}

/** The Secret/ConfigMap reference the path is inside (env valueFrom, envFrom, volumes), if any. */
function refAt(res: Resource, path: Path): { kind: 'Secret' | 'ConfigMap'; name: string; key?: string } | undefined {
  const ps = podSpecOf(res);
  if (!ps) return undefined;
  const within = (prefix: Path) => prefix.length <= path.length && prefix.every((seg, i) => seg === path[i]);
  let best: PodRef | undefined;
  for (const r of podSpecRefs(ps.spec, ps.path)) {
    if (r.kind === 'PersistentVolumeClaim' || !within(r.namePath.slice(0, -1))) continue;
    // On a volume item's key, that key's reference; elsewhere in the holder, the first one.
    if (r.keyPath && within(r.keyPath.slice(0, -1))) return { kind: r.kind, name: r.name, key: r.key };
    best ??= r;
  }
  return best && best.kind !== 'PersistentVolumeClaim' ? { kind: best.kind, name: best.name, key: best.key } : undefined;
}

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof M> {}
}
