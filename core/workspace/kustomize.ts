// Kustomize in the workspace: which files are kustomizations, which are patches (partial objects,
// never validated as manifests), which are a Helm chart's values, and which belong to an overlay's
// rendered set. Each top-level kustomization (one no other kustomization includes) is rendered
// natively; its objects become Resources that keep pointing at their source documents, with a
// source map for the fields an overlay or a patch set.
import { KUSTOMIZATION_NAMES, KustomizeError, renderKustomization, type KustomizeReader, type RenderedObject, type RenderResult } from '../kustomize/index';
import { parseFile, rangeInDoc, type ParsedFile, type RangePart, type Resource } from '../manifest/parse';
import type { Path, Range } from '../manifest/types';
import type { Workspace } from './index';
import { isObj } from '../k8s/guards';

export type FileRole = 'kustomization' | 'patch' | 'member' | 'helm';

export interface RootRender {
  /** The kustomization file's URI. */
  uri: string;
  result?: RenderResult;
  error?: KustomizeError;
  /** The rendered objects as Resources (empty when the render failed). */
  resources: Resource[];
}

export interface KustomizeView {
  roles: Map<string, FileRole>;
  roots: RootRender[];
  /** The parsed file for a URI: the workspace's, or one parsed from the reader for files it does not hold. */
  fileOf: (uri: string) => ParsedFile | undefined;
}

/** The file: URI's path (POSIX), and back, in the workspace's own spelling when it holds the file. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file://')) return undefined;
  try {
    return decodeURIComponent(uri.slice('file://'.length).replace(/^[^/]*/, ''));
  } catch {
    return undefined;
  }
}

const encodePath = (p: string) => 'file://' + p.split('/').map(encodeURIComponent).join('/');
const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1);
const dirName = (p: string) => p.slice(0, Math.max(0, p.lastIndexOf('/'))) || '/';

export const isKustomizationUri = (uri: string): boolean => KUSTOMIZATION_NAMES.includes(baseName(uri.split('?')[0]));

/** One kustomization's render, with what it read, so a later version can reuse it when none of that changed. */
interface RenderRecord {
  uri: string;
  component: boolean;
  result?: RenderResult;
  error?: KustomizeError;
  /** path → the workspace's ParsedFile, or the text read from the fallback (undefined: absent); 'dir:' + path → isDir. */
  deps: Map<string, unknown>;
  resources?: Resource[];
}

const views = new WeakMap<Workspace, { version: number; view: KustomizeView; renders: Map<string, RenderRecord> }>();

/** The workspace's kustomize view for its current version (renders whose inputs did not change are reused). */
export function kustomizeView(ws: Workspace, fallback?: KustomizeReader): KustomizeView {
  const cached = views.get(ws);
  if (cached && cached.version === ws.version) return cached.view;
  const renders = new Map<string, RenderRecord>();
  const view = buildView(ws, fallback, cached?.renders ?? new Map(), renders);
  views.set(ws, { version: ws.version, view, renders });
  return view;
}

