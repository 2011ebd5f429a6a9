// configMapGenerator and secretGenerator: literals, files and env files, generatorOptions, and the
// create/merge/replace behaviours. The hash suffix is added at the very end of the build (render.ts).
import { kmsg } from './messages';
import { kindOf, meta, namesOf, nsOf, type Res } from './model';
import type { Step } from './transforms';
import { KustomizeError, type KustomizeReader } from './types';
import { basename, isObj, resolvePath } from './util';
import { scalarText } from '../k8s/guards';

/** Removes one pair of matching surrounding quotes, as kustomize's removeQuotes does. */
function unquote(s: string): string {
  if (s.length >= 2 && s[0] === s[s.length - 1] && (s[0] === '"' || s[0] === "'")) return s.slice(1, -1);
  return s;
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += A[(n >> 18) & 63] + A[(n >> 12) & 63] + (i + 1 < bytes.length ? A[(n >> 6) & 63] : '=') + (i + 2 < bytes.length ? A[n & 63] : '=');
  }
  return out;
}

function list(v: unknown, what: string, step: Step, at: (string | number)[]): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new KustomizeError(kmsg('kz.strings', { field: what }), step.file, at);
  return v;
}

interface GenContext {
  reader: KustomizeReader;
  dir: string;
  step: Step;
  /** The kustomization's generatorOptions. */
  options: Record<string, unknown>;
  /** Files read, for the caller's list. */
  read: (path: string, at?: (string | number)[]) => string;
}

function collectData(g: Record<string, unknown>, field: string, i: number, ctx: GenContext): Record<string, string> {
  const { step } = ctx;
  const data: Record<string, string> = {};
  const put = (k: string, v: string, at: (string | number)[]) => {
    if (k in data) throw new KustomizeError(kmsg('kz.dupKey', { field: `${field}[${i}]`, key: k }), step.file, at);
    data[k] = v;
  };
  const envs = [...list(g.envs, 'envs', step, [field, i, 'envs']), ...(typeof g.env === 'string' ? [g.env] : [])];
  envs.forEach((f, j) => {
    const text = ctx.read(resolvePath(ctx.dir, f), [field, i, 'envs', j]).replace(/^\uFEFF/, '');
    for (const raw of text.split(/\r?\n/)) {
      const line = raw.replace(/^\s+/, '');
      if (!line || line.startsWith('#')) continue;
      const eq = line.indexOf('=');
      if (eq < 0) continue; // a bare NAME reads the environment in kustomize; the renderer has none
      const key = line.slice(0, eq);
      if (/\s/.test(key)) throw new KustomizeError(kmsg('kz.badKey', { file: f, key }), step.file, [field, i, 'envs', j]);
      put(key, line.slice(eq + 1), [field, i, 'envs', j]);
    }
  });
  list(g.literals, 'literals', step, [field, i, 'literals']).forEach((lit, j) => {
    const eq = lit.indexOf('=');
    if (eq < 0) throw new KustomizeError(kmsg('kz.literal', { literal: lit }), step.file, [field, i, 'literals', j]);
    put(lit.slice(0, eq), unquote(lit.slice(eq + 1)), [field, i, 'literals', j]);
  });
  list(g.files, 'files', step, [field, i, 'files']).forEach((src, j) => {
    const eq = src.indexOf('=');
    const key = eq >= 0 ? src.slice(0, eq) : basename(src);
    const p = eq >= 0 ? src.slice(eq + 1) : src;
    put(key, ctx.read(resolvePath(ctx.dir, p), [field, i, 'files', j]), [field, i, 'files', j]);
  });
  return data;
}

/** A ConfigMap or Secret a generator makes. */
interface Generated {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [k: string]: unknown };
  type?: string;
  data: Record<string, string>;
  immutable?: boolean;
  [k: string]: unknown;
}

function mergeMap(target: Record<string, unknown>, key: string, add: unknown): void {
  if (!isObj(add) || !Object.keys(add).length) return;
  target[key] = { ...(isObj(target[key]) ? target[key] : {}), ...Object.fromEntries(Object.entries(add).map(([k, v]) => [k, String(v)])) };
}

