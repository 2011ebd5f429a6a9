// A Kubernetes JSON Schema built offline from our field catalog (core/schema, generated from
// @kubernetes/client-node's OpenAPI-derived models), shaped like the "all.json" schema that
// yaml-language-server downloads for Kubernetes (yannh/kubernetes-json-schema, strict): one
// definition per type, a `oneOf` over every apiVersion/kind at the root, unknown fields refused.
// Used only by the benchmark, so that yaml-language-server validates the same files against a
// Kubernetes schema although it cannot download one here.
import { allKinds, typeInfo, type FieldType } from '../core/schema/catalog';

type Schema = Record<string, unknown>;

function fieldSchema(t: FieldType, refs: Set<string>): Schema {
  switch (t.kind) {
    case 'primitive':
      switch (t.name) {
        case 'string':
          return { type: 'string' };
        case 'date-time':
          return { type: 'string', format: 'date-time' };
        case 'int32':
        case 'int64':
          return { type: 'integer' };
        case 'number':
          return { type: 'number' };
        case 'boolean':
          return { type: 'boolean' };
        case 'IntOrString':
          return { oneOf: [{ type: 'string' }, { type: 'integer' }] };
        case 'Quantity':
          return { oneOf: [{ type: 'string' }, { type: 'number' }] };
        default:
          return {};
      }
    case 'ref':
      refs.add(t.name);
      return { $ref: `#/definitions/${t.name}` };
    case 'array':
      return { type: ['array', 'null'], items: fieldSchema(t.of, refs) };
    case 'map':
      return { type: ['object', 'null'], additionalProperties: fieldSchema(t.of, refs) };
  }
}

function typeSchema(name: string, refs: Set<string>): Schema {
  const info = typeInfo(name);
  if (!info || info.opaque) return { description: info?.doc };
  const properties: Record<string, Schema> = {};
  for (const f of info.fields.values()) properties[f.name] = { ...fieldSchema(f.type, refs), description: f.doc || undefined };
  return {
    type: 'object',
    description: info.doc || undefined,
    properties,
    required: info.required.length ? [...info.required] : undefined,
    additionalProperties: false,
  };
}

export function buildKubernetesJsonSchema(): Schema {
  const definitions: Record<string, Schema> = {};
  const pending = new Set<string>();
  const oneOf: Schema[] = [];
  for (const k of allKinds()) {
    const refs = new Set<string>();
    const base = typeSchema(k.type, refs);
    const props = {
      ...(base.properties as Record<string, Schema>),
      apiVersion: { type: 'string', enum: [k.apiVersion] },
      kind: { type: 'string', enum: [k.kind] },
    };
    const id = `${k.apiVersion}/${k.kind}`.replace(/\//g, '.');
    definitions[id] = {
      ...base,
      properties: props,
      required: ['apiVersion', 'kind', ...((base.required as string[] | undefined) ?? [])].filter((v, i, a) => a.indexOf(v) === i),
    };
    oneOf.push({ $ref: `#/definitions/${id}` });
    for (const r of refs) pending.add(r);
  }
  while (pending.size) {
    const [name] = pending;
    pending.delete(name);
    if (definitions[name]) continue;
    const refs = new Set<string>();
    definitions[name] = typeSchema(name, refs);
    for (const r of refs) if (!definitions[r]) pending.add(r);
  }
  return { $schema: 'http://json-schema.org/draft-07/schema#', oneOf, definitions };
}

/** yaml-language-server's settings for a fair comparison: this schema only, no schema store, YAML 1.1 as Kubernetes reads it. */
export function ylsConfiguration(schemaUri: string, features: { hover: boolean; completion: boolean }): (section: string | undefined) => unknown {
  return (section) =>
    section === 'yaml'
      ? {
          validate: true,
          ...features,
          yamlVersion: '1.1',
          schemaStore: { enable: false },
          kubernetesCRDStore: { enable: false },
          schemas: { [schemaUri]: '*.yaml' },
        }
      : section === 'http'
        ? { proxyStrictSSL: true }
        : {};
}
