// The builtin transformers of one kustomization: namespace, namePrefix/nameSuffix, labels,
// commonLabels, commonAnnotations, images and replicas. Each records which fields it set, so a
// finding on them points at the kustomization line that set them.
import { kmsg } from './messages';
import { isClusterScopedKind } from '../k8s/kinds';
import type { Path } from '../manifest/types';
import { ANNOTATION_SPECS, LABEL_SELECTOR_SPECS, TEMPLATE_LABEL_SPECS, type FieldSpec } from './fieldspecs';
import { kindOf, nameOf, namesOf, note, setName, setNamespace, type Res } from './model';
import { KustomizeError, type SourceRef } from './types';
import { isObj, objAt, specSegments, walkSpec } from './util';
import { scalarText } from '../k8s/guards';

const NO_AFFIX = new Set(['CustomResourceDefinition', 'APIService', 'Namespace']);

export interface Step {
  file: string;
  /** Where in the kustomization this setting is. */
  at(...path: Path): SourceRef;
}

export function applyNamespace(rs: Res[], ns: unknown, step: Step): void {
  if (typeof ns !== 'string' || !ns) return;
  for (const r of rs) {
    const kind = kindOf(r);
    if (isClusterScopedKind(kind)) continue;
    setNamespace(r, ns);
    note(r, ['metadata', 'namespace'], step.at('namespace'));
    if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') {
      const subjects: unknown = r.obj.subjects;
      if (Array.isArray(subjects))
        subjects.forEach((s, i) => {
          // kustomize's defaultOnly mode: a subject named "default" (whatever its kind) moves along.
          if (isObj(s) && s.name === 'default') {
            s.namespace = ns;
            note(r, ['subjects', i, 'namespace'], step.at('namespace'));
          }
        });
    }
  }
}

export function applyAffixes(rs: Res[], prefix: unknown, suffix: unknown, step: Step): void {
  const p = typeof prefix === 'string' ? prefix : '';
  const s = typeof suffix === 'string' ? suffix : '';
  if (!p && !s) return;
  for (const r of rs) {
    if (NO_AFFIX.has(kindOf(r))) continue;
    setName(r, p + nameOf(r) + s);
    note(r, ['metadata', 'name'], step.at(p ? 'namePrefix' : 'nameSuffix'));
  }
}

function stringMap(v: unknown, file: string, at: Path): [string, string][] {
  if (v === undefined || v === null) return [];
  if (!isObj(v)) throw new KustomizeError(kmsg('kz.map', { field: at.join('.') }), file, at);
  return Object.entries(v).map(([k, x]) => [k, scalarText(x)]);
}

function applyMap(rs: Res[], entries: [string, string][], specs: readonly FieldSpec[], source: (key: string) => SourceRef): void {
  if (!entries.length) return;
  for (const r of rs) {
    const kind = kindOf(r);
    for (const [kinds, path, create] of specs) {
      if (kinds.length && !kinds.includes(kind)) continue;
      walkSpec(r.obj, specSegments(path), create, (parent, key, p) => {
        const cur = parent[key];
        if (!isObj(cur) && !create && (cur === undefined || cur === null)) return;
        const m = objAt(parent, key);
        for (const [k, v] of entries) {
          m[k] = v;
          note(r, [...p, k], source(k));
        }
      });
    }
  }
}

export function applyLabels(rs: Res[], k: Record<string, unknown>, step: Step): void {
  const common = stringMap(k.commonLabels, step.file, ['commonLabels']);
  applyMap(rs, common, [...LABEL_SELECTOR_SPECS, ...TEMPLATE_LABEL_SPECS], (key) => step.at('commonLabels', key));
  if (k.labels === undefined) return;
  if (!Array.isArray(k.labels)) throw new KustomizeError(kmsg('kz.list', { field: 'labels' }), step.file, ['labels']);
  k.labels.forEach((entry: unknown, i: number) => {
    if (!isObj(entry)) throw new KustomizeError(kmsg('kz.needs', { field: 'labels', what: 'pairs' }), step.file, ['labels', i]);
    const pairs = stringMap(entry.pairs, step.file, ['labels', i, 'pairs']);
    const specs: FieldSpec[] = [[[], 'metadata/labels', true]];
    if (entry.includeSelectors === true) specs.push(...LABEL_SELECTOR_SPECS.slice(1), ...TEMPLATE_LABEL_SPECS);
    else if (entry.includeTemplates === true) specs.push(...TEMPLATE_LABEL_SPECS);
    applyMap(rs, pairs, specs, (key) => step.at('labels', i, 'pairs', key));
  });
}

