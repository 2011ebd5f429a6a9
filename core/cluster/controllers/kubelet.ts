// The kubelet of every node (pkg/kubelet): pod lifecycle from scheduled to finished — image pull,
// env from Secrets/ConfigMaps (CreateContainerConfigError), volume mounts, init containers,
// readiness, exits, restarts with CrashLoopBackOff back-off, OOMKilled, liveness kills, and
// graceful termination. Container behaviour comes from ../profiles.ts, image pulls from
// kubelet-images.ts.
import type { Cluster, Controller } from '../cluster';
import type { EventArgs } from '../events';
import { goDuration } from '../clock';
import { behaviorOf } from '../profiles';
import { objKey, type KObject } from '../store';
import type { Container, PodStatus } from '../../k8s/types';
import { parseQuantity } from '../../k8s/quantity';
import { isObj } from '../../k8s/guards';
import { setCondition } from '../podutil';
import { cancelContainerTimers, cancelTimers, containerID, qosClass, writePodStatus, type CState, type PodRuntime } from './kubelet-pod';
import { configError, envNames, missingVolume, type Lookup } from './kubelet-config';
import { ContainerProbes, scheduleProbes } from './kubelet-probes';
import { NodeImages } from './kubelet-images';
import { stopSidecars } from './kubelet-sidecar';
import { NodeAddresses } from './kubelet-net';

const BACKOFF_INITIAL = 10_000;
const BACKOFF_MAX = 300_000;
/** Back-off is forgotten after a container ran this long (2 × max back-off). */
const BACKOFF_RESET = 600_000;
/** The kubelet notices an exit and acts on it at its next pod sync. */
const SYNC_DELAY = 1000;

export class Kubelet implements Controller {
  readonly name = 'kubelet';
  private rt = new Map<string, PodRuntime>();
  private deadNodes = new Set<string>();
  private readonly images: NodeImages;
  private readonly ips: NodeAddresses;

  /** The cluster's clock as RFC 3339, bound once (status writes pass it on every write). */
  private readonly iso: (ms?: number) => string;

  /** Reads Secrets and ConfigMaps for env and volume checks. */
  private readonly get: Lookup;

  constructor(private c: Cluster) {
    this.get = (kind, ns, name) => c.get(kind, ns, name);
    this.iso = (ms) => c.iso(ms);
    this.images = new NodeImages(c);
    this.ips = new NodeAddresses(c);
    c.setHook('kubelet', this);
    c.watch(['Pod'], (ev) => {
      const p = ev.object;
      if (ev.type === 'DELETED') {
        const r = this.rt.get(p.metadata.uid);
        if (r) this.forget(r);
        return;
      }
      if (p.spec?.nodeName && !this.rt.has(p.metadata.uid) && !p.metadata.deletionTimestamp && !p.status?.phase?.match(/Succeeded|Failed/))
        c.enqueue(this, objKey(p));
    });
    c.watch(['Secret', 'ConfigMap'], (ev) => {
      if (ev.type === 'DELETED') return;
      for (const r of this.rt.values()) if (r.blocked && r.pod.metadata.namespace === ev.object.metadata.namespace) c.enqueue(this, objKey(r.pod));
    });
  }

  sync(key: string): void {
    const [ns, name] = key.split('/');
    const pod = this.c.get('Pod', ns, name);
    if (!pod || pod.metadata.deletionTimestamp) return;
    const node = pod.spec?.nodeName;
    if (!node || this.deadNodes.has(node)) return;
    let r = this.rt.get(pod.metadata.uid);
    if (!r) r = this.admit(pod, node);
    else if (r.blocked) this.tryStart(r);
  }

  // ----- lifecycle ---------------------------------------------------------------------------

  private admit(pod: KObject, node: string): PodRuntime {
    const spec = pod.spec ?? {};
    const r: PodRuntime = {
      uid: pod.metadata.uid,
      pod,
      node,
      inits: this.containerStates(pod, spec.initContainers, true),
      containers: this.containerStates(pod, spec.containers, false),
      initIndex: 0,
      started: false,
      blocked: false,
      terminal: false,
      stopping: false,
      frozen: false,
      timers: new Set(),
      admittedAt: this.c.now,
    };
    if (r.inits.length) r.inits[0].waitReason = 'PodInitializing';
    this.rt.set(r.uid, r);
    const st = (pod.status ??= {});
    st.phase = 'Pending';
    st.hostIP = this.ips.nodeIP(node);
    st.hostIPs = [{ ip: st.hostIP }];
    st.startTime = this.c.iso();
    st.qosClass = qosClass(spec);
    this.writeStatus(r);
    this.tryStart(r);
    return r;
  }

