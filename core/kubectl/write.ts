// How the built-in kubectl changes an existing object: as `kube-dorm serve` answers a PUT or a
// PATCH, through the one validation every writer shares (core/cluster/validation.ts: the linter's
// validation as the API server's, the structural checks, immutable fields) and then
// `replaceObject` (core/cluster/apply.ts). A refusal is the API server's Status, printed as
// kubectl prints it.
import { ApiError } from '../cluster/api-error';
import { replaceObject } from '../cluster/apply';
import type { Cluster } from '../cluster/cluster';
import { publicCopy, type KObject } from '../cluster/store';
import { checkImmutable, validate } from '../cluster/validation';
import { resourceForKind } from '../k8s/registry';

/**
 * Stores `next` in place of `cur` (the stored object) after the API server's validation and
 * settles the cluster. Returns the validation's warnings (kubectl prints each as `Warning: …`);
 * throws the `ApiError` the API server would answer.
 */
export function updateAsServer(c: Cluster, cur: KObject, changed: KObject): string[] {
  // Engine-private fields (`_progressed` …) are not the object's: serve never sends them out.
  const next = publicCopy(changed);
  next.apiVersion = cur.apiVersion;
  next.kind = cur.kind;
  next.metadata = { ...next.metadata, name: cur.metadata.name, namespace: cur.metadata.namespace };
  const def = resourceForKind(cur.kind);
  const warnings = def ? validate(next, def, false) : [];
  if (def) checkImmutable(cur, next, def);
  replaceObject(c, cur, next);
  c.settle();
  return warnings;
}

/** The lines kubectl prints for the API server's warnings. */
export const warningLines = (warnings: string[]): string => warnings.map((w) => `Warning: ${w}\n`).join('');

/**
 * What kubectl prints for a Status error it is given back (cmdutil.CheckErr): an Invalid one as
 * `The Kind "name" is invalid: field: why` (one `* field: why` line per cause when there are
 * several), any other as `Error from server (Reason): message`.
 */
export function statusText(e: ApiError): string {
  if (e.reason !== 'Invalid') return `Error from server (${e.reason}): ${e.message}`;
  const d = e.details ?? {};
  const kind = typeof d.kind === 'string' ? d.kind : '';
  const name = typeof d.name === 'string' ? d.name : '';
  if (!e.details) return `The request is invalid${e.message ? ': ' + e.message : ''}`;
  const head = kind || name ? `The ${kind} "${name}" is invalid` : `The request is invalid${e.message ? ': ' + e.message : ''}`;
  const causes = (Array.isArray(d.causes) ? d.causes : []).map((c: { field?: string; message?: string }) =>
    c.field ? `${c.field}: ${c.message ?? ''}` : String(c.message ?? ''),
  );
  if (!causes.length) return head;
  return causes.length === 1 ? `${head}: ${causes[0]}` : `${head}:\n${causes.map((c) => `* ${c}`).join('\n')}`;
}

export { ApiError };
