// The default scheduler, reduced to what a learner sees: a pod fits a node when the node is Ready
// and schedulable, matches nodeSelector / required node affinity, its taints are tolerated and the
// sum of requests fits allocatable. Among fitting nodes the least allocated wins (ties: the seeded
// random source, as the real scheduler samples among equal scores). No fit → Pending with a
// FailedScheduling event worded like Kubernetes 1.29 (without the preemption sentence).
import type { Cluster, Controller } from '../cluster';
import { podRequests } from '../defaults';
import { isTerminal, tolerates } from '../podutil';
import { objKey, type KObject } from '../store';
import { parseQuantity } from '../../k8s/quantity';
import { selectorMatches } from '../../k8s/labels';
import { volumeBindingFailure } from './volume-binding';

interface Usage {
  cpu: number;
  memory: number;
  pods: number;
}

export class Scheduler implements Controller {
  readonly name = 'scheduler';
  private usage = new Map<string, Usage>();
  /** pod uid → what it holds on its node. */
  private held = new Map<string, { node: string; cpu: number; memory: number }>();
  private unschedulable = new Set<string>();
  private lastMessage = new Map<string, string>();
  /** Parsed allocatable per node, valid while the node's resourceVersion stays the same. */
  private nodesCache: KObject[] | undefined;
  private nextStart = 0;
  private allocCache = new Map<string, { rv: string; a: { cpu: number; memory: number; pods: number }; ready: boolean; usage: Usage }>();

  constructor(private c: Cluster) {
    c.watch(['Pod'], (ev) => {
      const p = ev.object;
      const uid = p.metadata.uid;
      if (ev.type === 'DELETED' || isTerminal(p)) {
        if (this.release(uid)) this.retryPending();
        this.unschedulable.delete(objKey(p));
        if (ev.type === 'DELETED') this.lastMessage.delete(uid);
        return;
      }
      if (p.spec?.nodeName) {
        if (!this.held.has(uid)) this.hold(p, p.spec.nodeName);
        return;
      }
      if (!p.metadata.deletionTimestamp) c.enqueue(this, objKey(p));
    });
    c.watch(['Node'], (ev) => {
      if (ev.type !== 'MODIFIED') this.nodesCache = undefined;
      this.retryPending();
    });
    c.watch(['PersistentVolumeClaim'], (ev) => {
      if (ev.type !== 'DELETED') this.retryPending();
    });
  }

  private retryPending(): void {
    for (const k of this.unschedulable) this.c.enqueue(this, k);
  }

  private hold(p: KObject, node: string): void {
    const r = podRequests(p.spec);
    this.held.set(p.metadata.uid, { node, cpu: r.cpu, memory: r.memory });
    const u = this.usageOf(node);
    u.cpu += r.cpu;
    u.memory += r.memory;
    u.pods++;
  }

  private release(uid: string): boolean {
    const h = this.held.get(uid);
    if (!h) return false;
    this.held.delete(uid);
    const u = this.usageOf(h.node);
    u.cpu -= h.cpu;
    u.memory -= h.memory;
    u.pods--;
    return true;
  }

  usageOf(node: string): Usage {
    let u = this.usage.get(node);
    if (!u) this.usage.set(node, (u = { cpu: 0, memory: 0, pods: 0 }));
    return u;
  }

