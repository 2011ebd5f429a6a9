// kustomize's `replacements` (the ReplacementTransformer, run last among a kustomization's builtin
// transformers): copy one field of a source object into fields of the selected targets. Entries are
// inline or `path:` files holding one replacement or a list. Options: delimiter/index (a part of a
// scalar, in the source and in the target) and create (make missing target fields).
import { kmsg } from './messages';
import { plainValue, readDocument } from '../manifest/read-yaml';
import { parseSelector } from '../k8s/selector';
import { isClusterScopedKind } from '../k8s/kinds';
import { scalarText } from '../k8s/guards';
import type { Path } from '../manifest/types';
import { isListSeg, lookupPath, matchPath, setSlot, slotValue, splitFieldPath, type Slot } from './fieldpath';
import { idHistory, kindOf, nameOf, note, type Res } from './model';
import type { Step } from './transforms';
import { KustomizeError } from './types';
import { clone, groupOf, isObj, prop, resolvePath, versionOf } from './util';

export interface ReplacementContext {
  dir: string;
  step: Step;
  read: (path: string, at?: Path) => string;
}

const DEFAULT_PATH = 'metadata.name';
const effectiveNs = (kind: string, ns: string | undefined) => (isClusterScopedKind(kind) ? '\0cluster' : ns || 'default');

/** A resource id selector (group, version, kind, name, namespace), matched against every name the object has had. */
function idSelects(r: Res, sel: Record<string, unknown>): boolean {
  const kind = kindOf(r);
  const eq = (field: string, actual: string) => !scalarText(sel[field]) || scalarText(sel[field]) === actual;
  const ns = scalarText(sel.namespace);
  return (
    eq('group', groupOf(r.obj.apiVersion)) &&
    eq('version', versionOf(r.obj.apiVersion)) &&
    eq('kind', kind) &&
    idHistory(r).some(([n, x]) => (!scalarText(sel.name) || n === scalarText(sel.name)) && (!ns || effectiveNs(kind, x) === effectiveNs(kind, ns)))
  );
}

function metaSelects(r: Res, sel: Record<string, unknown>): boolean {
  const m = (field: string, selector: unknown) =>
    typeof selector !== 'string' || !selector || parseSelector(selector)(prop(r.obj.metadata, field) as Record<string, string> | undefined);
  return m('labels', sel.labelSelector) && m('annotations', sel.annotationSelector);
}

const hasId = (sel: Record<string, unknown>) => ['group', 'version', 'kind', 'name', 'namespace'].some((f) => scalarText(sel[f]));
const hasMeta = (sel: Record<string, unknown>) => Boolean(scalarText(sel.labelSelector) || scalarText(sel.annotationSelector));

/** A selector as kustomize prints a resource id: Kind.version.group/name.namespace. */
export function describeSelector(sel: Record<string, unknown>): string {
  const or = (field: string, none: string) => scalarText(sel[field]) || none;
  return `${or('kind', '[noKind]')}.${or('version', '[noVer]')}.${or('group', '[noGrp]')}/${or('name', '[noName]')}.${or('namespace', '[noNs]')}`;
}

interface Options {
  delimiter: string;
  index: number;
  create: boolean;
}

function optionsOf(v: unknown): Options {
  const o = isObj(v) ? v : {};
  const index = Number(o.index ?? 0);
  return { delimiter: scalarText(o.delimiter), index: Number.isInteger(index) ? index : 0, create: o.create === true };
}

