// kube-scheduler's NodeAffinity plugin: nodeSelector and required node affinity (the filter),
// preferred node affinity terms (the score), matched against a node's labels and fields.
import type { KObject } from '../store';
import { selectorMatches } from '../../k8s/labels';
import type { NodeSelectorRequirement, NodeSelectorTerm } from '../../k8s/types';

/** Whether nodeAffinityMatches reads the node at all (else every node matches). */
export function hasRequiredNodeAffinity(pod: KObject): boolean {
  const sel = pod.spec?.nodeSelector;
  if (sel && typeof sel === 'object' && Object.keys(sel).length) return true;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  return Array.isArray(terms) && terms.length > 0;
}

/** nodeSelector and required node affinity (the NodeAffinity filter). */
export function nodeAffinityMatches(pod: KObject, n: KObject): boolean {
  const sel = pod.spec?.nodeSelector;
  if (sel && typeof sel === 'object' && Object.keys(sel).length && !selectorMatches(sel, n.metadata.labels ?? {}, true)) return false;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!Array.isArray(terms) || !terms.length) return true;
  return terms.some((t: NodeSelectorTerm | null | undefined) => nodeTermMatches(t, n));
}

/** NodeAffinity's score: the summed weights of the preferred terms the node matches. */
export function preferredNodeAffinity(pod: KObject, n: KObject): number {
  const prefs = pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
  if (!Array.isArray(prefs)) return 0;
  let s = 0;
  for (const p of prefs) if (Number(p?.weight) > 0 && nodeTermMatches(p?.preference, n)) s += Number(p.weight);
  return s;
}

function nodeTermMatches(t: NodeSelectorTerm | null | undefined, n: KObject): boolean {
  const labels = n.metadata.labels ?? {};
  const fields: Record<string, string> = { 'metadata.name': n.metadata.name };
  const me = Array.isArray(t?.matchExpressions) ? t.matchExpressions : [];
  const mf = Array.isArray(t?.matchFields) ? t.matchFields : [];
  if (!me.length && !mf.length) return false;
  return me.every((r) => requirement(r, labels)) && mf.every((r) => requirement(r, fields));
}

/** `r` as a decoded manifest gives it (null, or no key, matches what `in` and indexing make of it: the key "undefined"). */
function requirement(r: NodeSelectorRequirement | null | undefined, src: Record<string, string>): boolean {
  const key = String(r?.key);
  const has = key in src;
  const v = src[key];
  const vals: string[] = Array.isArray(r?.values) ? r.values.map(String) : [];
  switch (r?.operator) {
    case 'In':
      return has && vals.includes(v);
    case 'NotIn':
      return !has || !vals.includes(v);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
      return has && Number(v) > Number(vals[0]);
    case 'Lt':
      return has && Number(v) < Number(vals[0]);
    default:
      return false;
  }
}
