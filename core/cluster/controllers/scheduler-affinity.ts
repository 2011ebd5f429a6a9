// kube-scheduler's InterPodAffinity plugin (pkg/scheduler/framework/plugins/interpodaffinity):
// required podAffinity / podAntiAffinity filter nodes, existing pods' required anti-affinity keeps
// the incoming pod out of their domains, and preferred terms score nodes by weight × matching pods
// in the node's domain. Counts come from the PodIndex, so a decision costs the terms, not the pods.
// The score is symmetric (scoring.go processExistingPod): a placed pod whose terms select the
// incoming pod adds to its own domain — its required affinity terms at hardPodAffinityWeight (1),
// its preferred affinity terms at +weight, its preferred anti-affinity terms at −weight.
import type { Cluster } from '../cluster';
import type { KObject } from '../store';
import type { LabelSelector, PodAffinityTerm, WeightedPodAffinityTerm } from '../../k8s/types';
import { selectorMatches } from '../../k8s/labels';
import type { Count, PodIndex, Term, WeightedTerm } from './scheduler-index';

/** kube-scheduler's default InterPodAffinityArgs.hardPodAffinityWeight. */
export const HARD_POD_AFFINITY_WEIGHT = 1;

export const ERR_EXISTING_ANTI = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ERR_AFFINITY = "node(s) didn't match pod affinity rules";
export const ERR_ANTI = "node(s) didn't match pod anti-affinity rules";

interface Weighted {
  term: Term;
  weight: number;
  counts: Map<string, Count>;
}

export interface AffinityState {
  /** `key\0value` domains the incoming pod must keep out of (existing pods' anti-affinity). */
  forbidden: Set<string>;
  forbiddenKeys: Set<string>;
  required: { term: Term; counts: Map<string, Count> }[];
  anti: { term: Term; counts: Map<string, Count> }[];
  /** No pod matches the required terms anywhere and the pod matches them itself: the first of a group may go anywhere. */
  firstOfGroup: boolean;
  preferred: Weighted[];
  /** `key\0value` domain → weight placed pods' terms that select the incoming pod add there (symmetry). */
  symmetric: Map<string, number>;
  symmetricKeys: Set<string>;
}

/** `v` if it is an array (its items as a decoded manifest gives them: each read is checked where it is used), else none. */
const list = <T = unknown>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

/** Resolves a PodAffinityTerm: its namespaces (undefined = all) default to the pod's own. */
export function resolveTerm(c: Cluster, pod: KObject, term: unknown): Term | undefined {
  if (!term || typeof term !== 'object') return undefined;
  const t = term as PodAffinityTerm;
  if (typeof t.topologyKey !== 'string' || !t.topologyKey) return undefined;
  const ns = pod.metadata.namespace ?? 'default';
  let namespaces: string[] | undefined = list(t.namespaces).map(String);
  const nsSel = t.namespaceSelector as LabelSelector | null | undefined;
  if (nsSel && typeof nsSel === 'object') {
    const empty = !Object.keys(nsSel.matchLabels ?? {}).length && !list(nsSel.matchExpressions).length;
    if (empty) namespaces = undefined;
    else for (const n of c.list('Namespace')) if (selectorMatches(nsSel, n.metadata.labels ?? {})) namespaces.push(n.metadata.name);
  } else if (!namespaces.length) namespaces = [ns];
  return { namespaces, selector: t.labelSelector ?? null, topologyKey: t.topologyKey };
}

/** Whether `term` (of some pod) selects the pod with these labels in namespace `ns`. */
export function termSelects(term: Term, ns: string, labels: Record<string, string>): boolean {
  if (term.namespaces && !term.namespaces.includes(ns)) return false;
  // A null labelSelector selects nothing (metav1.LabelSelectorAsSelector(nil) = Nothing).
  return term.selector !== null && selectorMatches(term.selector, labels);
}

/** The required anti-affinity terms of a pod (kept with it while it is held on a node). */
export function requiredAntiTerms(c: Cluster, pod: KObject): Term[] | undefined {
  const terms = list(pod.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution)
    .map((t) => resolveTerm(c, pod, t))
    .filter((t): t is Term => !!t);
  return terms.length ? terms : undefined;
}

/** The terms of a pod that score pods scheduled after it (kept with it while it is held on a node). */
export function scoringTerms(c: Cluster, pod: KObject): WeightedTerm[] | undefined {
  const pa = pod.spec?.affinity?.podAffinity;
  const paa = pod.spec?.affinity?.podAntiAffinity;
  const out: WeightedTerm[] = [];
  for (const t of list(pa?.requiredDuringSchedulingIgnoredDuringExecution)) {
    const term = resolveTerm(c, pod, t);
    if (term) out.push({ term, weight: HARD_POD_AFFINITY_WEIGHT });
  }
  for (const [src, sign] of [
    [pa, 1],
    [paa, -1],
  ] as const) {
    for (const w of list<WeightedPodAffinityTerm | null | undefined>(src?.preferredDuringSchedulingIgnoredDuringExecution)) {
      const term = resolveTerm(c, pod, w?.podAffinityTerm);
      const weight = Number(w?.weight);
      if (term && Number.isFinite(weight) && weight) out.push({ term, weight: sign * weight });
    }
  }
  return out.length ? out : undefined;
}

