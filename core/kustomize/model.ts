// The renderer's working model: one `Res` per object, with its name history (for reference renaming
// and patch targets) and where its fields came from (for the source map).
import type { Path } from '../manifest/types';
import type { FieldOrigin, RenderedObject, SourceRef } from './types';
import { groupOf, objAt, prop } from './util';

export interface Res {
  obj: Record<string, unknown>;
  origin: RenderedObject['origin'];
  fields: FieldOrigin[];
  /** The namespace it was read or generated with. */
  orgNs: string | undefined;
  /** A generated ConfigMap/Secret whose name gets kustomize's hash suffix at the end. */
  hash?: boolean;
  /** The name and namespace pairs it had before each rename or move (kustomize's previous ids; namesOf reads the names from them). */
  prev?: [name: string, ns: string | undefined][];
}

export function kindOf(r: Res): string {
  return typeof r.obj.kind === 'string' ? r.obj.kind : '';
}

export function nameOf(r: Res): string {
  const n = prop(r.obj.metadata, 'name');
  // A name written as a number or boolean reads as its text (anything else as String() prints it).
  // eslint-disable-next-line @typescript-eslint/no-base-to-string
  return typeof n === 'string' ? n : n === undefined || n === null ? '' : String(n);
}

export function nsOf(r: Res): string | undefined {
  const n = prop(r.obj.metadata, 'namespace');
  return typeof n === 'string' && n ? n : undefined;
}

export function setName(r: Res, name: string): void {
  if (nameOf(r) !== name) (r.prev ??= []).push([nameOf(r), nsOf(r)]);
  meta(r).name = name;
}

/** Moves the object to namespace `ns`, remembering where it was. */
export function setNamespace(r: Res, ns: string): void {
  if (nsOf(r) !== ns) (r.prev ??= []).push([nameOf(r), nsOf(r)]);
  meta(r).namespace = ns;
}

/** Every (name, namespace) the object has had, the current one last. */
export function idHistory(r: Res): [name: string, ns: string | undefined][] {
  return [...(r.prev ?? []), [nameOf(r), nsOf(r)]];
}

/** Every name the object has had, the original first. */
export function namesOf(r: Res): string[] {
  const out: string[] = [];
  for (const [name] of idHistory(r)) if (out[out.length - 1] !== name) out.push(name);
  return out;
}

export function meta(r: Res): Record<string, unknown> {
  return objAt(r.obj, 'metadata');
}

/** The id kustomize uses to tell objects apart: group, kind, name, namespace. */
export function idOf(r: Res): string {
  return `${groupOf(r.obj.apiVersion)}|${kindOf(r)}|${nameOf(r)}|${nsOf(r) ?? ''}`;
}

export function describe(r: Res): string {
  const ns = nsOf(r);
  return `${kindOf(r)} ${ns ? ns + '/' : ''}${nameOf(r)}`;
}

/** Records that `path` of the object was set by `source`. */
export function note(r: Res, path: Path, source: SourceRef): void {
  r.fields.push({ path, source });
}