function buildView(
  ws: Workspace,
  fallback: KustomizeReader | undefined,
  previous: Map<string, RenderRecord>,
  records: Map<string, RenderRecord>,
): KustomizeView {
  const roles = new Map<string, FileRole>();
  // Most workspaces have neither: no paths to map, nothing to render.
  if (!ws.uris().some((u) => isKustomizationUri(u) || u.endsWith('/Chart.yaml'))) return { roles, roots: [], fileOf: (uri) => ws.get(uri) };
  const byPath = new Map<string, string>();
  const dirs = new Set<string>();
  for (const uri of ws.uris()) {
    const p = uriToPath(uri);
    if (!p) continue;
    byPath.set(p, uri);
    for (let d = dirName(p); d !== '/' && !dirs.has(d); d = dirName(d)) dirs.add(d);
  }
  const extra = new Map<string, ParsedFile>();
  /** What the reader answers for `key` now (see RenderRecord.deps). */
  const answer = (key: string): unknown => {
    if (key.startsWith('dir:')) return dirs.has(key.slice(4)) || !!fallback?.isDir(key.slice(4));
    const uri = byPath.get(key);
    return uri !== undefined ? ws.get(uri) : fallback?.readFile(key);
  };
  const recording = (deps: Map<string, unknown>): KustomizeReader => ({
    readFile: (p) => {
      const a = answer(p);
      deps.set(p, a);
      return a === undefined ? undefined : typeof a === 'string' ? a : (a as ParsedFile).text;
    },
    isDir: (p) => {
      const a = answer('dir:' + p) as boolean;
      deps.set('dir:' + p, a);
      return a;
    },
    parsed: (p) => {
      const uri = byPath.get(p);
      return uri === undefined ? undefined : ws.get(uri);
    },
  });
  const uriOf = (p: string) => byPath.get(p) ?? encodePath(p);
  const fileOf = (uri: string): ParsedFile | undefined => {
    const f = ws.get(uri) ?? extra.get(uri);
    if (f) return f;
    const p = uriToPath(uri);
    const text = p === undefined ? undefined : fallback?.readFile(p);
    if (text === undefined) return undefined;
    const parsed = parseFile(uri, text);
    extra.set(uri, parsed);
    return parsed;
  };

  // A Helm chart's values files are settings, not manifests.
  for (const [p, uri] of byPath) {
    const name = baseName(p);
    if (/^values[\w.-]*\.ya?ml$/i.test(name) || name === 'Chart.yaml') {
      if (byPath.has(`${dirName(p)}/Chart.yaml`)) roles.set(uri, 'helm');
    }
  }

  for (const [p, uri] of byPath) {
    if (!isKustomizationUri(uri)) continue;
    roles.set(uri, 'kustomization');
    const old = previous.get(uri);
    if (old && [...old.deps].every(([k, v]) => answer(k) === v)) {
      records.set(uri, old);
      continue;
    }
    const rec: RenderRecord = { uri, component: ws.get(uri)?.docs[0]?.yaml.get('kind') === 'Component', deps: new Map() };
    try {
      rec.result = renderKustomization(recording(rec.deps), p);
    } catch (e) {
      if (!(e instanceof KustomizeError)) throw e;
      rec.error = e;
    }
    records.set(uri, rec);
  }
  const included = new Set<string>();
  for (const r of records.values()) for (const k of r.result?.kustomizations.slice(1) ?? []) included.add(uriOf(k));
  const roots: RootRender[] = [];
  for (const r of records.values()) {
    if (r.component || included.has(r.uri)) continue;
    for (const pf of r.result?.patchFiles ?? []) roles.set(uriOf(pf), 'patch');
    r.resources ??= (r.result?.objects ?? []).flatMap((o) => toResource(o, uriOf, fileOf));
    roots.push({ uri: r.uri, result: r.result, error: r.error, resources: r.resources });
  }
  for (const root of roots) {
    for (const f of root.result?.files ?? []) {
      const uri = uriOf(f);
      if (!roles.has(uri)) roles.set(uri, 'member');
    }
  }
  return { roles, roots, fileOf };
}

const isPrefix = (a: Path, b: Path) => a.length <= b.length && a.every((s, i) => String(s) === String(b[i]));

function toResource(o: RenderedObject, uriOf: (p: string) => string, fileOf: (uri: string) => ParsedFile | undefined): Resource[] {
  const file = fileOf(uriOf(o.origin.file));
  const doc = file?.docs[o.origin.doc];
  if (!file || !doc) return [];
  const md: Record<string, unknown> = isObj(o.obj.metadata) ? o.obj.metadata : {};
  const locate = (path: Path, part: RangePart): { uri: string; range: Range } | undefined => {
    let best;
    for (const f of o.fields) if (isPrefix(f.path, path)) best = f;
    if (!best) return undefined;
    const src = fileOf(uriOf(best.source.file));
    const sdoc = src?.docs[best.source.doc];
    return src && sdoc ? { uri: src.uri, range: rangeInDoc(sdoc, best.source.at, part) } : undefined;
  };
  return [
    {
      uri: file.uri,
      doc,
      basePath: o.origin.basePath,
      apiVersion: typeof o.obj.apiVersion === 'string' ? o.obj.apiVersion : '',
      kind: typeof o.obj.kind === 'string' ? o.obj.kind : '',
      name: typeof md.name === 'string' ? md.name : undefined,
      namespace: typeof md.namespace === 'string' ? md.namespace : undefined,
      obj: o.obj,
      locate,
    },
  ];
}