  /** The runtime state of each container of a list (a method, not closures per admitted pod). */
  private containerStates(pod: KObject, list: unknown, init: boolean): CState[] {
    const out: CState[] = [];
    if (!Array.isArray(list)) return out;
    const ann = pod.metadata.annotations;
    const anyInits = !!pod.spec?.initContainers?.length;
    for (const c of list as Container[]) {
      if (!isObj(c)) continue;
      const sidecar = init && c?.restartPolicy === 'Always';
      out.push({
        spec: c,
        name: String(c?.name ?? ''),
        b: behaviorOf(c, ann, envNames(this.get, pod, c), init && !sidecar ? undefined : c?.readinessProbe, init && !sidecar),
        init,
        sidecar,
        state: 'waiting',
        waitReason: init ? 'PodInitializing' : anyInits ? 'PodInitializing' : 'ContainerCreating',
        restartCount: 0,
        ready: false,
        backoffMs: 0,
        done: false,
        timers: [],
      });
    }
    return out;
  }

  /** Mounts volumes, then pulls and starts the first container(s). */
  private tryStart(r: PodRuntime): void {
    const pod = r.pod;
    const missing = missingVolume(this.get, pod);
    if (missing) {
      if (!r.blocked)
        this.c.recordEvent(
          pod,
          'Warning',
          'FailedMount',
          { volume: missing.volume, source: missing.source, name: missing.name },
          `MountVolume.SetUp failed for volume "${missing.volume}" : ${missing.error}`,
          'kubelet',
        );
      r.blocked = true;
      return;
    }
    if (!r.started) {
      r.started = true;
      r.blocked = false;
      const first = r.inits.length ? [r.inits[0]] : r.containers;
      for (const cs of first) this.images.pullEvent(r, cs, 'start');
      const delay = Math.max(0, ...first.map((cs) => cs.b.startMs));
      this.later(r, delay, () => this.startNext(r));
      return;
    }
    // Blocked on env config: retry every container waiting for it.
    r.blocked = false;
    const group = r.initIndex < r.inits.length ? [r.inits[r.initIndex]] : r.containers;
    for (const cs of group) if (cs.state === 'waiting' && cs.waitReason === 'CreateContainerConfigError') this.startContainer(r, cs);
    this.writeStatus(r);
  }

  private startNext(r: PodRuntime): void {
    if (!st(r.pod).podIP) {
      const ip = this.ips.allocIP(r.node);
      r.pod.status.podIP = ip;
      r.pod.status.podIPs = [{ ip }];
    }
    if (r.initIndex < r.inits.length) this.startContainer(r, r.inits[r.initIndex]);
    else for (const cs of r.containers) this.startContainer(r, cs);
    this.writeStatus(r);
  }

