// The default scheduler (kube-scheduler 1.29's default plugins, reduced to what a learner sees).
// Filters: NodeUnschedulable, TaintToleration, node readiness, NodeAffinity (nodeSelector and
// required node affinity), NodeResourcesFit, VolumeBinding, InterPodAffinity, PodTopologySpread (FILTERS below,
// in kube-scheduler's order; a new one is one more entry). Scores, weighted as the default profile
// weighs them: NodeResourcesFit LeastAllocated (1, with the non-zero defaults 100m/200Mi for pods
// without requests) and BalancedAllocation (1), NodeAffinity preferred terms (2), InterPodAffinity
// preferred terms, the pod's and placed pods' that select it (2), PodTopologySpread (2, with the system default constraints). Ties: the seeded
// random source, as the real scheduler samples among equal scores. No fit → Pending with a
// FailedScheduling event worded like Kubernetes 1.29, preemption sentence included.
import type { Cluster, Controller } from '../cluster';
import { podRequests } from '../defaults';
import { isTerminal, tolerates } from '../podutil';
import { objKey, type KObject } from '../store';
import { parseQuantity } from '../../k8s/quantity';
import { bindDelayedClaims, volumeBindingFailure, volumeFilter, volumeState, type VolumeState } from './volume-binding';
import type { NodeCondition, PodCondition, PodSpec, Taint } from '../../k8s/types';
import { hasRequiredNodeAffinity, nodeAffinityMatches, preferredNodeAffinity } from './scheduler-nodeaffinity';

export { nodeAffinityMatches };
import { DEFAULT_MEMORY, DEFAULT_MILLI_CPU, PodIndex, type Held, type Usage } from './scheduler-index';
import {
  affinityFilter,
  affinityRawScore,
  affinityScores,
  affinityState,
  ERR_AFFINITY,
  requiredAntiTerms,
  scoringTerms,
  type AffinityState,
} from './scheduler-affinity';
import { DefaultSelectors, ERR_SPREAD, spreadFilter, spreadScores, spreadState, type SpreadState } from './scheduler-spread';

/** What one scheduling attempt knows about the pod (kube-scheduler's CycleState). */
export interface Cycle {
  pod: KObject;
  req: { cpu: number; memory: number };
  nz: { cpu: number; memory: number };
  affinity?: AffinityState;
  spread?: SpreadState;
  volumes?: VolumeState;
}

/** Why a node cannot take the pod; `unresolvable` (UnschedulableAndUnresolvable) says preemption would not help. */
export interface Rejection {
  reasons: string[];
  unresolvable: boolean;
}

/** A Filter plugin: undefined when the node fits. */
export type Filter = (cycle: Cycle, n: NodeFacts) => Rejection | undefined;
/** A pod-level check before any node is looked at (PreFilter): the message of a failure, or undefined. */
export type PreFilter = (c: Cluster, pod: KObject, nodes: KObject[]) => string | undefined;

const reject = (reason: string, unresolvable: boolean): Rejection => ({ reasons: [reason], unresolvable });

/** Volumes (the VolumeBinding plugin's PreFilter): every claim exists and is bound. */
const volumeBinding: PreFilter = (c, pod, nodes) => {
  const why = volumeBindingFailure(c, pod);
  return why && `0/${nodes.length} nodes are available: ${why}.`;
};

export const PRE_FILTERS: PreFilter[] = [volumeBinding];

const nodeReady: Filter = (cy, f) => {
  if (!f.unschedulable && !f.taints.length) return f.ready ? undefined : reject('node(s) were not ready', true);
  const tol = cy.pod.spec?.tolerations;
  if (f.unschedulable && !tolerates(tol, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })) return reject('node(s) were unschedulable', true);
  for (const t of f.taints) if (!tolerates(tol, t)) return reject(`node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`, true);
  if (!f.ready) return reject('node(s) were not ready', true);
  return undefined;
};
const nodeAffinity: Filter = (cy, f) => (nodeAffinityMatches(cy.pod, f.node) ? undefined : reject("node(s) didn't match Pod's node affinity/selector", true));
const resourcesFit: Filter = (cy, f) => {
  const { a: alloc, usage: u } = f;
  const pods = u.pods + 1 > alloc.pods;
  const cpu = cy.req.cpu > 0 && u.cpu + cy.req.cpu > alloc.cpu + 1e-9;
  const memory = cy.req.memory > 0 && u.memory + cy.req.memory > alloc.memory;
  if (!pods && !cpu && !memory) return undefined;
  const out: string[] = [];
  if (pods) out.push('Too many pods');
  if (cpu) out.push('Insufficient cpu');
  if (memory) out.push('Insufficient memory');
  return { reasons: out, unresolvable: false };
};
const volumes: Filter = (cy, f) => {
  const r = cy.volumes && volumeFilter(cy.volumes, f.labels);
  return r ? reject(r, true) : undefined;
};
const podAffinity: Filter = (cy, f) => {
  const r = cy.affinity && affinityFilter(cy.affinity, f.labels);
  return r && reject(r.reason, r.unresolvable);
};
const topologySpread: Filter = (cy, f) => {
  const r = cy.spread && spreadFilter(cy.spread, f.labels);
  return r && reject(r.reason, r.unresolvable);
};

