// The CRDs installed in a connected cluster, as the language server holds them: one document per
// CRD in a file that is not the user's (`kube-dorm-cluster:/<context>/customresourcedefinitions.yaml`),
// given to Workspace.setOutsideCrds. They validate custom resources like a CRD in the workspace
// (after those: the one being edited wins), and every finding says it came from the cluster.
// Read-only: nothing here is ever written back to the cluster or to disk.

import { isObj, type JsonObject } from '../k8s/guards';

export const CLUSTER_SCHEME = 'kube-dorm-cluster';
/** At most this many CRDs are taken from a cluster (the rest are left out, and the count says so). */
export const MAX_CLUSTER_CRDS = 2000;

/** The (virtual) URI of a context's CRDs. */
export function clusterCrdUri(context: string): string {
  return `${CLUSTER_SCHEME}:/${encodeURIComponent(context)}/customresourcedefinitions.yaml`;
}

export function isClusterUri(uri: string): boolean {
  return uri.startsWith(`${CLUSTER_SCHEME}:`);
}

/** The context a cluster URI belongs to (undefined for any other URI). */
export function clusterContextOf(uri: string): string | undefined {
  if (!isClusterUri(uri)) return undefined;
  const first = uri.slice(CLUSTER_SCHEME.length + 2).split('/')[0];
  try {
    return decodeURIComponent(first);
  } catch {
    return first;
  }
}

/**
 * The text of a context's CRD file: the parts of each CRD that validation reads (apiVersion, kind,
 * name, spec), as JSON documents (YAML's subset), one per CRD, sorted by name so the same cluster
 * always gives the same text. Anything that is not a CRD object is skipped.
 */
export function clusterCrdText(crds: readonly unknown[]): { text: string; count: number; dropped: number } {
  const kept = crds
    .filter((c): c is JsonObject => isObj(c) && isObj(c.spec) && isObj(c.metadata) && typeof c.metadata.name === 'string')
    .map((c) => ({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: (c.metadata as { name: string }).name },
      spec: c.spec,
    }))
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
  const taken = kept.slice(0, MAX_CLUSTER_CRDS);
  return { text: taken.map((c) => JSON.stringify(c)).join('\n---\n') + '\n', count: taken.length, dropped: crds.length - taken.length };
}
