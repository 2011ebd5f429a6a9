// The renderer's working model: one `Res` per object, with its name history (for reference renaming
// and patch targets) and where its fields came from (for the source map).
import type { Path } from '../manifest/types';
import type { FieldOrigin, RenderedObject, SourceRef } from './types';
import { groupOf, objAt, prop } from './util';

export interface Res {
  obj: Record<string, unknown>;
  origin: RenderedObject['origin'];
  fields: FieldOrigin[];
  /** Every name the object has had, the original first. */
  names: string[];
  /** The namespace it was read or generated with. */
  orgNs: string | undefined;
  /** A generated ConfigMap/Secret whose name gets kustomize's hash suffix at the end. */
  hash?: boolean;
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
  meta(r).name = name;
  if (r.names[r.names.length - 1] !== name) r.names.push(name);
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
