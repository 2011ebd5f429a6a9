// The panel's view-model types and the pod packing, as the host posts them and the webview reads
// them. Pure data and functions with no imports, so the webview (type-checked with the DOM library
// and no Node types) depends on this file alone, not on the simulator behind core/panel/view.ts.

export interface ContainerView {
  name: string;
  image: string;
  /** 'running' | 'waiting' | 'terminated' | 'unknown'. */
  state: string;
  /** Waiting/terminated reason (CrashLoopBackOff, OOMKilled, Completed, ...); once restarted and running, the last termination's. */
  reason: string;
  /** Why it last stopped (OOMKilled, Error) once it has restarted, also while it waits in CrashLoopBackOff; else ''. */
  lastReason: string;
  ready: boolean;
  restarts: number;
  /** limits.memory as written, or ''. */
  memoryLimit: string;
  /** limits.cpu as written (the power limiter's setting), or ''. */
  cpuLimit: string;
  /** Its CPU is held at limits.cpu now (the simulator's usage, as `kubectl top` shows it): throttled, never killed. Always false for a real cluster's pods. */
  throttled: boolean;
  init: boolean;
}

export interface PodView {
  id: string;
  name: string;
  namespace: string;
  /** Node name, or '' while Pending. */
  node: string;
  /** kubectl STATUS column (Running, Pending, ContainerCreating, CrashLoopBackOff, ...). */
  status: string;
  phase: string;
  /** kubectl READY column, e.g. "1/1". */
  ready: string;
  podReady: boolean;
  restarts: string;
  ip: string;
  /** Direct controller, e.g. { kind: 'ReplicaSet', name: 'web-7d4f9' }. */
  ownerKind: string;
  ownerName: string;
  /** Top-level owner (Deployment for a ReplicaSet's pod, CronJob for a Job's pod), or the pod itself. */
  groupKind: string;
  groupName: string;
  /** StatefulSet ordinal (fixed door number), or -1. */
  ordinal: number;
  /** The pod's own cluster DNS name (`mysql-0.mysql.default.svc.cluster.local`: hostname under a subdomain, as StatefulSet pods get), or ''. */
  dns: string;
  containers: ContainerView[];
  terminating: boolean;
  /** The Secrets (safes), ConfigMaps (notice boards) and claims (lockers) its spec names, once per kind, name and way of use. */
  uses: PodUse[];
}

/** One object a room uses, as its pod spec names it (core/k8s/podrefs.ts): never a value. */
export interface PodUse {
  /** `Volume`: a volume of the pod's own (emptyDir, hostPath, ...), not an object of the cluster: the room's own locker. */
  kind: 'Secret' | 'ConfigMap' | 'PersistentVolumeClaim' | 'Volume';
  name: string;
  /** For a `Volume`: its type (emptyDir, hostPath, projected, ...). */
  type?: string;
  /** env (one valueFrom), envFrom (every key), volume, imagePull. */
  via: 'env' | 'envFrom' | 'volume' | 'imagePull';
}

export interface NodeView {
  id: string;
  name: string;
  /** kubectl STATUS column: Ready, NotReady, Ready,SchedulingDisabled. */
  status: string;
  ready: boolean;
  unschedulable: boolean;
  cpu: string;
  memory: string;
  maxPods: number;
}

export interface ServiceView {
  id: string;
  name: string;
  namespace: string;
  type: string;
  clusterIP: string;
  externalIP: string;
  ports: string;
  selector: Record<string, string>;
  /** Names of pods in Endpoints `addresses` (ready) and `notReadyAddresses`. */
  ready: string[];
  notReady: string[];
}

export interface WorkloadView {
  id: string;
  kind: string;
  name: string;
  namespace: string;
  /** kubectl READY-like summary, e.g. "2/3"; for a Job "1/1" completions. */
  summary: string;
  images: string[];
  /** Deployment revision / ReplicaSet revision annotation, or ''. */
  revision: string;
  ownerKind: string;
  ownerName: string;
  replicas: number;
  selector: Record<string, string>;
  labels: Record<string, string>;
  /** Extra detail: CronJob schedule, Deployment strategy. */
  detail: string;
  /** A Deployment's rollout over virtual time (core/panel/rollout.ts): one sample per change, oldest first, at most ROLLOUT_SAMPLES. */
  rollout?: RolloutSample[];
}

/** [simulated ms, desired (spec.replicas), updated, ready, available, revision]: a Deployment's counts from the moment they changed. */
export type RolloutSample = [t: number, desired: number, updated: number, ready: number, available: number, revision: number];

/** How many samples a rollout series keeps (the oldest go first). */
export const ROLLOUT_SAMPLES = 64;

export interface ConfigView {
  id: string;
  /** Safes, notice boards and lockers (a claim's `type` is its phase: Pending, Bound, Lost). */
  kind: 'Secret' | 'ConfigMap' | 'PersistentVolumeClaim';
  name: string;
  namespace: string;
  type: string;
  /** Key names only; never values for a Secret. */
  keys: string[];
}

export interface TableView {
  id: string;
  kind: string;
  header: string[];
  rows: string[][];
}

export interface PanelState {
  /** Simulated milliseconds since the start. */
  t: number;
  nodes: NodeView[];
  pods: PodView[];
  services: ServiceView[];
  workloads: WorkloadView[];
  configs: ConfigView[];
  /** `kubectl get` tables, one per kind present. */
  tables: TableView[];
  notSimulated: string[];
}

