// An inverted index of pod sources by label, so a cross-resource rule finds the pods a selector may
// pick without comparing every workload with every other (a workspace of n workloads is linted in
// O(n) selector look-ups, not O(n²) comparisons).
import { isObj } from '../k8s/guards';
import type { PodSource } from './refs-index';

/**
 * One label requirement a selector cannot be satisfied without: the key with one of `values`, or
 * the key with any value when `values` is undefined (Exists).
 */
export interface LabelReq {
  key: string;
  values?: readonly string[];
}

const pair = (k: string, v: string): string => `${k}\u0000${v}`;

/** The pod sources of one namespace (or of all of them), indexed by label. */
export class LabelIndex {
  private readonly order = new Map<PodSource, number>();
  private readonly byPair = new Map<string, PodSource[]>();
  private readonly byKey = new Map<string, PodSource[]>();
  private readonly byImplicitKey = new Map<string, PodSource[]>();

  constructor(readonly all: readonly PodSource[]) {
    const push = (m: Map<string, PodSource[]>, k: string, s: PodSource) => {
      const list = m.get(k);
      if (list) list.push(s);
      else m.set(k, [s]);
    };
    all.forEach((s, i) => {
      this.order.set(s, i);
      for (const [k, v] of Object.entries(s.labels)) {
        push(this.byPair, pair(k, v), s);
        push(this.byKey, k, s);
      }
      for (const k of Object.keys(s.implicit)) push(this.byImplicitKey, k, s);
    });
  }

  /** Sources whose own labels satisfy `req`, one list per value it accepts. */
  private sourcesOf(req: LabelReq): PodSource[][] {
    if (req.values === undefined) return [this.byKey.get(req.key) ?? []];
    return [...new Set(req.values)].map((v) => this.byPair.get(pair(req.key, v)) ?? []);
  }

  /**
   * A superset of the sources that satisfy every requirement of `reqs`, in the index's order: those
   * whose own labels satisfy the most selective one, and those whose controller adds a label under
   * one of `implicitKeys` (for matchers that take such a label in place of the source's own). The
   * caller still applies its own matcher. With no requirement, every source.
   */
  candidates(reqs: readonly LabelReq[], implicitKeys: readonly string[] = []): readonly PodSource[] {
    let best: PodSource[][] | undefined;
    let bestSize = Infinity;
    for (const r of reqs) {
      const lists = this.sourcesOf(r);
      const size = lists.reduce((n, l) => n + l.length, 0);
      if (size < bestSize) [best, bestSize] = [lists, size];
      if (size === 0) break;
    }
    if (!best) return this.all; // nothing narrows: everything may match
    const lists = [...best, ...implicitKeys.map((k) => this.byImplicitKey.get(k) ?? [])].filter((l) => l.length);
    if (lists.length <= 1) return lists[0] ?? [];
    return [...new Set(lists.flat())].sort((a, b) => this.order.get(a)! - this.order.get(b)!);
  }
}

/** The requirements of a Service-style selector (a plain map whose entries must all match), values as `text` writes them. */
export function plainReqs(selector: Record<string, unknown>, text: (v: unknown) => string): LabelReq[] {
  return Object.entries(selector).map(([key, v]) => ({ key, values: [text(v)] }));
}

/**
 * The positive requirements of a LabelSelector (matchLabels, `In`, `Exists`): a source that misses
 * one of them is never selected. `NotIn` and `DoesNotExist` narrow nothing and are left to the matcher.
 */
export function selectorReqs(selector: Record<string, unknown>): LabelReq[] {
  const out: LabelReq[] = [];
  const ml = selector.matchLabels;
  if (isObj(ml)) for (const [key, v] of Object.entries(ml)) out.push({ key, values: [String(v)] });
  const me = selector.matchExpressions;
  if (Array.isArray(me))
    for (const r of me) {
      if (!isObj(r)) continue;
      const { key, operator, values } = r;
      if (typeof key !== 'string') continue;
      if (operator === 'In') out.push({ key, values: Array.isArray(values) ? values.map(String) : [] });
      else if (operator === 'Exists') out.push({ key });
    }
  return out;
}
