// JSON patch (RFC 6902) over a plain object: add, remove, replace, move, copy, test.
import { kmsg } from './messages';
import type { Msg, Path } from '../manifest/types';
import { clone, isObj } from './util';

export interface JsonOp {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
}

export class JsonPatchError extends Error {
  constructor(readonly msg: Msg) {
    super(msg.id);
  }
}

function pointer(p: unknown): string[] {
  if (typeof p !== 'string' || (p !== '' && !p.startsWith('/'))) throw new JsonPatchError(kmsg('kz.json.pointer', { path: String(p) }));
  return p === ''
    ? []
    : p
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** A JSON value that holds others: a mapping or a list. */
type Holder = Record<string, unknown> | unknown[];

function parentOf(doc: unknown, segs: string[], op: string, raw: string): [Holder, string] {
  // The document itself is a mapping (applyJsonPatch's caller); every parent on the way is checked.
  let v = doc as Holder;
  for (const s of segs.slice(0, -1)) {
    const next = Array.isArray(v) ? v[Number(s)] : isObj(v) ? v[s] : undefined;
    if (next === undefined || next === null || typeof next !== 'object') throw new JsonPatchError(kmsg('kz.json.missing', { op, path: raw }));
    v = next as Holder;
  }
  return [v, segs[segs.length - 1]];
}

function index(arr: unknown[], key: string, forAdd: boolean, op: string, raw: string): number {
  if (forAdd && key === '-') return arr.length;
  const i = /^(0|[1-9]\d*)$/.test(key) ? Number(key) : -1;
  if (i < 0 || i > arr.length || (!forAdd && i === arr.length)) throw new JsonPatchError(kmsg('kz.json.range', { op, path: raw, index: key }));
  return i;
}

function numeric(doc: unknown, segs: string[]): Path {
  const out: Path = [];
  let v: unknown = doc;
  for (const s of segs) {
    const k = Array.isArray(v) ? (s === '-' ? v.length - 1 : Number(s)) : s;
    out.push(k);
    v = v === undefined || v === null ? undefined : (v as Record<string | number, unknown>)[k];
  }
  return out;
}

function get(doc: unknown, segs: string[], op: string, raw: string): unknown {
  if (!segs.length) return doc;
  const [parent, key] = parentOf(doc, segs, op, raw);
  const v = Array.isArray(parent) ? parent[index(parent, key, false, op, raw)] : parent[key];
  if (v === undefined) throw new JsonPatchError(kmsg('kz.json.missing', { op, path: raw }));
  return v;
}

function remove(doc: unknown, segs: string[], op: string, raw: string): unknown {
  const [parent, key] = parentOf(doc, segs, op, raw);
  if (Array.isArray(parent)) return parent.splice(index(parent, key, false, op, raw), 1)[0];
  if (!(key in parent)) throw new JsonPatchError(kmsg('kz.json.missing', { op, path: raw }));
  const v = parent[key];
  delete parent[key];
  return v;
}

function add(doc: unknown, segs: string[], value: unknown, op: string, raw: string, replace: boolean): void {
  const [parent, key] = parentOf(doc, segs, op, raw);
  if (Array.isArray(parent)) {
    const i = index(parent, key, !replace, op, raw);
    if (replace) parent[i] = value;
    else parent.splice(i, 0, value);
  } else {
    if (replace && !(key in parent)) throw new JsonPatchError(kmsg('kz.json.missing', { op, path: raw }));
    parent[key] = value;
  }
}

/** Applies `ops` to `doc` in place; `onSet` receives the path of each changed value. */
export function applyJsonPatch(doc: Record<string, unknown>, ops: unknown, onSet: (path: Path, opIndex: number) => void): void {
  if (!Array.isArray(ops)) throw new JsonPatchError(kmsg('kz.json.notList'));
  ops.forEach((o: unknown, i) => {
    if (!isObj(o) || typeof o.op !== 'string') throw new JsonPatchError(kmsg('kz.json.noOp', { index: i }));
    const raw = String(o.path);
    const segs = pointer(o.path);
    if (!segs.length) throw new JsonPatchError(kmsg('kz.json.root', { op: o.op }));
    switch (o.op) {
      case 'add':
      case 'replace':
        if (!('value' in o)) throw new JsonPatchError(kmsg('kz.json.noValue', { op: o.op, path: raw }));
        add(doc, segs, clone(o.value), o.op, raw, o.op === 'replace');
        break;
      case 'remove':
        remove(doc, segs, o.op, raw);
        return onSet(numeric(doc, segs.slice(0, -1)), i);
      case 'move':
      case 'copy': {
        const from = pointer(o.from);
        const v = o.op === 'move' ? remove(doc, from, o.op, String(o.from)) : clone(get(doc, from, o.op, String(o.from)));
        add(doc, segs, v, o.op, raw, false);
        break;
      }
      case 'test':
        if (JSON.stringify(get(doc, segs, o.op, raw)) !== JSON.stringify(o.value)) throw new JsonPatchError(kmsg('kz.json.test', { path: raw }));
        return;
      default:
        throw new JsonPatchError(kmsg('kz.json.unknownOp', { op: o.op }));
    }
    onSet(numeric(doc, segs), i);
  });
}
