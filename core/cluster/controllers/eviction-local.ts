// The kubelet's eviction manager (pkg/kubelet/eviction) for local disk and process IDs; memory is
// eviction.ts. What a container writes and how many processes it runs come from annotations
// (`kube-dorm.dev/disk`, `kube-dorm.dev/emptydir`, `kube-dorm.dev/pids`, see ./local-usage.ts); what
// fills a node from outside its pods (logs, images, a runaway daemon) from the `fill node` command.
// Every 10 s (the monitoring interval) a node with such usage is checked as synchronize() checks it:
//  1. local storage limits (localStorageEviction), each an immediate eviction without a condition:
//     an emptyDir over its `sizeLimit` (`Usage of EmptyDir volume "x" exceeds the limit "1Gi". `),
//     a pod over the sum of its containers' `limits.ephemeral-storage`, a container over its own;
//  2. otherwise the node signals against the hard thresholds: on one disk the image filesystem is the
//     node filesystem, so `imagefs.available<15%` is met before `nodefs.available<10%` → DiskPressure;
//     `pid.available<10%` (not a kubelet default: set here so PID pressure can be shown) → PIDPressure.
//     The node condition, the NoSchedule taint, and one pod evicted per interval in the kubelet's
//     order: disk — usage over `requests.ephemeral-storage` first, then lower priority, then the
//     largest usage over requests; PIDs — lower priority, then most processes. The pressure lifts 5
//     min after the threshold was last met. No image or container garbage collection runs first.
import type { Cluster, Controller } from '../cluster';
import type { KObject } from '../store';
import { isTerminal } from '../podutil';
import { canonicalQuantity, formatBytes, parseQuantity } from '../../k8s/quantity';
import type { Kubelet } from './kubelet';
import type { Scheduler } from './scheduler';
import type { EventArgs } from '../events';
import { MONITORING_INTERVAL_MS } from './eviction';
import { noPressure, observePressure, type PressureState } from './pressure';
import { ephemeralRequest, localUsage, type LocalUsage } from './local-usage';

const GI = 1024 ** 3;
/** What the node's system, container runtime and images take of its disk besides its pods. */
export const NODE_SYSTEM_DISK = 10 * GI;
/** imagefs.available<15%: the first disk threshold met when images share the node's disk. */
export const DISK_THRESHOLD = 0.15;
/** The kernel's default pid_max, and what the node's own processes use. */
export const PID_MAX = 32_768;
export const NODE_SYSTEM_PIDS = 300;
export const PID_THRESHOLD = 0.1;

interface NodeState {
  pods: Map<string, LocalUsage>;
  fillDisk: number;
  fillPids: number;
  pressure: Record<'disk' | 'pid', PressureState>;
  ticking: boolean;
}

export class LocalEvictionManager implements Controller {
  readonly name = 'eviction-manager-local';
  private nodes = new Map<string, NodeState>();
  /** pod uid → node. */
  private tracked = new Map<string, string>();

  constructor(private c: Cluster) {
    c.setHook('eviction-local', this);
    c.watch(['Pod'], (ev) => {
      const p = ev.object;
      const uid = p.metadata.uid;
      if (ev.type === 'DELETED' || isTerminal(p)) return this.untrack(uid);
      const node = p.spec?.nodeName;
      if (!node) return;
      // Read again on every change: `kubectl annotate` may change what a running pod writes.
      const u = localUsage(p);
      if (!u) return this.untrack(uid);
      this.tracked.set(uid, node);
      this.state(node).pods.set(uid, u);
      this.startTicking(node);
    });
    c.watch(['Node'], (ev) => {
      if (ev.type === 'DELETED') this.nodes.delete(ev.object.metadata.name);
    });
  }

  sync(): void {
    /* timers drive this controller */
  }

  /** `fill node`: what uses the node's disk and process IDs outside its pods (undefined: unchanged). */
  fill(node: string, disk: number | undefined, pids: number | undefined): { disk: number; pids: number } {
    const s = this.state(node);
    if (disk !== undefined) s.fillDisk = Math.max(0, Math.round(disk));
    if (pids !== undefined) s.fillPids = Math.max(0, pids);
    this.startTicking(node);
    return { disk: s.fillDisk, pids: s.fillPids };
  }

  private state(node: string): NodeState {
    let s = this.nodes.get(node);
    if (!s) this.nodes.set(node, (s = { pods: new Map(), fillDisk: 0, fillPids: 0, pressure: { disk: noPressure(), pid: noPressure() }, ticking: false }));
    return s;
  }

  private untrack(uid: string): void {
    const node = this.tracked.get(uid);
    if (node === undefined) return;
    this.tracked.delete(uid);
    this.nodes.get(node)?.pods.delete(uid);
  }

  private startTicking(node: string): void {
    const s = this.nodes.get(node);
    if (!s || s.ticking) return;
    s.ticking = true;
    this.c.clock.after(MONITORING_INTERVAL_MS, () => this.tick(node));
  }

  private tick(node: string): void {
    const s = this.nodes.get(node);
    if (!s) return;
    s.ticking = false;
    const kubelet = this.c.hook<Kubelet>('kubelet');
    const n = this.c.get('Node', undefined, node);
    if (!n) return;
    // A node that is down checks nothing, but keeps its timer: its checks resume when it comes back.
    if (!kubelet.isNodeDown(node)) {
      // The node's conditions are observed first; a pod over a local storage limit is evicted before
      // (and instead of) one for node pressure, as synchronize() does.
      const victim = this.nodePressure(n, s);
      if (!this.limitEvictions(s, kubelet) && victim) kubelet.evict(victim.pod, victim.message, victim.why);
    }
    if (s.pods.size || s.fillDisk || s.fillPids || s.pressure.disk.on || s.pressure.pid.on) this.startTicking(node);
  }

