// Label selectors that pick the wrong pods across the workspace: two controllers in one namespace
// whose selectors take the same pods (the blue-green and canary hazard; a Service spanning both
// is fine), and pod (anti-)affinity or topology spread selectors that match no pod template.
import type { MessageIds, Path } from '../manifest/types';
import { rangeOf, type Resource } from '../manifest/parse';
import { defineMessages, msgOf } from '../i18n/index';
import { formatSelector, isEmptySelector, selectorMatches } from '../k8s/labels';
import { nsOf, isBuiltinResource } from '../k8s/identity';
import { getAt, podSpecOf } from '../k8s/podspec';
import type { RuleContext, RuleMeta, RuleModule } from './types';
import { refIndex, type PodSource } from './refs-index';
import { plainReqs, selectorReqs } from './label-index';
import { asArray, fieldPath, formatLabels, isObj, objOf, show } from './util';

const messages = defineMessages({
  'selector-overlap': {
    en: '{kind} "{name}" selects the pods of {otherKind} "{other}" too (its template labels {labels} match selector {selector}): two controllers in namespace "{namespace}" would fight over the same pods, adopting, scaling and deleting each other\'s. Give each controller a label the other does not select (e.g. track: stable / track: canary); a Service may still span both.',
    zh: '{kind} "{name}" 也选中了 {otherKind} "{other}" 的 Pod（它的模板标签 {labels} 符合 selector {selector}）：命名空间 "{namespace}" 里两个控制器会争抢同一批 Pod，互相收养、扩缩、删除对方的 Pod。请给每个控制器加一个对方不选的标签（例如 track: stable / track: canary）；Service 仍然可以同时选中两者。',
  },
  'selector-overlap.related': { en: '{kind} "{name}" makes pods with these labels', zh: '{kind} "{name}" 创建的 Pod 带有这些标签' },
  'analogy.selector-overlap': {
    en: "Two head managers are given the same door sign to look for: each counts the other's rooms as its own, and they keep emptying and refilling them.",
    zh: '两个总管理员拿到的是同一块门牌：都把对方的房间算成自己的，于是不停地清空、再住满。',
  },
  'affinity-selects-nothing': {
    en: '{field}: the label selector {selector} matches no pod template in namespace(s) {namespaces} in the workspace, so this {what} has nothing to act on{effect}. Check the labels against the pods you mean.',
    zh: '{field}：标签选择器 {selector} 在工作区的命名空间 {namespaces} 中没有匹配任何 Pod 模板，所以这条{whatZh}没有作用对象{effectZh}。请对照你想选的 Pod 检查标签。',
  },
  'analogy.affinity-selects-nothing': {
    en: 'Asking to be housed next to (or away from) a roommate who lives in no room on campus: the wish can never be checked.',
    zh: '要求住在某位舍友旁边（或远离他），可校园里根本没有这位舍友：这个要求无从谈起。',
  },
});

const msg = msgOf(messages);

/** Controllers that keep pods by selector (Jobs' selectors are generated, so they cannot overlap by mistake). */
const CONTROLLERS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ReplicationController']);

function controllerSelector(res: Resource): { selector: Record<string, unknown>; plain: boolean } | undefined {
  if (!CONTROLLERS.has(res.kind) || !isBuiltinResource(res)) return undefined;
  if (asArray(objOf(res.obj.metadata).ownerReferences).length) return undefined; // a ReplicaSet its Deployment made
  const sel = objOf(res.obj.spec).selector;
  if (res.kind === 'ReplicationController') return isObj(sel) && Object.keys(sel).length ? { selector: sel, plain: true } : undefined;
  return isObj(sel) && !isEmptySelector(sel) ? { selector: sel, plain: false } : undefined;
}

function checkOverlap(res: Resource, ctx: RuleContext): void {
  const own = controllerSelector(res);
  if (!own) return;
  const ns = nsOf(res);
  const reqs = own.plain ? plainReqs(own.selector, String) : selectorReqs(own.selector);
  for (const s of refIndex(ctx.ws).labelIndex(ns).candidates(reqs)) {
    if (s.res === res || !controllerSelector(s.res) || !Object.keys(s.labels).length) continue;
    if (s.res.kind === res.kind && s.res.name === res.name) continue; // duplicate-resource speaks there
    if (!selectorMatches(own.selector, s.labels, own.plain)) continue;
    const path: Path = ['spec', 'selector'];
    ctx.report(
      'selector-overlap',
      res,
      path,
      msg('selector-overlap', {
        kind: res.kind,
        name: res.name ?? '?',
        otherKind: s.res.kind,
        other: s.res.name ?? '?',
        labels: formatLabels(s.labels),
        selector: show(formatSelector(own.selector, own.plain), 120),
        namespace: ns,
      }),
      {
        part: 'key',
        related: [
          {
            uri: s.res.uri,
            range: rangeOf(s.res, s.labelsPath, 'key'),
            message: msg('selector-overlap.related', { kind: s.res.kind, name: s.res.name ?? '?' }),
          },
        ],
        data: { other: s.res.name ?? '', namespace: ns },
      },
    );
    return; // one per controller: the first overlap is enough to act on
  }
}

interface SelectorSite {
  path: Path;
  selector: Record<string, unknown>;
  /** Namespaces the selector looks in; undefined when a namespaceSelector makes it unknowable. */
  namespaces: string[] | 'all' | undefined;
  what: 'affinity' | 'anti-affinity' | 'spread';
  required: boolean;
}