export function applyAnnotations(rs: Res[], k: Record<string, unknown>, step: Step): void {
  applyMap(rs, stringMap(k.commonAnnotations, step.file, ['commonAnnotations']), ANNOTATION_SPECS, (key) => step.at('commonAnnotations', key));
}

/** name[:tag][@digest], where a ':' before the last '/' belongs to a registry's port. */
export function splitImage(image: string): { name: string; tag: string; digest: string } {
  let rest = image;
  let digest = '';
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag = '';
  const colon = rest.lastIndexOf(':');
  if (colon >= 0 && colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { name: rest, tag, digest };
}

function visitImages(v: unknown, path: Path, cb: (holder: Record<string, unknown>, path: Path) => void): void {
  if (Array.isArray(v)) return v.forEach((x, i) => visitImages(x, [...path, i], cb));
  if (!isObj(v)) return;
  for (const [k, x] of Object.entries(v)) {
    if ((k === 'containers' || k === 'initContainers') && Array.isArray(x)) {
      x.forEach((c, i) => {
        if (isObj(c) && typeof c.image === 'string') cb(c, [...path, k, i, 'image']);
      });
    } else if (typeof x === 'object' && x !== null) visitImages(x, [...path, k], cb);
  }
}

export function applyImages(rs: Res[], images: unknown, step: Step): void {
  if (images === undefined || images === null) return;
  if (!Array.isArray(images)) throw new KustomizeError(kmsg('kz.list', { field: 'images' }), step.file, ['images']);
  images.forEach((img: unknown, i: number) => {
    if (!isObj(img) || typeof img.name !== 'string') throw new KustomizeError(kmsg('kz.needs', { field: 'images', what: 'name' }), step.file, ['images', i]);
    const newTag = scalarText(img.newTag);
    const digest = typeof img.digest === 'string' ? img.digest : '';
    const newName = typeof img.newName === 'string' ? img.newName : '';
    const field = newTag ? 'newTag' : digest ? 'digest' : 'newName';
    for (const r of rs)
      visitImages(r.obj, [], (c, path) => {
        const parts = splitImage(c.image as string);
        if (parts.name !== img.name) return;
        let { name, tag, digest: d } = parts;
        if (newName) name = newName;
        if (newTag && digest) [tag, d] = [newTag, digest];
        else if (newTag) [tag, d] = [newTag, ''];
        else if (digest) [tag, d] = ['', digest];
        c.image = name + (tag ? ':' + tag : '') + (d ? '@' + d : '');
        note(r, path, step.at('images', i, field));
      });
  });
}

const REPLICA_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController']);

export function applyReplicas(rs: Res[], replicas: unknown, step: Step): void {
  if (replicas === undefined || replicas === null) return;
  if (!Array.isArray(replicas)) throw new KustomizeError(kmsg('kz.list', { field: 'replicas' }), step.file, ['replicas']);
  replicas.forEach((rep: unknown, i: number) => {
    if (!isObj(rep) || typeof rep.name !== 'string' || typeof rep.count !== 'number')
      throw new KustomizeError(kmsg('kz.needs', { field: 'replicas', what: 'name, count' }), step.file, ['replicas', i]);
    for (const r of rs) {
      if (!REPLICA_KINDS.has(kindOf(r)) || !namesOf(r).includes(rep.name)) continue;
      objAt(r.obj, 'spec').replicas = rep.count;
      note(r, ['spec', 'replicas'], step.at('replicas', i, 'count'));
    }
  });
}
