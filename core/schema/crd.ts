// CustomResourceDefinitions read as data: a CRD object (apiextensions.k8s.io/v1) → the kinds it
// serves, per version, with each version's `openAPIV3Schema`, names and printer columns. Pure: no
// workspace, no files. The workspace index (core/workspace/crds.ts) collects them, the linter
// validates custom resources against them (core/rules/crd*.ts), and the editor and `serve` read them.
import { isObj } from '../manifest/text';
import type { Path } from '../manifest/types';

/** The subset of a structural schema (JSONSchemaProps) Kube Dorm reads. */
export interface JsonSchema {
  type?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  required?: string[];
  enum?: unknown[];
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  multipleOf?: number;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  nullable?: boolean;
  default?: unknown;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-validations'?: { rule?: string; message?: string }[];
}

export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  description?: string;
  priority: number;
  format?: string;
}

export interface CrdVersion {
  name: string;
  served: boolean;
  storage: boolean;
  /** The version's `schema.openAPIV3Schema` (undefined: none given, anything goes). */
  schema?: JsonSchema;
  /** Where that schema sits in the CRD object (for "schema from …" locations). */
  schemaPath: Path;
  printerColumns: PrinterColumn[];
  /** `subresources.status` is set: `status` is written through its own endpoint. */
  statusSubresource: boolean;
}

export interface CrdInfo {
  /** metadata.name, `<plural>.<group>`. */
  name: string;
  group: string;
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  shortNames: string[];
  categories: string[];
  namespaced: boolean;
  versions: CrdVersion[];
}

const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);

/** Whether an object is a CustomResourceDefinition Kube Dorm can read. */
export function isCrdObject(obj: unknown): boolean {
  return isObj(obj) && obj.kind === 'CustomResourceDefinition' && typeof obj.apiVersion === 'string' && obj.apiVersion.startsWith('apiextensions.k8s.io/');
}

/**
 * Reads a CRD object (apiextensions.k8s.io/v1, or the removed v1beta1's top-level `version` and
 * `validation`). Undefined when group, kind or plural is missing: nothing can be registered.
 */
export function parseCrd(obj: unknown): CrdInfo | undefined {
  if (!isCrdObject(obj) || !isObj(obj)) return undefined;
  const spec = obj.spec;
  if (!isObj(spec) || !isObj(spec.names)) return undefined;
  const group = spec.group;
  const kind = spec.names.kind;
  const plural = spec.names.plural;
  if (typeof group !== 'string' || !group || typeof kind !== 'string' || !kind || typeof plural !== 'string' || !plural) return undefined;
  const versions: CrdVersion[] = [];
  const topColumns = Array.isArray(spec.additionalPrinterColumns) ? spec.additionalPrinterColumns : undefined;
  if (Array.isArray(spec.versions)) {
    spec.versions.forEach((v: unknown, i: number) => {
      if (!isObj(v) || typeof v.name !== 'string') return;
      const s = isObj(v.schema) && isObj(v.schema.openAPIV3Schema) ? (v.schema.openAPIV3Schema as JsonSchema) : undefined;
      const fallback = !s && isObj(spec.validation) && isObj(spec.validation.openAPIV3Schema) ? (spec.validation.openAPIV3Schema as JsonSchema) : undefined;
      versions.push({
        name: v.name,
        served: v.served !== false,
        storage: v.storage === true,
        schema: s ?? fallback,
        schemaPath: s ? ['spec', 'versions', i, 'schema', 'openAPIV3Schema'] : fallback ? ['spec', 'validation', 'openAPIV3Schema'] : ['spec', 'versions', i],
        printerColumns: columns(Array.isArray(v.additionalPrinterColumns) ? v.additionalPrinterColumns : topColumns),
        statusSubresource: isObj(v.subresources) ? isObj(v.subresources.status) : isObj(spec.subresources) && isObj(spec.subresources.status),
      });
    });
  } else if (typeof spec.version === 'string') {
    const s = isObj(spec.validation) && isObj(spec.validation.openAPIV3Schema) ? (spec.validation.openAPIV3Schema as JsonSchema) : undefined;
    versions.push({
      name: spec.version,
      served: true,
      storage: true,
      schema: s,
      schemaPath: s ? ['spec', 'validation', 'openAPIV3Schema'] : ['spec'],
      printerColumns: columns(topColumns),
      statusSubresource: isObj(spec.subresources) && isObj(spec.subresources.status),
    });
  }
  const names = spec.names;
  const crdName = isObj(obj.metadata) ? obj.metadata.name : undefined;
  return {
    name: typeof crdName === 'string' ? crdName : `${plural}.${group}`,
    group,
    kind,
    listKind: typeof names.listKind === 'string' ? names.listKind : `${kind}List`,
    plural,
    singular: typeof names.singular === 'string' ? names.singular : kind.toLowerCase(),
    shortNames: strs(names.shortNames),
    categories: strs(names.categories),
    namespaced: spec.scope !== 'Cluster',
    versions,
  };
}

