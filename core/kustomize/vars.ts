// kustomize's legacy `vars`: `$(NAME)` in the fields kustomize's varReference config lists
// (containers' command/args/env values and mount paths, Ingress hosts, labels, annotations…) is
// replaced by a field of another object, read at the very end of the build (after prefixes, suffixes
// and hash suffixes). `$$` escapes a `$`; an unknown `$(NAME)` stays as it is.
import { kmsg } from './messages';
import { scalarText } from '../k8s/guards';
import type { Path } from '../manifest/types';
import { lookupPath } from './fieldpath';
import { kindOf, namesOf, note, type Res } from './model';
import type { Step } from './transforms';
import { KustomizeError, type SourceRef } from './types';
import { groupOf, isObj, prop, specSegments, versionOf, walkSpec } from './util';

export interface Var {
  name: string;
  kind: string;
  objName: string;
  group: string;
  version: string;
  fieldPath: string;
  source: SourceRef;
}

type Scalar = string | number | boolean;

/** Reads a kustomization's `vars` into `into` (names must be unique across the whole build). */
export function collectVars(into: Var[], entries: unknown, step: Step): void {
  if (entries === undefined || entries === null) return;
  if (!Array.isArray(entries)) throw new KustomizeError(kmsg('kz.list', { field: 'vars' }), step.file, ['vars']);
  entries.forEach((v, i) => {
    const at: Path = ['vars', i];
    const ref = prop(v, 'objref');
    if (!isObj(v) || !scalarText(v.name) || !isObj(ref) || !scalarText(ref.kind) || !scalarText(ref.name))
      throw new KustomizeError(kmsg('kz.var.shape'), step.file, at);
    const name = scalarText(v.name);
    if (into.some((x) => x.name === name)) throw new KustomizeError(kmsg('kz.var.duplicate', { name }), step.file, [...at, 'name']);
    // objref.apiVersion, when given, sets group and version (kustomize's Target.GVK()).
    const api = scalarText(ref.apiVersion);
    const group = api ? (api.includes('/') ? groupOf(api) : '') : scalarText(ref.group);
    const version = api ? versionOf(api) : scalarText(ref.version);
    into.push({
      name,
      kind: scalarText(ref.kind),
      objName: scalarText(ref.name),
      group,
      version,
      fieldPath: scalarText(prop(v.fieldref, 'fieldpath')) || 'metadata.name',
      source: step.at(...at),
    });
  });
}

/** kustomize's varReference field specs: [kinds (empty = every kind), path]. */
const CONTAINER_FIELDS = ['args', 'command', 'env/value', 'volumeMounts/mountPath'];
const podFields = (prefix: string) => [
  ...['containers', 'initContainers'].flatMap((c) => CONTAINER_FIELDS.map((f) => `${prefix}/${c}/${f}`)),
  `${prefix}/volumes/nfs/server`,
];
type Spec = readonly [kinds: readonly string[], path: string];
const spec = (kinds: readonly string[], path: string): Spec => [kinds, path];
const VAR_REFERENCE: readonly Spec[] = [
  ...podFields('spec/jobTemplate/spec/template/spec').map((p) => spec(['CronJob'], p)),
  ...['DaemonSet', 'Deployment', 'Job', 'ReplicaSet', 'StatefulSet'].flatMap((k) =>
    podFields('spec/template/spec')
      .filter((p) => k !== 'StatefulSet' || !p.endsWith('nfs/server'))
      .map((p) => spec([k], p)),
  ),
  spec(['StatefulSet'], 'spec/volumeClaimTemplates/spec/nfs/server'),
  ...podFields('spec').map((p) => spec(['Pod'], p)),
  spec(['Ingress'], 'spec/rules/host'),
  spec(['Ingress'], 'spec/tls/hosts'),
  spec(['Ingress'], 'spec/tls/secretName'),
  spec(['Service'], 'spec/ports/port'),
  spec(['Service'], 'spec/ports/targetPort'),
  spec(['PersistentVolume'], 'spec/nfs/server'),
  spec([], 'metadata/labels'),
  spec([], 'metadata/annotations'),
];