export const FILTERS: Filter[] = [nodeReady, nodeAffinity, resourcesFit, volumes, podAffinity, topologySpread];

/**
 * The filters that can reject a node in this cycle, in FILTERS' order: one whose answer is known to
 * be "fits" for the pod (no node selector or required node affinity, no volumes to bind, no pod
 * affinity state, no DoNotSchedule constraint) is left out of the per-node loop. A filter not listed
 * here always runs.
 */
const NEEDED = new Map<Filter, (cy: Cycle) => boolean>([
  [nodeAffinity, (cy) => hasRequiredNodeAffinity(cy.pod)],
  [volumes, (cy) => !!cy.volumes],
  [podAffinity, (cy) => !!cy.affinity],
  [topologySpread, (cy) => !!cy.spread?.constraints.some((k) => k.hard)],
]);

function cycleFilters(cy: Cycle): Filter[] {
  return FILTERS.filter((f) => NEEDED.get(f)?.(cy) ?? true);
}

/** What the filters and scores read of a node, parsed once per resourceVersion (usage is live). */
export interface NodeFacts {
  node: KObject;
  rv: string;
  labels: Record<string, string>;
  a: { cpu: number; memory: number; pods: number };
  ready: boolean;
  unschedulable: boolean;
  /** Its NoSchedule and NoExecute taints, but the unschedulable one (spec.unschedulable stands for it). */
  taints: Taint[];
  usage: Usage;
}

export class Scheduler implements Controller {
  readonly name = 'scheduler';
  readonly index: PodIndex;
  private unschedulable = new Set<string>();
  /** Pending pods that a newly placed pod may help (required pod affinity, topology spread): kube-scheduler's AssignedPodAdd event requeues them. */
  private waitingForPods = new Set<string>();
  private lastMessage = new Map<string, string>();
  private nodesCache: KObject[] | undefined;
  private nodeLabels = new Map<string, Record<string, string>>();
  private nextStart = 0;
  /** Parsed allocatable per node, valid while the node's resourceVersion stays the same. */
  /** The facts of nodeList()'s nodes, by position (dropped with the list). */
  private nodeFacts: (NodeFacts | undefined)[] = [];

  private readonly labelsOf = (n: string) => this.nodeLabels.get(n);
  private readonly selectors: DefaultSelectors;

  constructor(private c: Cluster) {
    this.index = new PodIndex(this.labelsOf);
    this.selectors = new DefaultSelectors(c);
    c.setHook('scheduler', this);
    c.watch(['Pod'], (ev) => {
      const p = ev.object;
      const uid = p.metadata.uid;
      if (ev.type === 'DELETED' || isTerminal(p)) {
        if (this.index.remove(uid)) this.retryPending();
        this.unschedulable.delete(objKey(p));
        this.waitingForPods.delete(objKey(p));
        if (ev.type === 'DELETED') this.lastMessage.delete(uid);
        return;
      }
      if (p.spec?.nodeName) {
        const h = this.index.held.get(uid);
        if (!h) this.hold(p, p.spec.nodeName);
        else if (!sameLabels(h.labels, p.metadata.labels)) {
          this.index.remove(uid);
          this.hold(p, p.spec.nodeName);
          this.retryPending();
        } else if (p.metadata.deletionTimestamp && !h.terminating) {
          this.index.markTerminating(uid);
          this.retryPending();
        }
        return;
      }
      if (!p.metadata.deletionTimestamp) c.enqueue(this, objKey(p));
    });
    c.watch(['Node'], (ev) => {
      const n = ev.object;
      if (ev.type !== 'MODIFIED') {
        this.nodesCache = undefined;
        this.nodeFacts = [];
      }
      const before = this.nodeLabels.get(n.metadata.name);
      if (ev.type === 'DELETED') this.nodeLabels.delete(n.metadata.name);
      else this.nodeLabels.set(n.metadata.name, { ...(n.metadata.labels ?? {}) });
      if (before && !sameLabels(before, n.metadata.labels)) this.index.nodesRelabelled();
      this.retryPending();
    });
    c.watch(['PersistentVolumeClaim'], (ev) => {
      if (ev.type !== 'DELETED') this.retryPending();
    });
  }

