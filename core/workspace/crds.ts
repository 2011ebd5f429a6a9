// The custom kinds a workspace defines: every CustomResourceDefinition in it (any file, any document
// of a multi-document file, a Helm chart's `crds/` folder, the committed `.kube-dorm/schemas/`
// folder) registers its kind at each served version. Rebuilt only when a file holding a CRD changed
// (keyed on the CRD resources themselves), from the kind index, so it costs nothing when there is no CRD.
import type { Resource } from '../manifest/parse';
import { parseCrd, type CrdInfo, type CrdVersion } from '../schema/crd';
import { splitApiVersion } from '../schema/catalog';
import type { Workspace } from './index';

/** One kind at one version, and the CRD resource that defines it. */
export interface CrdEntry {
  crd: CrdInfo;
  version: CrdVersion;
  /** The CRD itself, where its schema is written. */
  source: Resource;
}

export interface CrdIndex {
  /** `group/version` + kind → its definition (served versions only). */
  get(apiVersion: string, kind: string): CrdEntry | undefined;
  /** Every CRD defining `kind` in `group` (whatever the version). */
  forGroupKind(group: string, kind: string): CrdEntry[];
  /** Every served kind at every version. */
  entries(): CrdEntry[];
  /** Every CRD read, with its resource. */
  crds(): { crd: CrdInfo; source: Resource }[];
}

const cache = new WeakMap<Workspace, { version: number; sources: Resource[]; outside: readonly Resource[]; index: CrdIndex }>();

/**
 * The CRD index of `ws`. Rebuilt only when a CRD's Resource object changed: the Workspace keeps the
 * Resource objects of files it did not re-parse, so a keystroke in a custom resource (or in any file
 * without a CRD) finds the same objects and reuses the index. An edit anywhere in a file holding a
 * CRD rebuilds it (that file's Resources are new, and the index's ranges must follow the new text).
 */
export function crdIndex(ws: Workspace): CrdIndex {
  const hit = cache.get(ws);
  if (hit && hit.version === ws.version) return hit.index;
  const sources = [...ws.byKind('CustomResourceDefinition')];
  const outside = ws.outsideCrds();
  if (hit && hit.outside === outside && hit.sources.length === sources.length && sources.every((r) => hit.sources.includes(r))) {
    hit.version = ws.version;
    return hit.index;
  }
  const index = buildIndex(sources, outside);
  cache.set(ws, { version: ws.version, sources, outside, index });
  return index;
}

/**
 * An index over the given CRD resources (sorted by file, so the first definition of a kind wins the
 * same way every time), then the ones from outside the workspace (a connected cluster's): a CRD the
 * user is editing wins over the one installed in the cluster.
 */
export function buildIndex(resources: Iterable<Resource>, outside: Iterable<Resource> = []): CrdIndex {
  const byKey = new Map<string, CrdEntry>();
  const byGroupKind = new Map<string, CrdEntry[]>();
  const crds: { crd: CrdInfo; source: Resource }[] = [];
  const sorted = [...resources].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.doc.index - b.doc.index));
  for (const source of [...sorted, ...outside]) {
    const crd = parseCrd(source.obj);
    if (!crd) continue;
    crds.push({ crd, source });
    for (const version of crd.versions) {
      if (!version.served) continue;
      const key = `${crd.group}/${version.name}\u0000${crd.kind}`;
      if (byKey.has(key)) continue;
      const e: CrdEntry = { crd, version, source };
      byKey.set(key, e);
      const gk = `${crd.group}\u0000${crd.kind}`;
      const list = byGroupKind.get(gk);
      if (list) list.push(e);
      else byGroupKind.set(gk, [e]);
    }
  }
  return {
    get: (apiVersion, kind) => byKey.get(`${apiVersion}\u0000${kind}`),
    forGroupKind: (group, kind) => byGroupKind.get(`${group}\u0000${kind}`) ?? [],
    entries: () => [...byKey.values()],
    crds: () => crds,
  };
}

/** The definition of a custom resource's kind, if its CRD is in the workspace. */
export function crdFor(ws: Workspace, res: Pick<Resource, 'apiVersion' | 'kind'>): CrdEntry | undefined {
  return crdIndex(ws).get(res.apiVersion, res.kind);
}

/** The CRDs of the resource's group and kind served at other versions (for "served at v1, v2"). */
export function crdVersionsOf(ws: Workspace, res: Pick<Resource, 'apiVersion' | 'kind'>): CrdEntry[] {
  return crdIndex(ws).forGroupKind(splitApiVersion(res.apiVersion).group, res.kind);
}
