// Renders a kustomization natively, as `kubectl kustomize DIR` does (kustomize v5): resources and
// bases, components, generators, the builtin transformers in kustomize's order, hash suffixes and
// reference renaming at the end, and kustomize's legacy output order.
import { kmsg } from './messages';
import { stringify } from 'yaml';
import { plainValue, readDocument } from '../manifest/read-yaml';
import { parseFile } from '../manifest/parse';
import type { Path } from '../manifest/types';
import { runGenerators } from './generators';
import { nameHash } from './hash';
import { describe, idOf, kindOf, nameOf, nsOf, setName, type Res } from './model';
import { fixReferences } from './namerefs';
import { applyPatches, applyPatchesJson6902, applyPatchesStrategicMerge } from './patches';
import { applyAffixes, applyAnnotations, applyImages, applyLabels, applyNamespace, applyReplicas, type Step } from './transforms';
import { KUSTOMIZATION_NAMES, KustomizeError, type KustomizeReader, type RenderResult } from './types';
import { clone, dirname, groupOf, isObj, prop, resolvePath, versionOf } from './util';
import { applyReplacements } from './replacements';
import { collectVars, resolveVars, type Var } from './vars';

interface State {
  reader: KustomizeReader;
  files: Set<string>;
  patchFiles: Set<string>;
  kustomizations: string[];
  /** Folders being built, outermost first: a folder met again is a cycle. */
  stack: string[];
  /** The `vars` of every kustomization met, resolved at the end. */
  vars: Var[];
}

/** The kustomization file in `dir`, if any. */
export function findKustomization(reader: KustomizeReader, dir: string): string | undefined {
  for (const n of KUSTOMIZATION_NAMES) {
    const p = resolvePath(dir, n);
    if (reader.readFile(p) !== undefined) return p;
  }
  return undefined;
}

function read(st: State, file: string, from?: string, at?: Path): string {
  const text = st.reader.readFile(file);
  if (text === undefined) throw new KustomizeError(kmsg('kz.noFile', { file }), from, at);
  st.files.add(file);
  return text;
}

function loadKustomization(st: State, file: string): Record<string, unknown> {
  const doc = readDocument(read(st, file), { version: '1.1', merge: true, prettyErrors: false });
  if (doc.errors.length) throw new KustomizeError(kmsg('kz.yaml', { file, detail: doc.errors[0].message.split('\n')[0] }), file, []);
  const k = plainValue(doc, 200);
  if (k === null || k === undefined) return {};
  if (!isObj(k)) throw new KustomizeError(kmsg('kz.notMap', { file }), file, []);
  return k;
}

function readResources(st: State, file: string, from: string, at: Path): Res[] {
  const text = read(st, file, from, at);
  const known = st.reader.parsed?.(file);
  const parsed = known && known.text === text ? known : parseFile(file, text);
  const problem = parsed.problems.find((p) => p.severity === 'error');
  if (problem) throw new KustomizeError(kmsg('kz.yaml', { file: `${file}:${problem.range.start.line + 1}`, detail: problem.message.id }), file, []);
  if (parsed.templated) throw new KustomizeError(kmsg('kz.templated', { file }), from, at);
  return parsed.resources.map((r) => ({
    obj: clone(r.obj),
    origin: { file, doc: r.doc.index, at: r.basePath, basePath: r.basePath },
    fields: [],
    orgNs: r.namespace,
  }));
}

function add(rs: Res[], more: Res[], file: string, at: Path): void {
  const ids = new Set(rs.map(idOf));
  for (const r of more) {
    if (ids.has(idOf(r))) throw new KustomizeError(kmsg('kz.duplicateId', { id: describe(r) }), file, at);
    ids.add(idOf(r));
    rs.push(r);
  }
}

const REMOTE = /^(https?:\/\/|git@|ssh:\/\/|github\.com\/|gitlab\.com\/)|\?ref=|\.git(\/|$)/;

function strings(k: Record<string, unknown>, field: string, file: string): string[] {
  const v: unknown = k[field];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new KustomizeError(kmsg('kz.strings', { field }), file, [field]);
  return v;
}

/**
 * `helmCharts` needs the helm binary and, mostly, the network: `kubectl kustomize` refuses them
 * without --enable-helm ("must specify --enable-helm"), and so do we, always (we render offline).
 */
function refuseHelm(k: Record<string, unknown>, file: string): void {
  for (const field of ['helmCharts', 'helmChartInflationGenerator']) {
    const v: unknown = k[field];
    if (!Array.isArray(v) || !v.length) continue;
    const chart = prop(v[0], 'name');
    throw new KustomizeError(kmsg('kz.helm', { chart: typeof chart === 'string' ? chart : '?' }), file, [field, 0]);
  }
}