function selectorSites(res: Resource): SelectorSite[] {
  const ps = podSpecOf(res);
  if (!ps) return [];
  const out: SelectorSite[] = [];
  const ns = nsOf(res);
  for (const [key, what] of [
    ['podAffinity', 'affinity'],
    ['podAntiAffinity', 'anti-affinity'],
  ] as const) {
    const a = getAt(ps.spec, ['affinity', key]);
    if (!isObj(a)) continue;
    const terms: [Path, unknown, boolean][] = [];
    asArray(a.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => terms.push([['requiredDuringSchedulingIgnoredDuringExecution', i], t, true]));
    asArray(a.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) =>
      terms.push([['preferredDuringSchedulingIgnoredDuringExecution', i, 'podAffinityTerm'], isObj(t) ? t.podAffinityTerm : undefined, false]),
    );
    for (const [rel, term, required] of terms) {
      if (!isObj(term) || !isObj(term.labelSelector)) continue;
      let namespaces: SelectorSite['namespaces'] = [ns];
      if (Array.isArray(term.namespaces) && term.namespaces.length) namespaces = term.namespaces.map(String);
      if (isObj(term.namespaceSelector)) namespaces = isEmptySelector(term.namespaceSelector) ? 'all' : undefined;
      out.push({ path: [...ps.path, 'affinity', key, ...rel, 'labelSelector'], selector: term.labelSelector, namespaces, what, required });
    }
  }
  asArray(ps.spec.topologySpreadConstraints).forEach((c, i) => {
    if (isObj(c) && isObj(c.labelSelector))
      out.push({
        path: [...ps.path, 'topologySpreadConstraints', i, 'labelSelector'],
        selector: c.labelSelector,
        namespaces: [ns],
        what: 'spread',
        required: false,
      });
  });
  return out;
}

/** The label keys a LabelSelector names (matchLabels and matchExpressions). */
function selectorKeys(selector: Record<string, unknown>): string[] {
  const keys = [
    ...Object.keys(isObj(selector.matchLabels) ? selector.matchLabels : {}),
    ...asArray(selector.matchExpressions).map((r) => (isObj(r) ? r.key : '')),
  ];
  return keys.filter((k): k is string => typeof k === 'string');
}

/** Whether a pod source can carry labels the selector wants: its own labels, or a label its controller adds under one of `keys`. */
function sourceMatches(selector: Record<string, unknown>, keys: readonly string[], s: PodSource): boolean {
  if (keys.some((k) => k in s.implicit && !(k in s.labels))) return true;
  return selectorMatches(selector, s.labels);
}

const WHAT = {
  affinity: { en: 'pod affinity term', zh: ' Pod 亲和性规则' },
  'anti-affinity': { en: 'pod anti-affinity term', zh: ' Pod 反亲和性规则' },
  spread: { en: 'topology spread constraint', zh: '拓扑分布约束' },
};

function checkAffinity(res: Resource, ctx: RuleContext): void {
  const sites = selectorSites(res);
  if (!sites.length) return;
  const idx = refIndex(ctx.ws);
  for (const site of sites) {
    if (site.namespaces === undefined || isEmptySelector(site.selector)) continue;
    // Unevaluable selectors (wrong operator, non-string values) are the schema's matter.
    if (
      asArray(site.selector.matchExpressions).some(
        (r) => !isObj(r) || typeof r.operator !== 'string' || !['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(r.operator),
      )
    )
      continue;
    // Candidates by label; a label a controller adds counts wherever its key appears in the selector (see sourceMatches).
    const reqs = selectorReqs(site.selector);
    const keys = selectorKeys(site.selector);
    const pools = site.namespaces === 'all' ? [idx.labelIndex()] : site.namespaces.map((n) => idx.labelIndex(n));
    if (pools.some((p) => p.candidates(reqs, keys).some((s) => sourceMatches(site.selector, keys, s)))) continue;
    const pending = site.required && site.what === 'affinity';
    ctx.report(
      'affinity-selects-nothing',
      res,
      site.path,
      msg('affinity-selects-nothing', {
        field: fieldPath(site.path),
        selector: show(formatSelector(site.selector) || '{}', 120),
        namespaces: site.namespaces === 'all' ? '*' : site.namespaces.join(', '),
        what: WHAT[site.what].en,
        whatZh: WHAT[site.what].zh,
        effect: pending ? ' (a required affinity to pods that never exist leaves these pods Pending: FailedScheduling)' : '',
        effectZh: pending ? '（必须满足的亲和性指向永远不存在的 Pod，这些 Pod 会一直 Pending：FailedScheduling）' : '',
      }),
      { part: 'key' },
    );
  }
}

const rules = [
  {
    code: 'selector-overlap',
    severity: 'warning',
    crossResource: true,
    title: { en: 'Two controllers select the same pods', zh: '两个控制器选中了同一批 Pod' },
  },
  {
    code: 'affinity-selects-nothing',
    severity: 'warning',
    crossResource: true,
    title: { en: 'Affinity or spread selector matches no pod template', zh: '亲和性或拓扑分布的选择器没有匹配任何 Pod 模板' },
  },
] as const satisfies readonly RuleMeta[];

/** The codes this module reports. */
export type SelectionCode = (typeof rules)[number]['code'];

export const selectionRules: RuleModule = {
  rules,
  check(res, ctx) {
    if (!isObj(res.obj)) return;
    checkOverlap(res, ctx);
    checkAffinity(res, ctx);
  },
};

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof messages> {}
}
