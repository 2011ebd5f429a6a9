// OpenAPI documents for the served kinds, generated from the schema catalog the linter uses
// (core/schema/catalog.ts), so `kubectl explain deployment.spec.strategy` explains and kubectl
// finds server-side field validation (the `fieldValidation` query parameter on PATCH/POST).
// v3: /openapi/v3 (index) and /openapi/v3/<api|apis/group>/<version> per group-version.
// v2: one JSON document (kubectl asks for protobuf first and falls back when we decline it).
import { catalogSource, innermost, typeInfo, type FieldType } from '../schema/catalog';
import { fnv32a } from '../cluster/rng';
import { ownDoc, SPECIAL_TYPES } from '../kubectl/explain';

/** Bump when the shape of the generated documents changes (clients cache them by hash). */
const DOC_REVISION = 1;
import { METRICS_GROUP, olderResources, resources, servedGroups, servedInVersion, type ResourceDef } from '../k8s/registry';
import { fieldInVersion } from '../schema/versions';

/** Catalog primitive → schema name of Kubernetes' string-valued special types (shared with the built-in kubectl's explain). */
const SPECIAL: Record<string, string> = Object.fromEntries(Object.entries(SPECIAL_TYPES).map(([k, v]) => [k, v.schema]));

/** `V1DeploymentSpec` → `io.k8s.api.apps.v1.DeploymentSpec`-like names (package approximated by version). */
function schemaName(type: string): string {
  const m = /^(V\d+(?:alpha\d+|beta\d+)?)([A-Z]\w*)$/.exec(type);
  if (!m) return `io.k8s.kube-dorm.${type}`;
  const version = m[1].toLowerCase();
  if (
    [
      'ObjectMeta',
      'ListMeta',
      'LabelSelector',
      'LabelSelectorRequirement',
      'OwnerReference',
      'ManagedFieldsEntry',
      'Condition',
      'Status',
      'StatusDetails',
      'StatusCause',
      'DeleteOptions',
      'Preconditions',
    ].includes(m[2])
  )
    return `io.k8s.apimachinery.pkg.apis.meta.${version}.${m[2]}`;
  return `io.k8s.api.${version}.${m[2]}`;
}

function fieldSchema(t: FieldType, doc: string, ref: (name: string) => string): Record<string, unknown> {
  const withDoc = (o: Record<string, unknown>) => (doc ? { description: doc, ...o } : o);
  switch (t.kind) {
    case 'primitive':
      if (SPECIAL[t.name]) return withDoc({ allOf: [{ $ref: `#/components/schemas/${ref(SPECIAL[t.name])}` }] });
      if (t.name === 'int32' || t.name === 'int64') return withDoc({ type: 'integer', format: t.name });
      if (t.name === 'number') return withDoc({ type: 'number', format: 'double' });
      if (t.name === 'boolean') return withDoc({ type: 'boolean' });
      if (t.name === 'any') return withDoc({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true });
      return withDoc({ type: 'string', default: '' });
    case 'ref':
      return withDoc({ default: {}, allOf: [{ $ref: `#/components/schemas/${ref(t.name)}` }] });
    case 'array':
      return withDoc({ type: 'array', items: fieldSchema(t.of, '', ref) });
    case 'map':
      return withDoc({ type: 'object', additionalProperties: fieldSchema(t.of, '', ref) });
  }
}

/**
 * Schemas reachable from `roots` (catalog type names), keyed by OpenAPI name. With a targeted
 * `version`, fields added after it are left out, as that version's API server documents none of them.
 */
function schemasFrom(roots: { type: string; def?: ResourceDef }[], version: string | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const sp of Object.values(SPECIAL_TYPES)) out[sp.schema] = { type: 'string', ...(sp.format ? { format: sp.format } : {}), description: sp.doc };
  const gvk = new Map<string, ResourceDef[]>();
  for (const r of roots) if (r.def) gvk.set(r.type, [...(gvk.get(r.type) ?? []), r.def]);
  const queue = roots.map((r) => r.type);
  const seen = new Set<string>();
  while (queue.length) {
    const type = queue.pop()!;
    if (seen.has(type)) continue;
    seen.add(type);
    const info = typeInfo(type);
    if (!info) continue;
    const properties: Record<string, unknown> = {};
    for (const f of info.fields.values()) {
      if (version && fieldInVersion(type, f.name, version) === 'no') continue;
      const inner = innermost(f.type);
      // The catalog repeats a type's own description on fields without one; explain prints both.
      const doc = ownDoc(f);
      properties[f.name] = fieldSchema(f.type, doc, (n) => (n.startsWith('io.') ? n : schemaName(n)));
      if (inner.kind === 'ref' && !seen.has(inner.name)) queue.push(inner.name);
    }
    const s: Record<string, unknown> = { description: info.doc, type: 'object', properties };
    if (info.required.length) s.required = [...info.required];
    if (info.opaque) s['x-kubernetes-preserve-unknown-fields'] = true;
    const defs = gvk.get(type);
    if (defs) s['x-kubernetes-group-version-kind'] = defs.map((d) => ({ group: d.group, kind: d.kind, version: d.version }));
    out[schemaName(type)] = s;
  }
  return out;
}

