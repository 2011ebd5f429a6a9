// CustomResourceDefinitions in the simulated API server: every CRD stored in the cluster serves its
// kind at each served version — discovery, OpenAPI v3 (so `kubectl explain` reads the CRD's
// schema), list/get/watch/create/update/delete like any stored kind, writes validated against the
// schema by the linter (core/rules/crd.ts, with the CRD as the workspace), and Tables whose columns
// are the CRD's `additionalPrinterColumns` (`kubectl get widgets`).
import type { Cluster } from '../cluster/cluster';
import type { KObject } from '../cluster/store';
import { humanDuration } from '../cluster/clock';
import { select as jsonSelect, show } from '../kubectl/jsonpath';
import type { ResourceDef } from '../k8s/registry';
import { parseCrd, type CrdInfo, type CrdVersion, type JsonSchema } from '../schema/crd';

export interface CustomDef extends ResourceDef {
  crd: CrdInfo;
  crdVersion: CrdVersion;
  /** The stored CRD, which the linter validates custom resources against. */
  crdObject: KObject;
}

export function isCustomDef(def: ResourceDef): def is CustomDef {
  return (def as Partial<CustomDef>).crd !== undefined;
}

const CRUD = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** The resources the stored CRDs serve (served versions only, and only groups no built-in kind uses). */
export function customDefs(cluster: Cluster, builtin: (group: string) => boolean): CustomDef[] {
  const out: CustomDef[] = [];
  for (const o of cluster.list('CustomResourceDefinition')) {
    const crd = parseCrd(o);
    if (!crd || builtin(crd.group) || o.metadata.deletionTimestamp) continue;
    for (const v of crd.versions) {
      if (!v.served) continue;
      out.push({
        group: crd.group,
        version: v.name,
        apiVersion: `${crd.group}/${v.name}`,
        kind: crd.kind,
        plural: crd.plural,
        singular: crd.singular,
        namespaced: crd.namespaced,
        shortNames: crd.shortNames,
        categories: crd.categories,
        verbs: CRUD,
        subresources: v.statusSubresource ? [{ name: 'status', kind: crd.kind, verbs: ['get', 'patch', 'update'] }] : [],
        type: '',
        crd,
        crdVersion: v,
        crdObject: o,
      });
    }
  }
  return out;
}

/** Groups and their versions (storage version first, as the API server prefers it). */
export function customGroups(defs: CustomDef[]): { name: string; versions: string[]; stamp: string }[] {
  const m = new Map<string, { versions: string[]; stamp: string }>();
  for (const d of [...defs].sort((a, b) => Number(b.crdVersion.storage) - Number(a.crdVersion.storage))) {
    const g = m.get(d.group) ?? m.set(d.group, { versions: [], stamp: '' }).get(d.group)!;
    if (!g.versions.includes(d.version)) g.versions.push(d.version);
    // The CRDs' resourceVersions: a changed schema gets a new OpenAPI hash, so clients fetch it again.
    g.stamp += `${d.crdObject.metadata.resourceVersion},`;
  }
  return [...m.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([name, g]) => ({ name, ...g }));
}

/** `dorm.example.com` → `com.example.dorm`, as the API server names CRD schemas. */
const schemaName = (d: CustomDef) => `${d.group.split('.').reverse().join('.')}.${d.version}.${d.kind}`;

