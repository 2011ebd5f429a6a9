// Nodes and the node lifecycle controller (pkg/controller/nodelifecycle): a node whose kubelet
// stops reporting turns NotReady after the 40 s grace period, its pods are marked not ready, it is
// tainted node.kubernetes.io/unreachable, and pods are evicted when their toleration runs out
// (300 s by default, added by the DefaultTolerationSeconds admission plugin). DaemonSet pods
// tolerate it forever, so they stay.
import { setNoPressure } from './pressure';
import type { Cluster, Controller } from '../cluster';
import { newMeta, type KObject } from '../store';
import type { Taint, Toleration } from '../../k8s/types';
import { setCondition, tolerates } from '../podutil';
import type { Kubelet } from './kubelet';

const NODE_MONITOR_GRACE_MS = 40_000;
const UNREACHABLE = 'node.kubernetes.io/unreachable';
const UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
/** The region of the simulated nodes (zones REGION-a, -b, -c). */
export const REGION = 'dorm-1';

export class NodeLifecycle implements Controller {
  readonly name = 'node-lifecycle';
  private seq = 0;
  /** What the kubelet of each node last saw of `spec.unschedulable`. */
  private lastUnschedulable = new Map<string, boolean>();

  constructor(private c: Cluster) {
    c.setHook('nodes', this);
    c.setHook('admit:Pod', (p: KObject) => {
      const tol = (p.spec.tolerations = Array.isArray(p.spec.tolerations) ? p.spec.tolerations : []);
      for (const key of ['node.kubernetes.io/not-ready', UNREACHABLE]) {
        if (
          !tol.some((t: Toleration | null | undefined) => (t?.key === key || (!t?.key && t?.operator === 'Exists')) && (!t.effect || t.effect === 'NoExecute'))
        ) {
          tol.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
        }
      }
      p.spec.priority ??= 0;
      p.spec.enableServiceLinks ??= true;
      p.spec.preemptionPolicy ??= 'PreemptLowerPriority';
      p.status ??= { phase: 'Pending', qosClass: undefined };
      if (!p.status.phase) p.status.phase = 'Pending';
    });
    c.watch(['Node'], (ev) => c.enqueue(this, ev.object.metadata.name));
  }

  /** A node's key: its unschedulable taint and event (the rest of this controller runs on timers). */
  sync(key: string): void {
    this.syncUnschedulable(key);
  }

  private get kubelet(): Kubelet {
    return this.c.hook<Kubelet>('kubelet');
  }

