// Validates a custom resource against its CRD's structural schema (`openAPIV3Schema`) the way the
// API server does (k8s.io/apiextensions-apiserver over kube-openapi's validator): unknown fields
// (pruned, so strict field validation rejects them) unless `x-kubernetes-preserve-unknown-fields`,
// types, `x-kubernetes-int-or-string`, required, enum, format, and the value constraints
// (minimum/maximum, multipleOf, pattern, min/maxLength, min/maxItems, min/maxProperties).
// `x-kubernetes-embedded-resource` objects need apiVersion and kind and carry an ObjectMeta.
// It reports through a callback; core/rules/crd.ts turns reports into diagnostics with the schema's source.
import type { Msg, Path } from '../manifest/types';
import { allowsUnknown, type JsonSchema } from '../schema/crd';
import { closest } from '../k8s/similar';
import type { FixDataOf } from './fix-data';
import { crdMsg } from './crd-messages';
import { display, formatPath, isPlainObject, schemaMsg } from './schema';
import { crdFormatProblem } from './crd-formats';

const MAX_DEPTH = 64;

export type CrdReportCode = 'schema-unknown-field' | 'schema-type' | 'schema-required' | 'schema-enum' | 'schema-format' | 'schema-constraint';

export interface CrdReport<C extends CrdReportCode = CrdReportCode> {
  code: C;
  path: Path;
  message: Msg;
  part?: 'key' | 'value';
  data?: FixDataOf<C>;
  /** Where the schema that decided it sits, below `openAPIV3Schema`. */
  schemaPath: Path;
}

interface Frame {
  value: unknown;
  schema: JsonSchema;
  path: Path;
  schemaPath: Path;
  depth: number;
}

/** The JSON type name kube-openapi gives a value ("Invalid value: \"string\""). */
function openApiKind(v: unknown): string {
  if (typeof v === 'string' || v instanceof Date) return 'string';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'boolean') return 'boolean';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

function typeMatches(type: string, v: unknown): boolean {
  switch (type) {
    case 'object':
      return isPlainObject(v);
    case 'array':
      return Array.isArray(v);
    case 'string':
      return typeof v === 'string' || v instanceof Date;
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'number':
      return typeof v === 'number';
    case 'boolean':
      return typeof v === 'boolean';
    default:
      return true;
  }
}

/** Go's %v of a JSON number or string, as the API server prints `Invalid value: …`. */
function shown(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(display(v)) : display(v);
}

/**
 * Validates `obj` against `root`. At the top, `apiVersion`, `kind` and `metadata` are left to the
 * built-in checks (every object's ObjectMeta), and `status` when the status subresource owns it.
 * `checkMeta` checks an embedded resource's metadata as an ObjectMeta.
 */
export function validateAgainstSchema(
  obj: unknown,
  root: JsonSchema,
  opts: { skipStatus: boolean; checkMeta: (value: unknown, path: Path) => void },
  report: (r: CrdReport) => void,
): void {
  const stack: Frame[] = [{ value: obj, schema: root, path: [], schemaPath: [], depth: 0 }];
  while (stack.length) {
    const f = stack.pop()!;
    const { value: v, schema: s } = f;
    if (v === null || v === undefined || f.depth > MAX_DEPTH || !isPlainObject(s)) continue;
    const p = formatPath(f.path);
    if (s['x-kubernetes-int-or-string']) {
      if (!(typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v)))) {
        report({
          code: 'schema-type',
          path: f.path,
          message: crdMsg('schema-type.crd', { path: p, actual: openApiKind(v), expected: 'integer,string' }),
          data: { expected: 'IntOrString', actual: openApiKind(v) },
          schemaPath: f.schemaPath,
        });
        continue;
      }
    } else if (typeof s.type === 'string' && !typeMatches(s.type, v)) {
      typeError(f, p, report);
      continue;
    }
    if (Array.isArray(s.enum) && s.enum.length && !s.enum.some((e) => sameValue(e, v))) {
      const allowed = s.enum.map((e) => (typeof e === 'string' ? e : JSON.stringify(e)));
      const values = allowed.map((a) => JSON.stringify(a)).join(', ');
      const suggestion = typeof v === 'string' ? closest(v, allowed) : undefined;
      report({
        code: 'schema-enum',
        path: f.path,
        message: suggestion
          ? schemaMsg('schema-enum.suggest', { path: p, value: display(v), values, suggestion })
          : schemaMsg('schema-enum', { path: p, value: display(v), values }),
        data: { allowed, ...(suggestion ? { suggestion } : {}) },
        schemaPath: f.schemaPath,
      });
    }
    if (typeof v === 'string' || v instanceof Date) stringChecks(f, typeof v === 'string' ? v : v.toISOString(), p, report);
    else if (typeof v === 'number') numberChecks(f, v, p, report);
    else if (Array.isArray(v)) {
      const n = v.length;
      if (typeof s.maxItems === 'number' && n > s.maxItems) constraint(f, report, crdMsg('schema-constraint.maxItems', { path: p, count: n, max: s.maxItems }));
      if (typeof s.minItems === 'number' && n < s.minItems) constraint(f, report, crdMsg('schema-constraint.minItems', { path: p, count: n, min: s.minItems }));
      if (isPlainObject(s.items))
        for (let i = n - 1; i >= 0; i--)
          stack.push({ value: v[i], schema: s.items, path: [...f.path, i], schemaPath: [...f.schemaPath, 'items'], depth: f.depth + 1 });
    } else if (isPlainObject(v)) objectChecks(f, v, p, opts, report, stack);
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (b instanceof Date) b = b.toISOString();
  return a === b || (typeof a === 'object' && a !== null && JSON.stringify(a) === JSON.stringify(b));
}

