// The side panel's view-model: what the dorm drawing and the `kubectl get` tables show, computed
// from the simulated cluster in the extension host. VS Code-free and DOM-free. The host sends one
// snapshot when the panel is ready and then diffs (upserts and removals by id), so a tick of a
// 1,000-pod cluster only carries the rooms that changed.
//
// Secret values never appear here: a Secret is described by its key names only; a value is read
// with revealSecretValue() when the user clicks "reveal" on one key.
import { podDnsName } from '../cluster/controllers/dns';
import { podUsage } from '../cluster/usage';
import type { Cluster } from '../cluster/cluster';
import type { KObject } from '../cluster/store';
import { clusterSource, isCluster, type ObjectSource } from './source';
import { asKind, controllerOf } from '../cluster/store';
import { condition, isPodReady } from '../cluster/podutil';
import { PRINTERS, podReady, podRestarts, podStatus } from '../kubectl/printers';
import {
  COLLECTIONS,
  type Collection,
  type ConfigView,
  type ContainerView,
  type NodeView,
  type PanelState,
  type PodUse,
  type PodView,
  type ServiceView,
  type StateDiff,
  type TableView,
  type WorkloadView,
} from './wire';
import { isObj, scalarText } from '../k8s/guards';
import { podSpecRefs } from '../k8s/podrefs';
import { clusterRolloutHistory, RolloutHistory } from './rollout';
import type { Container, ContainerStatus } from '../k8s/types';

export * from './wire';
export type { ObjectSource } from './source';

const WORKLOAD_KINDS = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'];
const TABLE_KINDS = [
  'Node',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'Pod',
  'Service',
  'Endpoints',
  'ConfigMap',
  'Secret',
  'PersistentVolumeClaim',
];

const str = scalarText;
const strMap = (v: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (v && typeof v === 'object' && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) out[k] = str(x);
  return out;
};
const NONE: ReadonlySet<string> = new Set();
const idOf = (o: KObject) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** The names of a pod's containers held at their CPU limit now (simulated usage); empty when none sets limits.cpu. */
function throttledIn(p: KObject, now: number): Set<string> {
  const limited = (cs: unknown) => Array.isArray(cs) && cs.some((c: Container | undefined) => c?.resources?.limits?.cpu !== undefined);
  if (!limited(p.spec?.containers)) return new Set();
  return new Set((podUsage(p, now) ?? []).filter((u) => u.throttled).map((u) => u.name));
}

/** `throttled`: the containers held at their CPU limit (known only in the simulator). */
function containerViews(p: KObject, throttled: ReadonlySet<string>): ContainerView[] {
  const out: ContainerView[] = [];
  const add = (specs: (Container | undefined)[] | undefined, statuses: (ContainerStatus | undefined)[] | undefined, init: boolean) => {
    for (const c of Array.isArray(specs) ? specs : []) {
      const st = (Array.isArray(statuses) ? statuses : []).find((s) => s?.name === c?.name);
      const state = st?.state?.running ? 'running' : st?.state?.waiting ? 'waiting' : st?.state?.terminated ? 'terminated' : 'unknown';
      // A container running again after a restart shows why it last stopped (OOMKilled, Error).
      const last = state !== 'waiting' && st?.restartCount ? st?.lastState?.terminated?.reason : undefined;
      const reason = str(st?.state?.waiting?.reason ?? st?.state?.terminated?.reason ?? last);
      out.push({
        name: str(c?.name),
        image: str(c?.image),
        state,
        reason,
        lastReason: st?.restartCount ? str(st?.lastState?.terminated?.reason) : '',
        ready: !!st?.ready,
        restarts: Number(st?.restartCount ?? 0) || 0,
        memoryLimit: str(c?.resources?.limits?.memory),
        cpuLimit: str(c?.resources?.limits?.cpu),
        throttled: !init && state === 'running' && throttled.has(str(c?.name)),
        init,
      });
    }
  };
  add(p.spec?.initContainers, p.status?.initContainerStatuses, true);
  add(p.spec?.containers, p.status?.containerStatuses, false);
  return out;
}