  private retryPending(): void {
    for (const k of this.unschedulable) this.c.enqueue(this, k);
  }

  /** `cycle`: the scheduling attempt that just placed `p` (its requests are already known). */
  private hold(p: KObject, node: string, cycle?: Cycle): void {
    const r = cycle?.req ?? podRequests(p.spec);
    const nz = cycle?.nz ?? nonZero(p.spec);
    const h: Held = {
      uid: p.metadata.uid,
      node,
      ns: p.metadata.namespace ?? 'default',
      labels: { ...(p.metadata.labels ?? {}) },
      cpu: r.cpu,
      memory: r.memory,
      nzCpu: nz.cpu,
      nzMemory: nz.memory,
      terminating: !!p.metadata.deletionTimestamp,
      anti: p.spec?.affinity?.podAntiAffinity ? requiredAntiTerms(this.c, p) : undefined,
      scoring: p.spec?.affinity?.podAffinity || p.spec?.affinity?.podAntiAffinity ? scoringTerms(this.c, p) : undefined,
    };
    this.index.add(h);
    for (const k of this.waitingForPods) this.c.enqueue(this, k);
  }

  usageOf(node: string): Usage {
    return this.index.usageOf(node);
  }

  sync(key: string): void {
    const [ns, name] = key.split('/');
    const pod = this.c.get('Pod', ns, name);
    if (!pod || pod.spec?.nodeName || pod.metadata.deletionTimestamp || isTerminal(pod)) {
      this.unschedulable.delete(key);
      this.waitingForPods.delete(key);
      return;
    }
    const nodes = this.nodeList();
    for (const pf of PRE_FILTERS) {
      const msg = pf(this.c, pod, nodes);
      if (msg) return this.fail(pod, key, `${msg} preemption: 0/${nodes.length} nodes are available: ${nodes.length} ${NOT_HELPFUL}..`);
    }
    const cycle: Cycle = {
      pod,
      req: podRequests(pod.spec),
      nz: nonZero(pod.spec),
      affinity: affinityState(this.c, this.index, pod, this.labelsOf),
      spread: spreadState(
        this.c,
        this.index,
        pod,
        () => nodes.filter((n) => nodeAffinityMatches(pod, n)).map((n) => n.metadata.labels ?? {}),
        this.selectors.of,
      ),
      volumes: volumeState(this.c, pod),
    };
    const reasons = new Map<string, number>();
    let unresolvable = 0;
    const feasible: NodeFacts[] = [];
    // Like kube-scheduler, stop filtering once enough feasible nodes are found
    // (numFeasibleNodesToFind), starting where the previous pod stopped.
    const want = feasibleNodesToFind(nodes.length);
    let processed = 0;
    const start = this.nextStart % Math.max(1, nodes.length);
    const filters = cycleFilters(cycle);
    for (let i = 0; i < nodes.length && feasible.length < want; i++) {
      const at = (start + i) % nodes.length;
      processed++;
      const f = this.facts(at, nodes[at]);
      const why = runFilters(filters, cycle, f);
      if (!why) {
        feasible.push(f);
        continue;
      }
      for (const w of why.reasons) reasons.set(w, (reasons.get(w) ?? 0) + 1);
      if (why.unresolvable) unresolvable++;
    }
    this.nextStart = (start + processed) % Math.max(1, nodes.length);
    if (!feasible.length) {
      if (reasons.has(ERR_AFFINITY) || reasons.has(ERR_SPREAD)) this.waitingForPods.add(key);
      return this.fail(pod, key, fitError(nodes.length, reasons, unresolvable));
    }
    const node = this.pick(cycle, feasible);
    if (cycle.volumes) bindDelayedClaims(this.c, cycle.volumes, node);
    this.bind(pod, key, node, cycle);
  }

