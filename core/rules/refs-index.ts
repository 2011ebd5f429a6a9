// Lookup tables for the cross-resource rules, built once per workspace version (not once per
// resource): Secrets/ConfigMaps by namespace/name with their keys, Services, PVCs, the pods each
// namespace makes (labels + declared ports), nodePort owners and resource identities.
import type { MessageIds, Path } from '../manifest/types';
import type { ParsedFile, Resource } from '../manifest/parse';
import { getAt, podTemplatePath, WORKLOAD_KINDS } from '../k8s/podspec';
import type { Workspace } from '../workspace/index';
import { defineMessages, msgOf } from '../i18n/index';
import { closestName } from '../k8s/similar';
import { isObj } from '../k8s/guards';
import { groupOf, identityOf, isBuiltinResource, isCoreKind, nsOf } from '../k8s/identity';
import { NODE_PORT_MAX, NODE_PORT_MIN, serviceType } from '../k8s/service';
import { scalarText } from '../k8s/guards';
import { LabelIndex, plainReqs } from './label-index';

const messages = defineMessages({
  'refs.related.other-namespace': {
    en: '{kind} "{name}" exists, but in namespace "{namespace}"; a pod can only use one from its own namespace',
    zh: '{kind} "{name}" 存在，但在命名空间 "{namespace}" 中；Pod 只能使用自己命名空间里的',
  },
  'refs.related.did-you-mean': {
    en: 'Did you mean {kind} "{name}"?',
    zh: '你是不是想写 {kind} "{name}"？',
  },
});

/** Builds the messages of related information shared by the reference rules. */
export const refsMsg = msgOf(messages);

const key = (ns: string, name: string): string => `${ns}\u0000${name}`;

// ---------------------------------------------------------------------------------------------
// Pods

export interface PortDecl {
  name?: string;
  containerPort: number;
  protocol: string;
  /** Path of the port entry, relative to the resource. */
  path: Path;
}

export interface PodSource {
  res: Resource;
  ns: string;
  labels: Record<string, string>;
  /** Path of the pod (template) metadata.labels, relative to the resource. */
  labelsPath: Path;
  ports: PortDecl[];
  /** Labels the controller adds to every pod it makes (pod-template-hash, job-name, ...): value test. */
  implicit: Record<string, (v: string) => boolean>;
}

const anyValue = (): boolean => true;

