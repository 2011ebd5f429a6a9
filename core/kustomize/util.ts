// Small pure helpers of the Kustomize renderer: POSIX paths, deep copies, and field-spec walking.
import { isObj } from '../k8s/guards';
import type { Path } from '../manifest/types';

export { isObj };

export function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

export function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** `rel` resolved against the folder `dir`, normalised (`.` and `..` removed). */
export function resolvePath(dir: string, rel: string): string {
  const parts = (rel.startsWith('/') ? rel : `${dir}/${rel}`).split('/');
  const out: string[] = [];
  for (const s of parts) {
    if (!s || s === '.') continue;
    if (s === '..') out.pop();
    else out.push(s);
  }
  return '/' + out.join('/');
}

/** A deep copy of plain YAML data (maps, sequences, scalars; other objects are shared). */
export function clone<T>(v: T): T {
  if (Array.isArray(v)) return v.map(clone) as T;
  if (isObj(v) && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = clone(x);
    return out as T;
  }
  return v;
}

export function groupOf(apiVersion: unknown): string {
  const s = typeof apiVersion === 'string' ? apiVersion : '';
  const i = s.indexOf('/');
  return i < 0 ? '' : s.slice(0, i);
}

export function versionOf(apiVersion: unknown): string {
  const s = typeof apiVersion === 'string' ? apiVersion : '';
  return s.slice(s.indexOf('/') + 1);
}

/**
 * A field spec path as kustomize writes it ("spec/template/metadata/labels", "spec/ports[]/name"),
 * split into segments; `[]` after a segment (or a segment naming a list) visits every item.
 */
export function specSegments(spec: string): string[] {
  return spec.split('/').flatMap((s) => (s.endsWith('[]') ? [s.slice(0, -2), '[]'] : [s]));
}

/**
 * Visits the value(s) at a field spec path. When `create` is set, missing maps on the way are made.
 * Lists met on the way are walked item by item (kustomize's field specs skip list markers).
 * `visit(parent, key, path)`: the holder of the final segment, its key, and the full path.
 */
export function walkSpec(
  obj: unknown,
  segs: string[],
  create: boolean,
  visit: (parent: Record<string, unknown>, key: string, path: Path) => void,
  path: Path = [],
): void {
  if (Array.isArray(obj)) {
    obj.forEach((item, i) => walkSpec(item, segs[0] === '[]' ? segs.slice(1) : segs, create, visit, [...path, i]));
    return;
  }
  if (!isObj(obj)) return;
  const [head, ...rest] = segs;
  if (head === '[]') return walkSpec(obj, rest, create, visit, path);
  if (!rest.length) return visit(obj, head, [...path, head]);
  let next = obj[head];
  if (next === undefined || next === null) {
    if (!create || rest[0] === '[]') return;
    next = obj[head] = {};
  }
  walkSpec(next, rest, create, visit, [...path, head]);
}

/** Reads the value at a path, or undefined. */
export function getPath(obj: unknown, path: Path): unknown {
  let v: unknown = obj;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

/** `o[k]` when `o` is a mapping, else undefined (what `o?.[k]` reads in untyped YAML). */
export function prop(o: unknown, k: string): unknown {
  return isObj(o) ? o[k] : undefined;
}

/** The mapping at `o[k]`, an empty one put there first when the field holds none. */
export function objAt(o: Record<string, unknown>, k: string): Record<string, unknown> {
  const v = o[k];
  if (isObj(v)) return v;
  const fresh: Record<string, unknown> = {};
  o[k] = fresh;
  return fresh;
}
