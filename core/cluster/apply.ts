// `kubectl apply` against the simulated API server: manifests are parsed with the project's
// parser, checked by the linter (error diagnostics refuse the document, as the API server would
// refuse an invalid object), then created or updated. Unknown kinds are kept as "not simulated".
import { parseFile } from '../manifest/parse';
import type { KDiagnostic } from '../manifest/types';
import { Workspace } from '../workspace/index';
import { lintFile } from '../lint';
import type { Cluster } from './cluster';
import { applyDefaults } from './defaults';
import { canonicalJson } from './rng';
import type { KObject } from './store';
import type { Container, ObjectMeta } from '../k8s/types';
import { SIMULATED_KINDS_LIST } from './kinds';
import { isClusterScopedKind, kubectlTypeName } from '../k8s/kinds';
import { isObj } from '../k8s/guards';
import { notSimulatedFields, type FieldNotice } from './coverage';
import { terminatingRefusal } from './controllers/namespace';

/** The (kind, path) pairs already reported per cluster: a field is named once, not on every apply. */
const reported = new WeakMap<Cluster, Set<string>>();

/** Adds `o`'s not-simulated fields that this cluster has not reported yet to `out`. */
export function reportNotSimulatedFields(c: Cluster, o: KObject, out: ApplyResult): void {
  let seen = reported.get(c);
  if (!seen) reported.set(c, (seen = new Set()));
  for (const n of notSimulatedFields(o)) {
    const key = `${n.kind} ${n.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    (out.notSimulatedFields ??= []).push(n);
  }
}
import { AdmissionError } from './admission';

export interface ApplyResult {
  /** kubectl-style lines: `deployment.apps/web created`. */
  lines: string[];
  /** Errors as the API server would word them (one per refused object), or a file that could not be validated. */
  errors: string[];
  /** Lint diagnostics that made us refuse a document. */
  diagnostics: KDiagnostic[];
  notSimulated: string[];
  /** Fields of the applied objects the simulator does not model, each (kind, path) once per cluster. */
  notSimulatedFields?: FieldNotice[];
}

/** Checks one file of a workspace; error diagnostics refuse their document. */
export type Linter = (ws: Workspace, uri: string) => KDiagnostic[];

/**
 * Applies manifest files as `kubectl apply -f` does. A file the linter cannot check (it throws)
 * is refused whole, with an error naming it: nothing unvalidated reaches the cluster.
 */
export function applyFiles(c: Cluster, files: { uri: string; text: string }[], deps: { lint?: Linter; kubernetesVersion?: string } = {}): ApplyResult {
  const lint = deps.lint ?? ((ws: Workspace, uri: string) => lintFile(ws, uri, { kubernetesVersion: deps.kubernetesVersion }));
  const out: ApplyResult = { lines: [], errors: [], diagnostics: [], notSimulated: [] };
  const ws = new Workspace();
  for (const f of files) ws.set(f.uri, f.text);
  const objs: { o: KObject; uri: string }[] = [];
  for (const f of files) {
    const parsed = ws.get(f.uri) ?? parseFile(f.uri, f.text);
    let diags: KDiagnostic[];
    try {
      diags = lint(ws, f.uri).filter((d) => d.severity === 'error');
    } catch (e) {
      out.errors.push(`error: error validating "${f.uri}": the checks failed (${String((e as Error)?.message ?? e)}); nothing in this file was applied`);
      continue;
    }
    const badDocs = new Set<number>();
    for (const d of diags) {
      const off = d.uri === f.uri ? parsed.lines.offset(d.range.start) : undefined;
      const doc = parsed.docs.find((x) => off !== undefined && off >= x.start && off <= x.end);
      badDocs.add(doc ? doc.index : -1);
      out.diagnostics.push(d);
    }
    for (const r of parsed.resources) {
      if (badDocs.has(r.doc.index) || badDocs.has(-1) || r.doc.hasErrors) continue;
      if (!isObj(r.obj)) continue;
      objs.push({ o: structuredClone(r.obj) as KObject, uri: f.uri });
    }
  }
  // Namespaces first, as `kubectl apply` users learn to order them.
  objs.sort((a, b) => (a.o.kind === 'Namespace' ? 0 : 1) - (b.o.kind === 'Namespace' ? 0 : 1));
  for (const { o, uri } of objs) {
    try {
      applyObject(c, o, out, uri);
    } catch (e) {
      out.errors.push(e instanceof AdmissionError ? e.kubectlText : `Error from server: ${String((e as Error)?.message ?? e)}`);
    }
  }
  c.settle();
  return out;
}

/** Creates or updates one object; `file` names it in errors as kubectl does (`error when creating "FILE"`). */
export function applyObject(c: Cluster, o: KObject, out: ApplyResult, file?: string): void {
  const kind = typeof o.kind === 'string' ? o.kind : '';
  const name = o.metadata?.name;
  if (!kind || typeof name !== 'string' || !name) {
    out.errors.push(`error: resource name may not be empty (kind ${kind || '<none>'})`);
    return;
  }
  if (!isObj(o.metadata)) o.metadata = {} as ObjectMeta;
  const ns = isClusterScopedKind(kind) ? undefined : (o.metadata.namespace ?? 'default');
  if (ns && !c.get('Namespace', undefined, ns)) {
    out.errors.push(`Error from server (NotFound): error when creating${file ? ` "${file}"` : ''}: namespaces "${ns}" not found`);
    return;
  }
  const terminating = c.get(kind, ns, name) ? undefined : terminatingRefusal(c, kind, name, ns);
  if (terminating) {
    out.errors.push(`Error from server (Forbidden): error when creating${file ? ` "${file}"` : ''}: ${terminating}`);
    return;
  }
  const label = `${kubectlTypeName(kind)}/${name}`;
  if (!SIMULATED_KINDS_LIST.includes(kind)) {
    const existing = c.notSimulated.findIndex((x) => x.kind === kind && x.metadata?.name === name && x.metadata?.namespace === ns);
    if (existing >= 0) c.notSimulated[existing] = o;
    else c.notSimulated.push(o);
    out.notSimulated.push(`${kind}/${name}`);
    return;
  }
  if (ns) o.metadata.namespace = ns;
  reportNotSimulatedFields(c, o, out);
  const cur = c.get(kind, ns, name);
  if (!cur) {
    const md: Partial<ObjectMeta> = o.metadata;
    delete md.uid;
    delete md.resourceVersion;
    delete o.status;
    c.create(o);
    out.lines.push(`${label} created`);
    return;
  }
  // Update: labels/annotations and spec (or data) replaced; what the server allocated is kept.
  const next = structuredClone(o);
  applyDefaults(next);
  // Admission first (a nodePort another Service holds is refused), before anything of `cur` changes.
  if (isObj(next.spec)) c.hook<((cur: KObject, next: KObject) => void) | undefined>('admitUpdate:' + kind)?.(cur, next);
  let changed = false;
  let specChanged = false;
  for (const f of ['labels', 'annotations'] as const) {
    const want = { ...(o.metadata[f] ?? {}) };
    if (f === 'annotations' && cur.metadata.annotations?.['deployment.kubernetes.io/revision'])
      want['deployment.kubernetes.io/revision'] = cur.metadata.annotations['deployment.kubernetes.io/revision'];
    if (canonicalJson(want) !== canonicalJson(cur.metadata[f] ?? {})) {
      cur.metadata[f] = want;
      changed = true;
    }
  }
  // Top-level fields of the kinds without a spec (ConfigMap, Secret, Endpoints, EndpointSlice, ServiceAccount).
  for (const f of [
    'data',
    'stringData',
    'binaryData',
    'type',
    'subsets',
    'addressType',
    'endpoints',
    'ports',
    'secrets',
    'imagePullSecrets',
    'automountServiceAccountToken',
  ]) {
    if (f in o && canonicalJson(o[f]) !== canonicalJson(cur[f])) {
      cur[f] = structuredClone(o[f]);
      changed = true;
    }
  }
  if (next.spec !== undefined) {
    if (kind === 'Service') {
      next.spec.clusterIP = cur.spec.clusterIP;
      next.spec.clusterIPs = cur.spec.clusterIPs;
      for (const k of ['ipFamilies', 'ipFamilyPolicy', 'internalTrafficPolicy']) next.spec[k] ??= cur.spec[k];
    }
    if (kind === 'Job') {
      next.spec.selector = cur.spec.selector;
      next.spec.template = cur.spec.template;
    }
    if (kind === 'PersistentVolumeClaim') {
      // The class the DefaultStorageClass admission gave the claim stays (storageClassName is immutable once set).
      next.spec.volumeName ??= cur.spec.volumeName;
      next.spec.storageClassName ??= cur.spec.storageClassName;
    }
    if (kind === 'Pod') {
      // Pod specs are immutable except container images.
      for (const ctr of cur.spec.containers ?? []) {
        const w = (next.spec.containers ?? []).find((x?: Container) => x?.name === ctr.name);
        if (w?.image && w.image !== ctr.image) {
          ctr.image = w.image;
          specChanged = true;
        }
      }
    } else if (canonicalJson(next.spec) !== canonicalJson(cur.spec)) {
      cur.spec = next.spec;
      specChanged = true;
    }
  }
  if (changed || specChanged) {
    c.update(cur, specChanged && kind !== 'Pod');
    out.lines.push(`${label} configured`);
  } else out.lines.push(`${label} unchanged`);
}

/**
 * Replaces the stored `cur` with `next` (a PUT or a PATCH's result, through the API server or the
 * built-in kubectl): simulated kinds through applyObject, keeping what the server allocated, plus
 * the ownerReferences and finalizers applyObject leaves alone; other kinds field by field.
 */
export function replaceObject(c: Cluster, cur: KObject, next: KObject): void {
  if (SIMULATED_KINDS_LIST.includes(cur.kind)) {
    applyObject(c, structuredClone(next), { lines: [], errors: [], diagnostics: [], notSimulated: [] });
    // ownerReferences (orphaning, adoption) and finalizers are metadata applyObject leaves alone.
    for (const f of ['ownerReferences', 'finalizers'] as const) {
      if (JSON.stringify(next.metadata[f] ?? null) !== JSON.stringify(cur.metadata[f] ?? null) && (f !== 'ownerReferences' || next.metadata[f] !== undefined)) {
        const owners = cur.metadata.ownerReferences;
        if (next.metadata[f] === undefined) delete cur.metadata[f];
        else Object.assign(cur.metadata, { [f]: next.metadata[f] });
        c.store.update(cur, f === 'ownerReferences' ? (owners ?? []) : undefined);
      }
    }
  } else {
    const before = JSON.stringify(cur.spec);
    for (const k of Object.keys(cur)) if (k !== 'metadata' && k !== 'status') delete cur[k];
    for (const [k, v] of Object.entries(next)) if (k !== 'metadata' && k !== 'status') cur[k] = v;
    cur.metadata.labels = next.metadata.labels;
    cur.metadata.annotations = next.metadata.annotations;
    c.update(cur, before !== JSON.stringify(cur.spec));
  }
}