/** The OpenAPI v3 document of a CRD group-version (`apis/dorm.example.com/v1`), or undefined. */
export function customOpenApiV3Doc(defs: CustomDef[], p: string): unknown {
  const here = defs.filter((d) => `apis/${d.group}/${d.version}` === p);
  if (!here.length) return undefined;
  const schemas: Record<string, unknown> = {};
  const paths: Record<string, unknown> = {};
  for (const d of here) {
    const s: JsonSchema = d.crdVersion.schema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
    schemas[schemaName(d)] = {
      ...s,
      type: 'object',
      properties: {
        apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object.' },
        kind: { type: 'string', description: 'Kind is a string value representing the REST resource this object represents.' },
        metadata: {
          type: 'object',
          description: "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
        },
        ...(s.properties ?? {}),
      },
      'x-kubernetes-group-version-kind': [{ group: d.group, kind: d.kind, version: d.version }],
    };
    const base = `/apis/${d.group}/${d.version}${d.namespaced ? '/namespaces/{namespace}' : ''}/${d.plural}`;
    const ext = { 'x-kubernetes-group-version-kind': { group: d.group, version: d.version, kind: d.kind } };
    const ref = { responses: { '200': { description: 'OK', content: { 'application/json': { schema: { $ref: `#/components/schemas/${schemaName(d)}` } } } } } };
    const fv = [{ name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } }];
    paths[base] = { get: { ...ext, 'x-kubernetes-action': 'list', ...ref }, post: { ...ext, 'x-kubernetes-action': 'post', parameters: fv, ...ref } };
    paths[`${base}/{name}`] = {
      get: { ...ext, 'x-kubernetes-action': 'get', ...ref },
      put: { ...ext, 'x-kubernetes-action': 'put', parameters: fv, ...ref },
      patch: { ...ext, 'x-kubernetes-action': 'patch', parameters: fv, ...ref },
      delete: { ...ext, 'x-kubernetes-action': 'delete', ...ref },
    };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes CRD Swagger', version: 'v0.1.0' }, paths, components: { schemas } };
}

interface TableColumn {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

/** The Table of a custom kind: Name, then the CRD's printer columns (or Age when it declares none), as the API server builds it. */
export function customTable(def: CustomDef): { columns: TableColumn[]; row(c: Cluster, o: KObject): unknown[] } {
  const declared = def.crdVersion.printerColumns;
  const cols = declared.length
    ? declared
    : [
        {
          name: 'Age',
          type: 'date',
          jsonPath: '.metadata.creationTimestamp',
          description: 'CreationTimestamp is a timestamp representing the server time when this object was created.',
          priority: 0,
        },
      ];
  const columns: TableColumn[] = [
    { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace.', priority: 0 },
    ...cols.map((k) => ({ name: k.name, type: k.type, format: k.format ?? '', description: k.description ?? '', priority: k.priority })),
  ];
  return {
    columns,
    row: (cl, o) => [o.metadata.name, ...cols.map((k) => cell(cl, k.type, k.jsonPath, o))],
  };
}

function cell(c: Cluster, type: string, path: string, o: KObject): unknown {
  let nodes: unknown[];
  try {
    nodes = jsonSelect(path.replace(/^\{(.*)\}$/, '$1'), o);
  } catch {
    return null;
  }
  if (!nodes.length) return null;
  const v = nodes[0];
  if (type === 'date' && typeof v === 'string') {
    const ms = c.msOf(v);
    return ms === undefined ? v : humanDuration(c.now - ms);
  }
  if ((type === 'integer' || type === 'number') && typeof v === 'number') return v;
  if (type === 'boolean' && typeof v === 'boolean') return v;
  return typeof v === 'object' ? JSON.stringify(v) : show(v);
}

/** The status the API server gives a new CRD: names accepted, established, the storage version stored. */
export function establishedStatus(o: KObject, now: string): Record<string, unknown> | undefined {
  const crd = parseCrd(o);
  if (!crd) return undefined;
  const cond = (type: string, reason: string, message: string) => ({ type, status: 'True', lastTransitionTime: now, reason, message });
  return {
    conditions: [
      cond('NamesAccepted', 'NoConflicts', 'no conflicts found'),
      cond('Established', 'InitialNamesAccepted', 'the initial names have been accepted'),
    ],
    acceptedNames: {
      kind: crd.kind,
      listKind: crd.listKind,
      plural: crd.plural,
      singular: crd.singular,
      ...(crd.shortNames.length ? { shortNames: crd.shortNames } : {}),
    },
    storedVersions: crd.versions.filter((v) => v.storage).map((v) => v.name),
  };
}