function typeError(f: Frame, p: string, report: (r: CrdReport) => void): void {
  const v = f.value;
  const expected = f.schema.type!;
  const actual = openApiKind(v);
  const base = { path: p, actual, expected };
  let message = crdMsg('schema-type.crd', base);
  let fix: 'quote' | 'unquote' | undefined;
  if (expected === 'string' && (typeof v === 'number' || typeof v === 'boolean')) {
    message = crdMsg('schema-type.crd.quote', { ...base, value: display(v) });
    fix = 'quote';
  } else if (
    typeof v === 'string' &&
    v.trim() !== '' &&
    (((expected === 'integer' || expected === 'number') && Number.isFinite(Number(v)) && (expected === 'number' || Number.isInteger(Number(v)))) ||
      (expected === 'boolean' && (v === 'true' || v === 'false')))
  ) {
    message = crdMsg('schema-type.crd.unquote', { ...base, value: display(v) });
    fix = 'unquote';
  }
  report({ code: 'schema-type', path: f.path, message, data: { expected, actual, ...(fix ? { fix } : {}) }, schemaPath: f.schemaPath });
}

function constraint(f: Frame, report: (r: CrdReport) => void, message: Msg): void {
  report({ code: 'schema-constraint', path: f.path, message, schemaPath: f.schemaPath });
}

function stringChecks(f: Frame, v: string, p: string, report: (r: CrdReport) => void): void {
  const s = f.schema;
  const len = [...v].length;
  if (typeof s.maxLength === 'number' && len > s.maxLength) constraint(f, report, crdMsg('schema-constraint.maxLength', { path: p, max: s.maxLength }));
  if (typeof s.minLength === 'number' && len < s.minLength)
    constraint(f, report, crdMsg('schema-constraint.minLength', { path: p, value: shown(v), min: s.minLength }));
  if (typeof s.pattern === 'string') {
    let re: RegExp | undefined;
    try {
      re = new RegExp(s.pattern, 'u');
    } catch {
      re = undefined; // a pattern JavaScript cannot read: not checked rather than guessed
    }
    if (re && !re.test(v)) constraint(f, report, crdMsg('schema-constraint.pattern', { path: p, value: shown(v), pattern: s.pattern }));
  }
  if (typeof s.format === 'string' && !s['x-kubernetes-int-or-string']) {
    const bad = crdFormatProblem(s.format, v);
    if (bad)
      report({
        code: 'schema-format',
        path: f.path,
        message: crdMsg('schema-format.crd', { path: p, value: shown(v), format: s.format }),
        schemaPath: f.schemaPath,
      });
  }
}

