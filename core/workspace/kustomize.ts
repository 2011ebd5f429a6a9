// Kustomize in the workspace: which files are kustomizations, which are patches (partial objects,
// never validated as manifests), which are a Helm chart's values, and which belong to an overlay's
// rendered set. Each top-level kustomization (one no other kustomization includes) is rendered
// natively; its objects become Resources that keep pointing at their source documents, with a
// source map for the fields an overlay or a patch set.
import { KUSTOMIZATION_NAMES, KustomizeError, renderKustomization, type KustomizeReader, type RenderedObject, type RenderResult } from '../kustomize/index';
import { parseFile, rangeInDoc, type ParsedFile, type RangePart, type Resource } from '../manifest/parse';
import type { Path, Range } from '../manifest/types';
import type { Workspace } from './index';

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

const views = new WeakMap<Workspace, { version: number; view: KustomizeView }>();

/** The workspace's kustomize view for its current version (rebuilt after any change). */
export function kustomizeView(ws: Workspace, fallback?: KustomizeReader): KustomizeView {
  const cached = views.get(ws);
  if (cached && cached.version === ws.version) return cached.view;
  const view = buildView(ws, fallback);
  views.set(ws, { version: ws.version, view });
  return view;
}

function buildView(ws: Workspace, fallback?: KustomizeReader): KustomizeView {
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
  const reader: KustomizeReader = {
    readFile: (p) => {
      const uri = byPath.get(p);
      return uri !== undefined ? ws.get(uri)!.text : fallback?.readFile(p);
    },
    isDir: (p) => dirs.has(p) || !!fallback?.isDir(p),
  };
  const uriOf = (p: string) => byPath.get(p) ?? encodePath(p);
  const fileOf = (uri: string): ParsedFile | undefined => {
    const f = ws.get(uri) ?? extra.get(uri);
    if (f) return f;
    const p = uriToPath(uri);
    const text = p === undefined ? undefined : reader.readFile(p);
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

  const renders: { uri: string; component: boolean; result?: RenderResult; error?: KustomizeError }[] = [];
  for (const [p, uri] of byPath) {
    if (!isKustomizationUri(uri)) continue;
    roles.set(uri, 'kustomization');
    const component = ws.get(uri)?.docs[0]?.yaml.get('kind') === 'Component';
    try {
      renders.push({ uri, component, result: renderKustomization(reader, p) });
    } catch (e) {
      if (!(e instanceof KustomizeError)) throw e;
      renders.push({ uri, component, error: e });
    }
  }
  const included = new Set<string>();
  for (const r of renders) for (const k of r.result?.kustomizations.slice(1) ?? []) included.add(uriOf(k));
  const roots: RootRender[] = [];
  for (const r of renders) {
    if (r.component || included.has(r.uri)) continue;
    for (const pf of r.result?.patchFiles ?? []) roles.set(uriOf(pf), 'patch');
    roots.push({ uri: r.uri, result: r.result, error: r.error, resources: [] });
  }
  for (const root of roots) {
    for (const f of root.result?.files ?? []) {
      const uri = uriOf(f);
      if (!roles.has(uri)) roles.set(uri, 'member');
    }
  }
  for (const root of roots) root.resources = (root.result?.objects ?? []).flatMap((o) => toResource(o, uriOf, fileOf));
  return { roles, roots, fileOf };
}

const isPrefix = (a: Path, b: Path) => a.length <= b.length && a.every((s, i) => String(s) === String(b[i]));

function toResource(o: RenderedObject, uriOf: (p: string) => string, fileOf: (uri: string) => ParsedFile | undefined): Resource[] {
  const file = fileOf(uriOf(o.origin.file));
  const doc = file?.docs[o.origin.doc];
  if (!file || !doc) return [];
  const md = o.obj.metadata ?? {};
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