function columns(list: unknown[] | undefined): PrinterColumn[] {
  const out: PrinterColumn[] = [];
  for (const c of list ?? []) {
    if (!isObj(c) || typeof c.name !== 'string') continue;
    // v1beta1 spelled it JSONPath.
    const jsonPath = typeof c.jsonPath === 'string' ? c.jsonPath : typeof c.JSONPath === 'string' ? c.JSONPath : '';
    out.push({
      name: c.name,
      type: typeof c.type === 'string' ? c.type : 'string',
      jsonPath,
      ...(typeof c.description === 'string' ? { description: c.description } : {}),
      priority: typeof c.priority === 'number' ? c.priority : 0,
      ...(typeof c.format === 'string' ? { format: c.format } : {}),
    });
  }
  return out;
}

/** The schema of an object's property `key` (a declared property, else `additionalProperties`), or undefined. */
export function propertySchema(s: JsonSchema, key: string): JsonSchema | undefined {
  if (isObj(s.properties) && Object.prototype.hasOwnProperty.call(s.properties, key) && isObj(s.properties[key])) return s.properties[key];
  if (isObj(s.additionalProperties)) return s.additionalProperties;
  return undefined;
}

/** Whether the schema lets an object hold keys it does not declare. */
export function allowsUnknown(s: JsonSchema): boolean {
  return s['x-kubernetes-preserve-unknown-fields'] === true || s.additionalProperties === true || isObj(s.additionalProperties);
}

/**
 * Walks `path` (keys and list indices) down a schema. Returns the schema reached and where it sits
 * below the root schema (`properties.spec.properties.size`, for locating it in the CRD file), or
 * undefined when the path leaves the schema. Inside an embedded resource or preserved unknown
 * fields the walk stops with the last schema known.
 */
export function schemaAt(root: JsonSchema, path: Path): { schema: JsonSchema; schemaPath: Path } | undefined {
  let s = root;
  const sp: Path = [];
  for (const seg of path) {
    if (typeof seg === 'number' || s.type === 'array') {
      if (!isObj(s.items)) return undefined;
      s = s.items;
      sp.push('items');
      continue;
    }
    if (isObj(s.properties) && Object.prototype.hasOwnProperty.call(s.properties, seg) && isObj(s.properties[seg])) {
      s = s.properties[seg];
      sp.push('properties', seg);
    } else if (isObj(s.additionalProperties)) {
      s = s.additionalProperties;
      sp.push('additionalProperties');
    } else return undefined;
  }
  return { schema: s, schemaPath: sp };
}

/** A short spelling of a schema's type, as `kubectl explain` prints it: `integer`, `[]string`, `map[string]string`, `Object`. */
export function schemaTypeText(s: JsonSchema): string {
  if (s['x-kubernetes-int-or-string']) return 'IntOrString';
  switch (s.type) {
    case 'array':
      return `[]${isObj(s.items) ? schemaTypeText(s.items) : 'Object'}`;
    case 'object':
      if (isObj(s.additionalProperties) && !isObj(s.properties)) return `map[string]${schemaTypeText(s.additionalProperties)}`;
      return 'Object';
    case undefined:
      return 'Object';
    default:
      return s.type;
  }
}
