// The kubelet's runtime view of a pod (its containers' states, timers and back-off) and the pod
// status it writes from it, as the kubelet's status manager does: container statuses, phase
// (pkg/kubelet/kubelet_pods.go getPhase), conditions and QoS class.
import type { Timer } from '../clock';
import type { Behavior } from '../profiles';
import { fnv32a } from '../rng';
import type { KObject } from '../store';
import { parseQuantity } from '../../k8s/quantity';
import { setCondition } from '../podutil';
import type { Container, ContainerState, ContainerStateTerminated, ContainerStatus, PodSpec } from '../../k8s/types';

/** One container (or init container) as the kubelet runs it. */
export interface CState {
  spec: Container;
  name: string;
  b: Behavior;
  init: boolean;
  /** A native sidecar: an init container with restartPolicy Always (starts before, runs beside, stops after the main containers). */
  sidecar: boolean;
  state: 'waiting' | 'running' | 'terminated';
  waitReason: string;
  waitMessage?: string;
  restartCount: number;
  startedAt?: number;
  terminated?: ContainerStateTerminated;
  lastState?: ContainerState;
  ready: boolean;
  /** Back-off before the next restart; 0 = next restart is immediate. */
  backoffMs: number;
  /** Will not run again (finished under restartPolicy Never/OnFailure). */
  done: boolean;
  timers: Timer[];
  /** The image pull back-off (ErrImagePull → ImagePullBackOff), 0 before the first failure. */
  pullBackoffMs?: number;
  /** Why the image cannot be pulled (computed once), '' when it can. */
  pullError?: string;
  /** When the image pull began (simulated ms), while one is in progress. */
  pullingSince?: number;
  /** The container ID of restart `n`, computed once. */
  cid?: { n: number; id: string };
}

/** One pod admitted on a node. */
export interface PodRuntime {
  uid: string;
  pod: KObject;
  node: string;
  inits: CState[];
  containers: CState[];
  initIndex: number;
  started: boolean;
  /** Blocked on a missing Secret/ConfigMap (volume or env). */
  blocked: boolean;
  terminal: boolean;
  stopping: boolean;
  frozen: boolean;
  timers: Set<Timer>;
  /** When the kubelet admitted it: its probe workers start then and tick every periodSeconds from there. */
  admittedAt: number;
}

/** Cancels a container's pending timers. */
export function cancelContainerTimers(cs: CState): void {
  for (const t of cs.timers) t.cancelled = true;
  cs.timers = [];
}

/** Cancels every pending timer of the pod and of its containers. */
export function cancelTimers(r: PodRuntime): void {
  for (const t of r.timers) t.cancelled = true;
  r.timers.clear();
  for (const cs of r.inits) cancelContainerTimers(cs);
  for (const cs of r.containers) cancelContainerTimers(cs);
}

/** A stable containerd ID per pod, container and restart. */
export function containerID(r: PodRuntime, cs: CState): string {
  if (cs.cid && cs.cid.n === cs.restartCount) return cs.cid.id;
  // FNV-1a runs left to right: the common prefix is hashed once (what hashing each whole string gives).
  const prefix = fnv32a(`${r.uid}/${cs.name}/${cs.restartCount}/`);
  const id = `containerd://${hex(1, prefix)}${hex(2, prefix)}${hex(3, prefix)}${hex(4, prefix)}`;
  cs.cid = { n: cs.restartCount, id };
  return id;
}

function hex(n: number, prefix: number): string {
  return fnv32a(String(n), prefix).toString(16).padStart(8, '0');
}

/** A container's status as the kubelet reports it (a function, not a closure per status write). */
function containerStatus(r: PodRuntime, cs: CState, iso: (ms?: number) => string): ContainerStatus {
  const out: ContainerStatus = {
    name: cs.name,
    image: String(cs.spec?.image ?? ''),
    imageID: '',
    ready: cs.ready,
    restartCount: cs.restartCount,
    started: cs.state === 'running',
    state: {},
    lastState: cs.lastState ?? {},
  };
  if (cs.state === 'running') {
    out.containerID = containerID(r, cs);
    out.state = { running: { startedAt: iso(cs.startedAt) } };
  } else if (cs.state === 'terminated') {
    out.containerID = cs.terminated!.containerID; // set whenever state is 'terminated'
    out.state = { terminated: cs.terminated };
  } else {
    out.state = { waiting: cs.waitMessage ? { reason: cs.waitReason, message: cs.waitMessage } : { reason: cs.waitReason } };
  }
  return out;
}

