// Navigation: go to definition from references (Secret/ConfigMap names and keys, serviceName,
// claimName, volumeMount names, named targetPorts), find references between Services and the
// workloads they select (both ways) and to Secrets/ConfigMaps, document and workspace symbols.
import { locate } from '../manifest/locate';
import { rangeOf, type Resource } from '../manifest/parse';
import type { Path, Range } from '../manifest/types';
import { getAt, podLabelsOf, podSpecOf, containersOf, podTemplatePath } from '../k8s/podspec';
import type { ContainerPort, Volume } from '../k8s/types';
import { selectorMatches } from '../k8s/labels';
import { podSpecRefs } from '../k8s/podrefs';
import type { Workspace } from '../workspace/index';
import { endsWith } from './context';
import { crdDefinition } from './crd';
import { asArray, objOf, scalarText } from '../k8s/guards';

export interface NavTarget {
  uri: string;
  range: Range;
}

export interface DocSymbol {
  name: string;
  kind: string;
  detail: string;
  range: Range;
  selectionRange: Range;
  children: DocSymbol[];
}

const nsOf = (r: Resource) => r.namespace ?? 'default';
const nameTarget = (r: Resource): NavTarget => ({ uri: r.uri, range: rangeOf(r, ['metadata', 'name']) });

function dataKeyTarget(r: Resource, key: string): NavTarget | undefined {
  for (const f of r.kind === 'Secret' ? ['stringData', 'data'] : ['data', 'binaryData']) {
    const m = r.obj?.[f];
    if (m && typeof m === 'object' && Object.prototype.hasOwnProperty.call(m, key)) return { uri: r.uri, range: rangeOf(r, [f, key], 'key') };
  }
  return undefined;
}

const samePath = (a: Path | undefined, b: Path): boolean => !!a && a.length === b.length && a.every((s, i) => s === b[i]);

/** The Secret/ConfigMap reference whose name or key is at `path` ({kind, name, key?, on}) — `on` says which part the cursor is on. */
function refAt(res: Resource, path: Path): { kind: 'Secret' | 'ConfigMap'; name: string; key?: string; on: 'name' | 'key' } | undefined {
  const ps = podSpecOf(res);
  if (!ps) return undefined;
  for (const ref of podSpecRefs(ps.spec, ps.path)) {
    if (ref.kind === 'PersistentVolumeClaim') continue;
    if (samePath(ref.keyPath, path)) return { kind: ref.kind, name: ref.name, key: ref.key, on: 'key' };
    if (samePath(ref.namePath, path)) return { kind: ref.kind, name: ref.name, key: ref.key, on: 'name' };
  }
  return undefined;
}

export function definition(ws: Workspace, uri: string, offset: number): NavTarget[] {
  const file = ws.get(uri);
  if (!file) return [];
  const loc = locate(file, offset);
  const res = loc?.resource;
  if (!res || loc.part !== 'value') return [];
  const path = loc.path;
  const ns = nsOf(res);

  const custom = crdDefinition(ws, res, path);
  if (custom.length) return custom;
  const ref = refAt(res, path);
  if (ref) {
    const targets = ws.find(ref.kind, ref.name, ns);
    if (ref.on === 'key' && ref.key !== undefined) return targets.map((t) => dataKeyTarget(t, ref.key!)).filter((x): x is NavTarget => !!x);
    return targets.map(nameTarget);
  }
  if (res.kind === 'StatefulSet' && path.length === 2 && path[0] === 'spec' && path[1] === 'serviceName' && typeof loc.scalar?.value === 'string') {
    return ws.find('Service', loc.scalar.value, ns).map(nameTarget);
  }
  if (endsWith(path, 'persistentVolumeClaim', 'claimName') && typeof loc.scalar?.value === 'string') {
    return ws.find('PersistentVolumeClaim', loc.scalar.value, ns).map(nameTarget);
  }
  if (endsWith(path, 'volumeMounts', '*', 'name') && typeof loc.scalar?.value === 'string') {
    const name = loc.scalar.value;
    const ps = podSpecOf(res);
    const out: NavTarget[] = [];
    (Array.isArray(ps?.spec.volumes) ? ps.spec.volumes : []).forEach((v: Volume | undefined, i: number) => {
      if (v?.name === name) out.push({ uri: res.uri, range: rangeOf(res, [...ps!.path, 'volumes', i, 'name']) });
    });
    if (res.kind === 'StatefulSet') {
      asArray(objOf(res.obj.spec).volumeClaimTemplates).forEach((v, i) => {
        if (objOf(objOf(v).metadata).name === name) out.push({ uri: res.uri, range: rangeOf(res, ['spec', 'volumeClaimTemplates', i, 'metadata', 'name']) });
      });
    }
    return out;
  }
  // A named targetPort → the containerPort of that name in the pods the Service selects.
  if (res.kind === 'Service' && endsWith(path, 'ports', '*', 'targetPort') && typeof loc.scalar?.value === 'string') {
    const name = loc.scalar.value;
    const out: NavTarget[] = [];
    for (const w of selectedWorkloads(ws, res)) {
      for (const c of containersOf(w)) {
        (Array.isArray(c.container.ports) ? c.container.ports : []).forEach((p: ContainerPort | undefined, i: number) => {
          if (p?.name === name) out.push({ uri: w.uri, range: rangeOf(w, [...c.path, 'ports', i, 'name']) });
        });
      }
    }
    return out;
  }
  return [];
}