  /** localStorageEviction: every pod over one of its local storage limits is evicted at once. */
  private limitEvictions(s: NodeState, kubelet: Kubelet): boolean {
    let any = false;
    for (const [uid, u] of [...s.pods]) {
      const pod = this.c.store.getByUid(uid);
      if (!pod || isTerminal(pod)) continue;
      const over = overLimit(u);
      if (over && kubelet.evict(pod, over.message, { resource: 'ephemeral-storage', limit: true, volume: over.volume })) any = true;
    }
    return any;
  }

  /** Observes the node's disk and PID signals (conditions, taints); the pod to evict for them, if any. */
  private nodePressure(n: KObject, s: NodeState): { pod: KObject; message: string; why: EventArgs['Evicted'] } | undefined {
    const node = n.metadata.name;
    const capacity = parseQuantity(n.status?.capacity?.['ephemeral-storage'] ?? 0) ?? 0;
    const usage = (p: KObject) => s.pods.get(p.metadata.uid);
    // Pods without local usage annotations write nothing and run one process each.
    const onNode = this.c.hook<Scheduler>('scheduler').usageOf(node).pods;
    let disk = NODE_SYSTEM_DISK + s.fillDisk;
    let pids = NODE_SYSTEM_PIDS + s.fillPids + Math.max(0, onNode - s.pods.size);
    for (const u of s.pods.values()) {
      disk += u.total;
      pids += u.pids;
    }
    // GetThresholdQuantity truncates the percentage of the capacity to a whole number.
    const diskLimit = Math.floor(capacity * DISK_THRESHOLD);
    const pidLimit = Math.floor(PID_MAX * PID_THRESHOLD);
    const diskAvailable = Math.max(0, capacity - disk);
    const pidAvailable = Math.max(0, PID_MAX - pids);
    const diskMet = capacity > 0 && diskAvailable < diskLimit;
    const pidMet = pidAvailable < pidLimit;
    observePressure(this.c, node, 'disk', s.pressure.disk, diskMet);
    observePressure(this.c, node, 'pid', s.pressure.pid, pidMet);
    if (!diskMet && !pidMet) return undefined;
    const pods = this.c.list('Pod').filter((p) => p.spec?.nodeName === node && !isTerminal(p) && !p.metadata.deletionTimestamp);
    if (diskMet) {
      const pod = rankDisk(pods, usage)[0];
      return pod && { pod, message: diskMessage(usage(pod), diskLimit, diskAvailable), why: { resource: 'ephemeral-storage' } };
    }
    const pod = pidMet ? rankPids(pods, usage)[0] : undefined;
    return pod && { pod, message: pidMessage(pidLimit, pidAvailable), why: { resource: 'pids' } };
  }
}

const DECIMAL = (n: number) => canonicalQuantity(String(n)) ?? String(n);

/** The first local storage limit the pod is over: an emptyDir's sizeLimit, the pod's total, a container's. */
function overLimit(u: LocalUsage): { message: string; volume?: string } | undefined {
  for (const v of u.volumes)
    if (v.limit !== undefined && v.used > v.limit.bytes)
      return { message: `Usage of EmptyDir volume "${v.name}" exceeds the limit "${v.limit.text}". `, volume: v.name };
  if (u.podLimit && u.total > u.podLimit.bytes)
    return { message: `Pod ephemeral local storage usage exceeds the total limit of containers ${u.podLimit.text}. ` };
  for (const c of u.containers)
    if (c.limit && c.disk > c.limit.bytes) return { message: `Container ${c.name} exceeded its local ephemeral storage limit "${c.limit.text}". ` };
  return undefined;
}

type UsageOf = (p: KObject) => LocalUsage | undefined;
const priority = (p: KObject) => Number(p.spec?.priority ?? 0) || 0;

/** rankDiskPressureFunc: usage over requests first, then lower priority, then the largest usage over requests. */
function rankDisk(pods: KObject[], usage: UsageOf): KObject[] {
  const facts = pods.map((p) => {
    const u = usage(p);
    return { p, over: u ? u.total - u.request : -ephemeralRequest(p) };
  });
  facts.sort(
    (a, b) => Number(b.over > 0) - Number(a.over > 0) || priority(a.p) - priority(b.p) || b.over - a.over || a.p.metadata.name.localeCompare(b.p.metadata.name),
  );
  return facts.map((f) => f.p);
}

/** rankPIDPressure: lower priority first, then the most processes. */
function rankPids(pods: KObject[], usage: UsageOf): KObject[] {
  const n = (p: KObject) => usage(p)?.pids ?? 1;
  return [...pods].sort((a, b) => priority(a) - priority(b) || n(b) - n(a) || a.metadata.name.localeCompare(b.metadata.name));
}

/** evictionMessage for ephemeral-storage: each container whose writable layer and logs exceed its request. */
function diskMessage(u: LocalUsage | undefined, threshold: number, available: number): string {
  let msg = `The node was low on resource: ephemeral-storage. Threshold quantity: ${formatBytes(threshold)}, available: ${formatBytes(available)}. `;
  for (const c of u?.containers ?? [])
    if (c.disk > c.request)
      msg += `Container ${c.name} was using ${formatBytes(c.disk)}, request is ${formatBytes(c.request)}, has larger consumption of ephemeral-storage. `;
  return msg;
}

/** evictionMessage for pids: the kubelet names no container for this resource. */
function pidMessage(threshold: number, available: number): string {
  return `The node was low on resource: pids. Threshold quantity: ${DECIMAL(threshold)}, available: ${DECIMAL(available)}. `;
}