function implicitLabels(res: Resource): Record<string, (v: string) => boolean> {
  const name = res.name ?? '';
  switch (res.kind) {
    case 'Deployment':
      return { 'pod-template-hash': anyValue };
    case 'StatefulSet': {
      const re = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-\\d+$`);
      return {
        'statefulset.kubernetes.io/pod-name': (v) => re.test(v),
        'apps.kubernetes.io/pod-index': (v) => /^\d+$/.test(v),
        'controller-revision-hash': anyValue,
      };
    }
    case 'DaemonSet':
      return { 'controller-revision-hash': anyValue, 'pod-template-generation': anyValue };
    case 'Job':
      return {
        'job-name': (v) => v === name,
        'batch.kubernetes.io/job-name': (v) => v === name,
        'controller-uid': anyValue,
        'batch.kubernetes.io/controller-uid': anyValue,
      };
    case 'CronJob':
      return {
        'job-name': (v) => v.startsWith(`${name}-`),
        'batch.kubernetes.io/job-name': (v) => v.startsWith(`${name}-`),
        'controller-uid': anyValue,
        'batch.kubernetes.io/controller-uid': anyValue,
      };
    default:
      return {};
  }
}

function stringLabels(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObj(v)) for (const [k, x] of Object.entries(v)) if (x !== null && typeof x !== 'object') out[k] = scalarText(x);
  return out;
}

/** Pods a resource makes: Pods, built-in workloads, and custom workloads shaped like one (spec.template.spec.containers). */
function podSourceOf(res: Resource): PodSource | undefined {
  let tpl: Path | undefined;
  if (res.kind === 'Pod' && isBuiltinResource(res)) tpl = [];
  else if (WORKLOAD_KINDS.includes(res.kind) && isBuiltinResource(res)) tpl = podTemplatePath(res.kind);
  else if (!isBuiltinResource(res) && Array.isArray(getAt(res.obj, ['spec', 'template', 'spec', 'containers']))) tpl = ['spec', 'template'];
  if (!tpl) return undefined;
  const spec = getAt(res.obj, [...tpl, 'spec']);
  const ports: PortDecl[] = [];
  if (isObj(spec)) {
    for (const group of ['containers', 'initContainers'] as const) {
      const list = spec[group];
      if (!Array.isArray(list)) continue;
      list.forEach((c, ci) => {
        if (!isObj(c) || !Array.isArray(c.ports)) return;
        // Only sidecars (restartable init containers) serve a Service's traffic.
        if (group === 'initContainers' && c.restartPolicy !== 'Always') return;
        c.ports.forEach((p: unknown, pi: number) => {
          if (!isObj(p) || typeof p.containerPort !== 'number') return;
          ports.push({
            name: typeof p.name === 'string' ? p.name : undefined,
            containerPort: p.containerPort,
            protocol: typeof p.protocol === 'string' ? p.protocol : 'TCP',
            path: [...tpl, 'spec', group, ci, 'ports', pi],
          });
        });
      });
    }
  }
  return {
    res,
    ns: nsOf(res),
    labels: stringLabels(getAt(res.obj, [...tpl, 'metadata', 'labels'])),
    labelsPath: [...tpl, 'metadata', 'labels'],
    ports,
    implicit: implicitLabels(res),
  };
}

/** Whether a Service-style selector (a plain map, all must match) selects the pods of `src`. */
export function serviceSelects(selector: Record<string, unknown>, src: PodSource): boolean {
  const entries = Object.entries(selector);
  if (entries.length === 0) return false;
  for (const [k, v] of entries) {
    const want = scalarText(v);
    if (k in src.labels) {
      if (src.labels[k] !== want) return false;
    } else if (!src.implicit[k]?.(want)) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Secrets, ConfigMaps

export interface KeyProvider {
  res: Resource;
  /** The keys it holds; undefined when they cannot be known from the manifest (filled in by a controller). */
  keys: Set<string> | undefined;
}

function keysOf(...maps: unknown[]): Set<string> {
  const s = new Set<string>();
  for (const m of maps) if (isObj(m)) for (const k of Object.keys(m)) s.add(k);
  return s;
}

/** Resources that make a Secret, with the Secret's namespace/name. */
function secretProvided(res: Resource): { ns: string; name: string; keys: Set<string> | undefined } | undefined {
  const o = res.obj;
  if (isCoreKind(res, 'Secret') && res.name) {
    const unknownKeys = o.type === 'kubernetes.io/service-account-token';
    return { ns: nsOf(res), name: res.name, keys: unknownKeys ? undefined : keysOf(o.data, o.stringData) };
  }
  const g = groupOf(res);
  if (res.kind === 'SealedSecret' && g === 'bitnami.com') {
    const tm = getAt(o, ['spec', 'template', 'metadata']);
    const name = (isObj(tm) && typeof tm.name === 'string' && tm.name) || res.name;
    const ns = (isObj(tm) && typeof tm.namespace === 'string' && tm.namespace) || nsOf(res);
    return name ? { ns, name, keys: keysOf(getAt(o, ['spec', 'encryptedData']), getAt(o, ['spec', 'template', 'data'])) } : undefined;
  }
  if (res.kind === 'ExternalSecret' && g.startsWith('external-secrets.io')) {
    const target = getAt(o, ['spec', 'target', 'name']);
    const name = (typeof target === 'string' && target) || res.name;
    return name ? { ns: nsOf(res), name, keys: undefined } : undefined;
  }
  if (res.kind === 'Certificate' && g === 'cert-manager.io') {
    const name = getAt(o, ['spec', 'secretName']);
    return typeof name === 'string' && name ? { ns: nsOf(res), name, keys: undefined } : undefined;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Node ports

export interface NodePortUse {
  res: Resource;
  index: number;
  port: number;
  protocol: string;
  /** ns/name of the Service, so two definitions of one Service do not conflict with themselves. */
  service: string;
}

// ---------------------------------------------------------------------------------------------
// The index

export class RefIndex {
  constructor(
    readonly ws: Workspace,
    readonly version: number,
  ) {}

  private memo = new Map<string, unknown>();
  private lazy<T>(name: string, build: () => T): T {
    if (!this.memo.has(name)) this.memo.set(name, build());
    return this.memo.get(name) as T;
  }

  private group(kinds: string[], pick: (r: Resource) => { ns: string; name: string } | undefined): Map<string, Resource[]> {
    const m = new Map<string, Resource[]>();
    for (const kind of kinds)
      for (const r of this.ws.byKind(kind)) {
        const p = pick(r);
        if (!p) continue;
        const k = key(p.ns, p.name);
        const list = m.get(k);
        if (list) list.push(r);
        else m.set(k, [r]);
      }
    return m;
  }

  /** Pod sources per namespace. */
  podSourcesIn(ns: string): PodSource[] {
    return this.podSources().get(ns) ?? [];
  }

  /** The pod sources of `ns` (undefined: of every namespace) indexed by label, for selector look-ups. */
  labelIndex(ns?: string): LabelIndex {
    return this.lazy(`labels:${ns ?? '\u0000all'}`, () => new LabelIndex(ns === undefined ? [...this.podSources().values()].flat() : this.podSourcesIn(ns)));
  }

  /** The pod sources in `ns` a Service-style selector selects (see serviceSelects), in index order. */
  selectedBy(ns: string, selector: Record<string, unknown>): PodSource[] {
    return this.labelIndex(ns)
      .candidates(plainReqs(selector, scalarText), Object.keys(selector))
      .filter((s) => serviceSelects(selector, s));
  }

  podSources(): Map<string, PodSource[]> {
    return this.lazy('pods', () => {
      const m = new Map<string, PodSource[]>();
      for (const f of this.files()) {
        for (const s of factsOf(f).pods) {
          const list = m.get(s.ns);
          if (list) list.push(s);
          else m.set(s.ns, [s]);
        }
      }
      return m;
    });
  }

  private files(): ParsedFile[] {
    return this.lazy('files', () =>
      this.ws
        .uris()
        .map((u) => this.ws.get(u)!)
        .filter(Boolean),
    );
  }

  private providers(kind: 'Secret' | 'ConfigMap'): Map<string, KeyProvider[]> {
    return this.lazy(`providers:${kind}`, () => {
      const m = new Map<string, KeyProvider[]>();
      const add = (ns: string, name: string, p: KeyProvider) => {
        const k = key(ns, name);
        const list = m.get(k);
        if (list) list.push(p);
        else m.set(k, [p]);
      };
      if (kind === 'Secret') {
        for (const k of ['Secret', 'SealedSecret', 'ExternalSecret', 'Certificate'])
          for (const r of this.ws.byKind(k)) {
            const p = secretProvided(r);
            if (p) add(p.ns, p.name, { res: r, keys: p.keys });
          }
      } else {
        for (const r of this.ws.byKind('ConfigMap')) {
          if (!isCoreKind(r, 'ConfigMap') || !r.name) continue;
          add(nsOf(r), r.name, { res: r, keys: keysOf(r.obj.data, r.obj.binaryData) });
        }
      }
      return m;
    });
  }

  /** Secrets (or ConfigMaps) named `name` in `ns`, with their keys. */
  findProviders(kind: 'Secret' | 'ConfigMap', ns: string, name: string): KeyProvider[] {
    return this.providers(kind).get(key(ns, name)) ?? [];
  }

  /** Names of Secrets/ConfigMaps/Services/PVCs per namespace (for "did you mean" and "it is in another namespace"). */
  namesOf(kind: 'Secret' | 'ConfigMap' | 'Service' | 'PersistentVolumeClaim'): Map<string, Map<string, Resource>> {
    return this.lazy(`names:${kind}`, () => {
      const src =
        kind === 'Secret' || kind === 'ConfigMap'
          ? [...this.providers(kind).entries()].map(([k, v]) => [k, v[0].res] as const)
          : kind === 'Service'
            ? [...this.services().entries()].map(([k, v]) => [k, v[0]] as const)
            : [...this.pvcs().entries()].map(([k, v]) => [k, v[0]] as const);
      const m = new Map<string, Map<string, Resource>>();
      for (const [k, r] of src) {
        const [ns, name] = k.split('\u0000');
        let byName = m.get(ns);
        if (!byName) m.set(ns, (byName = new Map()));
        byName.set(name, r);
      }
      return m;
    });
  }

  private suggestions = new Map<string, string | undefined>();
  /** A near-miss name of that kind in `ns` ("did you mean"), memoized for this version. */
  suggest(kind: 'Secret' | 'ConfigMap' | 'Service' | 'PersistentVolumeClaim', ns: string, name: string): string | undefined {
    const k = `${kind}\u0000${ns}\u0000${name}`;
    if (!this.suggestions.has(k)) {
      const here = this.namesOf(kind).get(ns);
      this.suggestions.set(k, here ? closestName(name, here.keys()) : undefined);
    }
    return this.suggestions.get(k);
  }

  services(): Map<string, Resource[]> {
    return this.lazy('services', () => this.group(['Service'], (r) => (isCoreKind(r, 'Service') && r.name ? { ns: nsOf(r), name: r.name } : undefined)));
  }

  findServices(ns: string, name: string): Resource[] {
    return this.services().get(key(ns, name)) ?? [];
  }

  pvcs(): Map<string, Resource[]> {
    return this.lazy('pvcs', () =>
      this.group(['PersistentVolumeClaim'], (r) => (isCoreKind(r, 'PersistentVolumeClaim') && r.name ? { ns: nsOf(r), name: r.name } : undefined)),
    );
  }

  /** PVCs a StatefulSet's volumeClaimTemplates create: `<template>-<statefulset>-<ordinal>`. */
  private generatedClaims(): Map<string, { res: Resource; prefix: string; replicas: number }[]> {
    return this.lazy('stsClaims', () => {
      const m = new Map<string, { res: Resource; prefix: string; replicas: number }[]>();
      for (const r of this.ws.byKind('StatefulSet')) {
        if (!r.name) continue;
        const tpls = getAt(r.obj, ['spec', 'volumeClaimTemplates']);
        if (!Array.isArray(tpls)) continue;
        const rep = getAt(r.obj, ['spec', 'replicas']);
        const replicas = typeof rep === 'number' ? rep : 1;
        const ns = nsOf(r);
        for (const t of tpls) {
          const n = getAt(t, ['metadata', 'name']);
          if (typeof n !== 'string' || !n) continue;
          const list = m.get(ns) ?? [];
          list.push({ res: r, prefix: `${n}-${r.name}-`, replicas });
          m.set(ns, list);
        }
      }
      return m;
    });
  }

  /** A PVC named `name` in `ns`, declared or made by a StatefulSet's volumeClaimTemplates. */
  findClaim(ns: string, name: string): Resource | undefined {
    const direct = this.pvcs().get(key(ns, name));
    if (direct?.length) return direct[0];
    for (const g of this.generatedClaims().get(ns) ?? []) {
      if (!name.startsWith(g.prefix)) continue;
      const ord = name.slice(g.prefix.length);
      if (/^(0|[1-9]\d*)$/.test(ord) && Number(ord) < Math.max(g.replicas, 1)) return g.res;
    }
    return undefined;
  }

  /**
   * Every allocating nodePort (NodePort/LoadBalancer Services, in range), by port number. The
   * cluster's allocator is one bitmap for all protocols: the same number under TCP and UDP is
   * allowed only inside one Service (kubernetes/kubernetes#91404).
   */
  nodePorts(): Map<number, NodePortUse[]> {
    return this.lazy('nodePorts', () => {
      const m = new Map<number, NodePortUse[]>();
      for (const r of this.ws.byKind('Service')) {
        if (!isCoreKind(r, 'Service')) continue;
        const t = serviceType(r);
        if (t !== 'NodePort' && t !== 'LoadBalancer') continue;
        const ports = getAt(r.obj, ['spec', 'ports']);
        if (!Array.isArray(ports)) continue;
        ports.forEach((p, index) => {
          if (!isObj(p)) return;
          const port = p.nodePort;
          if (typeof port !== 'number' || !Number.isInteger(port) || port < NODE_PORT_MIN || port > NODE_PORT_MAX) return;
          const protocol = typeof p.protocol === 'string' ? p.protocol : 'TCP';
          const use: NodePortUse = { res: r, index, port, protocol, service: key(nsOf(r), r.name ?? '') };
          const list = m.get(port);
          if (list) list.push(use);
          else m.set(port, [use]);
        });
      }
      return m;
    });
  }

  usedNodePorts(): Set<number> {
    return this.lazy('usedNodePorts', () => new Set(this.nodePorts().keys()));
  }

  /** Resources by identity (kind, namespace, name). */
  identities(): Map<string, Resource[]> {
    return this.lazy('identities', () => {
      const m = new Map<string, Resource[]>();
      for (const f of this.files())
        for (const [id, r] of factsOf(f).identities) {
          const list = m.get(id);
          if (list) list.push(r);
          else m.set(id, [r]);
        }
      return m;
    });
  }
}

/**
 * What one parsed file contributes to the tables. A file the editor did not change keeps its
 * ParsedFile object, so after a keystroke only the edited file is examined again; the tables are
 * then merged from these per-file lists.
 */
interface FileFacts {
  pods: PodSource[];
  identities: [string, Resource][];
}
const fileFacts = new WeakMap<ParsedFile, FileFacts>();

function factsOf(file: ParsedFile): FileFacts {
  let f = fileFacts.get(file);
  if (!f) {
    f = { pods: [], identities: [] };
    for (const r of file.resources) {
      const s = podSourceOf(r);
      if (s) f.pods.push(s);
      const id = identityOf(r);
      if (id) f.identities.push([id, r]);
    }
    fileFacts.set(file, f);
  }
  return f;
}

const cache = new WeakMap<Workspace, RefIndex>();

/** The lookup tables for the workspace's current version (rebuilt lazily after any change). */
export function refIndex(ws: Workspace): RefIndex {
  let idx = cache.get(ws);
  if (!idx || idx.version !== ws.version) {
    idx = new RefIndex(ws, ws.version);
    cache.set(ws, idx);
  }
  return idx;
}

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof messages> {}
}