/** Workloads and Pods (same namespace) whose pod labels a Service selects. */
export function selectedWorkloads(ws: Workspace, svc: Resource): Resource[] {
  const selector = getAt(svc.obj, ['spec', 'selector']);
  if (!selector || typeof selector !== 'object') return [];
  const out: Resource[] = [];
  for (const r of ws.resources()) {
    if (nsOf(r) !== nsOf(svc)) continue;
    const labels = podLabelsOf(r);
    if (labels && selectorMatches(selector, labels, true)) out.push(r);
  }
  return out;
}

/** Services (same namespace) that select this workload's pods. */
export function selectingServices(ws: Workspace, workload: Resource): Resource[] {
  const labels = podLabelsOf(workload);
  if (!labels) return [];
  const out: Resource[] = [];
  for (const s of ws.byKind('Service')) {
    if (nsOf(s) === nsOf(workload) && selectorMatches(getAt(s.obj, ['spec', 'selector']), labels, true)) out.push(s);
  }
  return out;
}

function labelsTarget(r: Resource): NavTarget {
  const t = podTemplatePath(r.kind) ?? [];
  return { uri: r.uri, range: rangeOf(r, [...t, 'metadata', 'labels'], 'key') };
}

/** Every reference to a Secret/ConfigMap (by name, same namespace) across the workspace. */
function refsTo(ws: Workspace, kind: 'Secret' | 'ConfigMap', name: string, ns: string): NavTarget[] {
  const out: NavTarget[] = [];
  for (const r of ws.resources()) {
    const ps = nsOf(r) === ns ? podSpecOf(r) : undefined;
    if (!ps) continue;
    const seen = new Set<string>();
    for (const ref of podSpecRefs(ps.spec, ps.path)) {
      const site = ref.namePath.join('\u0000');
      if (ref.kind !== kind || ref.name !== name || seen.has(site)) continue;
      seen.add(site);
      out.push({ uri: r.uri, range: rangeOf(r, ref.namePath) });
    }
  }
  return out;
}

export function references(ws: Workspace, uri: string, offset: number): NavTarget[] {
  const file = ws.get(uri);
  if (!file) return [];
  const loc = locate(file, offset);
  const res = loc?.resource;
  if (!res) return [];
  const path = loc.path;
  // From a Service (its selector or name) → the workloads it selects.
  if (res.kind === 'Service' && ((path[0] === 'spec' && path[1] === 'selector') || (path[0] === 'metadata' && path[1] === 'name'))) {
    return selectedWorkloads(ws, res).map(labelsTarget);
  }
  // From a workload's template labels or name → the Services that select it.
  const t = podTemplatePath(res.kind);
  const onLabels = t && path.length >= t.length + 2 && t.every((s, i) => s === path[i]) && path[t.length] === 'metadata' && path[t.length + 1] === 'labels';
  if (onLabels || (t && path[0] === 'metadata' && path[1] === 'name')) {
    return selectingServices(ws, res).map((s) => ({ uri: s.uri, range: rangeOf(s, ['spec', 'selector'], 'key') }));
  }
  // From a Secret/ConfigMap name → every reference to it.
  if ((res.kind === 'Secret' || res.kind === 'ConfigMap') && path[0] === 'metadata' && path[1] === 'name' && res.name) {
    return refsTo(ws, res.kind, res.name, nsOf(res));
  }
  // From a reference → the other references to the same object.
  const ref = refAt(res, path);
  if (ref) return refsTo(ws, ref.kind, ref.name, nsOf(res));
  return [];
}

export function documentSymbols(ws: Workspace, uri: string): DocSymbol[] {
  const file = ws.get(uri);
  if (!file) return [];
  const out: DocSymbol[] = [];
  for (const r of file.resources) {
    const contentStart = (r.doc.yaml.contents as { range?: [number, number, number] } | null)?.range?.[0] ?? r.doc.start;
    const start = file.lines.position(r.basePath.length ? rangeOffset(r) : contentStart);
    const endOff = Math.max(r.doc.start, r.doc.end - 1);
    const range = { start, end: file.lines.position(endOff) };
    const sel = rangeOf(r, ['metadata', 'name']);
    const children: DocSymbol[] = containersOf(r).map((c) => {
      const cr = rangeOf(r, [...c.path, 'name']);
      return {
        name: scalarText(c.container.name ?? `#${c.index}`),
        kind: 'container',
        detail: scalarText(c.container.image),
        range: cr,
        selectionRange: cr,
        children: [],
      };
    });
    out.push({
      name: `${r.kind}/${r.name ?? '?'}`,
      kind: r.kind,
      detail: r.namespace ? `${r.apiVersion} · ${r.namespace}` : r.apiVersion,
      range,
      selectionRange: sel,
      children,
    });
  }
  return out;
}

function rangeOffset(r: Resource): number {
  return r.doc.file.lines.offset(rangeOf(r, [], 'value').start);
}

export interface WorkspaceSymbol {
  name: string;
  kind: string;
  container: string;
  location: NavTarget;
}

export function workspaceSymbols(ws: Workspace, query: string, limit = 500): WorkspaceSymbol[] {
  const q = query.toLowerCase();
  const out: WorkspaceSymbol[] = [];
  for (const r of ws.resources()) {
    const name = `${r.kind}/${r.name ?? '?'}`;
    if (q && !name.toLowerCase().includes(q)) continue;
    out.push({ name, kind: r.kind, container: nsOf(r), location: nameTarget(r) });
    if (out.length >= limit) break;
  }
  return out;
}