function numberChecks(f: Frame, v: number, p: string, report: (r: CrdReport) => void): void {
  const s = f.schema;
  if (typeof s.maximum === 'number' && (s.exclusiveMaximum ? v >= s.maximum : v > s.maximum))
    constraint(
      f,
      report,
      crdMsg(s.exclusiveMaximum ? 'schema-constraint.maximumExclusive' : 'schema-constraint.maximum', { path: p, value: v, max: s.maximum }),
    );
  if (typeof s.minimum === 'number' && (s.exclusiveMinimum ? v <= s.minimum : v < s.minimum))
    constraint(
      f,
      report,
      crdMsg(s.exclusiveMinimum ? 'schema-constraint.minimumExclusive' : 'schema-constraint.minimum', { path: p, value: v, min: s.minimum }),
    );
  if (typeof s.multipleOf === 'number' && s.multipleOf > 0) {
    const q = v / s.multipleOf;
    if (Math.abs(q - Math.round(q)) > 1e-9) constraint(f, report, crdMsg('schema-constraint.multipleOf', { path: p, value: v, factor: s.multipleOf }));
  }
}

function objectChecks(
  f: Frame,
  v: Record<string, unknown>,
  p: string,
  opts: { skipStatus: boolean; checkMeta: (value: unknown, path: Path) => void },
  report: (r: CrdReport) => void,
  stack: Frame[],
): void {
  const s = f.schema;
  const top = f.depth === 0;
  const embedded = s['x-kubernetes-embedded-resource'] === true;
  const props = isPlainObject(s.properties) ? s.properties : {};
  const open = allowsUnknown(s);
  const keys = Object.keys(v);
  const misspelt = new Set<string>();
  const pending: Frame[] = [];
  for (const key of keys) {
    if ((top || embedded) && (key === 'apiVersion' || key === 'kind' || key === 'metadata')) continue;
    if (top && key === 'status' && opts.skipStatus) continue;
    if (Object.prototype.hasOwnProperty.call(props, key)) {
      pending.push({ value: v[key], schema: props[key], path: [...f.path, key], schemaPath: [...f.schemaPath, 'properties', key], depth: f.depth + 1 });
    } else if (isPlainObject(s.additionalProperties)) {
      const ap = s.additionalProperties as JsonSchema;
      pending.push({ value: v[key], schema: ap, path: [...f.path, key], schemaPath: [...f.schemaPath, 'additionalProperties'], depth: f.depth + 1 });
    } else if (!open) {
      const suggestion = closest(key, Object.keys(props), (c) => c in v);
      if (suggestion) misspelt.add(suggestion);
      const path = formatPath([...f.path, key]);
      report({
        code: 'schema-unknown-field',
        path: [...f.path, key],
        message: suggestion ? schemaMsg('schema-unknown-field.suggest', { path, suggestion }) : schemaMsg('schema-unknown-field', { path }),
        part: 'key',
        data: { field: key, path, type: 'object', ...(suggestion ? { suggestion } : {}) },
        schemaPath: f.schemaPath,
      });
    }
  }
  if (embedded) {
    for (const k of ['apiVersion', 'kind'] as const)
      if (typeof v[k] !== 'string' || v[k] === '')
        report({
          code: 'schema-required',
          path: f.path,
          message: crdMsg('schema-required.embedded', { path: formatPath([...f.path, k]) }),
          part: 'key',
          data: { field: k, path: formatPath([...f.path, k]) },
          schemaPath: f.schemaPath,
        });
    if (v.metadata !== undefined) opts.checkMeta(v.metadata, [...f.path, 'metadata']);
  }
  for (const r of Array.isArray(s.required) ? s.required : []) {
    if (typeof r !== 'string' || (v[r] !== undefined && v[r] !== null) || misspelt.has(r)) continue;
    if (top && (r === 'apiVersion' || r === 'kind' || r === 'metadata')) continue;
    const where = formatPath([...f.path, r]);
    report({
      code: 'schema-required',
      path: f.path,
      message: schemaMsg('schema-required', { path: where, field: r }),
      part: 'key',
      data: { field: r, path: where },
      schemaPath: f.schemaPath,
    });
  }
  const n = keys.length;
  if (typeof s.maxProperties === 'number' && n > s.maxProperties)
    constraint(f, report, crdMsg('schema-constraint.maxProperties', { path: p, count: n, max: s.maxProperties }));
  if (typeof s.minProperties === 'number' && n < s.minProperties)
    constraint(f, report, crdMsg('schema-constraint.minProperties', { path: p, count: n, min: s.minProperties }));
  for (let i = pending.length - 1; i >= 0; i--) stack.push(pending[i]);
}