export type Collection = 'nodes' | 'pods' | 'services' | 'workloads' | 'configs' | 'tables';
export const COLLECTIONS: Collection[] = ['nodes', 'pods', 'services', 'workloads', 'configs', 'tables'];

export interface StateDiff {
  t: number;
  upsert: Partial<{ [K in Collection]: PanelState[K] }>;
  remove: Partial<Record<Collection, string[]>>;
  notSimulated?: string[];
}

// ---------------------------------------------------------------------------------------------
// Pods on the wire: what equals the usual value is left out (the id when it is Pod/ns/name, the
// phase when it equals the status, a running ready container's state...). A campus of 1,000 rooms
// then sends ~45% less in its first state and in every diff; unpackPod restores the same PodView.

/** A PodView as posted: the fields that differ from POD_DEFAULTS / CONTAINER_DEFAULTS. */
export type WirePod = Partial<Omit<PodView, 'containers' | 'uses'>> & {
  name: string;
  namespace: string;
  containers?: Partial<ContainerView>[];
  /** PodUse as `<kind letter><via letter>:<name>` ("cf:settings": a ConfigMap, envFrom): 64 B a room in full, 23 packed. */
  uses?: string[];
};

const USE_KINDS: Record<string, PodUse['kind']> = { c: 'ConfigMap', s: 'Secret', p: 'PersistentVolumeClaim', o: 'Volume' };
const USE_VIAS: Record<string, PodUse['via']> = { e: 'env', f: 'envFrom', v: 'volume', i: 'imagePull' };
const letter = <T extends string>(table: Record<string, T>, v: T) => Object.keys(table).find((k) => table[k] === v) ?? '';
// A Volume's type goes before its name ("ov:emptyDir/cache"): neither holds a '/'.
const packUse = (u: PodUse) => `${letter(USE_KINDS, u.kind)}${letter(USE_VIAS, u.via)}:${u.kind === 'Volume' ? `${u.type ?? ''}/` : ''}${u.name}`;
function unpackUse(s: string): PodUse[] {
  const kind = USE_KINDS[s[0]];
  const via = USE_VIAS[s[1]];
  if (!kind || !via || s[2] !== ':') return [];
  if (kind !== 'Volume') return [{ kind, via, name: s.slice(3) }];
  const slash = s.indexOf('/', 3);
  return slash < 0 ? [] : [{ kind, via, type: s.slice(3, slash), name: s.slice(slash + 1) }];
}

const POD_DEFAULTS = {
  node: '',
  ready: '1/1',
  podReady: true,
  restarts: '0',
  ip: '',
  ownerKind: '',
  ownerName: '',
  ordinal: -1,
  dns: '',
  terminating: false,
} as const;
const CONTAINER_DEFAULTS: Omit<ContainerView, 'name' | 'image'> = {
  state: 'running',
  reason: '',
  lastReason: '',
  ready: true,
  restarts: 0,
  memoryLimit: '',
  cpuLimit: '',
  throttled: false,
  init: false,
};

/** The id of a pod's view (as idOf gives for a Pod with a namespace). */
export const podId = (namespace: string, name: string) => `Pod/${namespace}/${name}`;

export function packPod(p: PodView): WirePod {
  const w: Record<string, unknown> = { name: p.name, namespace: p.namespace };
  if (p.id !== podId(p.namespace, p.name)) w.id = p.id;
  if (p.phase !== p.status) w.phase = p.phase;
  w.status = p.status;
  for (const k of Object.keys(POD_DEFAULTS) as (keyof typeof POD_DEFAULTS)[]) if (p[k] !== POD_DEFAULTS[k]) w[k] = p[k];
  if (p.groupKind !== 'Pod' || p.groupName !== p.name) {
    w.groupKind = p.groupKind;
    w.groupName = p.groupName;
  }
  w.containers = p.containers.map((c) => {
    const x: Record<string, unknown> = { name: c.name, image: c.image };
    for (const k of Object.keys(CONTAINER_DEFAULTS) as (keyof typeof CONTAINER_DEFAULTS)[]) if (c[k] !== CONTAINER_DEFAULTS[k]) x[k] = c[k];
    return x;
  });
  if (p.uses.length) w.uses = p.uses.map(packUse);
  return w as WirePod;
}

export function unpackPod(w: WirePod): PodView {
  const status = w.status ?? 'Pending';
  return {
    ...POD_DEFAULTS,
    ...w,
    id: w.id ?? podId(w.namespace, w.name),
    status,
    phase: w.phase ?? status,
    groupKind: w.groupKind ?? 'Pod',
    groupName: w.groupName ?? w.name,
    uses: (w.uses ?? []).flatMap(unpackUse),
    containers: (w.containers ?? []).map((c) => ({ name: '', image: '', ...CONTAINER_DEFAULTS, ...c })),
  };
}

/** A timeline row as posted: what the page draws (the host keeps the rest, core/panel/narrate.ts EventView). */
export interface WireEvent {
  /** Simulated ms. */
  t: number;
  type: 'Normal' | 'Warning';
  reason: string;
  /** `Kind/name`. */
  object: string;
  /** kubectl get events columns: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE (as one line). */
  kubectl: string;
  story: string;
}