const param = (name: string, description: string) => ({ name, in: 'query', description, schema: { type: 'string', uniqueItems: true } });
const FIELD_VALIDATION = param(
  'fieldValidation',
  'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: Ignore, Warn (default), Strict.',
);
const DRY_RUN = param('dryRun', 'When present, indicates that modifications should not be persisted.');
const FIELD_MANAGER = param('fieldManager', 'fieldManager is a name associated with the actor or entity that is making these changes.');

function pathsFor(defs: ResourceDef[]): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const d of defs) {
    const base = d.group ? `/apis/${d.group}/${d.version}` : '/api/v1';
    const coll = d.namespaced ? `${base}/namespaces/{namespace}/${d.plural}` : `${base}/${d.plural}`;
    const ext = { 'x-kubernetes-group-version-kind': { group: d.group, version: d.version, kind: d.kind }, 'x-kubernetes-action': '' };
    const ref = { content: { 'application/json': { schema: { $ref: `#/components/schemas/${schemaName(d.type)}` } } } };
    const op = (action: string, id: string, params: unknown[] = []) => ({
      ...ext,
      'x-kubernetes-action': action,
      operationId: `${id}${d.kind}`,
      tags: [d.apiVersion],
      parameters: params,
      responses: { '200': { description: 'OK', ...ref } },
    });
    if (!d.verbs.includes('get')) {
      paths[coll] = { post: op('post', 'create', [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION]) };
      continue;
    }
    paths[coll] = { get: op('list', 'list'), post: op('post', 'create', [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION]) };
    paths[`${coll}/{name}`] = {
      get: op('get', 'read'),
      put: op('put', 'replace', [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION]),
      patch: op('patch', 'patch', [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION, param('force', 'Force is going to "force" Apply requests.')]),
      delete: op('delete', 'delete', [DRY_RUN]),
    };
  }
  return paths;
}

function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : 'api/v1';
}

const v3cache = new Map<string, unknown>();

/** The stored kinds the targeted version serves, at the older group-versions it has too (the catalog's without a target). */
const servedDefs = (version: string | undefined) => [...resources(), ...olderResources()].filter((d) => servedInVersion(d, version));

/**
 * GET /openapi/v3: one entry per group-version (with a targeted `version`, those it serves: the
 * others' documents are not found, as on that version's API server).
 */
export function openApiV3Index(extra: { name: string; versions: string[]; stamp?: string }[] = [], version?: string): unknown {
  const paths: Record<string, unknown> = {};
  // The metrics API is aggregated: it has no OpenAPI document here.
  const builtin = servedGroups(version).filter((g) => g.name !== METRICS_GROUP);
  const all: { name: string; versions: string[]; stamp?: string }[] = [...builtin, ...extra];
  const gvs = [{ group: '', version: 'v1', stamp: '' }, ...all.flatMap((g) => g.versions.map((version) => ({ group: g.name, version, stamp: g.stamp ?? '' })))];
  for (const gv of gvs) {
    const p = gvPath(gv.group, gv.version);
    // kubectl caches these documents by URL for good: the hash changes when the catalog does.
    paths[p] = {
      serverRelativeURL: `/openapi/v3/${p}?hash=${(fnv32a(`${DOC_REVISION}|${catalogSource()}|${version ? `${version}|` : ''}${p}|${gv.stamp}`) >>> 0).toString(16).toUpperCase().padStart(8, '0')}`,
    };
  }
  return { paths };
}

/** `info.version` of the documents: the targeted minor's, else what serve's /version says without one. */
const infoVersion = (version: string | undefined) => (version ? `v${version}.0` : 'v1.32.0');

/** The OpenAPI v3 document of one group-version (`apis/apps/v1`) as the targeted `version` serves it, or undefined. */
export function openApiV3Doc(p: string, version?: string): unknown {
  const key = `${version ?? ''}|${p}`;
  if (v3cache.has(key)) return v3cache.get(key);
  const defs = servedDefs(version).filter((d) => gvPath(d.group, d.version) === p);
  if (!defs.length) return undefined;
  const doc = {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: infoVersion(version) },
    paths: pathsFor(defs),
    components: {
      schemas: schemasFrom(
        defs.map((d) => ({ type: d.type, def: d })),
        version,
      ),
    },
  };
  v3cache.set(key, doc);
  return doc;
}

const v2cache = new Map<string, unknown>();
/** A Swagger 2.0 document of every kind the targeted `version` serves (JSON; `#/definitions/...` refs). */
export function openApiV2(version?: string): unknown {
  const cached = v2cache.get(version ?? '');
  if (cached) return cached;
  const defs = servedDefs(version);
  const schemas = JSON.stringify(
    schemasFrom(
      defs.map((d) => ({ type: d.type, def: d })),
      version,
    ),
  ).replace(/#\/components\/schemas\//g, '#/definitions/');
  const paths = JSON.stringify(pathsFor(defs)).replace(/#\/components\/schemas\//g, '#/definitions/');
  const doc = { swagger: '2.0', info: { title: 'Kubernetes', version: infoVersion(version) }, paths: JSON.parse(paths), definitions: JSON.parse(schemas) };
  v2cache.set(version ?? '', doc);
  return doc;
}