function containerStatuses(r: PodRuntime, list: CState[], iso: (ms?: number) => string): ContainerStatus[] {
  const out = new Array<ContainerStatus>(list.length);
  for (let i = 0; i < list.length; i++) out[i] = containerStatus(r, list[i], iso);
  return out;
}

/** Writes `r.pod.status` from the runtime state; `iso` formats simulated ms (default now) as RFC 3339. */
export function writePodStatus(r: PodRuntime, iso: (ms?: number) => string): void {
  const pod = r.pod;
  const s = (pod.status ??= {});
  if (r.inits.length) s.initContainerStatuses = containerStatuses(r, r.inits, iso);
  s.containerStatuses = containerStatuses(r, r.containers, iso);
  const all = r.containers;
  const initDone = r.initIndex >= r.inits.length;
  const initFailed = r.inits.some((c) => !c.sidecar && c.done && c.terminated?.exitCode !== 0);
  let phase: string;
  if (initFailed) phase = 'Failed';
  else if (!initDone) phase = 'Pending';
  else if (all.length && all.every((c) => c.done)) phase = all.every((c) => c.terminated?.exitCode === 0) ? 'Succeeded' : 'Failed';
  else if (all.some((c) => c.state === 'running' || (c.state !== 'waiting' && !c.done) || c.restartCount > 0 || c.waitReason === 'CrashLoopBackOff'))
    phase = 'Running';
  else if (all.some((c) => c.state === 'terminated' && !c.done)) phase = 'Running';
  else phase = 'Pending';
  s.phase = phase;
  const now = iso();
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  setCondition(
    pod,
    {
      type: 'Initialized',
      status: initDone ? 'True' : 'False',
      reason: initDone ? undefined : 'ContainersNotInitialized',
      message: initDone
        ? undefined
        : `containers with incomplete status: [${r.inits
            .filter((c) => !c.done && !(c.sidecar && c.startedAt !== undefined))
            .map((c) => c.name)
            .join(' ')}]`,
    },
    now,
  );
  // Native sidecars count in readiness like the main containers (ContainersReady).
  const unready = (r.inits.length ? [...r.inits.filter((c) => c.sidecar), ...all] : all).filter((c) => !c.ready).map((c) => c.name);
  const ready = !terminal && unready.length === 0 && all.length > 0;
  const reason = terminal ? 'PodCompleted' : ready ? undefined : 'ContainersNotReady';
  const msg = terminal || ready ? undefined : `containers with unready status: [${unready.join(' ')}]`;
  setCondition(pod, { type: 'Ready', status: ready ? 'True' : 'False', reason, message: msg }, now);
  setCondition(pod, { type: 'ContainersReady', status: ready ? 'True' : 'False', reason, message: msg }, now);
  if (terminal) r.terminal = true;
}

/** Guaranteed / Burstable / BestEffort (pkg/apis/core/v1/helper/qos). */
export function qosClass(spec: PodSpec | undefined): string {
  const cs = [...(Array.isArray(spec?.containers) ? spec.containers : []), ...(Array.isArray(spec?.initContainers) ? spec.initContainers : [])];
  let any = false;
  let guaranteed = cs.length > 0;
  for (const c of cs) {
    const req = c?.resources?.requests ?? {};
    const lim = c?.resources?.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const k of ['cpu', 'memory'])
      if (lim[k] === undefined || (req[k] !== undefined && req[k] !== lim[k] && parseQuantity(req[k]) !== parseQuantity(lim[k]))) guaranteed = false;
  }
  return !any ? 'BestEffort' : guaranteed ? 'Guaranteed' : 'Burstable';
}
