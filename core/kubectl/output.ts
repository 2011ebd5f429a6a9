// kubectl's object output forms for `get -o json|yaml|name|jsonpath=…|custom-columns=…`, printing
// objects as the API server returns them: without the engine's private fields, without
// managedFields (kubectl hides them), keys in Go's order (sorted, as kubectl marshals a map).
import { Scalar, stringify } from 'yaml';
import { readYaml } from '../manifest/read-yaml';
import type { KObject } from '../cluster/store';
import { isObj } from '../k8s/guards';
import { jsonpath, JsonPathError, select, show } from './jsonpath';
import { resourceName, table } from './printers';

/** The object as kubectl receives it: engine-private `_fields` and managedFields dropped, keys sorted. */
export function apiObject(o: unknown): unknown {
  return sortKeys(JSON.parse(JSON.stringify(o, (k, v) => (k.charCodeAt(0) === 95 || k === 'managedFields' ? undefined : v))));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (!isObj(v)) return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) out[k] = sortKeys(v[k]);
  return out;
}

/** What `-o json|yaml` prints for these objects: the object for one named, else a List. */
export function listOrObject(objs: KObject[], single: boolean): unknown {
  if (single && objs.length === 1) return apiObject(objs[0]);
  return { apiVersion: 'v1', items: objs.map(apiObject), kind: 'List', metadata: { resourceVersion: '' } };
}

/** Go's json.MarshalIndent with 4 spaces (it escapes <, > and & in strings). */
export function toJson(v: unknown): string {
  return JSON.stringify(v, null, 4).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`) + '\n';
}

/**
 * YAML as kubectl writes it (go-yaml): lists not indented under their key, YAML 1.1 quoting. go-yaml
 * double-quotes a string that would read back as another type (`"1"`, `"true"`, a timestamp) and
 * single-quotes one that only its syntax keeps from being plain (`'a: [b]'`).
 */
export function toYaml(v: unknown): string {
  return stringify(markTyped(v), { version: '1.1', indentSeq: false, lineWidth: 0, blockQuote: 'literal', singleQuote: true, aliasDuplicateObjects: false });
}

/** Strings that YAML 1.1 would resolve to something else, as double-quoted scalars. */
function markTyped(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(markTyped);
  if (isObj(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, markTyped(x)]));
  if (typeof v !== 'string' || v.includes('\n') || !resolvesAsOther(v)) return v;
  const s = new Scalar(v);
  s.type = 'QUOTE_DOUBLE';
  return s;
}

function resolvesAsOther(s: string): boolean {
  try {
    // A map or list is the syntax's doing (single quotes); a scalar of another type is double-quoted.
    const r: unknown = readYaml(s, { version: '1.1' });
    return r !== s && (r === null || typeof r !== 'object' || r instanceof Date);
  } catch {
    return false;
  }
}

/** `-o name`: `deployment.apps/web`. */
export const nameOf = (o: KObject): string => `${resourceName(o.kind)}/${o.metadata.name}`;

/** `-o custom-columns=HEADER:PATH,…`; a cell with no value prints `<none>`. */
export function customColumns(spec: string, objs: KObject[]): string {
  const cols = spec.split(',').map((c) => {
    const i = c.indexOf(':');
    if (i <= 0) throw new JsonPathError(`expected <header>:<json-path-expr>, found ${c}`);
    return { header: c.slice(0, i), path: relaxed(c.slice(i + 1)) };
  });
  const rows = objs.map((o) => {
    const data = apiObject(o);
    return cols.map((c) => {
      const vals = select(c.path, data).filter((v) => v !== undefined && v !== null);
      return vals.length ? vals.map(show).join(',') : '<none>';
    });
  });
  return table([cols.map((c) => c.header), ...rows]);
}

/** kubectl's relaxed path: `{.a.b}`, `.a.b` and `a.b` all mean `.a.b`. */
function relaxed(path: string): string {
  const p = path.trim().replace(/^\{(.*)\}$/, '$1');
  return p.startsWith('.') ? p : `.${p}`;
}

/** `-o jsonpath=TEMPLATE` over one object (one named) or a List. */
export function jsonpathOf(template: string, objs: KObject[], single: boolean): string {
  return jsonpath(template, listOrObject(objs, single));
}