function groupOf(c: ObjectSource, o: KObject): { kind: string; name: string } {
  let cur = o;
  for (let i = 0; i < 4; i++) {
    const ref = controllerOf(cur);
    if (!ref) break;
    const owner = c.getByUid(ref.uid);
    if (!owner) return { kind: ref.kind, name: ref.name };
    cur = owner;
  }
  return { kind: cur.kind, name: cur.metadata.name };
}

/** Volume sources that name an object of the cluster (drawn as that object: a claim's locker, a notice board, a safe). */
const OBJECT_VOLUMES = new Set(['persistentVolumeClaim', 'configMap', 'secret']);

/**
 * The safes, notice boards and lockers a pod's spec names, once per kind, name and way of use; and
 * its own volumes (emptyDir, hostPath, projected, ...) as lockers of the room itself.
 */
export function podUses(p: KObject): PodUse[] {
  const seen = new Set<string>();
  const out: PodUse[] = [];
  for (const r of podSpecRefs(p.spec)) {
    const k = `${r.kind}/${r.name}/${r.via}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ kind: r.kind, name: r.name, via: r.via });
  }
  const volumes: unknown = p.spec?.volumes;
  for (const v of Array.isArray(volumes) ? volumes : []) {
    if (!isObj(v) || typeof v.name !== 'string' || !v.name || v.name.includes('/')) continue;
    const type = Object.keys(v).find((k) => k !== 'name');
    if (!type || OBJECT_VOLUMES.has(type) || type.includes('/')) continue;
    out.push({ kind: 'Volume', name: v.name, type, via: 'volume' });
  }
  return out;
}

function podView(c: ObjectSource, p: KObject, simulated: boolean): PodView {
  const ref = controllerOf(p);
  const g = groupOf(c, p);
  const ord = ref?.kind === 'StatefulSet' ? Number(/-(\d+)$/.exec(p.metadata.name)?.[1] ?? -1) : -1;
  return {
    id: idOf(p),
    name: p.metadata.name,
    namespace: p.metadata.namespace ?? 'default',
    node: str(p.spec?.nodeName),
    status: podStatus(p),
    phase: str(p.status?.phase) || 'Pending',
    ready: podReady(p),
    podReady: isPodReady(p),
    restarts: podRestarts(c, p),
    ip: str(p.status?.podIP),
    ownerKind: ref?.kind ?? '',
    ownerName: ref?.name ?? '',
    groupKind: g.kind,
    groupName: g.name,
    ordinal: Number.isFinite(ord) ? ord : -1,
    dns: podDnsName(p),
    containers: containerViews(p, simulated ? throttledIn(p, c.now) : NONE),
    terminating: !!p.metadata.deletionTimestamp,
    uses: podUses(p),
  };
}

function nodeView(n: KObject): NodeView {
  const ready = condition(n, 'Ready')?.status === 'True';
  const unsched = !!n.spec?.unschedulable;
  return {
    id: idOf(n),
    name: n.metadata.name,
    status: (ready ? 'Ready' : 'NotReady') + (unsched ? ',SchedulingDisabled' : ''),
    ready,
    unschedulable: unsched,
    cpu: str(n.status?.allocatable?.cpu ?? n.status?.capacity?.cpu),
    memory: str(n.status?.allocatable?.memory ?? n.status?.capacity?.memory),
    maxPods: Number(n.status?.allocatable?.pods ?? 110) || 110,
  };
}

function serviceView(c: ObjectSource, s: KObject): ServiceView {
  const ep = c.get('Endpoints', s.metadata.namespace, s.metadata.name);
  const ready: string[] = [];
  const notReady: string[] = [];
  for (const sub of Array.isArray(ep?.subsets) ? ep.subsets : []) {
    for (const a of sub?.addresses ?? []) if (a?.targetRef?.name) ready.push(str(a.targetRef.name));
    for (const a of sub?.notReadyAddresses ?? []) if (a?.targetRef?.name) notReady.push(str(a.targetRef.name));
  }
  const row = PRINTERS.Service.row(c, s);
  return {
    id: idOf(s),
    name: s.metadata.name,
    namespace: s.metadata.namespace ?? 'default',
    type: str(s.spec?.type) || 'ClusterIP',
    clusterIP: str(s.spec?.clusterIP),
    externalIP: row[3],
    ports: row[4],
    selector: strMap(s.spec?.selector),
    ready: [...new Set(ready)].sort(),
    notReady: [...new Set(notReady)].sort(),
  };
}

function images(o: KObject): string[] {
  const spec = o.kind === 'CronJob' ? o.spec?.jobTemplate?.spec?.template?.spec : o.spec?.template?.spec;
  return (Array.isArray(spec?.containers) ? spec.containers : []).map((x?: Container) => str(x?.image));
}

function workloadView(c: ObjectSource, o: KObject, history: RolloutHistory): WorkloadView {
  const ref = controllerOf(o);
  const row = PRINTERS[o.kind]?.row(c, o) ?? [];
  let summary = '';
  let detail = '';
  switch (o.kind) {
    case 'Deployment':
    case 'StatefulSet':
      summary = row[1] ?? '';
      detail = str(o.spec?.strategy?.type ?? o.spec?.updateStrategy?.type);
      break;
    case 'ReplicaSet':
      summary = `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`;
      break;
    case 'DaemonSet':
      summary = `${o.status?.numberReady ?? 0}/${o.status?.desiredNumberScheduled ?? 0}`;
      break;
    case 'Job':
      summary = row[1] ?? '';
      break;
    case 'CronJob':
      summary = String((o.status?.active ?? []).length);
      detail = str(o.spec?.schedule);
      break;
  }
  return {
    id: idOf(o),
    kind: o.kind,
    name: o.metadata.name,
    namespace: o.metadata.namespace ?? 'default',
    summary,
    images: images(o),
    revision: str(o.metadata.annotations?.['deployment.kubernetes.io/revision']),
    ownerKind: ref?.kind ?? '',
    ownerName: ref?.name ?? '',
    replicas: Number(o.spec?.replicas ?? 0) || 0,
    selector: strMap(o.spec?.selector?.matchLabels),
    labels: strMap(o.metadata.labels),
    detail,
    ...(o.kind === 'Deployment' ? { rollout: history.of(o) } : {}),
  };
}

function configView(o: KObject): ConfigView {
  if (o.kind === 'PersistentVolumeClaim')
    return {
      id: idOf(o),
      kind: o.kind,
      name: o.metadata.name,
      namespace: o.metadata.namespace ?? 'default',
      type: str(o.status?.phase) || 'Pending',
      keys: [],
    };
  const keys = Object.keys({ ...(o.data ?? {}), ...(o.stringData ?? {}), ...(o.binaryData ?? {}) }).sort();
  return { id: idOf(o), kind: o.kind as 'Secret' | 'ConfigMap', name: o.metadata.name, namespace: o.metadata.namespace ?? 'default', type: str(o.type), keys };
}

function tableOf(c: ObjectSource, kind: string): TableView | undefined {
  const pr = PRINTERS[kind];
  if (!pr) return undefined;
  const objs = c
    .list(kind)
    .filter((o) => !(kind === 'Service' && o.metadata.name === 'kubernetes') && !(kind === 'Endpoints' && o.metadata.name === 'kubernetes'));
  if (!objs.length) return undefined;
  const rows = objs.map((o) => pr.row(c, o));
  return { id: kind, kind, header: pr.header, rows };
}

/**
 * The whole state as the panel draws it (user-visible objects only: no kube-system, no `kubernetes`
 * Service), from the simulated cluster or any other object source (a real cluster's informer cache).
 */
export function buildState(from: Cluster | ObjectSource, opts: { tables?: boolean; history?: RolloutHistory } = {}): PanelState {
  const c = isCluster(from) ? clusterSource(from) : from;
  // The simulator's history watches every write; another source is sampled now.
  const history = isCluster(from) ? clusterRolloutHistory(from) : (opts.history ?? new RolloutHistory());
  if (!isCluster(from)) for (const d of c.list('Deployment')) history.observe(d, c.now);
  const visible = (o: KObject) => o.metadata.namespace !== 'kube-system' && !(o.kind === 'Service' && o.metadata.name === 'kubernetes');
  return {
    t: c.now,
    nodes: c.list('Node').map(nodeView),
    pods: c
      .list('Pod')
      .filter(visible)
      .map((p) => podView(c, p, isCluster(from))),
    services: c
      .list('Service')
      .filter(visible)
      .map((s) => serviceView(c, s)),
    workloads: WORKLOAD_KINDS.flatMap((k) =>
      c
        .list(k)
        .filter(visible)
        .map((o) => workloadView(c, o, history)),
    ),
    configs: ['Secret', 'ConfigMap', 'PersistentVolumeClaim'].flatMap((k) => c.list(k).filter(visible).map(configView)),
    // The `kubectl get` tables cost a row per object and change every second (AGE): built only when shown.
    tables: opts.tables === false ? [] : TABLE_KINDS.map((k) => tableOf(c, k)).filter((x): x is TableView => !!x),
    notSimulated: c.notSimulated.map((o) => `${str(o.kind)}/${str(o.metadata?.name)}`),
  };
}

/**
 * Remembers what the panel was last sent and computes diffs: an entity is re-sent when its view
 * changed (compared as JSON), removed when it is gone.
 */
export class StateTracker {
  private sent = new Map<Collection, Map<string, string>>();
  private notSimulated = '[]';
  /** Rollouts of a source that is not the simulator (whose own history watches it). */
  private history = new RolloutHistory();
  /** Whether the `kubectl get` tables are wanted (the panel shows them). */
  tables = true;

  /** The full state, and remembers it as sent. */
  snapshot(c: Cluster | ObjectSource): PanelState {
    const s = buildState(c, { tables: this.tables, history: this.history });
    this.sent.clear();
    for (const col of COLLECTIONS) this.sent.set(col, new Map((s[col] as { id: string }[]).map((e) => [e.id, JSON.stringify(e)])));
    this.notSimulated = JSON.stringify(s.notSimulated);
    return s;
  }

  /** What changed since the last snapshot/diff, or undefined when nothing did (time aside). */
  diff(c: Cluster | ObjectSource): StateDiff | undefined {
    const s = buildState(c, { tables: this.tables, history: this.history });
    const d: StateDiff = { t: s.t, upsert: {}, remove: {} };
    let changed = false;
    for (const col of COLLECTIONS) {
      const prev = this.sent.get(col) ?? new Map<string, string>();
      const next = new Map<string, string>();
      const up: { id: string }[] = [];
      for (const e of s[col] as { id: string }[]) {
        const j = JSON.stringify(e);
        next.set(e.id, j);
        if (prev.get(e.id) !== j) up.push(e);
      }
      const gone = [...prev.keys()].filter((id) => !next.has(id));
      if (up.length) Object.assign(d.upsert, { [col]: up });
      if (gone.length) d.remove[col] = gone;
      if (up.length || gone.length) changed = true;
      this.sent.set(col, next);
    }
    const ns = JSON.stringify(s.notSimulated);
    if (ns !== this.notSimulated) {
      d.notSimulated = s.notSimulated;
      this.notSimulated = ns;
      changed = true;
    }
    return changed ? d : undefined;
  }
}

/** Applies a diff to a state (what the webview does; also used by tests to check diffs are complete). */
export function applyDiff(s: PanelState, d: StateDiff): PanelState {
  const out: PanelState = { ...s, t: d.t };
  for (const col of COLLECTIONS) {
    const up = (d.upsert[col] ?? []) as { id: string }[];
    const rm = new Set(d.remove[col] ?? []);
    if (!up.length && !rm.size) continue;
    const byId = new Map((s[col] as { id: string }[]).map((e) => [e.id, e]));
    for (const id of rm) byId.delete(id);
    for (const e of up) byId.set(e.id, e);
    Object.assign(out, { [col]: [...byId.values()] });
  }
  if (d.notSimulated) out.notSimulated = d.notSimulated;
  return out;
}

/** One Secret value, decoded, for a "reveal" click; undefined when the Secret or key does not exist. */
export function revealSecretValue(c: Cluster, namespace: string, name: string, key: string): string | undefined {
  const s = asKind(c.get('Secret', namespace, name), 'Secret');
  if (!s) return undefined;
  if (s.stringData && typeof s.stringData[key] === 'string') return s.stringData[key];
  const b64 = s.data?.[key];
  if (typeof b64 !== 'string') return undefined;
  try {
    return Buffer.from(b64, 'base64').toString('utf8');
  } catch {
    return undefined;
  }
}
