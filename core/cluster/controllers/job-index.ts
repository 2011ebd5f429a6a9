// Indexed Jobs (pkg/controller/job/indexed_job_utils.go, success_policy.go): the completion index of
// a pod, the pod the controller makes for an index, the `0-2,4` interval strings of
// status.completedIndexes / status.failedIndexes / successPolicy.rules[].succeededIndexes, and
// backoffLimitPerIndex (each index retried on its own; it fails once it fails more than the limit).
import type { KObject } from '../store';

export const INDEX_KEY = 'batch.kubernetes.io/job-completion-index';
/** On a replacement pod: how many failures of its index counted so far (JobIndexFailureCountAnnotation). */
export const FAILURE_COUNT_KEY = 'batch.kubernetes.io/job-index-failure-count';

/** A pod's completion index (Indexed Jobs), or −1. */
export function indexOf(p: KObject): number {
  const v = p.metadata.annotations?.[INDEX_KEY];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : -1;
}

/** What the Job controller adds to an Indexed Job's pod: name JOB-INDEX-SUFFIX, the index annotation and label, hostname, JOB_COMPLETION_INDEX. */
export function withIndex(pod: KObject, job: string, index: number, failures?: number): void {
  pod.metadata.generateName = `${job}-${index}-`;
  pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), [INDEX_KEY]: String(index) };
  if (failures !== undefined) pod.metadata.annotations[FAILURE_COUNT_KEY] = String(failures);
  pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [INDEX_KEY]: String(index) };
  pod.spec.hostname ??= `${job}-${index}`;
  const env = { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${INDEX_KEY}']` } } };
  for (const c of [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])])
    if (c && typeof c === 'object') c.env = [...(Array.isArray(c.env) ? c.env : []), env];
}

/** `0-2,4` from indexes, as status.completedIndexes and status.failedIndexes write them. */
export function ranges(set: Iterable<number>): string {
  const xs = [...set].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < xs.length; i++) {
    let j = i;
    while (j + 1 < xs.length && xs[j + 1] === xs[j] + 1) j++;
    out.push(j > i ? `${xs[i]}-${xs[j]}` : String(xs[i]));
    i = j;
  }
  return out.join(',');
}

/** The indexes below `completions` named by `0-2,4` (parseIndexesFromString); none when the text is malformed. */
export function parseRanges(text: unknown, completions: number): number[] {
  if (typeof text !== 'string') return [];
  const out: number[] = [];
  for (const part of text.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) return [];
    const first = Number(m[1]);
    const last = m[2] === undefined ? first : Number(m[2]);
    if (last < first) return [];
    for (let i = first; i <= Math.min(last, completions - 1); i++) out.push(i);
  }
  return out;
}

/**
 * successPolicy (matchSuccessPolicy): the first rule the succeeded indexes meet — all of its
 * succeededIndexes, or succeededCount of them (of all indexes when it names none) — gives the
 * SuccessCriteriaMet message, `Matched rules at index N`.
 */
/** spec.successPolicy as a decoded manifest gives it (client-node's models predate it): any field may be missing or wrong. */
export interface SuccessPolicy {
  rules?: unknown;
}
interface SuccessPolicyRule {
  succeededIndexes?: unknown;
  succeededCount?: unknown;
}

export function matchSuccessPolicy(policy: SuccessPolicy | undefined, completions: number, succeeded: Set<number>): string | undefined {
  const rules = (Array.isArray(policy?.rules) ? policy.rules : []) as (SuccessPolicyRule | null | undefined)[];
  if (!succeeded.size) return undefined;
  for (const [index, rule] of rules.entries()) {
    const count = typeof rule?.succeededCount === 'number' ? rule.succeededCount : undefined;
    if (rule?.succeededIndexes !== undefined && rule?.succeededIndexes !== null) {
      const required = parseRanges(rule.succeededIndexes, completions);
      if (!required.length) continue;
      const contains = required.filter((i) => succeeded.has(i)).length;
      if (contains === required.length || (count !== undefined && contains >= count)) return `Matched rules at index ${index}`;
    } else if (count !== undefined && succeeded.size >= count) return `Matched rules at index ${index}`;
  }
  return undefined;
}

/** Counted failures per index, and the indexes that failed for good: over backoffLimitPerIndex, or a FailIndex rule matched. */
export function failedIndexes(
  counted: KObject[],
  failIndex: Set<number>,
  limit: number,
  succeeded: Set<number>,
): { perIndex: Map<number, KObject[]>; failed: Set<number> } {
  const perIndex = new Map<number, KObject[]>();
  for (const p of counted) {
    const i = indexOf(p);
    if (i < 0) continue;
    const list = perIndex.get(i);
    if (list) list.push(p);
    else perIndex.set(i, [p]);
  }
  const failed = new Set([...failIndex].filter((i) => i >= 0));
  for (const [i, list] of perIndex) if (list.length > limit) failed.add(i);
  for (const i of succeeded) failed.delete(i);
  return { perIndex, failed };
}
