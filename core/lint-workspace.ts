// Linting a workspace file with Kustomize in mind: a file that belongs to an overlay's rendered set
// is checked as the overlay renders it (so labels an overlay adds count, and a finding on a field
// an overlay set points at the overlay's line); a patch file (a partial object) and a Helm chart's
// values file are not checked as manifests; a kustomization that does not build gets one
// `kustomize-build` error where the problem is.
import { finish, lintParsed, lintResources, type LintOptions } from './lint';
import type { KustomizeReader } from './kustomize/index';
import { parseFile, rangeInDoc } from './manifest/parse';
import type { KDiagnostic } from './manifest/types';
import { Workspace } from './workspace/index';
import { kustomizeView, uriToPath, type KustomizeView, type RootRender } from './workspace/kustomize';

const rendered = new WeakMap<KustomizeView, Map<string, Map<string, KDiagnostic[]>>>();

function renderWorkspace(ws: Workspace, view: KustomizeView, root: RootRender): Workspace {
  const rws = new Workspace();
  // The overlay's objects, and every plain manifest of the workspace that no overlay renders.
  for (const uri of ws.uris()) if (!view.roles.has(uri)) rws.setParsed(ws.get(uri)!);
  const own = parseFile(`kustomize-render:${root.uri}`, '');
  own.resources = root.resources;
  rws.setParsed(own);
  return rws;
}

function renderedDiagnostics(ws: Workspace, view: KustomizeView, opts: LintOptions): Map<string, KDiagnostic[]> {
  let byOpts = rendered.get(view);
  if (!byOpts) rendered.set(view, (byOpts = new Map()));
  const key = JSON.stringify(opts);
  const hit = byOpts.get(key);
  if (hit) return hit;
  const out = new Map<string, KDiagnostic[]>();
  const seen = new Set<string>();
  for (const root of view.roots) {
    if (!root.resources.length) continue;
    for (const d of lintResources(renderWorkspace(ws, view, root), root.resources, opts, view.fileOf)) {
      // A base under two overlays: the same finding once.
      const id = `${d.uri}|${d.code}|${d.range.start.line}:${d.range.start.character}|${JSON.stringify(d.message)}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const list = out.get(d.uri);
      if (list) list.push(d);
      else out.set(d.uri, [d]);
    }
  }
  byOpts.set(key, out);
  return out;
}

/** The `kustomize-build` errors located in `uri` (the kustomization, or the file at fault). */
function buildErrors(view: KustomizeView, uri: string): KDiagnostic[] {
  const out: KDiagnostic[] = [];
  const path = uriToPath(uri);
  for (const root of view.roots) {
    const e = root.error;
    if (!e || (e.file ? e.file !== path : root.uri !== uri)) continue;
    const file = view.fileOf(uri);
    const doc = file?.docs[0];
    if (!file) continue;
    const range = doc ? rangeInDoc(doc, e.at ?? [], 'key') : file.lines.range(0, 0);
    const d: KDiagnostic = { uri, range, severity: 'error', code: 'kustomize-build', message: e.msg };
    if (!out.some((x) => JSON.stringify(x) === JSON.stringify(d))) out.push(d);
  }
  return out;
}

/**
 * Lints one workspace file, Kustomize-aware. `fallback` reads files the workspace does not hold
 * (env files, `.properties` for generators).
 */
export function lintWorkspaceFile(ws: Workspace, uri: string, opts: LintOptions = {}, fallback?: KustomizeReader): KDiagnostic[] {
  const file = ws.get(uri);
  if (!file) return [];
  const view = kustomizeView(ws, fallback);
  const role = view.roles.get(uri);
  if (role === undefined) return [...lintParsed(ws, file, opts), ...buildErrors(view, uri)];
  if (role === 'helm') return [];
  // A member file's findings, and those the source map places in a kustomization or a patch.
  // One pass of the linter's own options (severities, schema switch, suppressions) over all three, as for a plain file.
  return finish([...file.problems, ...buildErrors(view, uri), ...(renderedDiagnostics(ws, view, opts).get(uri) ?? [])], opts, view.fileOf);
}