  /** Runs the filters in order; the first that rejects the node answers (as kube-scheduler's framework does). */
  filter(cycle: Cycle, n: NodeFacts): Rejection | undefined {
    return runFilters(FILTERS, cycle, n);
  }

  /** The feasible node with the highest weighted score (ties: the seeded random source). */
  private pick(cy: Cycle, feasible: NodeFacts[]): KObject {
    if (feasible.length === 1) return feasible[0].node;
    const n = feasible.length;
    const total = new Array<number>(n);
    for (let i = 0; i < n; i++) total[i] = resourceScore(cy, feasible[i]);
    if (Array.isArray(cy.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution))
      addWeighted(total, normalizeMax(feasible.map((x) => preferredNodeAffinity(cy.pod, x.node))), 2);
    if (affinityScores(cy.affinity)) addWeighted(total, normalizeMinMax(feasible.map((x) => affinityRawScore(cy.affinity!, x.labels))), 2);
    if (cy.spread) addWeighted(total, spreadScores(cy.spread, feasible), 2);
    let best = 0;
    let ties = 1;
    for (let i = 1; i < n; i++) {
      if (total[i] > total[best]) {
        best = i;
        ties = 1;
      } else if (total[i] === total[best]) ties++;
    }
    if (ties === 1) return feasible[best].node;
    // Ties: the seeded random source picks among the best, in node order.
    let k = this.c.rng.int(ties);
    for (let i = best; i < n; i++) if (total[i] === total[best] && k-- === 0) return feasible[i].node;
    return feasible[best].node;
  }

  private bind(pod: KObject, key: string, node: KObject, cycle: Cycle): void {
    const { namespace: ns, name } = pod.metadata;
    this.unschedulable.delete(key);
    this.waitingForPods.delete(key);
    this.lastMessage.delete(pod.metadata.uid);
    pod.spec.nodeName = node.metadata.name;
    const st = (pod.status ??= {});
    st.phase = 'Pending';
    const conds = (st.conditions = (Array.isArray(st.conditions) ? st.conditions : []).filter((x: PodCondition) => x.type !== 'PodScheduled'));
    conds.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: this.c.iso() });
    this.hold(pod, node.metadata.name, cycle);
    this.c.recordEvent(
      pod,
      'Normal',
      'Scheduled',
      { node: node.metadata.name },
      `Successfully assigned ${ns}/${name} to ${node.metadata.name}`,
      'default-scheduler',
    );
    this.c.update(pod);
  }

  private nodeList(): KObject[] {
    return (this.nodesCache ??= this.c.list('Node'));
  }

  /** A node's facts (usage is live), valid while its resourceVersion stays the same. */
  private facts(at: number, n: KObject): NodeFacts {
    const hit = this.nodeFacts[at];
    if (hit && hit.node === n && hit.rv === n.metadata.resourceVersion) return hit;
    const f = {
      node: n,
      rv: n.metadata.resourceVersion,
      labels: n.metadata.labels ?? {},
      a: allocatable(n),
      ready: n.status?.conditions?.find((x: NodeCondition) => x.type === 'Ready')?.status === 'True',
      unschedulable: !!n.spec?.unschedulable,
      taints: (Array.isArray(n.spec?.taints) ? n.spec.taints : []).filter(
        (t: Taint | null | undefined) => (t?.effect === 'NoSchedule' || t?.effect === 'NoExecute') && t.key !== 'node.kubernetes.io/unschedulable',
      ),
      usage: this.usageOf(n.metadata.name),
    };
    this.nodeFacts[at] = f;
    return f;
  }

  private fail(pod: KObject, key: string, message: string): void {
    this.unschedulable.add(key);
    const st = (pod.status ??= {});
    const prev = this.lastMessage.get(pod.metadata.uid);
    if (prev === message && st.phase === 'Pending') return;
    this.lastMessage.set(pod.metadata.uid, message);
    st.phase = 'Pending';
    const conds = (st.conditions = (Array.isArray(st.conditions) ? st.conditions : []).filter((x: PodCondition) => x.type !== 'PodScheduled'));
    conds.push({ type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: this.c.iso(), reason: 'Unschedulable', message });
    this.c.recordEvent(pod, 'Warning', 'FailedScheduling', {}, message, 'default-scheduler');
    this.c.update(pod);
  }
}

const NO_VICTIMS = 'No preemption victims found for incoming pod';
const NOT_HELPFUL = 'Preemption is not helpful for scheduling';

/**
 * framework.FitError's message with the preemption plugin's (1.29, which ends it with two dots):
 * `0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod..`
 * Every pod has priority 0 here, so preemption finds no victim where it might help.
 */
