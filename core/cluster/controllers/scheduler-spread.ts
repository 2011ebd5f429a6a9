// kube-scheduler's PodTopologySpread plugin (pkg/scheduler/framework/plugins/podtopologyspread):
// a pod's topologySpreadConstraints (DoNotSchedule → filter, ScheduleAnyway → score), and, for a pod
// without any, the cluster's system default constraints (maxSkew 3 per hostname, 5 per zone, both
// ScheduleAnyway) over the pods selected by the Services, ReplicationControllers, ReplicaSets and
// StatefulSets that select it (helper.DefaultSelector) — which is why a ReplicaSet's pods spread
// over the nodes even without requests.
import type { Cluster } from '../cluster';
import { controllerOf, type KObject } from '../store';
import { selectorMatches } from '../../k8s/labels';
import { isObj } from '../../k8s/guards';
import type { TopologySpreadConstraint } from '../../k8s/types';
import type { Count, PodIndex } from './scheduler-index';

export const HOSTNAME = 'kubernetes.io/hostname';
export const ZONE = 'topology.kubernetes.io/zone';
export const ERR_SPREAD = "node(s) didn't match pod topology spread constraints";
export const ERR_SPREAD_LABEL = `${ERR_SPREAD} (missing required label)`;

const SYSTEM_DEFAULTS = [
  { maxSkew: 3, topologyKey: HOSTNAME },
  { maxSkew: 5, topologyKey: ZONE },
];

export interface Constraint {
  maxSkew: number;
  key: string;
  hard: boolean;
  selector: unknown;
  minDomains: number;
  /** Matching pods per domain (value of `key`). */
  counts: Map<string, Count>;
  /** The incoming pod matches the selector itself (it will count once placed). */
  self: boolean;
  /** DoNotSchedule: the smallest count over the eligible domains (0 when fewer than minDomains). */
  min: number;
}

export interface SpreadState {
  constraints: Constraint[];
  systemDefaulted: boolean;
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** helper.DefaultSelector: the union of what selects the pod; undefined when nothing does. */
export function defaultSelector(c: Cluster, pod: KObject): unknown {
  const ns = pod.metadata.namespace ?? 'default';
  const labels = pod.metadata.labels ?? {};
  const matchLabels: Record<string, string> = {};
  const matchExpressions: unknown[] = [];
  let any = false;
  for (const kind of ['Service', 'ReplicationController']) {
    for (const o of c.list(kind, ns)) {
      const sel = o.spec?.selector;
      if (sel && typeof sel === 'object' && selectorMatches(sel, labels, true)) {
        Object.assign(matchLabels, sel);
        any = true;
      }
    }
  }
  for (const kind of ['ReplicaSet', 'StatefulSet']) {
    for (const o of c.list(kind, ns)) {
      const sel = o.spec?.selector;
      if (!sel || typeof sel !== 'object' || !selectorMatches(sel, labels)) continue;
      if (!Object.keys(sel.matchLabels ?? {}).length && !list(sel.matchExpressions).length) continue;
      Object.assign(matchLabels, sel.matchLabels ?? {});
      matchExpressions.push(...list(sel.matchExpressions));
      any = true;
    }
  }
  if (!any) return undefined;
  return matchExpressions.length ? { matchLabels, matchExpressions } : { matchLabels };
}

/**
 * defaultSelector, remembered per controller (its pods share their template's labels) until a
 * Service, ReplicationController, ReplicaSet or StatefulSet comes, goes or (a Service) changes.
 */
export class DefaultSelectors {
  private cache = new Map<string, unknown>();

  constructor(c: Cluster) {
    c.watch(['Service', 'ReplicationController', 'ReplicaSet', 'StatefulSet'], (ev) => {
      if (ev.type !== 'MODIFIED' || ev.object.kind === 'Service') this.cache.clear();
    });
  }

