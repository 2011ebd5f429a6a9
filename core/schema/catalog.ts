// Typed access to the Kubernetes field catalog that scripts/gen-schema.mjs generates at build time
// (core/schema/generated/catalog.json, from @kubernetes/client-node's OpenAPI-derived declarations).
// Used by schema validation now, and by hovers, completion, `kubectl explain` and the fake API server.
// Lookups are cached: a type's fields are decoded once, on first use.
import type { Path } from '../manifest/types';

/** The catalog as stored: compact arrays, docs in one shared string table. */
interface CatalogJson {
  source: string;
  /** [apiVersion, kind, type, namespaced 0|1, plural] */
  kinds: [string, string, string, number, string][];
  /** type → [docIndex, fields: [jsonName, typeText, required 0|1, docIndex][]] */
  types: Record<string, [number, [string, string, number, number][]]>;
  docs: string[];
}

export type Primitive = 'string' | 'int32' | 'int64' | 'number' | 'boolean' | 'date-time' | 'IntOrString' | 'Quantity' | 'any';

/** A field's type: a primitive, a reference to a catalog type, or a list/map of another type. */
export type FieldType =
  { kind: 'primitive'; name: Primitive } | { kind: 'ref'; name: string } | { kind: 'array'; of: FieldType } | { kind: 'map'; of: FieldType };

export interface FieldInfo {
  /** JSON/YAML field name. */
  name: string;
  type: FieldType;
  /** Compact spelling of the type: `int32`, `V1Container`, `[]V1Container`, `{}string`. */
  typeText: string;
  required: boolean;
  /** The field's own description, or else its type's ('' when neither has one). */
  doc: string;
}

export interface TypeInfo {
  name: string;
  doc: string;
  fields: ReadonlyMap<string, FieldInfo>;
  required: readonly string[];
  /** A type with no declared fields (e.g. free-form JSON): anything goes inside. */
  opaque: boolean;
}

export interface KindInfo {
  apiVersion: string;
  /** '' for the core group. */
  group: string;
  version: string;
  kind: string;
  /** Catalog type of the object, e.g. `V1Deployment`. */
  type: string;
  namespaced: boolean;
  /** Resource name in URLs, e.g. `deployments`. */
  plural: string;
}

/**
 * Types of the apiVersions older minors serve and 1.36 does not (flowcontrol v1beta3, resource
 * v1alpha2 …), written by scripts/gen-versions.mjs beside the per-version facts, in the catalog's
 * form without descriptions; core/schema/versions.ts says which kinds have them.
 */
function legacyTypes(): CatalogJson['types'] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('./generated/versions.json') as { legacy: { types: CatalogJson['types'] } }).legacy.types;
}

let data: CatalogJson | undefined;
/** The catalog's text handed over by a host that cannot read files synchronously (provideCatalogText). */
let provided: string | undefined;
/** The host hands the text over when it has read it (expectCatalogText): nothing to preload before. */
let expected = false;

/** The host will hand the catalog over (provideCatalogText), perhaps after the server has started. */
export function expectCatalogText(): void {
  expected = true;
}

/**
 * Hands the catalog over as text, to be parsed on first need: the browser language server, which
 * cannot read a file synchronously, gets dist/catalog.json from its client and holds every message
 * after `initialized` back until it has (language-server/src/browser-main.ts).
 */
export function provideCatalogText(text: string): void {
  if (!data) provided = text;
}

/**
 * Parses the catalog now, if nothing has yet: what the language server does once `initialize` is
 * answered, so that the first lint does not wait for it. A catalog the host has yet to hand over
 * is parsed on first need instead.
 */
export function preloadCatalog(): void {
  if (expected && provided === undefined) return;
  load();
}

function load(): CatalogJson {
  if (!data) {
    try {
      // The bundles do not carry it: esbuild leaves this require to dist/catalog.json beside them
      // (scripts/build.mjs), read on first need; a plain require keeps the 0.5 MB JSON out of the
      // type checker. The browser server has no file to require: its client provides the text.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      data = provided !== undefined ? (JSON.parse(provided) as CatalogJson) : (require('./generated/catalog.json') as CatalogJson);
      provided = undefined;
    } catch (e) {
      throw new Error(
        `Kubernetes schema catalog missing (core/schema/generated/catalog.json; dist/catalog.json beside the bundles): run "npm run build" first (${(e as Error).message})`,
      );
    }
  }
  return data;
}

