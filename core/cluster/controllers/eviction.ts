// The kubelet's eviction manager (pkg/kubelet/eviction) for memory, and the node lifecycle
// controller's TaintNodesByCondition for it. Every 10 s (the monitoring interval) a node at risk
// compares memory.available (capacity minus the working set of its daemons and pods, as
// metrics-server reports it: ../usage.ts) with the default hard threshold 100Mi. Below it the node
// reports MemoryPressure (KubeletHasInsufficientMemory), is tainted
// node.kubernetes.io/memory-pressure:NoSchedule, and the kubelet evicts one pod per interval in
// rankMemoryPressure's order: pods using more than they request first (BestEffort requests
// nothing), then lower priority, then the largest usage over requests — Guaranteed pods last. The
// pod ends Failed with reason Evicted, the kubelet's message and (1.27+) the DisruptionTarget
// condition; its controller replaces it. The pressure is lifted 5 min (evictionPressureTransitionPeriod)
// after the threshold was last met. Only nodes whose pods could reach the threshold (the sum of
// their memory ceilings) are watched, so a large healthy cluster costs nothing here.
import type { Cluster, Controller } from '../cluster';
import { controllerOf, type KObject } from '../store';
import { behaviorOf } from '../profiles';
import { isTerminal } from '../podutil';
import { noPressure, observePressure, type PressureState } from './pressure';
import { DEFAULT_MEMORY, NODE_SYSTEM_MEMORY, podUsage } from '../usage';
import { formatBytes, parseQuantity } from '../../k8s/quantity';
import type { Kubelet } from './kubelet';
import type { Container } from '../../k8s/types';

export const MONITORING_INTERVAL_MS = 10_000;
/** The kubelet's default hard eviction threshold: memory.available<100Mi. */
export const MEMORY_THRESHOLD = 100 * 1024 * 1024;

interface NodeState {
  /** Sum of the memory ceilings of its pods (profile figure + wobble, capped at limits). */
  ceiling: number;
  pods: Set<string>;
  pressure: PressureState;
  ticking: boolean;
}

export class EvictionManager implements Controller {
  readonly name = 'eviction-manager';
  private nodes = new Map<string, NodeState>();
  /** pod uid → [node, ceiling]. */
  private tracked = new Map<string, [string, number]>();
  /** Ceilings of pods made from one template (controller uid + template hash), computed once. */
  private ceilings = new Map<string, number>();

  constructor(private c: Cluster) {
    c.watch(['Pod'], (ev) => {
      const p = ev.object;
      const uid = p.metadata.uid;
      if (ev.type === 'DELETED' || isTerminal(p)) return this.untrack(uid);
      const node = p.spec?.nodeName;
      if (!node) return;
      // Read again on every change: `kubectl annotate` may change what a running pod uses.
      const ceiling = this.ceilingOf(p);
      const was = this.tracked.get(uid);
      if (was && was[0] === node && was[1] === ceiling) return;
      this.untrack(uid);
      this.tracked.set(uid, [node, ceiling]);
      const s = this.state(node);
      s.pods.add(uid);
      s.ceiling += ceiling;
      this.watchIfAtRisk(node, s);
    });
    c.watch(['Node'], (ev) => {
      if (ev.type === 'DELETED') this.nodes.delete(ev.object.metadata.name);
    });
  }

  sync(): void {
    /* timers drive this controller */
  }

  private ceilingOf(p: KObject): number {
    const owner = controllerOf(p)?.uid;
    const l = p.metadata.labels ?? {};
    const hash = l['pod-template-hash'] ?? l['controller-revision-hash'];
    if (!owner || !hash) return memoryCeiling(p);
    // A pod annotated on its own (`kubectl annotate pod`) no longer uses what its template says.
    const key = `${owner}/${hash}/${ownAnnotations(p)}`;
    let v = this.ceilings.get(key);
    if (v === undefined) {
      if (this.ceilings.size > 10_000) this.ceilings.clear();
      this.ceilings.set(key, (v = memoryCeiling(p)));
    }
    return v;
  }

  private state(node: string): NodeState {
    let s = this.nodes.get(node);
    if (!s) this.nodes.set(node, (s = { ceiling: NODE_SYSTEM_MEMORY * 1.02, pods: new Set(), pressure: noPressure(), ticking: false }));
    return s;
  }

  private untrack(uid: string): void {
    const t = this.tracked.get(uid);
    if (!t) return;
    this.tracked.delete(uid);
    const s = this.nodes.get(t[0]);
    if (!s) return;
    s.pods.delete(uid);
    s.ceiling -= t[1];
  }

  private capacity(node: string): number | undefined {
    const n = this.c.get('Node', undefined, node);
    const v = n?.status?.capacity?.memory;
    return v === undefined ? undefined : parseQuantity(v);
  }