  readonly of = (c: Cluster, pod: KObject): unknown => {
    const owner = controllerOf(pod)?.uid;
    if (!owner) return defaultSelector(c, pod);
    if (!this.cache.has(owner)) this.cache.set(owner, defaultSelector(c, pod));
    return this.cache.get(owner);
  };
}

/** PreFilter + PreScore. `eligible` lists the nodes whose domains count (they pass the pod's node selector and affinity). */
export function spreadState(
  c: Cluster,
  index: PodIndex,
  pod: KObject,
  eligible: () => Record<string, string>[],
  selectorOf: (c: Cluster, pod: KObject) => unknown = defaultSelector,
): SpreadState | undefined {
  const ns = pod.metadata.namespace ?? 'default';
  const labels = pod.metadata.labels ?? {};
  const own = list(pod.spec?.topologySpreadConstraints).filter((t): t is TopologySpreadConstraint => isObj(t) && typeof t.topologyKey === 'string');
  let raw: { maxSkew: number; topologyKey: string; hard: boolean; selector: unknown; minDomains: number }[];
  let systemDefaulted = false;
  if (own.length) {
    raw = own.map((t) => ({
      maxSkew: Math.max(1, Number(t.maxSkew) || 1),
      topologyKey: t.topologyKey,
      hard: t.whenUnsatisfiable !== 'ScheduleAnyway',
      selector: withMatchLabelKeys(t.labelSelector ?? null, t.matchLabelKeys, labels),
      minDomains: Math.max(1, Number(t.minDomains) || 1),
    }));
  } else {
    const selector = selectorOf(c, pod);
    if (!selector) return undefined;
    systemDefaulted = true;
    raw = SYSTEM_DEFAULTS.map((d) => ({ maxSkew: d.maxSkew, topologyKey: d.topologyKey, hard: false, selector, minDomains: 1 }));
  }
  let domains: Map<string, Set<string>> | undefined;
  const constraints = raw.map((r): Constraint => {
    const counts = r.selector === null ? new Map<string, Count>() : index.perDomain([ns], r.selector, r.topologyKey);
    const self = r.selector !== null && selectorMatches(r.selector, labels);
    let min = 0;
    if (r.hard) {
      domains ??= eligibleDomains(
        eligible(),
        raw.filter((x) => x.hard).map((x) => x.topologyKey),
      );
      const values = domains.get(r.topologyKey) ?? new Set<string>();
      min = values.size < r.minDomains ? 0 : Math.min(...[...values].map((v) => counts.get(v)?.live ?? 0));
      if (!Number.isFinite(min)) min = 0;
    }
    return { maxSkew: r.maxSkew, key: r.topologyKey, hard: r.hard, selector: r.selector, minDomains: r.minDomains, counts, self, min };
  });
  return { constraints, systemDefaulted };
}

/** matchLabelKeys: the pod's own values of those keys join the selector (1.27+). */
function withMatchLabelKeys(selector: unknown, keys: unknown, labels: Record<string, string>): unknown {
  if (selector === null || !Array.isArray(keys) || !keys.length) return selector;
  const s = selector as { matchLabels?: Record<string, string>; matchExpressions?: unknown[] };
  const extra = keys.filter((k) => typeof k === 'string' && k in labels).map((k) => ({ key: k, operator: 'In', values: [labels[k]] }));
  return { ...s, matchExpressions: [...list(s.matchExpressions), ...extra] };
}

/** The domains of each key among nodes that carry every required key. */
function eligibleDomains(nodes: Record<string, string>[], keys: string[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>(keys.map((k) => [k, new Set()]));
  for (const l of nodes) {
    if (!keys.every((k) => k in l)) continue;
    for (const k of keys) out.get(k)!.add(l[k]);
  }
  return out;
}

/** The Filter for DoNotSchedule constraints. */
export function spreadFilter(s: SpreadState, nodeLabels: Record<string, string>): { reason: string; unresolvable: boolean } | undefined {
  for (const k of s.constraints) {
    if (!k.hard) continue;
    const v = nodeLabels[k.key];
    if (v === undefined) return { reason: ERR_SPREAD_LABEL, unresolvable: true };
    const skew = (k.counts.get(v)?.live ?? 0) + (k.self ? 1 : 0) - k.min;
    if (skew > k.maxSkew) return { reason: ERR_SPREAD, unresolvable: false };
  }
  return undefined;
}

/**
 * The Score over the feasible nodes' labels, normalised to 0–100 (fewer matching pods in the
 * node's domains = higher): ScheduleAnyway constraints (all of them when system-defaulted), each
 * weighted by log(number of domains + 2). Nodes missing a key of an explicit constraint score 0.
 */
export function spreadScores(s: SpreadState, feasible: { labels: Record<string, string> }[]): number[] {
  let soft = s.constraints;
  if (soft.some((k) => k.hard)) soft = soft.filter((k) => !k.hard);
  const n = feasible.length;
  const out = new Array<number>(n).fill(0);
  const m = soft.length;
  if (!m) return out;
  // One pass over the labels per constraint: each node's matching pods (-1: no such label), then the
  // constraint's weight from the domains seen (host names are unique per node: no need to count them).
  // Typed arrays: no holes, no boxing (this runs for every pod on every feasible node).
  const counts = new Int32Array(n * m);
  const weights = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const { key, counts: per } = soft[j];
    const seen = key === HOSTNAME ? undefined : new Domains();
    for (let i = 0; i < n; i++) {
      const v = feasible[i].labels[key];
      if (v === undefined) counts[i * m + j] = -1;
      else {
        counts[i * m + j] = per.get(v)?.live ?? 0;
        seen?.add(v);
      }
    }
    weights[j] = Math.log((seen ? seen.size : n) + 2);
  }
  const skews = new Float64Array(m);
  for (let j = 0; j < m; j++) skews[j] = soft[j].maxSkew - 1;
  let ignored: Uint8Array | undefined;
  let min = Infinity;
  let max = 0;
  for (let i = 0; i < n; i++) {
    let score = 0;
    let skip = false;
    for (let j = 0; j < m; j++) {
      const c = counts[i * m + j];
      if (c >= 0) score += c * weights[j] + skews[j];
      else if (!s.systemDefaulted) skip = true;
    }
    if (skip) {
      (ignored ??= new Uint8Array(n))[i] = 1;
      continue;
    }
    const r = Math.round(score);
    out[i] = r;
    if (r < min) min = r;
    if (r > max) max = r;
  }
  for (let i = 0; i < n; i++) out[i] = ignored?.[i] ? 0 : max === 0 ? 100 : Math.trunc((100 * (max + min - out[i])) / max);
  return out;
}

/** The distinct values of a topology key (a few zones): a short list, a Set past SMALL of them. */
class Domains {
  private few: string[] = [];
  private many: Set<string> | undefined;

  add(v: string): void {
    if (this.many) this.many.add(v);
    else if (!this.few.includes(v)) {
      if (this.few.length < SMALL) this.few.push(v);
      else (this.many = new Set(this.few)).add(v);
    }
  }

  get size(): number {
    return this.many ? this.many.size : this.few.length;
  }
}

const SMALL = 8;