const isScalar = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** A scalar's text read back as YAML would type a plain scalar (a field kustomize had to create has no type of its own). */
function implicit(text: string): unknown {
  if (/^[-+]?\d+$/.test(text) && Number.isSafeInteger(Number(text))) return Number(text);
  if (/^[-+]?(\d+\.\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null' || text === '~') return null;
  return text;
}

/** The text in the type of the scalar it replaces (kustomize copies only the text and keeps the target's type). */
function keepType(text: string, old: unknown): unknown {
  if (typeof old === 'number') return typeof implicit(text) === 'number' ? implicit(text) : text;
  if (typeof old === 'boolean') return text === 'true' || text === 'false' ? text === 'true' : text;
  return text;
}

function spliceText(target: string, delimiter: string, part: string, index: number): string {
  const parts = target.split(delimiter);
  if (index < 0) parts.unshift(part);
  else if (index >= parts.length) parts.push(part);
  else parts[index] = part;
  return parts.join(delimiter);
}

function sourceValue(rs: Res[], source: Record<string, unknown>, step: Step, at: Path): unknown {
  const matches = rs.filter((r) => idSelects(r, source));
  const selector = describeSelector(source);
  if (matches.length > 1) throw new KustomizeError(kmsg('kz.repl.manySources', { selector }), step.file, at);
  if (!matches.length) throw new KustomizeError(kmsg('kz.repl.noSource', { selector }), step.file, at);
  const path = scalarText(source.fieldPath) || DEFAULT_PATH;
  const value = lookupPath(matches[0].obj, path);
  const empty = value === undefined || value === null || (Array.isArray(value) && !value.length) || (isObj(value) && !Object.keys(value).length);
  if (empty) throw new KustomizeError(kmsg('kz.repl.sourceField', { path, selector }), step.file, [...at, 'fieldPath']);
  const opt = optionsOf(source.options);
  if (!opt.delimiter) return clone(value);
  if (!isScalar(value)) throw new KustomizeError(kmsg('kz.repl.delimiter'), step.file, [...at, 'options']);
  const parts = scalarText(value).split(opt.delimiter);
  if (opt.index < 0 || opt.index >= parts.length)
    throw new KustomizeError(kmsg('kz.repl.index', { index: String(opt.index), value: scalarText(value) }), step.file, [...at, 'options']);
  return parts[opt.index];
}

function setTarget(slot: Slot, value: unknown, opt: Options, step: Step, at: Path): void {
  const old = slotValue(slot);
  let v = clone(value);
  if (opt.delimiter) {
    if (old !== undefined && old !== null && !isScalar(old)) throw new KustomizeError(kmsg('kz.repl.delimiter'), step.file, [...at, 'options']);
    v = spliceText(scalarText(old), opt.delimiter, scalarText(v), opt.index);
  }
  if (isScalar(old)) setSlot(slot, isScalar(v) ? keepType(scalarText(v), old) : v);
  else setSlot(slot, isScalar(v) && (old === undefined || old === null) ? implicit(scalarText(v)) : v);
}

function applyTarget(rs: Res[], value: unknown, target: Record<string, unknown>, step: Step, at: Path): void {
  const sel = target.select;
  if (!isObj(sel)) throw new KustomizeError(kmsg('kz.repl.noSelect'), step.file, at);
  const rejects = Array.isArray(target.reject) ? target.reject.filter(isObj) : [];
  const paths = Array.isArray(target.fieldPaths) && target.fieldPaths.length ? target.fieldPaths.map(scalarText) : [DEFAULT_PATH];
  const opt = optionsOf(target.options);
  for (const r of rs) {
    if (!idSelects(r, sel) || !metaSelects(r, sel)) continue;
    if (rejects.some((rej) => (hasId(rej) && idSelects(r, rej)) || (hasMeta(rej) && metaSelects(r, rej)))) continue;
    for (const fp of paths) {
      const segs = splitFieldPath(fp);
      const slots = matchPath(r.obj, segs, opt.create);
      if (!slots.length)
        throw new KustomizeError(kmsg(opt.create ? 'kz.repl.noCreate' : 'kz.repl.noTarget', { path: fp, object: `${kindOf(r)} ${nameOf(r)}` }), step.file, at);
      for (const s of slots) setTarget(s, value, opt, step, at);
      // The source map keeps the path up to its first list selector (findings under it point at this target).
      const cut = segs.findIndex(isListSeg);
      note(r, cut < 0 ? segs : segs.slice(0, cut), step.at(...at));
    }
  }
}

/** The replacements a `path:` file holds: one replacement (a map) or a list of them. */
function loadFile(file: string, text: string, step: Step, at: Path): Record<string, unknown>[] {
  const doc = readDocument(text, { version: '1.1', merge: true, prettyErrors: false });
  if (doc.errors.length) throw new KustomizeError(kmsg('kz.yaml', { file, detail: doc.errors[0].message.split('\n')[0] }), step.file, at);
  const v = plainValue(doc, 200);
  if (isObj(v)) return [v];
  if (Array.isArray(v) && v.every(isObj)) return v;
  throw new KustomizeError(kmsg('kz.repl.fileShape', { file }), step.file, at);
}

/** Runs a kustomization's `replacements` over the objects built so far, in order. */
export function applyReplacements(rs: Res[], entries: unknown, ctx: ReplacementContext): void {
  if (entries === undefined || entries === null) return;
  const { step } = ctx;
  if (!Array.isArray(entries)) throw new KustomizeError(kmsg('kz.list', { field: 'replacements' }), step.file, ['replacements']);
  entries.forEach((entry, i) => {
    const at: Path = ['replacements', i];
    if (!isObj(entry)) throw new KustomizeError(kmsg('kz.repl.shape'), step.file, at);
    let list: { r: Record<string, unknown>; at: Path }[] = [{ r: entry, at }];
    if (typeof entry.path === 'string') {
      if (entry.source !== undefined || entry.targets !== undefined) throw new KustomizeError(kmsg('kz.repl.pathAndInline'), step.file, at);
      const file = resolvePath(ctx.dir, entry.path);
      list = loadFile(file, ctx.read(file, [...at, 'path']), step, [...at, 'path']).map((r) => ({ r, at: [...at, 'path'] }));
    }
    for (const { r, at: where } of list) {
      if (!isObj(r.source) || !Array.isArray(r.targets)) throw new KustomizeError(kmsg('kz.repl.shape'), step.file, where);
      const value = sourceValue(rs, r.source, step, entry.path === undefined ? [...where, 'source'] : where);
      r.targets.forEach((t, j) => {
        if (!isObj(t)) throw new KustomizeError(kmsg('kz.repl.noSelect'), step.file, where);
        applyTarget(rs, value, t, step, entry.path === undefined ? [...where, 'targets', j] : where);
      });
    }
  });
}