/** PreFilter + PreScore: undefined when neither the pod nor any placed pod has (anti-)affinity that concerns it. */
export function affinityState(
  c: Cluster,
  index: PodIndex,
  pod: KObject,
  labelsOf: (node: string) => Record<string, string> | undefined,
): AffinityState | undefined {
  const pa = pod.spec?.affinity?.podAffinity;
  const paa = pod.spec?.affinity?.podAntiAffinity;
  if (!index.withAnti.size && !index.withScoring.size && !pa && !paa) return undefined;
  const ns = pod.metadata.namespace ?? 'default';
  const labels = pod.metadata.labels ?? {};
  const forbidden = new Set<string>();
  const forbiddenKeys = new Set<string>();
  for (const h of index.withAnti) {
    for (const t of h.anti!) {
      if (!termSelects(t, ns, labels)) continue;
      const v = labelsOf(h.node)?.[t.topologyKey];
      if (v === undefined) continue;
      forbidden.add(`${t.topologyKey}\u0000${v}`);
      forbiddenKeys.add(t.topologyKey);
    }
  }
  const counted = (t: Term) => ({ term: t, counts: index.perDomain(t.namespaces, t.selector, t.topologyKey) });
  const resolve = (v: unknown) =>
    list(v)
      .map((t) => resolveTerm(c, pod, t))
      .filter((t): t is Term => !!t);
  const required = resolve(pa?.requiredDuringSchedulingIgnoredDuringExecution).map(counted);
  const anti = resolve(paa?.requiredDuringSchedulingIgnoredDuringExecution).map(counted);
  const preferred: Weighted[] = [];
  for (const [src, sign] of [
    [pa, 1],
    [paa, -1],
  ] as const) {
    for (const w of list<WeightedPodAffinityTerm | null | undefined>(src?.preferredDuringSchedulingIgnoredDuringExecution)) {
      const t = resolveTerm(c, pod, w?.podAffinityTerm);
      const weight = Number(w?.weight);
      if (t && Number.isFinite(weight) && weight) preferred.push({ ...counted(t), weight: sign * weight });
    }
  }
  const symmetric = new Map<string, number>();
  const symmetricKeys = new Set<string>();
  for (const h of index.withScoring) {
    for (const { term, weight } of h.scoring!) {
      if (!termSelects(term, ns, labels)) continue;
      const v = labelsOf(h.node)?.[term.topologyKey];
      if (v === undefined) continue;
      const k = `${term.topologyKey}\u0000${v}`;
      symmetric.set(k, (symmetric.get(k) ?? 0) + weight);
      symmetricKeys.add(term.topologyKey);
    }
  }
  if (!forbidden.size && !required.length && !anti.length && !preferred.length && !symmetric.size) return undefined;
  const anyMatch = required.some((r) => [...r.counts.values()].some((x) => x.all > 0));
  const firstOfGroup = required.length > 0 && !anyMatch && required.every((r) => termSelects(r.term, ns, labels));
  return { forbidden, forbiddenKeys, required, anti, firstOfGroup, preferred, symmetric, symmetricKeys };
}

/** The Filter (affinity, then anti-affinity, then existing pods' anti-affinity, as kube-scheduler checks them): why the node cannot take the pod, or undefined. `unresolvable` as kube-scheduler's status code says. */
export function affinityFilter(s: AffinityState, nodeLabels: Record<string, string>): { reason: string; unresolvable: boolean } | undefined {
  if (!s.firstOfGroup) {
    for (const r of s.required) {
      const v = nodeLabels[r.term.topologyKey];
      if (v === undefined || !(r.counts.get(v)?.all ?? 0)) return { reason: ERR_AFFINITY, unresolvable: true };
    }
  }
  for (const r of s.anti) {
    const v = nodeLabels[r.term.topologyKey];
    if (v !== undefined && (r.counts.get(v)?.all ?? 0) > 0) return { reason: ERR_ANTI, unresolvable: false };
  }
  for (const k of s.forbiddenKeys) {
    const v = nodeLabels[k];
    if (v !== undefined && s.forbidden.has(`${k}\u0000${v}`)) return { reason: ERR_EXISTING_ANTI, unresolvable: false };
  }
  return undefined;
}

/** Whether the Score has anything to add (PreScore's topologyScore is not empty). */
export function affinityScores(s: AffinityState | undefined): boolean {
  return !!s && (s.preferred.length > 0 || s.symmetric.size > 0);
}

/**
 * The Score before normalisation: Σ weight × matching pods in the node's domain (anti-affinity
 * weights are negative), plus what placed pods' terms selecting this pod add to the node's domains.
 */
export function affinityRawScore(s: AffinityState, nodeLabels: Record<string, string>): number {
  let score = 0;
  for (const p of s.preferred) {
    const v = nodeLabels[p.term.topologyKey];
    if (v !== undefined) score += p.weight * (p.counts.get(v)?.all ?? 0);
  }
  for (const k of s.symmetricKeys) {
    const v = nodeLabels[k];
    if (v !== undefined) score += s.symmetric.get(`${k}\u0000${v}`) ?? 0;
  }
  return score;
}