/** Builds the kustomization in `dir` into `rs` (a component adds to and transforms its parent's objects). */
function accumulate(st: State, dir: string, rs: Res[], component: boolean): void {
  if (st.stack.includes(dir)) throw new KustomizeError(kmsg('kz.cycle', { chain: [...st.stack, dir].join(' → ') }), findKustomization(st.reader, dir));
  const file = findKustomization(st.reader, dir);
  if (!file) throw new KustomizeError(kmsg('kz.noKustomization', { dir }));
  st.stack.push(dir);
  st.kustomizations.push(file);
  const k = loadKustomization(st, file);
  const isComponent = k.kind === 'Component';
  if (component && !isComponent) throw new KustomizeError(kmsg('kz.componentKind', { file }), file, ['kind']);
  if (!component && isComponent) throw new KustomizeError(kmsg('kz.componentInResources', { file }), file, ['kind']);
  const step: Step = { file, at: (...at: Path) => ({ file, doc: 0, at }) };
  // kustomize's load restrictor: files (not folders) must be in or below the kustomization's folder.
  const inRoot = (p: string, at: Path = []): string => {
    if (p !== dir && !p.startsWith(dir === '/' ? '/' : dir + '/')) throw new KustomizeError(kmsg('kz.outsideRoot', { file: p, root: dir }), file, at);
    return p;
  };

  for (const field of ['resources', 'bases']) {
    strings(k, field, file).forEach((entry, i) => {
      const at = [field, i];
      if (REMOTE.test(entry)) throw new KustomizeError(kmsg('kz.remote', { entry }), file, at);
      const p = resolvePath(dir, entry);
      if (st.reader.isDir(p)) {
        const sub: Res[] = [];
        accumulate(st, p, sub, false);
        add(rs, sub, file, at);
      } else add(rs, readResources(st, inRoot(p, at), file, at), file, at);
    });
  }
  strings(k, 'components', file).forEach((entry, i) => {
    const p = resolvePath(dir, entry);
    if (!st.reader.isDir(p)) throw new KustomizeError(kmsg('kz.componentNotDir', { entry }), file, ['components', i]);
    accumulate(st, p, rs, true);
  });

  refuseHelm(k, file);
  const options = isObj(k.generatorOptions) ? k.generatorOptions : {};
  runGenerators(rs, k, { reader: st.reader, dir, step, options, read: (p, at) => read(st, inRoot(p, at), file, at) });

  const pctx = { dir, step, read: (p: string, at?: Path) => read(st, inRoot(p, at), file, at), markPatch: (p: string) => st.patchFiles.add(p) };
  applyPatchesStrategicMerge(rs, k.patchesStrategicMerge, pctx);
  applyPatches(rs, k.patches, pctx);
  applyNamespace(rs, k.namespace, step);
  applyAffixes(rs, k.namePrefix, k.nameSuffix, step);
  applyLabels(rs, k, step);
  applyAnnotations(rs, k, step);
  applyPatchesJson6902(rs, k.patchesJson6902, pctx);
  applyReplicas(rs, k.replicas, step);
  applyImages(rs, k.images, step);
  applyReplacements(rs, k.replacements, { dir, step, read: (p, at) => read(st, inRoot(p, at), file, at) });
  collectVars(st.vars, k.vars, step);
  st.stack.pop();
}

const ORDER_FIRST = [
  'Namespace',
  'ResourceQuota',
  'StorageClass',
  'CustomResourceDefinition',
  'ServiceAccount',
  'PodSecurityPolicy',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'ConfigMap',
  'Secret',
  'Endpoints',
  'Service',
  'LimitRange',
  'PriorityClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'Deployment',
  'StatefulSet',
  'CronJob',
  'PodDisruptionBudget',
];
const ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

function kindRank(kind: string): number {
  const f = ORDER_FIRST.indexOf(kind);
  if (f >= 0) return f - ORDER_FIRST.length;
  const l = ORDER_LAST.indexOf(kind);
  return l >= 0 ? l + 1 : 0;
}

const or = (s: string, dflt: string) => s || dflt;
const gvkString = (r: Res) => `${or(groupOf(r.obj.apiVersion), '~G')}_${or(versionOf(r.obj.apiVersion), '~V')}_${or(kindOf(r), '~K')}`;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** kustomize's legacy order: kinds by ORDER_FIRST/ORDER_LAST, then group/version/kind, namespace, name. */
export function legacyCompare(a: Res, b: Res): number {
  return (
    kindRank(kindOf(a)) - kindRank(kindOf(b)) ||
    cmp(gvkString(a), gvkString(b)) ||
    cmp(or(nsOf(a) ?? '', '~X'), or(nsOf(b) ?? '', '~X')) ||
    cmp(or(nameOf(a), '~N'), or(nameOf(b), '~N'))
  );
}

/**
 * Renders the kustomization at `path` (its folder, or the kustomization file itself).
 * Throws KustomizeError for anything wrong with the input.
 */
export function renderKustomization(reader: KustomizeReader, path: string): RenderResult {
  const dir = reader.isDir(path) ? path : dirname(path);
  const st: State = { reader, files: new Set(), patchFiles: new Set(), kustomizations: [], stack: [], vars: [] };
  const rs: Res[] = [];
  accumulate(st, dir, rs, false);
  for (const r of rs) if (r.hash) setName(r, `${nameOf(r)}-${nameHash(r.obj)}`);
  fixReferences(rs);
  resolveVars(rs, st.vars);
  rs.sort(legacyCompare);
  return {
    objects: rs.map((r) => ({ obj: r.obj, origin: r.origin, fields: r.fields })),
    files: [...st.files],
    patchFiles: [...st.patchFiles],
    kustomizations: st.kustomizations,
  };
}

/** The rendered objects as one multi-document YAML text, as `kubectl kustomize` prints them. */
export function toYaml(objects: readonly { obj: unknown }[]): string {
  return objects.map((o) => stringify(o.obj, { version: '1.1', lineWidth: 0 })).join('---\n');
}