/**
 * kubernetes' expansion (third_party/forked/golang/expansion) as kustomize uses it: a string that is
 * exactly `$(NAME)` takes the value with its type; inside a longer string the value is printed.
 */
export function expand(input: string, lookup: (name: string) => Scalar | undefined, used: (name: string) => void): Scalar {
  let out = '';
  let checkpoint = 0;
  for (let i = 0; i < input.length; i++) {
    if (input[i] !== '$' || i + 1 >= input.length) continue;
    out += input.slice(checkpoint, i);
    const next = input[i + 1];
    let advance = 1;
    if (next === '$') out += '$';
    else if (next === '(') {
      const close = input.indexOf(')', i + 2);
      if (close < 0) out += '$(';
      else {
        const name = input.slice(i + 2, close);
        const v = lookup(name);
        const mapped = v === undefined ? `$(${name})` : v;
        if (v !== undefined) used(name);
        if (input === `$(${name})`) return mapped;
        out += String(mapped);
        advance = close - i;
      }
    } else out += '$' + next;
    i += advance;
    checkpoint = i + 1;
  }
  return out + input.slice(checkpoint);
}

/** Resolves the vars against the finished objects and substitutes them (nothing to do without vars). */
export function resolveVars(rs: Res[], vars: readonly Var[]): void {
  if (!vars.length) return;
  const values = new Map<string, Scalar>();
  for (const v of vars) {
    const matches = rs.filter(
      (r) => kindOf(r) === v.kind && groupOf(r.obj.apiVersion) === v.group && versionOf(r.obj.apiVersion) === v.version && namesOf(r).includes(v.objName),
    );
    if (matches.length > 1) throw new KustomizeError(kmsg('kz.var.many', { name: v.name, count: matches.length }), v.source.file, v.source.at);
    if (!matches.length)
      throw new KustomizeError(
        kmsg('kz.var.noObject', { name: v.name, kind: v.kind, object: v.objName, apiVersion: [v.group, v.version].filter(Boolean).join('/') || '""' }),
        v.source.file,
        v.source.at,
      );
    const value = lookupPath(matches[0].obj, v.fieldPath.replace(/\[(\d+)\]/g, '.$1'));
    if (value === undefined || value === null)
      throw new KustomizeError(kmsg('kz.var.noField', { name: v.name, path: v.fieldPath }), v.source.file, v.source.at);
    // A map or list value cannot go into a string: the reference stays as written.
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') values.set(v.name, value);
  }
  const byName = new Map(vars.map((v) => [v.name, v]));
  for (const r of rs) {
    const kind = kindOf(r);
    for (const [kinds, path] of VAR_REFERENCE) {
      if (kinds.length && !kinds.includes(kind)) continue;
      walkSpec(r.obj, specSegments(path), false, (parent, key, p) => {
        // A map's values (labels, annotations) stay strings; elsewhere a whole `$(NAME)` takes the value's type.
        const sub = (holder: Record<string, unknown> | unknown[], k: string | number, at: Path, asText = false) => {
          const cur = (holder as Record<string | number, unknown>)[k];
          if (typeof cur !== 'string') return;
          const users: string[] = [];
          let next = expand(
            cur,
            (n) => values.get(n),
            (n) => users.push(n),
          );
          if (asText) next = String(next);
          if (next === cur) return;
          (holder as Record<string | number, unknown>)[k] = next;
          const first = byName.get(users[0]);
          if (first) note(r, at, first.source);
        };
        const cur = parent[key];
        if (Array.isArray(cur)) cur.forEach((_, i) => sub(cur, i, [...p, i]));
        else if (isObj(cur)) for (const k of Object.keys(cur)) sub(cur, k, [...p, k], true);
        else sub(parent, key, p);
      });
    }
  }
}