  sync(key: string): void {
    const [ns, name] = key.split('/');
    const pod = this.c.get('Pod', ns, name);
    if (!pod || pod.spec?.nodeName || pod.metadata.deletionTimestamp || isTerminal(pod)) {
      this.unschedulable.delete(key);
      return;
    }
    const nodes = this.nodeList();
    const req = podRequests(pod.spec);
    // Volumes (the VolumeBinding plugin's PreFilter): every claim exists and is bound.
    const volumes = volumeBindingFailure(this.c, pod);
    if (volumes) return this.fail(pod, key, `0/${nodes.length} nodes are available: ${volumes}.`);
    const reasons = new Map<string, number>();
    const bump = (r: string) => reasons.set(r, (reasons.get(r) ?? 0) + 1);
    let best: KObject[] = [];
    let bestScore = -Infinity;
    // Like kube-scheduler, stop filtering once enough feasible nodes are found
    // (numFeasibleNodesToFind), starting where the previous pod stopped.
    const want = feasibleNodesToFind(nodes.length);
    let feasible = 0;
    let processed = 0;
    const start = this.nextStart % Math.max(1, nodes.length);
    for (let i = 0; i < nodes.length && feasible < want; i++) {
      const n = nodes[(start + i) % nodes.length];
      processed++;
      const why = this.unfit(pod, n, req);
      if (why) {
        for (const w of why) bump(w);
        continue;
      }
      feasible++;
      const { a: alloc, usage: u } = this.facts(n);
      const score = (alloc.cpu ? (alloc.cpu - u.cpu - req.cpu) / alloc.cpu : 0) + (alloc.memory ? (alloc.memory - u.memory - req.memory) / alloc.memory : 0);
      if (score > bestScore + 1e-12) {
        best = [n];
        bestScore = score;
      } else if (Math.abs(score - bestScore) <= 1e-12) best.push(n);
    }
    this.nextStart = (start + processed) % Math.max(1, nodes.length);
    if (!best.length) {
      const parts = [...reasons.entries()].map(([r, n]) => `${n} ${r}`).sort();
      return this.fail(pod, key, `0/${nodes.length} nodes are available${parts.length ? ': ' + parts.join(', ') : ''}.`);
    }
    const node = best.length === 1 ? best[0] : best[this.c.rng.int(best.length)];
    this.unschedulable.delete(key);
    this.lastMessage.delete(pod.metadata.uid);
    pod.spec.nodeName = node.metadata.name;
    const st = (pod.status ??= {});
    st.phase = 'Pending';
    const conds = (st.conditions = (Array.isArray(st.conditions) ? st.conditions : []).filter((x: any) => x.type !== 'PodScheduled'));
    conds.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: this.c.iso() });
    this.hold(pod, node.metadata.name);
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

  /** Why `node` cannot take `pod` (scheduler plugin messages), or undefined if it fits. */
  unfit(pod: KObject, n: KObject, req: { cpu: number; memory: number }): string[] | undefined {
    const out: string[] = [];
    const facts = this.facts(n);
    const ready = facts.ready;
    const tol = pod.spec?.tolerations;
    if (n.spec?.unschedulable && !tolerates(tol, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })) return ['node(s) were unschedulable'];
    for (const t of Array.isArray(n.spec?.taints) ? n.spec.taints : []) {
      if (t.effect !== 'NoSchedule' && t.effect !== 'NoExecute') continue;
      if (t.key === 'node.kubernetes.io/unschedulable') continue;
      if (!tolerates(tol, t)) return [`node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`];
    }
    if (!ready) return ['node(s) were not ready'];
    const sel = pod.spec?.nodeSelector;
    if (sel && typeof sel === 'object' && !selectorMatches(sel, n.metadata.labels ?? {}, Object.keys(sel).length > 0)) {
      if (Object.keys(sel).length) return ["node(s) didn't match Pod's node affinity/selector"];
    }
    if (!matchesAffinity(pod, n)) return ["node(s) didn't match Pod's node affinity/selector"];
    const alloc = facts.a;
    const u = facts.usage;
    if (u.pods + 1 > alloc.pods) out.push('Too many pods');
    if (req.cpu > 0 && u.cpu + req.cpu > alloc.cpu + 1e-9) out.push('Insufficient cpu');
    if (req.memory > 0 && u.memory + req.memory > alloc.memory) out.push('Insufficient memory');
    return out.length ? out : undefined;
  }

  private nodeList(): KObject[] {
    return (this.nodesCache ??= this.c.list('Node'));
  }

  /** A node's parsed allocatable, readiness and usage, valid while its resourceVersion stays the same. */
  private facts(n: KObject): { rv: string; a: { cpu: number; memory: number; pods: number }; ready: boolean; usage: Usage } {
    const hit = this.allocCache.get(n.metadata.name);
    if (hit && hit.rv === n.metadata.resourceVersion) return hit;
    const f = {
      rv: n.metadata.resourceVersion,
      a: allocatable(n),
      ready: n.status?.conditions?.find((x: any) => x.type === 'Ready')?.status === 'True',
      usage: this.usageOf(n.metadata.name),
    };
    this.allocCache.set(n.metadata.name, f);
    return f;
  }

  private fail(pod: KObject, key: string, message: string): void {
    this.unschedulable.add(key);
    const st = (pod.status ??= {});
    const prev = this.lastMessage.get(pod.metadata.uid);
    if (prev === message && st.phase === 'Pending') return;
    this.lastMessage.set(pod.metadata.uid, message);
    st.phase = 'Pending';
    const conds = (st.conditions = (Array.isArray(st.conditions) ? st.conditions : []).filter((x: any) => x.type !== 'PodScheduled'));
    conds.push({ type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: this.c.iso(), reason: 'Unschedulable', message });
    this.c.recordEvent(pod, 'Warning', 'FailedScheduling', {}, message, 'default-scheduler');
    this.c.update(pod);
  }
}

/** kube-scheduler's numFeasibleNodesToFind with the adaptive percentageOfNodesToScore. */
function feasibleNodesToFind(all: number): number {
  if (all < 100) return all;
  const pct = Math.max(5, 50 - Math.floor(all / 125));
  return Math.max(100, Math.floor((all * pct) / 100));
}

export function allocatable(n: KObject): { cpu: number; memory: number; pods: number } {
  const a = n.status?.allocatable ?? {};
  return {
    cpu: parseQuantity(a.cpu ?? 0) ?? 0,
    memory: parseQuantity(a.memory ?? 0) ?? 0,
    pods: parseQuantity(a.pods ?? 110) ?? 110,
  };
}

function matchesAffinity(pod: KObject, n: KObject): boolean {
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!Array.isArray(terms) || !terms.length) return true;
  const labels = n.metadata.labels ?? {};
  const fields: Record<string, string> = { 'metadata.name': n.metadata.name };
  const req = (r: any, src: Record<string, string>) => {
    const has = r?.key in src;
    const v = src[r?.key];
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
  };
  return terms.some((t: any) => {
    const me = Array.isArray(t?.matchExpressions) ? t.matchExpressions : [];
    const mf = Array.isArray(t?.matchFields) ? t.matchFields : [];
    if (!me.length && !mf.length) return false;
    return me.every((r: any) => req(r, labels)) && mf.every((r: any) => req(r, fields));
  });
}