/** Runs both generators of one kustomization over `rs` (adding, merging into or replacing objects). */
export function runGenerators(rs: Res[], k: Record<string, unknown>, ctx: GenContext): void {
  for (const [field, kind] of [
    ['configMapGenerator', 'ConfigMap'],
    ['secretGenerator', 'Secret'],
  ] as const) {
    const gens: unknown = k[field];
    if (gens === undefined || gens === null) continue;
    if (!Array.isArray(gens)) throw new KustomizeError(kmsg('kz.list', { field }), ctx.step.file, [field]);
    gens.forEach((g: unknown, i: number) => {
      if (!isObj(g) || typeof g.name !== 'string' || !g.name) throw new KustomizeError(kmsg('kz.needs', { field, what: 'name' }), ctx.step.file, [field, i]);
      // Options are merged as kustomize merges them: a true in either the kustomization's
      // generatorOptions or the generator's own options wins (false is Go's unset).
      const own: Record<string, unknown> = isObj(g.options) ? g.options : {};
      const opts = {
        disableNameSuffixHash: ctx.options.disableNameSuffixHash === true || own.disableNameSuffixHash === true,
        immutable: ctx.options.immutable === true || own.immutable === true,
      };
      const data = collectData(g, field, i, ctx);
      const metadata: Generated['metadata'] = { name: g.name };
      if (typeof g.namespace === 'string' && g.namespace) metadata.namespace = g.namespace;
      mergeMap(metadata, 'labels', ctx.options.labels);
      mergeMap(metadata, 'labels', isObj(g.options) ? g.options.labels : undefined);
      mergeMap(metadata, 'annotations', ctx.options.annotations);
      mergeMap(metadata, 'annotations', isObj(g.options) ? g.options.annotations : undefined);
      const obj: Generated =
        kind === 'Secret'
          ? {
              apiVersion: 'v1',
              kind,
              metadata,
              type: typeof g.type === 'string' && g.type ? g.type : 'Opaque',
              data: Object.fromEntries(Object.entries(data).map(([key, v]) => [key, base64(v)])),
            }
          : { apiVersion: 'v1', kind, metadata, data };
      if (opts.immutable === true) obj.immutable = true;
      const hash = opts.disableNameSuffixHash !== true;
      const behavior = g.behavior ?? 'create';
      const ns = obj.metadata.namespace;
      const existing = rs.find((r) => kindOf(r) === kind && namesOf(r).includes(g.name as string) && (nsOf(r) ?? '') === (ns ?? nsOf(r) ?? ''));
      const source = { file: ctx.step.file, doc: 0, at: [field, i] };
      if (behavior === 'create') {
        if (existing && (nsOf(existing) ?? '') === (ns ?? ''))
          throw new KustomizeError(kmsg('kz.exists', { kind, name: g.name }), ctx.step.file, [field, i, 'name']);
        rs.push({ obj, origin: { ...source, basePath: [field, i], generated: true }, fields: [], orgNs: ns, hash });
        return;
      }
      if (behavior !== 'merge' && behavior !== 'replace')
        throw new KustomizeError(kmsg('kz.behavior', { value: scalarText(behavior) }), ctx.step.file, [field, i, 'behavior']);
      if (!existing) throw new KustomizeError(kmsg('kz.missing', { kind, name: g.name, behavior }), ctx.step.file, [field, i, 'behavior']);
      const target = existing.obj;
      if (behavior === 'replace') {
        target.data = obj.data;
        if (obj.type) target.type = obj.type;
      } else target.data = { ...(isObj(target.data) ? target.data : {}), ...obj.data };
      for (const key of ['labels', 'annotations']) mergeMap(meta(existing), key, obj.metadata[key]);
      if (obj.immutable) target.immutable = true;
      existing.hash = existing.hash || hash;
      if (!hash) existing.hash = false;
      for (const key of Object.keys(obj.data)) existing.fields.push({ path: ['data', key], source });
    });
  }
}
