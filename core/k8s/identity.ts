// A manifest resource's place in a cluster: its namespace, API group and identity
// (kind, namespace, name), the way the API server keys what it stores.
import type { Resource } from '../manifest/parse';
import { isBuiltinKind, isClusterScopedKind } from './kinds';

export const DEFAULT_NS = 'default';

/** The namespace the object lands in (kubectl's default when none is written). */
export const nsOf = (res: Resource): string => res.namespace || DEFAULT_NS;

/** The API group of the resource's apiVersion ('' for the core group, "v1"). */
export const groupOf = (res: Resource): string => (res.apiVersion.includes('/') ? res.apiVersion.slice(0, res.apiVersion.indexOf('/')) : '');

/** A core-group ("v1") resource of this kind, not a CRD that happens to share the kind's name. */
export const isCoreKind = (res: Resource, kind: string): boolean => res.kind === kind && groupOf(res) === '';

/** A kind Kubernetes itself serves (not a CRD), judged by kind and API group. */
export function isBuiltinResource(res: Resource): boolean {
  return isBuiltinKind(res.kind, groupOf(res));
}

/** A built-in kind that lives outside namespaces (a CRD's scope cannot be known from its kind). */
export function isClusterScoped(res: Resource): boolean {
  return isBuiltinResource(res) && isClusterScopedKind(res.kind);
}

/** The object's identity in a cluster: kind (group-qualified for non-built-ins), namespace, name. */
export function identityOf(res: Resource): string | undefined {
  if (!res.kind || res.name === undefined || res.name === '') return undefined;
  // Build-tool inputs, not objects stored in a cluster.
  if (groupOf(res) === 'kustomize.config.k8s.io' || groupOf(res) === 'config.k8s.io') return undefined;
  const kind = isBuiltinResource(res) ? res.kind : `${groupOf(res)}/${res.kind}`;
  return isClusterScoped(res) ? `${kind}\u0000\u0000${res.name}` : `${kind}\u0000${nsOf(res)}\u0000${res.name}`;
}