  addNode(
    name?: string,
    cpu: string | number = this.c.options.nodeCpu,
    memory: string = this.c.options.nodeMemory,
    labels: Record<string, string> = {},
  ): KObject {
    const i = ++this.seq;
    const nodeName = name ?? `node-${i}`;
    const node: KObject = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: newMeta({
        name: nodeName,
        labels: {
          'kubernetes.io/arch': 'amd64',
          'kubernetes.io/hostname': nodeName,
          'kubernetes.io/os': 'linux',
          // Three zones, round robin, so zone-level spreading and affinity have something to act on.
          'topology.kubernetes.io/region': REGION,
          'topology.kubernetes.io/zone': `${REGION}-${'abc'[(i - 1) % 3]}`,
          ...labels,
        },
      }),
      spec: { podCIDR: `10.244.${i}.0/24`, podCIDRs: [`10.244.${i}.0/24`] },
      status: {
        capacity: { cpu: String(cpu), memory, pods: String(this.c.options.maxPods), 'ephemeral-storage': '100Gi' },
        allocatable: { cpu: String(cpu), memory, pods: String(this.c.options.maxPods), 'ephemeral-storage': '100Gi' },
        conditions: [],
        addresses: [
          { type: 'InternalIP', address: `10.0.${Math.floor(i / 250)}.${(i % 250) + 2}` },
          { type: 'Hostname', address: nodeName },
        ],
        nodeInfo: {
          kubeletVersion: 'v1.29.0',
          containerRuntimeVersion: 'containerd://1.7.13',
          operatingSystem: 'linux',
          architecture: 'amd64',
          osImage: 'Kube Dorm simulated node',
        },
      },
    };
    for (const p of ['memory', 'disk', 'pid'] as const) setNoPressure(node, p, this.c.iso());
    setCondition(node, { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }, this.c.iso());
    const created = this.c.create(node);
    this.c.recordEvent(created, 'Normal', 'RegisteredNode', {}, `Node ${nodeName} event: Registered Node ${nodeName} in Controller`, 'node-controller');
    return created;
  }

  /** The node's kubelet stops (power cut): NotReady after the grace period, then evictions. */
  failNode(name: string): boolean {
    const node = this.c.get('Node', undefined, name);
    if (!node || this.kubelet.isNodeDown(name)) return false;
    this.kubelet.nodeDown(name);
    this.c.clock.after(NODE_MONITOR_GRACE_MS, () => {
      if (!this.kubelet.isNodeDown(name)) return;
      const n = this.c.get('Node', undefined, name);
      if (!n) return;
      setCondition(n, { type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' }, this.c.iso());
      const taints = (n.spec.taints = (Array.isArray(n.spec.taints) ? n.spec.taints : []).filter((t: Taint) => t.key !== UNREACHABLE));
      taints.push({ key: UNREACHABLE, effect: 'NoSchedule', timeAdded: this.c.iso() }, { key: UNREACHABLE, effect: 'NoExecute', timeAdded: this.c.iso() });
      this.c.update(n);
      this.c.recordEvent(n, 'Normal', 'NodeNotReady', {}, `Node ${name} status is now: NodeNotReady`, 'node-controller');
      for (const p of this.podsOn(name)) {
        setCondition(p, { type: 'Ready', status: 'False' }, this.c.iso());
        setCondition(p, { type: 'ContainersReady', status: 'False' }, this.c.iso());
        for (const cs of p.status?.containerStatuses ?? []) cs.ready = false;
        this.c.recordEvent(p, 'Warning', 'NodeNotReady', {}, 'Node is not ready', 'node-controller');
        this.c.update(p);
        this.scheduleEviction(p, name);
      }
    });
    return true;
  }

  private scheduleEviction(p: KObject, node: string): void {
    const taint = { key: UNREACHABLE, effect: 'NoExecute' };
    const tol = (Array.isArray(p.spec?.tolerations) ? p.spec.tolerations : []).find((t: Toleration) => tolerates([t], taint));
    if (tol && tol.tolerationSeconds === undefined) return; // tolerated forever (DaemonSet pods)
    const after = tol ? Math.max(0, Number(tol.tolerationSeconds)) * 1000 : 0;
    const uid = p.metadata.uid;
    this.c.clock.after(after, () => {
      const cur = this.c.store.getByUid(uid);
      if (!cur || cur.metadata.deletionTimestamp || !this.kubelet.isNodeDown(node)) return;
      this.evict(cur);
    });
  }

  /**
   * The taint eviction controller deletes a pod that does not tolerate a NoExecute taint, first
   * marking it with the DisruptionTarget condition (a Job's podFailurePolicy can match it).
   */
  private evict(p: KObject): void {
    this.c.recordEvent(p, 'Normal', 'TaintManagerEviction', {}, `Marking for deletion Pod ${p.metadata.namespace}/${p.metadata.name}`, 'taint-controller');
    const cond = { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' };
    if (setCondition(p, cond, this.c.iso())) this.c.update(p);
    this.c.delete(p);
  }

  recoverNode(name: string): boolean {
    const n = this.c.get('Node', undefined, name);
    if (!n || !this.kubelet.isNodeDown(name)) return false;
    setCondition(n, { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }, this.c.iso());
    n.spec.taints = (Array.isArray(n.spec.taints) ? n.spec.taints : []).filter((t: Taint) => t.key !== UNREACHABLE);
    if (!n.spec.taints.length) delete n.spec.taints;
    this.c.update(n);
    this.c.recordEvent(n, 'Normal', 'NodeReady', {}, `Node ${name} status is now: NodeReady`, 'kubelet');
    this.kubelet.nodeUp(name);
    return true;
  }

  /**
   * cordon / uncordon: sets `spec.unschedulable`, as kubectl's PATCH does; the taint and the
   * event follow from the change (`syncUnschedulable`), whoever wrote it.
   */
  setUnschedulable(name: string, on: boolean): boolean {
    const n = this.c.get('Node', undefined, name);
    if (!n) return false;
    if (!!n.spec.unschedulable === on) return false;
    if (on) n.spec.unschedulable = true;
    else delete n.spec.unschedulable;
    this.c.update(n);
    return true;
  }

  /**
   * What follows a change of `spec.unschedulable`, however it was written (the built-in kubectl,
   * `kube-dorm serve`'s PATCH, a manifest): the node lifecycle controller's
   * `node.kubernetes.io/unschedulable:NoSchedule` taint (TaintNodesByCondition) follows the field,
   * and the kubelet records `NodeNotSchedulable` / `NodeSchedulable` when it sees the field differ
   * from what it saw last (kubelet_node_status.go recordNodeSchedulableEvent:
   * "Node %s status is now: %s").
   */
  private syncUnschedulable(name: string): void {
    const n = this.c.get('Node', undefined, name);
    if (!n) {
      this.lastUnschedulable.delete(name);
      return;
    }
    const on = !!n.spec?.unschedulable;
    const taints: (Taint | null | undefined)[] = Array.isArray(n.spec?.taints) ? n.spec.taints : [];
    if (on !== taints.some((t) => t?.key === UNSCHEDULABLE)) {
      if (on) n.spec.taints = [...taints, { key: UNSCHEDULABLE, effect: 'NoSchedule', timeAdded: this.c.iso() }];
      else {
        n.spec.taints = taints.filter((t) => t?.key !== UNSCHEDULABLE);
        if (!n.spec.taints.length) delete n.spec.taints;
      }
      this.c.update(n);
    }
    if ((this.lastUnschedulable.get(name) ?? false) === on) return;
    this.lastUnschedulable.set(name, on);
    const reason = on ? 'NodeNotSchedulable' : 'NodeSchedulable';
    this.c.recordEvent(n, 'Normal', reason, {}, `Node ${name} status is now: ${reason}`, 'kubelet');
  }

  /** Adds or removes (`effect` ending in "-") a taint. NoExecute evicts pods that do not tolerate it. */
  taint(name: string, taint: { key: string; value?: string; effect: string }, remove = false): boolean {
    const n = this.c.get('Node', undefined, name);
    if (!n) return false;
    const list: Taint[] = Array.isArray(n.spec.taints) ? n.spec.taints : [];
    const rest = list.filter((t) => !(t.key === taint.key && (!taint.effect || t.effect === taint.effect)));
    if (!remove) rest.push(taint.value !== undefined ? { key: taint.key, value: taint.value, effect: taint.effect } : { key: taint.key, effect: taint.effect });
    n.spec.taints = rest;
    if (!rest.length) delete n.spec.taints;
    this.c.update(n);
    if (!remove && taint.effect === 'NoExecute') {
      for (const p of this.podsOn(name)) {
        if (p.metadata.deletionTimestamp) continue;
        const tol = (p.spec?.tolerations ?? []).find((t: Toleration) => tolerates([t], taint));
        if (tol && tol.tolerationSeconds === undefined) continue;
        const after = tol ? Number(tol.tolerationSeconds) * 1000 : 0;
        const uid = p.metadata.uid;
        this.c.clock.after(after, () => {
          const cur = this.c.store.getByUid(uid);
          if (!cur || cur.metadata.deletionTimestamp) return;
          this.evict(cur);
        });
      }
    }
    return true;
  }

  podsOn(node: string): KObject[] {
    return this.c.list('Pod').filter((p) => p.spec?.nodeName === node);
  }
}