/** Where the catalog came from (package and OpenAPI release). */
export function catalogSource(): string {
  return load().source;
}

/** Splits an apiVersion into group and version: `apps/v1` → ['apps', 'v1'], `v1` → ['', 'v1']. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.lastIndexOf('/');
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

let kindIndex: Map<string, KindInfo> | undefined;
let kindsByName: Map<string, KindInfo[]> | undefined;
let groupVersions: Map<string, KindInfo[]> | undefined;
let groups: Set<string> | undefined;

function indexKinds(): void {
  if (kindIndex) return;
  kindIndex = new Map();
  kindsByName = new Map();
  groupVersions = new Map();
  groups = new Set();
  for (const [apiVersion, kind, type, namespaced, plural] of load().kinds) {
    const { group, version } = splitApiVersion(apiVersion);
    const k: KindInfo = { apiVersion, group, version, kind, type, namespaced: namespaced === 1, plural };
    kindIndex.set(`${apiVersion}\u0000${kind}`, k);
    if (!kindsByName.has(kind)) kindsByName.set(kind, []);
    kindsByName.get(kind)!.push(k);
    if (!groupVersions.has(apiVersion)) groupVersions.set(apiVersion, []);
    groupVersions.get(apiVersion)!.push(k);
    groups.add(group);
  }
}

/** The kind as served at `apiVersion`, or undefined when Kubernetes does not serve it there. */
export function lookupKind(apiVersion: string, kind: string): KindInfo | undefined {
  indexKinds();
  return kindIndex!.get(`${apiVersion}\u0000${kind}`);
}

/** Every apiVersion at which a built-in kind of this name is served (stable versions first). */
export function kindsNamed(kind: string): KindInfo[] {
  indexKinds();
  const list = kindsByName!.get(kind) ?? [];
  return [...list].sort((a, b) => versionRank(a.version) - versionRank(b.version) || a.apiVersion.localeCompare(b.apiVersion));
}

/** Kinds served at one apiVersion (empty when the group/version is not built in). */
export function kindsServedAt(apiVersion: string): KindInfo[] {
  indexKinds();
  return groupVersions!.get(apiVersion) ?? [];
}

/** Every served kind. */
export function allKinds(): KindInfo[] {
  indexKinds();
  return [...kindIndex!.values()];
}

/** Whether `group` is one of Kubernetes' built-in API groups ('' = core). */
export function isBuiltinGroup(group: string): boolean {
  indexKinds();
  return groups!.has(group);
}

/** v1 < v2 < v1beta2 < v1beta1 < v1alpha1: the order in which to suggest versions (a group lists them so too). */
export function versionRank(v: string): number {
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
  if (!m) return 1e6;
  const major = Number(m[1]);
  const level = m[2] === 'alpha' ? 2 : m[2] === 'beta' ? 1 : 0;
  return level * 10000 - major * 100 - Number(m[3] ?? 0);
}

// -----------------------------------------------------------------------------------------------
// Types and fields

const typeCache = new Map<string, TypeInfo | null>();
const parsedTypes = new Map<string, FieldType>();

const PRIMITIVES = new Set<string>(['string', 'int32', 'int64', 'number', 'boolean', 'date-time', 'IntOrString', 'Quantity', 'any']);

/** Decodes the compact type spelling: `[]V1Container` → array of ref V1Container. */
export function parseTypeText(text: string): FieldType {
  let t = parsedTypes.get(text);
  if (!t) {
    if (text.startsWith('[]')) t = { kind: 'array', of: parseTypeText(text.slice(2)) };
    else if (text.startsWith('{}')) t = { kind: 'map', of: parseTypeText(text.slice(2)) };
    else if (PRIMITIVES.has(text)) t = { kind: 'primitive', name: text as Primitive };
    else t = { kind: 'ref', name: text };
    parsedTypes.set(text, t);
  }
  return t;
}

