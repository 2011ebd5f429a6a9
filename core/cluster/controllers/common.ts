// Helpers shared by the workload controllers.
import type { Cluster } from '../cluster';
import { controllerOf, newMeta, type KObject, type OwnerReference } from '../store';
import type { PodTemplateSpec } from '../../k8s/types';
import { AdmissionError, RetryLater } from '../admission';

export function ownerRef(o: KObject): OwnerReference {
  return { apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, uid: o.metadata.uid, controller: true, blockOwnerDeletion: true };
}

/** Objects of `kind` whose controller is `owner`. */
export function controlled(c: Cluster, owner: KObject, kind: string): KObject[] {
  const uid = owner.metadata.uid;
  const out: KObject[] = [];
  c.store.forEachOwned(uid, (o) => {
    if (o.kind === kind && controllerOf(o)?.uid === uid) out.push(o);
  });
  return out;
}

/** The controller object of `o` if it is of `kind` and still exists. */
export function ownerOfKind(c: Cluster, o: KObject, kind: string): KObject | undefined {
  const ref = controllerOf(o);
  if (!ref || ref.kind !== kind) return undefined;
  return c.store.getByUid(ref.uid);
}

/** A deep copy of JSON-shaped data (manifests): plain objects, arrays and primitives. */
export function clone<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(clone) as T;
  if (Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null) return structuredClone(v);
  const out: Record<string, unknown> = {};
  for (const k in v) out[k] = clone(v[k]);
  return out as T;
}

/** A pod from a pod template, owned by `owner` (controller_utils.GetPodFromTemplate). */
export function podFromTemplate(
  c: Cluster,
  template: PodTemplateSpec | undefined,
  owner: KObject,
  opts: { name?: string; extraLabels?: Record<string, string>; mutate?: (pod: KObject) => void } = {},
): KObject {
  const t: PodTemplateSpec = template ?? {};
  const pod: KObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: newMeta({
      namespace: owner.metadata.namespace,
      labels: { ...(t.metadata?.labels ?? {}), ...(opts.extraLabels ?? {}) },
      ownerReferences: [ownerRef(owner)],
    }),
    spec: clone(t.spec ?? {}),
    status: { phase: 'Pending' },
  };
  if (t.metadata?.annotations) pod.metadata.annotations = { ...t.metadata.annotations };
  if (opts.name) pod.metadata.name = opts.name;
  else pod.metadata.generateName = `${owner.metadata.name}-`;
  opts.mutate?.(pod);
  try {
    // Built here from a deep copy of the template: no aliases to separate.
    return c.create(pod, !opts.mutate);
  } catch (e) {
    if (!(e instanceof AdmissionError)) throw e;
    // controller_utils CreatePodsWithGenerateName / the StatefulSet's recordPodEvent; the work queue retries.
    const name = String(pod.metadata.name ?? pod.metadata.generateName);
    const message =
      owner.kind === 'StatefulSet' ? `create Pod ${name} in StatefulSet ${owner.metadata.name} failed error: ${e.message}` : `Error creating: ${e.message}`;
    c.recordEvent(owner, 'Warning', 'FailedCreate', { pod: name, error: e.message }, message, `${owner.kind.toLowerCase()}-controller`);
    throw new RetryLater(e.message);
  }
}

export function statusChanged(o: KObject, next: unknown): boolean {
  const prev = JSON.stringify(o.status ?? {});
  const now = JSON.stringify(next);
  if (prev === now) return false;
  o.status = next;
  return true;
}

export function revisionOf(o: KObject): number {
  const v = Number(o.metadata.annotations?.['deployment.kubernetes.io/revision']);
  return Number.isFinite(v) ? v : 0;
}
