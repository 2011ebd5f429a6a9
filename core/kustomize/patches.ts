// patches (strategic merge or JSON 6902, inline or from a file, with target selectors), and the
// legacy patchesStrategicMerge / patchesJson6902 fields.
import { kmsg } from './messages';
import { plainValue, readDocuments } from '../manifest/read-yaml';
import { t } from '../i18n/index';
import { isBuiltinKind } from '../k8s/kinds';
import { parseSelector } from '../k8s/selector';
import { scalarText } from '../manifest/text';
import type { Path } from '../manifest/types';
import { applyJsonPatch, JsonPatchError } from './json6902';
import { describe, kindOf, nameOf, namesOf, note, nsOf, type Res } from './model';
import { strategicMerge } from './smp';
import type { Step } from './transforms';
import { KustomizeError, type SourceRef } from './types';
import { clone, groupOf, isObj, prop, resolvePath, versionOf } from './util';

export interface PatchContext {
  dir: string;
  step: Step;
  read: (path: string, at?: Path) => string;
  /** Marks a file as a patch (a partial object, not a manifest). */
  markPatch: (path: string) => void;
}

interface PatchDoc {
  value: unknown;
  /** Where the patch's paths are: its file and document, or the kustomization entry for an inline patch. */
  source: (at: Path) => SourceRef;
}

/** Parses patch text (YAML or JSON, one or more documents). */
export function parsePatchText(text: string, file: string, at: Path, inline: boolean, fallback: SourceRef): PatchDoc[] {
  const list = readDocuments(text, { version: '1.1', merge: true, prettyErrors: false });
  const out: PatchDoc[] = [];
  list.forEach((d, index) => {
    if (d.errors.length)
      throw new KustomizeError(
        kmsg('kz.yaml', { file: inline ? 'patch' : file, detail: d.errors[0].message.split('\n')[0] }),
        inline ? fallback.file : file,
        inline ? at : [],
      );
    const value = plainValue(d, 200);
    if (value === null || value === undefined) return;
    out.push({ value, source: (p) => (inline ? fallback : { file, doc: index, at: p }) });
  });
  return out;
}

export interface Target {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

function anchored(pattern: string, step: Step, at: Path): RegExp {
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    throw new KustomizeError(kmsg('kz.badRegex', { pattern }), step.file, at);
  }
}

/** The objects a `target` selects: kind, name and namespace are anchored regular expressions. */
export function select(rs: Res[], t: unknown, step: Step, at: Path): Res[] {
  if (!isObj(t)) throw new KustomizeError(kmsg('kz.map', { field: 'target' }), step.file, at);
  const test = (field: string, values: (string | undefined)[]) => {
    const v: unknown = t[field];
    if (v === undefined || v === null || v === '') return true;
    const re = anchored(scalarText(v), step, [...at, field]);
    return values.some((x) => re.test(x ?? ''));
  };
  const label = typeof t.labelSelector === 'string' && t.labelSelector ? parseSelector(t.labelSelector) : undefined;
  const annot = typeof t.annotationSelector === 'string' && t.annotationSelector ? parseSelector(t.annotationSelector) : undefined;
  return rs.filter(
    (r) =>
      test('kind', [kindOf(r)]) &&
      test('group', [groupOf(r.obj.apiVersion)]) &&
      test('version', [versionOf(r.obj.apiVersion)]) &&
      test('name', [namesOf(r)[0], nameOf(r)]) &&
      test('namespace', [r.orgNs, nsOf(r)]) &&
      (!label || label(prop(r.obj.metadata, 'labels') as Record<string, string> | undefined)) &&
      (!annot || annot(prop(r.obj.metadata, 'annotations') as Record<string, string> | undefined)),
  );
}

function applySmp(rs: Res[], r: Res, patch: PatchDoc): void {
  const p = clone(patch.value) as Record<string, unknown>;
  if (p.$patch === 'delete') {
    rs.splice(rs.indexOf(r), 1);
    return;
  }
  delete p.apiVersion;
  delete p.kind;
  if (isObj(p.metadata)) {
    delete p.metadata.name;
    delete p.metadata.namespace;
  }
  const keyed = isBuiltinKind(kindOf(r), groupOf(r.obj.apiVersion));
  r.obj = strategicMerge(r.obj, p, keyed, (objPath, patchPath) => note(r, objPath, patch.source(patchPath))) as Record<string, unknown>;
}

function applyJson(r: Res, patch: PatchDoc, step: Step, at: Path): void {
  try {
    applyJsonPatch(r.obj, patch.value, (path, i) => note(r, path, patch.source([i, 'value'])));
  } catch (e) {
    if (e instanceof JsonPatchError) throw new KustomizeError(kmsg('kz.jsonPatch', { object: describe(r), detail: t(e.msg, 'en') }), step.file, at);
    throw e;
  }
}