  private watchIfAtRisk(node: string, s: NodeState): void {
    if (s.ticking) return;
    const cap = this.capacity(node);
    if (cap === undefined || s.ceiling < cap - MEMORY_THRESHOLD) return;
    s.ticking = true;
    this.c.clock.after(MONITORING_INTERVAL_MS, () => this.tick(node));
  }

  /** Every monitoring interval while `node` is at risk or under pressure. */
  private tick(node: string): void {
    const s = this.nodes.get(node);
    if (!s) return;
    s.ticking = false;
    const cap = this.capacity(node);
    if (cap === undefined) return;
    // A node that is down checks nothing, but keeps its timer: its checks resume when it comes back.
    if (!this.c.hook<Kubelet>('kubelet').isNodeDown(node)) this.synchronize(node, s, cap);
    if (s.pressure.on || s.ceiling >= cap - MEMORY_THRESHOLD) {
      s.ticking = true;
      this.c.clock.after(MONITORING_INTERVAL_MS, () => this.tick(node));
    }
  }

  /** One pass of the eviction manager's synchronize() on `node`. */
  private synchronize(node: string, s: NodeState, cap: number): void {
    const pods = [...s.pods].map((uid) => this.c.store.getByUid(uid)).filter((p): p is KObject => !!p && !isTerminal(p));
    const usage = new Map(pods.map((p) => [p, podUsage(p, this.c.now) ?? []]));
    let workingSet = NODE_SYSTEM_MEMORY;
    for (const u of usage.values()) for (const x of u) workingSet += x.memory;
    const available = Math.max(0, cap - workingSet);
    const met = available < MEMORY_THRESHOLD;
    observePressure(this.c, node, 'memory', s.pressure, met);
    const victim = met ? rank(pods, usage)[0] : undefined;
    if (victim) this.c.hook<Kubelet>('kubelet').evict(victim, evictionMessage(victim, usage.get(victim) ?? [], available));
  }
}

type Usage = { name: string; memory: number }[];

const memoryRequest = (c: Container | undefined): number => {
  const v = c?.resources?.requests?.memory;
  return v === undefined ? 0 : (parseQuantity(v) ?? 0);
};

/** rankMemoryPressure: exceeding requests first, then lower priority, then larger usage over requests. */
function rank(pods: KObject[], usage: Map<KObject, Usage>): KObject[] {
  const over = (p: KObject) => {
    const used = (usage.get(p) ?? []).reduce((s, u) => s + u.memory, 0);
    const req = (Array.isArray(p.spec?.containers) ? p.spec.containers : []).reduce((s: number, c: Container) => s + memoryRequest(c), 0);
    return used - req;
  };
  const facts = pods.map((p) => ({ p, over: over(p), priority: Number(p.spec?.priority ?? 0) || 0 }));
  facts.sort(
    (a, b) => Number(b.over > 0) - Number(a.over > 0) || a.priority - b.priority || b.over - a.over || a.p.metadata.name.localeCompare(b.p.metadata.name),
  );
  return facts.map((f) => f.p);
}

/** helpers.go evictionMessage: the node-low sentence, the threshold, and each container using more than it requests. */
export function evictionMessage(pod: KObject, usage: Usage, available: number): string {
  let msg = `The node was low on resource: memory. Threshold quantity: ${formatBytes(MEMORY_THRESHOLD)}, available: ${formatBytes(Math.round(available / 1024) * 1024)}. `;
  for (const c of Array.isArray(pod.spec?.containers) ? pod.spec.containers : []) {
    const used = usage.find((u) => u.name === c?.name)?.memory;
    if (used === undefined) continue;
    const req = memoryRequest(c);
    if (used > req) msg += `Container ${c.name} was using ${formatBytes(used)}, request is ${formatBytes(req)}, has larger consumption of memory. `;
  }
  return msg;
}

/** The pod's `kube-dorm.dev/` annotations as one key ('' for most pods, which carry none). */
function ownAnnotations(p: KObject): string {
  const a = p.metadata.annotations;
  let key = '';
  for (const k in a) if (k.startsWith('kube-dorm.dev/')) key += `${k}=${a[k]};`;
  return key;
}

/** The most memory a pod's containers can show: profile figure plus the scrape wobble, capped at limits. */
function memoryCeiling(p: KObject): number {
  let sum = 0;
  for (const c of Array.isArray(p.spec?.containers) ? p.spec.containers : []) {
    const b = behaviorOf(c, p.metadata.annotations, new Set());
    let m = (b.memoryBytes ?? DEFAULT_MEMORY) * 1.04 + 1024;
    const lim = c?.resources?.limits?.memory;
    if (lim !== undefined) m = Math.min(m, parseQuantity(lim) ?? m);
    sum += m;
  }
  return sum;
}