/** The type named `name` (e.g. `V1PodSpec`), or undefined. */
export function typeInfo(name: string): TypeInfo | undefined {
  let info = typeCache.get(name);
  if (info === undefined) {
    const cat = load();
    const own = (types: CatalogJson['types']) => (Object.prototype.hasOwnProperty.call(types, name) ? types[name] : undefined);
    const raw = own(cat.types) ?? own(legacyTypes());
    if (!raw) info = null;
    else {
      const fields = new Map<string, FieldInfo>();
      const required: string[] = [];
      for (const [fname, typeText, req, doc] of raw[1]) {
        const type = parseTypeText(typeText);
        let d = doc >= 0 ? cat.docs[doc] : '';
        if (!d) {
          const inner = innermost(type);
          if (inner.kind === 'ref') {
            const r = cat.types[inner.name];
            if (r && r[0] >= 0) d = cat.docs[r[0]];
          }
        }
        fields.set(fname, { name: fname, type, typeText, required: req === 1, doc: d });
        if (req === 1) required.push(fname);
      }
      info = { name, doc: raw[0] >= 0 ? cat.docs[raw[0]] : '', fields, required, opaque: fields.size === 0 };
    }
    typeCache.set(name, info);
  }
  return info ?? undefined;
}

/** The fields of a type, in catalog (alphabetical) order; empty for an unknown type. */
export function fieldsOf(type: string): FieldInfo[] {
  const t = typeInfo(type);
  return t ? [...t.fields.values()] : [];
}

/** The element type under any number of list/map layers. */
export function innermost(t: FieldType): FieldType {
  while (t.kind === 'array' || t.kind === 'map') t = t.of;
  return t;
}

export interface ResolvedPath {
  kind: KindInfo;
  /** The field reached by the last key of the path (undefined for the empty path, the object itself). */
  field?: FieldInfo;
  /** The catalog type the path's value has (after list indices and map keys). */
  type: FieldType;
  /** The catalog type that declares `field`. */
  parentType?: string;
  doc: string;
}

/**
 * Walks `path` (keys and list indices, as in a manifest) from the kind's top type. Returns the
 * field and type reached, or undefined when the path leaves the schema (unknown field, or a key
 * into a scalar). A string segment under a map selects the map's value type; a number (or any
 * segment) under a list selects its element type.
 */
export function resolvePath(apiVersion: string, kind: string, path: Path, known?: KindInfo): ResolvedPath | undefined {
  const k = known ?? lookupKind(apiVersion, kind);
  if (!k) return undefined;
  let type: FieldType = { kind: 'ref', name: k.type };
  let field: FieldInfo | undefined;
  let parentType: string | undefined;
  let doc = typeInfo(k.type)?.doc ?? '';
  for (const seg of path) {
    if (type.kind === 'array') {
      type = type.of;
      continue;
    }
    if (type.kind === 'map') {
      type = type.of;
      continue;
    }
    if (type.kind === 'primitive') {
      if (type.name === 'any') continue;
      return undefined;
    }
    const t = typeInfo(type.name);
    if (!t) return undefined;
    if (t.opaque) return { kind: k, field, type: { kind: 'primitive', name: 'any' }, parentType, doc };
    const f = t.fields.get(String(seg));
    if (!f) return undefined;
    field = f;
    parentType = t.name;
    type = f.type;
    doc = f.doc;
  }
  return { kind: k, field, type, parentType, doc };
}

/** A human spelling of a type, as Kubernetes prints it: `[]Container`, `map[string]string`, `int32`. */
export function typeDisplay(t: FieldType): string {
  switch (t.kind) {
    case 'primitive':
      return t.name === 'Quantity' ? 'Quantity' : t.name === 'date-time' ? 'Time' : t.name;
    case 'ref':
      return t.name.replace(/^(?:[A-Z][a-z]+)*V\d+(?:alpha\d+|beta\d+)?(?=[A-Z])/, '').replace(/_\d+$/, '');
    case 'array':
      return `[]${typeDisplay(t.of)}`;
    case 'map':
      return `map[string]${typeDisplay(t.of)}`;
  }
}