/** Objects a strategic-merge patch with no target names (by kind, any of its names, namespace). */
function matchById(rs: Res[], p: Record<string, unknown>): Res[] {
  const name = prop(p.metadata, 'name');
  const ns = prop(p.metadata, 'namespace');
  return rs.filter((r) => kindOf(r) === p.kind && typeof name === 'string' && namesOf(r).includes(name) && (!ns || ns === nsOf(r) || ns === r.orgNs));
}

function loadPatch(entry: Record<string, unknown>, ctx: PatchContext, at: Path): PatchDoc[] {
  const fallback = ctx.step.at(...at, 'patch');
  if (typeof entry.path === 'string') {
    const file = resolvePath(ctx.dir, entry.path);
    ctx.markPatch(file);
    return parsePatchText(ctx.read(file, [...at, 'path']), file, at, false, fallback);
  }
  if (typeof entry.patch === 'string') return parsePatchText(entry.patch, ctx.step.file, [...at, 'patch'], true, fallback);
  throw new KustomizeError(kmsg('kz.needs', { field: String(at[0]), what: 'path | patch' }), ctx.step.file, at);
}

function applyEntry(rs: Res[], docs: PatchDoc[], target: unknown, ctx: PatchContext, at: Path, strict: boolean): void {
  for (const doc of docs) {
    const json = Array.isArray(doc.value);
    if (!json && !isObj(doc.value)) throw new KustomizeError(kmsg('kz.patchShape'), ctx.step.file, at);
    let targets: Res[];
    if (target !== undefined && target !== null) targets = select(rs, target, ctx.step, [...at, 'target']);
    else if (json) throw new KustomizeError(kmsg('kz.jsonNeedsTarget'), ctx.step.file, at);
    else {
      const p = doc.value as Record<string, unknown>;
      targets = matchById(rs, p);
      if (!targets.length && strict)
        throw new KustomizeError(
          kmsg('kz.noMatch', { kind: String(p.kind), name: String((prop(p.metadata, 'name') as string | number | undefined) ?? '') }),
          ctx.step.file,
          at,
        );
    }
    for (const r of targets) {
      if (json) applyJson(r, doc, ctx.step, at);
      else applySmp(rs, r, doc);
    }
  }
}

export function applyPatchesStrategicMerge(rs: Res[], list: unknown, ctx: PatchContext): void {
  if (list === undefined || list === null) return;
  if (!Array.isArray(list)) throw new KustomizeError(kmsg('kz.list', { field: 'patchesStrategicMerge' }), ctx.step.file, ['patchesStrategicMerge']);
  list.forEach((item: unknown, i) => {
    const at = ['patchesStrategicMerge', i];
    if (typeof item !== 'string') throw new KustomizeError(kmsg('kz.strings', { field: 'patchesStrategicMerge' }), ctx.step.file, at);
    const inline = item.includes('\n') || /^\s*(apiVersion|kind)\s*:/.test(item);
    const entry = inline ? { patch: item } : { path: item };
    applyEntry(rs, loadPatch(entry, ctx, at), undefined, ctx, at, true);
  });
}

export function applyPatches(rs: Res[], list: unknown, ctx: PatchContext): void {
  if (list === undefined || list === null) return;
  if (!Array.isArray(list)) throw new KustomizeError(kmsg('kz.list', { field: 'patches' }), ctx.step.file, ['patches']);
  list.forEach((entry: unknown, i) => {
    const at = ['patches', i];
    if (!isObj(entry)) throw new KustomizeError(kmsg('kz.needs', { field: 'patches', what: 'path | patch' }), ctx.step.file, at);
    applyEntry(rs, loadPatch(entry, ctx, at), entry.target, ctx, at, true);
  });
}

export function applyPatchesJson6902(rs: Res[], list: unknown, ctx: PatchContext): void {
  if (list === undefined || list === null) return;
  if (!Array.isArray(list)) throw new KustomizeError(kmsg('kz.list', { field: 'patchesJson6902' }), ctx.step.file, ['patchesJson6902']);
  list.forEach((entry: unknown, i) => {
    const at = ['patchesJson6902', i];
    if (!isObj(entry) || !isObj(entry.target)) throw new KustomizeError(kmsg('kz.needs', { field: 'patchesJson6902', what: 'target' }), ctx.step.file, at);
    const docs = loadPatch(entry, ctx, at);
    for (const doc of docs) if (!Array.isArray(doc.value)) throw new KustomizeError(kmsg('kz.json.notList'), ctx.step.file, at);
    applyEntry(rs, docs, entry.target, ctx, at, true);
  });
}
