// The OpenAPI v2 document in the protobuf encoding kubectl 1.27 insists on
// (`application/com.github.proto-openapi.spec.v2@v1.0+protobuf`, gnostic's openapi_v2.Document):
// kubectl 1.27 fetches it for client-side validation, `apply` patches and `explain`. Field
// numbers are gnostic's OpenAPIv2.proto; only what our JSON document uses is encoded.
import { isObj } from '../k8s/guards';

class Writer {
  private parts: Buffer[] = [];
  private tag(no: number, wire: number): void {
    this.varint((no << 3) | wire);
  }
  private varint(n: number): void {
    const bytes: number[] = [];
    let v = n;
    do {
      let b = v % 128;
      v = Math.floor(v / 128);
      if (v > 0) b |= 0x80;
      bytes.push(b);
    } while (v > 0);
    this.parts.push(Buffer.from(bytes));
  }
  string(no: number, s: string | undefined): this {
    if (s === undefined || s === '') return this;
    const b = Buffer.from(s, 'utf8');
    this.tag(no, 2);
    this.varint(b.length);
    this.parts.push(b);
    return this;
  }
  bool(no: number, v: boolean | undefined): this {
    if (!v) return this;
    this.tag(no, 0);
    this.varint(1);
    return this;
  }
  message(no: number, w: Writer | undefined): this {
    if (!w) return this;
    const b = w.bytes();
    this.tag(no, 2);
    this.varint(b.length);
    this.parts.push(b);
    return this;
  }
  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/** YAML for a vendor extension value (gnostic stores them as YAML text). */
function yamlOf(v: unknown, indent = ''): string {
  if (Array.isArray(v)) return v.map((x) => `${indent}- ${yamlOf(x, indent + '  ').trimStart()}`).join('');
  if (isObj(v))
    return Object.entries(v)
      .map(([k, x]) => (isObj(x) || Array.isArray(x) ? `${indent}${k}:\n${yamlOf(x, indent + '  ')}` : `${indent}${k}: ${JSON.stringify(x)}\n`))
      .join('');
  return `${indent}${JSON.stringify(v)}\n`;
}

function namedAny(name: string, value: unknown): Writer {
  return new Writer().string(1, name).message(2, new Writer().string(2, yamlOf(value)));
}

/** A Swagger schema as openApiV2() writes it. */
interface SwaggerSchema {
  $ref?: string;
  allOf?: SwaggerSchema[];
  format?: string;
  description?: string;
  required?: string[];
  type?: string;
  additionalProperties?: unknown;
  items?: unknown;
  properties?: Record<string, SwaggerSchema>;
  [k: string]: unknown;
}

/** A Swagger operation as openApiV2() writes it. */
interface SwaggerOperation {
  tags?: string[];
  operationId?: string;
  parameters?: { in?: string; description?: string; name?: string }[];
  [k: string]: unknown;
}

/** The Swagger document openApiV2() writes. */
export interface SwaggerDoc {
  swagger?: string;
  info?: { title?: string; version?: string };
  paths?: Record<string, Record<string, SwaggerOperation | undefined>>;
  definitions?: Record<string, SwaggerSchema>;
}

function schema(s: SwaggerSchema): Writer {
  const w = new Writer();
  // v2 documents refer to a type directly; our v3-style `allOf: [{$ref}]` becomes `$ref`.
  const ref = s.$ref ?? (Array.isArray(s.allOf) && s.allOf.length === 1 ? s.allOf[0].$ref : undefined);
  w.string(1, ref);
  w.string(2, s.format);
  w.string(4, s.description);
  for (const r of s.required ?? []) w.string(19, r);
  if (isObj(s.additionalProperties)) w.message(21, new Writer().message(1, schema(s.additionalProperties)));
  if (s.type && !ref) w.message(22, new Writer().string(1, s.type));
  if (isObj(s.items)) w.message(23, new Writer().message(1, schema(s.items)));
  if (isObj(s.properties)) {
    const props = new Writer();
    for (const [k, v] of Object.entries(s.properties)) props.message(1, new Writer().string(1, k).message(2, schema(v)));
    w.message(25, props);
  }
  for (const [k, v] of Object.entries(s)) if (k.startsWith('x-kubernetes-') && k !== 'x-kubernetes-preserve-unknown-fields') w.message(31, namedAny(k, v));
  return w;
}

function operation(op: SwaggerOperation): Writer {
  const w = new Writer();
  for (const t of op.tags ?? []) w.string(1, t);
  w.string(5, op.operationId);
  for (const p of op.parameters ?? []) {
    const q = new Writer().string(2, p.in).string(3, p.description).string(4, p.name).string(6, 'string').bool(20, true);
    w.message(8, new Writer().message(1, new Writer().message(2, new Writer().message(3, q))));
  }
  w.message(9, new Writer().message(1, new Writer().string(1, '200').message(2, new Writer().message(1, new Writer().string(1, 'OK')))));
  for (const [k, v] of Object.entries(op)) if (k.startsWith('x-kubernetes-')) w.message(13, namedAny(k, v));
  return w;
}

/** Encodes the JSON Swagger document produced by openApiV2(). */
export function encodeOpenApiV2(doc: SwaggerDoc): Buffer {
  const w = new Writer().string(1, doc.swagger).message(2, new Writer().string(1, doc.info?.title).string(2, doc.info?.version));
  const paths = new Writer();
  for (const [p, item] of Object.entries(doc.paths ?? {})) {
    const pi = new Writer();
    const slots: Record<string, number> = { get: 2, put: 3, post: 4, delete: 5, patch: 8 };
    for (const [verb, no] of Object.entries(slots)) {
      const op = item[verb];
      if (op) pi.message(no, operation(op));
    }
    paths.message(2, new Writer().string(1, p).message(2, pi));
  }
  w.message(8, paths);
  const defs = new Writer();
  for (const [name, s] of Object.entries(doc.definitions ?? {})) defs.message(1, new Writer().string(1, name).message(2, schema(s)));
  w.message(9, defs);
  return w.bytes();
}
