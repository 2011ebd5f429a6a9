// Admission: what the API server refuses at a write, in one place for every path that writes
// (`kube-dorm serve`, `kube-dorm simulate`, the panel, the controllers' own pod creations).
// Kubernetes' wording, from its sources:
// - `Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is
//   already allocated` (pkg/registry/core/service/storage/alloc.go, portallocator ErrAllocated);
// - `pods "web-7d4f9b8c6-" is forbidden: error looking up service account default/nope:
//   serviceaccount "nope" not found` (plugin/pkg/admission/serviceaccount; admission.NewForbidden
//   names a pod by its generateName, the name is not drawn yet).
import type { Cluster } from './cluster';
import type { KObject } from './store';

/** A write the API server refuses: a `Status` with this code and reason. */
export class AdmissionError extends Error {
  constructor(
    readonly code: 403 | 422,
    readonly reason: 'Forbidden' | 'Invalid',
    message: string,
    readonly details: Record<string, unknown>,
  ) {
    super(message);
  }

  /** The line kubectl prints for it. */
  get kubectlText(): string {
    return this.reason === 'Invalid' ? `The ${this.message}` : `Error from server (Forbidden): error when creating: ${this.message}`;
  }
}

/** `Kind "name" is invalid: field: Invalid value: V: why` (a field.ErrorList of one). */
export function invalidField(kind: string, name: string, field: string, value: unknown, why: string): AdmissionError {
  const detail = `Invalid value: ${typeof value === 'string' ? JSON.stringify(value) : String(value)}: ${why}`;
  return new AdmissionError(422, 'Invalid', `${kind} "${name}" is invalid: ${field}: ${detail}`, {
    name,
    kind,
    causes: [{ reason: 'FieldValueInvalid', message: detail, field }],
  });
}

/** `resource "name" is forbidden: why` (admission.NewForbidden). */
export function forbidden(resource: string, name: string, why: string): AdmissionError {
  return new AdmissionError(403, 'Forbidden', `${resource} "${name}" is forbidden: ${why}`, { name, kind: resource });
}

/** The ServiceAccount admission plugin: a pod runs as `default` unless it names another, which must exist. */
export function admitPodServiceAccount(c: Cluster, pod: KObject): void {
  const spec = pod.spec;
  if (!spec || typeof spec !== 'object') return;
  const ns = pod.metadata.namespace ?? 'default';
  const name = typeof spec.serviceAccountName === 'string' && spec.serviceAccountName ? spec.serviceAccountName : 'default';
  if (!c.get('ServiceAccount', ns, name)) {
    throw forbidden(
      'pods',
      pod.metadata.name || pod.metadata.generateName || 'Unknown',
      `error looking up service account ${ns}/${name}: serviceaccount "${name}" not found`,
    );
  }
  spec.serviceAccountName = name;
  spec.serviceAccount = name;
}

/**
 * A write a controller made was refused: the controller records why and its work queue tries the
 * key again later (client-go's rate-limited requeue).
 */
export class RetryLater extends Error {}