function fitError(all: number, reasons: Map<string, number>, unresolvable: number): string {
  const parts = [...reasons.entries()].map(([r, n]) => `${n} ${r}`).sort();
  const pre = [unresolvable && `${unresolvable} ${NOT_HELPFUL}`, all - unresolvable && `${all - unresolvable} ${NO_VICTIMS}`]
    .filter(Boolean)
    .sort() as string[];
  return `0/${all} nodes are available${parts.length ? ': ' + parts.join(', ') : ''}. preemption: 0/${all} nodes are available: ${pre.join(', ')}..`;
}

/** kube-scheduler's numFeasibleNodesToFind with the adaptive percentageOfNodesToScore. */
function feasibleNodesToFind(all: number): number {
  if (all < 100) return all;
  const pct = Math.max(5, 50 - Math.floor(all / 125));
  return Math.max(100, Math.floor((all * pct) / 100));
}

/** schedutil.GetNonzeroRequests: a container without a request counts as 100m CPU and 200Mi when scoring. */
function nonZero(spec: PodSpec | undefined): { cpu: number; memory: number } {
  let cpu = 0;
  let memory = 0;
  for (const c of Array.isArray(spec?.containers) ? spec.containers : []) {
    const r = c?.resources?.requests ?? {};
    cpu += r.cpu !== undefined ? (parseQuantity(r.cpu) ?? 0) : DEFAULT_MILLI_CPU;
    memory += r.memory !== undefined ? (parseQuantity(r.memory) ?? 0) : DEFAULT_MEMORY;
  }
  return { cpu, memory };
}

function sameLabels(a: Record<string, string>, b: Record<string, string> | undefined): boolean {
  // Loops over own keys (labels are plain objects), no arrays: every update of a placed pod asks this.
  const bb = b ?? {};
  let n = 0;
  for (const k in a) {
    if (a[k] !== bb[k]) return false;
    n++;
  }
  for (const k in bb) if (Object.hasOwn(bb, k) && --n < 0) return false;
  return n === 0;
}

export function allocatable(n: KObject): { cpu: number; memory: number; pods: number } {
  const a = n.status?.allocatable ?? {};
  return {
    cpu: parseQuantity(a.cpu ?? 0) ?? 0,
    memory: parseQuantity(a.memory ?? 0) ?? 0,
    pods: parseQuantity(a.pods ?? 110) ?? 110,
  };
}

/** NodeResourcesFit (LeastAllocated over non-zero requests) + NodeResourcesBalancedAllocation, weight 1 each. */
function resourceScore(cy: Cycle, { a, usage: u }: NodeFacts): number {
  const fit = Math.trunc((least(Math.round(a.cpu * 1000), Math.round((u.nzCpu + cy.nz.cpu) * 1000)) + least(a.memory, u.nzMemory + cy.nz.memory)) / 2);
  const std = Math.abs(fraction(a.cpu, u.cpu + cy.req.cpu) - fraction(a.memory, u.memory + cy.req.memory)) / 2;
  return fit + Math.trunc((1 - std) * 100);
}

const least = (alloc: number, used: number) => (alloc <= 0 || used > alloc ? 0 : Math.trunc(((alloc - used) * 100) / alloc));
const fraction = (alloc: number, used: number) => (alloc <= 0 ? 0 : Math.min(1, used / alloc));

function addWeighted(total: number[], scores: number[], weight: number): void {
  for (let i = 0; i < total.length; i++) total[i] += weight * scores[i];
}

/** DefaultNormalizeScore: score × 100 / max (all 0 when the max is 0). */
function normalizeMax(scores: number[]): number[] {
  const max = Math.max(0, ...scores);
  return max ? scores.map((s) => Math.trunc((s * 100) / max)) : scores.map(() => 0);
}

/** InterPodAffinity's normalisation: (score − min) × 100 / (max − min). */
function normalizeMinMax(scores: number[]): number[] {
  const min = Math.min(...scores);
  const diff = Math.max(...scores) - min;
  return scores.map((s) => (diff > 0 ? Math.trunc((100 * (s - min)) / diff) : 0));
}

function runFilters(filters: Filter[], cycle: Cycle, n: NodeFacts): Rejection | undefined {
  for (let i = 0; i < filters.length; i++) {
    const r = filters[i](cycle, n);
    if (r) return r;
  }
  return undefined;
}