  private startContainer(r: PodRuntime, cs: CState, restarting = false): void {
    const pod = r.pod;
    const pullErr = this.images.pullError(r, cs);
    if (pullErr) {
      this.images.failPull(r, cs, pullErr, {
        later: (ms, fn) => this.cLater(r, cs, ms, fn),
        write: () => this.writeStatus(r),
        retry: () => {
          this.startContainer(r, cs, restarting);
          this.writeStatus(r);
        },
      });
      return;
    }
    const err = configError(this.get, pod, cs.spec);
    if (restarting || cs.waitReason !== 'CreateContainerConfigError') this.images.pullEvent(r, cs, 'done');
    if (err) {
      cs.state = 'waiting';
      cs.waitReason = 'CreateContainerConfigError';
      cs.waitMessage = err;
      r.blocked = true;
      this.c.recordEvent(pod, 'Warning', 'Failed', { container: cs.name, error: err }, `Error: ${err}`, 'kubelet');
      return;
    }
    if (restarting) {
      cs.lastState = { terminated: cs.terminated };
      cs.restartCount++;
    }
    cs.state = 'running';
    cs.waitReason = '';
    cs.waitMessage = undefined;
    cs.startedAt = this.c.now;
    cs.terminated = undefined;
    cs.ready = false;
    this.c.recordEvent(pod, 'Normal', 'Created', { container: cs.name }, `Created container ${cs.name}`, 'kubelet');
    this.c.recordEvent(pod, 'Normal', 'Started', { container: cs.name }, `Started container ${cs.name}`, 'kubelet');
    const b = cs.b;
    if (b.exitAfterMs !== null) this.cLater(r, cs, b.exitAfterMs, () => this.exit(r, cs, b.exitCode, b.exitCode === 0 ? 'Completed' : 'Error'));
    const limit = cs.spec?.resources?.limits?.memory !== undefined ? parseQuantity(cs.spec.resources.limits.memory) : undefined;
    if (limit !== undefined && b.memoryBytes !== undefined && b.memoryBytes > limit) {
      const at = Math.min(1000, b.exitAfterMs ?? Infinity);
      this.cLater(r, cs, at, () => this.exit(r, cs, 137, 'OOMKilled'));
    }
    if (cs.init && !cs.sidecar) return;
    const started = scheduleProbes(new ContainerProbes(this, this.c, r, cs));
    // A sidecar that has started (its startupProbe passed) lets the next init container start.
    if (cs.sidecar && r.inits[r.initIndex] === cs && started !== null) {
      if (started === 0) this.nextInit(r);
      else this.cLater(r, cs, started, () => this.nextInit(r));
    }
  }

  /** @internal for ContainerProbes */
  setReady(r: PodRuntime, cs: CState, ready: boolean): void {
    if (cs.state !== 'running' || cs.ready === ready) return;
    cs.ready = ready;
    this.writeStatus(r);
  }

  /** The container's process ended (by itself, crashed, OOM-killed or killed). */
  exit(r: PodRuntime, cs: CState, exitCode: number, reason: string): void {
    if (cs.state !== 'running' || r.stopping) return;
    cancelContainerTimers(cs);
    const ran = this.c.now - (cs.startedAt ?? this.c.now);
    cs.state = 'terminated';
    cs.ready = false;
    cs.terminated = {
      exitCode,
      reason,
      startedAt: this.c.iso(cs.startedAt),
      finishedAt: this.c.iso(),
      containerID: containerID(r, cs),
    };
    const policy = r.pod.spec?.restartPolicy ?? 'Always';
    if (cs.init && !cs.sidecar && exitCode === 0) {
      cs.done = true;
      this.nextInit(r);
      this.writeStatus(r);
      return;
    }
    // A sidecar is restarted whatever the pod's policy, until the pod is done.
    const restart = cs.sidecar ? !r.terminal : policy === 'Always' ? !cs.init || exitCode !== 0 : policy === 'OnFailure' ? exitCode !== 0 : false;
    if (!restart) {
      cs.done = true;
      this.writeStatus(r);
      if (r.terminal && stopSidecars(this.c, r)) this.writeStatus(r);
      return;
    }
    if (ran >= BACKOFF_RESET) cs.backoffMs = 0;
    const finishedAt = this.c.now;
    this.cLater(r, cs, SYNC_DELAY, () => {
      if (cs.backoffMs === 0) {
        cs.backoffMs = BACKOFF_INITIAL;
        this.startContainer(r, cs, true);
        this.writeStatus(r);
        return;
      }
      const until = finishedAt + cs.backoffMs;
      cs.state = 'waiting';
      cs.waitReason = 'CrashLoopBackOff';
      cs.waitMessage = `back-off ${goDuration(cs.backoffMs)} restarting failed container=${cs.name} pod=${r.pod.metadata.name}_${r.pod.metadata.namespace}(${r.uid})`;
      this.c.recordEvent(
        r.pod,
        'Warning',
        'BackOff',
        { container: cs.name },
        `Back-off restarting failed container ${cs.name} in pod ${r.pod.metadata.name}_${r.pod.metadata.namespace}(${r.uid})`,
        'kubelet',
      );
      this.writeStatus(r);
      this.cLater(r, cs, Math.max(0, until - this.c.now), () => {
        cs.backoffMs = Math.min(cs.backoffMs * 2, BACKOFF_MAX);
        this.startContainer(r, cs, true);
        this.writeStatus(r);
      });
    });
    this.writeStatus(r);
  }

