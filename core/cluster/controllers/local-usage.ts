// What a pod uses of its node's local disk and process IDs, as the kubelet's stats summary would
// report it to the eviction manager (eviction-local.ts). Nothing runs, so annotations say it:
// `kube-dorm.dev/disk` — what a container writes to its writable layer and logs (`.CONTAINER` for
// one container), `kube-dorm.dev/emptydir` — what is written into each emptyDir (`.VOLUME` for one
// volume), `kube-dorm.dev/pids` — how many processes a container runs (1 otherwise). A pod with none
// of them uses nothing that could cross a limit, and is not tracked.
import type { KObject } from '../store';
import { ann } from '../profiles';
import { canonicalQuantity, parseQuantity, parseQuantityDetailed } from '../../k8s/quantity';

/** A limit as the kubelet prints it (Quantity.String()) and its value. */
export interface Limit {
  bytes: number;
  text: string;
}

export interface LocalUsage {
  containers: { name: string; disk: number; request: number; limit?: Limit }[];
  volumes: { name: string; used: number; limit?: Limit }[];
  /** The sum of the containers' `limits.ephemeral-storage`, when one sets it. */
  podLimit?: Limit;
  /** Pod ephemeral storage: writable layers, logs and emptyDirs on disk. */
  total: number;
  /** The sum of the containers' `requests.ephemeral-storage`. */
  request: number;
  pids: number;
}

const OURS = /^kube-dorm\.dev\/(disk|emptydir|pids)(\.|$)/;

function limit(q: unknown): Limit | undefined {
  const bytes = parseQuantity(q);
  if (bytes === undefined || bytes <= 0) return undefined;
  return { bytes, text: canonicalQuantity(String(q)) ?? String(q) };
}

const bytesOf = (v: string | undefined): number => (v === undefined ? 0 : Math.max(0, parseQuantity(v) ?? 0));

/** The pod's local usage, or undefined when no annotation gives it any. */
export function localUsage(p: KObject): LocalUsage | undefined {
  const annotations: Record<string, string> | undefined = p.metadata.annotations;
  if (!annotations || !Object.keys(annotations).some((k) => OURS.test(k))) return undefined;
  const u: LocalUsage = { containers: [], volumes: [], total: 0, request: 0, pids: 0 };
  let sum = 0;
  let binary: boolean | undefined;
  for (const c of Array.isArray(p.spec?.containers) ? p.spec.containers : []) {
    const name = String(c?.name ?? '');
    const disk = bytesOf(ann(annotations, 'disk', name));
    const request = bytesOf(c?.resources?.requests?.['ephemeral-storage']);
    const lim = limit(c?.resources?.limits?.['ephemeral-storage']);
    if (lim) {
      sum += lim.bytes;
      binary ??= parseQuantityDetailed(c.resources.limits['ephemeral-storage'])?.format === 'BinarySI';
    }
    u.containers.push({ name, disk, request, limit: lim });
    u.total += disk;
    u.request += request;
    const pids = Number(ann(annotations, 'pids', name) ?? 1);
    u.pids += Number.isFinite(pids) && pids > 0 ? Math.round(pids) : 1;
  }
  if (sum > 0)
    u.podLimit = { bytes: sum, text: (binary && sum % 1024 === 0 ? canonicalQuantity(`${sum / 1024}Ki`) : canonicalQuantity(String(sum))) ?? String(sum) };
  for (const v of Array.isArray(p.spec?.volumes) ? p.spec.volumes : []) {
    if (!v?.emptyDir || typeof v.name !== 'string') continue;
    const used = bytesOf(ann(annotations, 'emptydir', v.name));
    u.volumes.push({ name: v.name, used, limit: limit(v.emptyDir.sizeLimit) });
    // A memory-backed emptyDir (tmpfs) takes no disk.
    if (v.emptyDir.medium !== 'Memory') u.total += used;
  }
  return u;
}

/** The sum of the pod's containers' `requests.ephemeral-storage`. */
export function ephemeralRequest(p: KObject): number {
  let sum = 0;
  for (const c of Array.isArray(p.spec?.containers) ? p.spec.containers : []) sum += bytesOf(c?.resources?.requests?.['ephemeral-storage']);
  return sum;
}
