// Facts about pods that several controllers need (pkg/api/v1/pod, pkg/controller/controller_utils.go).
import { isObj } from '../k8s/guards';
import type { KObject } from './store';

/** A status condition of any kind (Pod, Deployment, ReplicaSet, Job, Node) as the simulator keeps it. */
export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  /** Pods: always null, as the kubelet writes it. */
  lastProbeTime?: string | null;
  /** Workloads: when the condition was last written. */
  lastUpdateTime?: string;
}

export function isTerminal(p: KObject): boolean {
  const ph = p.status?.phase;
  return ph === 'Succeeded' || ph === 'Failed';
}

function isDeleting(p: KObject): boolean {
  return !!p.metadata.deletionTimestamp;
}

/** Counts toward a controller's replicas: not finished and not being deleted. */
export function isActive(p: KObject): boolean {
  return !isTerminal(p) && !isDeleting(p);
}

export function condition(o: KObject, type: string): Condition | undefined {
  const cs: unknown = o.status?.conditions;
  if (!Array.isArray(cs)) return undefined;
  // A loop, not find(): controllers ask this of every pod they walk.
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i] as Condition | null | undefined;
    if (c?.type === type) return c;
  }
  return undefined;
}

export function isPodReady(p: KObject): boolean {
  return condition(p, 'Ready')?.status === 'True';
}

/** Ready for at least minReadySeconds at `now` (ms); times are kept alongside as readySince (ms). */
export function isPodAvailable(p: KObject, minReadySeconds: number, now: number, c?: { msOf(s: string | undefined): number | undefined }): boolean {
  if (!isPodReady(p) || isDeleting(p)) return false;
  if (!minReadySeconds) return true;
  const since = c?.msOf(condition(p, 'Ready')?.lastTransitionTime);
  return since !== undefined && since + minReadySeconds * 1000 <= now;
}

export function restartCount(p: KObject): number {
  let n = 0;
  for (const cs of p.status?.containerStatuses ?? []) n += cs.restartCount ?? 0;
  return n;
}

/** Sets or replaces a status condition; returns true if anything changed. */
export function setCondition(o: KObject, cond: { type: string; status: string; reason?: string; message?: string }, nowIso: string): boolean {
  if (!o.status) o.status = {};
  if (!Array.isArray(o.status.conditions)) o.status.conditions = [];
  const list = o.status.conditions as Condition[];
  // A loop, not findIndex(): every status write of every pod asks this three times.
  let i = -1;
  for (let k = 0; k < list.length; k++)
    if (list[k].type === cond.type) {
      i = k;
      break;
    }
  const old = i >= 0 ? list[i] : undefined;
  if (old && old.status === cond.status && old.reason === cond.reason && old.message === cond.message) return false;
  const c: Condition = { type: cond.type, status: cond.status };
  if (o.kind === 'Pod') {
    c.lastProbeTime = null;
    c.lastTransitionTime = old && old.status === cond.status ? old.lastTransitionTime : nowIso;
  } else {
    c.lastUpdateTime = nowIso;
    c.lastTransitionTime = old && old.status === cond.status ? old.lastTransitionTime : nowIso;
  }
  if (cond.reason) c.reason = cond.reason;
  if (cond.message) c.message = cond.message;
  if (i >= 0) list[i] = c;
  else list.push(c);
  return true;
}

/** Whether pod tolerates a taint (key/effect, Exists or Equal). */
export function tolerates(tolerations: readonly unknown[] | undefined, taint: { key: string; value?: string; effect: string }): boolean {
  for (const t of tolerations ?? []) {
    // An array is an object too: it has no key and no operator, so it tolerates nothing.
    if (!isObj(t)) continue;
    if (t.effect && t.effect !== taint.effect) continue;
    if (t.key === undefined || t.key === '') {
      if (t.operator === 'Exists') return true;
      continue;
    }
    if (t.key !== taint.key) continue;
    if (t.operator === 'Exists') return true;
    if ((t.value ?? '') === (taint.value ?? '')) return true;
  }
  return false;
}