  /** The current init container finished (or, a sidecar, started): the next one, or the main containers, start. */
  private nextInit(r: PodRuntime): void {
    r.initIndex++;
    if (r.initIndex < r.inits.length) {
      const next = r.inits[r.initIndex];
      this.images.pullEvent(r, next, 'start');
      this.later(r, next.b.startMs, () => this.startNext(r));
      return;
    }
    for (const c of r.containers) {
      c.waitReason = 'PodInitializing';
      this.images.pullEvent(r, c, 'start');
    }
    this.later(r, Math.max(0, ...r.containers.map((c) => c.b.startMs)), () => this.startNext(r));
  }

  // ----- actions -----------------------------------------------------------------------------

  /** Makes a running container exit now (simulator verb "crash"). Returns false if not running. */
  crash(pod: KObject, container?: string, exitCode = 1, reason = 'Error'): boolean {
    const r = this.rt.get(pod.metadata.uid);
    if (!r || r.frozen || r.stopping) return false;
    const cs = r.containers.find((c) => (container ? c.name === container : c.state === 'running'));
    if (!cs || cs.state !== 'running') return false;
    this.exit(r, cs, exitCode, reason);
    return true;
  }

  /** Pushes a container over its memory limit: OOMKilled (exit 137) if it has a limit. */
  oom(pod: KObject, container?: string): boolean {
    return this.crash(pod, container, 137, 'OOMKilled');
  }

  /**
   * Node-pressure eviction (the eviction manager's killPodFunc with its status function): the
   * containers are stopped, the pod ends Failed with reason Evicted, the message, and the
   * DisruptionTarget condition (TerminationByKubelet, 1.27+; not for a local storage limit); the pod object stays for its
   * controller to replace. The containers keep the state the status manager last wrote, so
   * kubectl prints the pod as Evicted.
   */
  evict(pod: KObject, message: string, why: EventArgs['Evicted'] = { resource: 'memory' }): boolean {
    const r = this.rt.get(pod.metadata.uid);
    if (!r || r.terminal || r.stopping || r.frozen) return false;
    this.c.recordEvent(pod, 'Warning', 'Evicted', why, message, 'kubelet');
    r.stopping = true;
    r.terminal = true;
    cancelTimers(r);
    for (const cs of [...r.inits, ...r.containers]) {
      if (cs.state === 'running')
        this.c.recordEvent(pod, 'Normal', 'Killing', { container: cs.name, liveness: false }, `Stopping container ${cs.name}`, 'kubelet');
    }
    const s = st(pod);
    s.phase = 'Failed';
    s.reason = 'Evicted';
    s.message = message;
    for (const cs of Array.isArray(s.containerStatuses) ? s.containerStatuses : []) cs.ready = false;
    const now = this.c.iso();
    // A local storage limit eviction (1.29) sets no condition; a node-pressure one sets DisruptionTarget.
    if (!why.limit) setCondition(pod, { type: 'DisruptionTarget', status: 'True', reason: 'TerminationByKubelet', message }, now);
    setCondition(pod, { type: 'Ready', status: 'False', reason: 'PodFailed' }, now);
    setCondition(pod, { type: 'ContainersReady', status: 'False', reason: 'PodFailed' }, now);
    this.c.update(pod);
    return true;
  }

  /** Graceful deletion: SIGTERM, wait for the process (at most the grace period), then remove. */
  deletePod(pod: KObject, grace?: number): void {
    if (pod.metadata.deletionTimestamp) {
      if (grace !== 0) return;
    }
    const g = Math.max(0, grace ?? pod.spec?.terminationGracePeriodSeconds ?? 30);
    pod.metadata.deletionTimestamp = this.c.iso(this.c.now + g * 1000);
    pod.metadata.deletionGracePeriodSeconds = g;
    const r = this.rt.get(pod.metadata.uid);
    const node = pod.spec?.nodeName;
    if (node && this.deadNodes.has(node)) {
      // Nobody on that node will confirm the stop: the pod stays Terminating.
      this.c.update(pod);
      return;
    }
    if (!r) {
      this.c.update(pod);
      this.c.clock.after(1000, () => this.c.store.remove(pod));
      return;
    }
    r.stopping = true;
    cancelTimers(r);
    // Main containers first; native sidecars once they have stopped, in reverse order (within the grace period).
    const stop = (group: CState[]) => {
      let ms = 0;
      for (const cs of group) {
        if (cs.state !== 'running') continue;
        this.c.recordEvent(pod, 'Normal', 'Killing', { container: cs.name, liveness: false }, `Stopping container ${cs.name}`, 'kubelet');
        ms = Math.max(ms, Math.min(cs.b.stopMs ?? g * 1000, g * 1000));
      }
      return ms;
    };
    const sidecars = r.inits.filter((cs) => cs.sidecar && cs.state === 'running').reverse();
    const mainMs = stop([...r.inits.filter((cs) => !cs.sidecar), ...r.containers]);
    const sideMs = sidecars.length ? Math.min(Math.max(...sidecars.map((cs) => cs.b.stopMs ?? g * 1000)), g * 1000 - mainMs) : 0;
    if (sidecars.length) this.later(r, mainMs, () => stop(sidecars));
    const stopMs = mainMs + Math.max(0, sideMs);
    this.c.update(pod);
    this.later(r, Math.max(1000, stopMs), () => {
      r.terminal = true;
      this.c.store.remove(pod);
    });
  }

  nodeDown(node: string): void {
    this.deadNodes.add(node);
    for (const r of this.rt.values()) {
      if (r.node !== node) continue;
      r.frozen = true;
      cancelTimers(r);
    }
  }

  nodeUp(node: string): void {
    if (!this.deadNodes.delete(node)) return;
    for (const r of [...this.rt.values()]) {
      if (r.node !== node) continue;
      r.frozen = false;
      if (r.pod.metadata.deletionTimestamp) {
        this.c.store.remove(r.pod);
        continue;
      }
      if (r.terminal) continue;
      // Power is back: the containers died with the node, so the kubelet starts the pod again
      // (init containers first, image already present); a container that had started counts a restart.
      const restarts = new Map(r.containers.map((cs) => [cs.name, cs.restartCount + (cs.startedAt !== undefined ? 1 : 0)]));
      this.forget(r);
      const again = this.admit(r.pod, node);
      for (const cs of again.containers) cs.restartCount = restarts.get(cs.name) ?? 0;
      this.writeStatus(again);
    }
    for (const p of this.c.list('Pod')) {
      if (p.spec?.nodeName !== node || this.rt.has(p.metadata.uid)) continue;
      // Deleted while the node was down and never started: nothing to stop, the kubelet confirms at once.
      if (p.metadata.deletionTimestamp) this.c.store.remove(p);
      else this.c.enqueue(this, objKey(p));
    }
  }

  isNodeDown(node: string): boolean {
    return this.deadNodes.has(node);
  }

  /** Which ports a pod's containers listen on (null = unknown: assume it answers). */
  listens(pod: KObject): number[] | null {
    const r = this.rt.get(pod.metadata.uid);
    if (!r) return [];
    let out: number[] = [];
    for (const cs of [...r.inits.filter((x) => x.sidecar), ...r.containers]) {
      if (cs.state !== 'running') continue;
      if (cs.b.listens === null) return null;
      out = out.concat(cs.b.listens);
    }
    return out;
  }

  // ----- helpers -----------------------------------------------------------------------------

  private later(r: PodRuntime, ms: number, fn: () => void): void {
    const t = this.c.clock.after(ms, () => {
      r.timers.delete(t);
      if (!r.frozen) fn();
    });
    r.timers.add(t);
  }

  /** @internal for ContainerProbes */
  cLater(r: PodRuntime, cs: CState, ms: number, fn: () => void): void {
    const t = this.c.clock.after(ms, () => {
      cs.timers = cs.timers.filter((x) => x !== t);
      if (!r.frozen && !r.stopping) fn();
    });
    cs.timers.push(t);
  }

  private forget(r: PodRuntime): void {
    cancelTimers(r);
    this.rt.delete(r.uid);
  }

  /** Writes the pod status from the runtime state and publishes it (not while the node is down). */
  private writeStatus(r: PodRuntime): void {
    if (r.frozen) return;
    writePodStatus(r, this.iso);
    this.c.update(r.pod);
  }
}

function st(pod: KObject): PodStatus {
  return (pod.status ??= {});
}
