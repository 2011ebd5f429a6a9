// The invariants the simulator's property tests and chaos runs check (see sim-model.ts): no node
// over its allocatable, rollouts within replicas ± maxSurge / maxUnavailable, StatefulSet ordering
// at every create and delete, and convergence once the chaos stops. Each failure throws with the
// simulated time and the actions so far. Not a test file itself.
import type { Cluster } from '../../core/cluster/cluster';
import { asKind, controllerOf, type KObject } from '../../core/cluster/store';
import { runCommand } from '../../core/kubectl/commands';
import { resolveFenceposts, templateKey } from '../../core/cluster/controllers/deployment';
import { isPodAvailable, isPodReady, isTerminal } from '../../core/cluster/podutil';
import { podRequests } from '../../core/cluster/defaults';
import { allocatable } from '../../core/cluster/controllers/scheduler';
import { selectorMatches } from '../../core/k8s/labels';

export function fail(c: Cluster, what: string, history: string[]): never {
  throw new Error(`t=${c.now}ms: ${what}\nactions: ${history.join(' | ')}`);
}

/** No node holds more requests than its allocatable (pods bound to it and not finished). */
export function checkAllocatable(c: Cluster, history: string[]): void {
  const used = new Map<string, { cpu: number; memory: number; pods: number }>();
  for (const p of c.list('Pod')) {
    const n = p.spec?.nodeName;
    if (!n || isTerminal(p)) continue;
    const r = podRequests(p.spec);
    const u = used.get(n) ?? { cpu: 0, memory: 0, pods: 0 };
    u.cpu += r.cpu;
    u.memory += r.memory;
    u.pods++;
    used.set(n, u);
  }
  for (const [n, u] of used) {
    const node = c.get('Node', undefined, n);
    if (!node) fail(c, `pod bound to a missing node ${n}`, history);
    const a = allocatable(node);
    if (u.cpu > a.cpu + 1e-9 || u.memory > a.memory || u.pods > a.pods)
      fail(c, `node ${n} over allocatable: cpu ${u.cpu}/${a.cpu}, memory ${u.memory}/${a.memory}, pods ${u.pods}/${a.pods}`, history);
  }
}

/**
 * A required pod anti-affinity is never violated: no placed pod (finished ones aside, terminating
 * ones included, as kube-scheduler counts them) shares a topology domain with a pod its required
 * anti-affinity terms select.
 */
export function checkAntiAffinity(c: Cluster, history: string[]): void {
  const placed = c.list('Pod').filter((p) => p.spec?.nodeName && !isTerminal(p));
  const withTerms = placed.filter((p) => p.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length);
  if (!withTerms.length) return;
  const label = (p: KObject, key: string) => c.get('Node', undefined, p.spec.nodeName)?.metadata.labels?.[key];
  for (const p of withTerms) {
    for (const t of p.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution) {
      const here = label(p, t.topologyKey);
      if (here === undefined) continue;
      for (const q of placed) {
        if (q === p || q.metadata.namespace !== p.metadata.namespace || label(q, t.topologyKey) !== here) continue;
        if (selectorMatches(t.labelSelector, q.metadata.labels ?? {}))
          fail(c, `pod ${q.metadata.name} shares ${t.topologyKey}=${here} with ${p.metadata.name}, whose required anti-affinity selects it`, history);
      }
    }
  }
}

/**
 * Every selector Service's address book agrees with its pods at this instant: its EndpointSlices
 * list exactly the matching pods with an IP (ready = pod ready and not terminating; terminating
 * ones kept), its Endpoints the ready ones in `addresses`, the rest in `notReadyAddresses`, and
 * no terminating pod.
 */
export function checkEndpoints(c: Cluster, history: string[]): void {
  for (const svc of c.list('Service')) {
    const sel = svc.spec?.selector;
    if (!sel || !Object.keys(sel).length) continue;
    const ns = svc.metadata.namespace;
    const pods = c.list('Pod', ns).filter((p) => Object.entries(sel).every(([k, v]) => p.metadata.labels?.[k] === v) && p.status?.podIP && !isTerminal(p));
    const want = pods.map((p) => `${p.metadata.name}:${isPodReady(p) && !p.metadata.deletionTimestamp}:${!!p.metadata.deletionTimestamp}`).sort();
    const slices = c.store.ownedBy(svc.metadata.uid).flatMap((o) => asKind(o, 'EndpointSlice') ?? []);
    const got = slices
      .flatMap((s) => s.endpoints ?? [])
      .map((e: any) => `${e.targetRef.name}:${e.conditions.ready}:${e.conditions.terminating}`)
      .sort();
    if (JSON.stringify(got) !== JSON.stringify(want)) fail(c, `EndpointSlices of ${svc.metadata.name}: ${got.join(' ')} ≠ pods ${want.join(' ')}`, history);
    if (slices.length > 1 && slices.some((s) => !(s.endpoints ?? []).length)) fail(c, `an empty EndpointSlice beside others for ${svc.metadata.name}`, history);
    const ep = asKind(c.get('Endpoints', ns, svc.metadata.name), 'Endpoints');
    const subsets = ep?.subsets ?? [];
    const ready = subsets.flatMap((x) => (x.addresses ?? []).map((a: any) => a.targetRef.name)).sort();
    const notReady = subsets.flatMap((x) => (x.notReadyAddresses ?? []).map((a: any) => a.targetRef.name)).sort();
    const live = pods.filter((p) => !p.metadata.deletionTimestamp);
    const wantReady = live
      .filter((p) => isPodReady(p))
      .map((p) => p.metadata.name)
      .sort();
    const wantNotReady = live
      .filter((p) => !isPodReady(p))
      .map((p) => p.metadata.name)
      .sort();
    if (JSON.stringify([ready, notReady]) !== JSON.stringify([wantReady, wantNotReady]))
      fail(c, `Endpoints of ${svc.metadata.name}: ${ready.join(' ')} / ${notReady.join(' ')} ≠ ${wantReady.join(' ')} / ${wantNotReady.join(' ')}`, history);
  }
}

export function depPods(c: Cluster, d: KObject): KObject[] {
  return c.store
    .ownedBy(d.metadata.uid)
    .filter((rs) => rs.kind === 'ReplicaSet')
    .flatMap((rs) => c.store.ownedBy(rs.metadata.uid).filter((p) => p.kind === 'Pod' && controllerOf(p)?.uid === rs.metadata.uid));
}

export const active = (p: KObject) => !p.metadata.deletionTimestamp && !isTerminal(p);

export function availablePods(c: Cluster, d: KObject): number {
  const minReady = Number(d.spec.minReadySeconds ?? 0) * 1000;
  return depPods(c, d).filter((p) => {
    if (!active(p) || !isPodReady(p)) return false;
    const since = c.msOf(p.status.conditions.find((x: any) => x.type === 'Ready').lastTransitionTime) ?? Infinity;
    return since + minReady <= c.now;
  }).length;
}

export function deploymentComplete(c: Cluster, d: KObject): boolean {
  const r = Number(d.spec.replicas ?? 1);
  const pods = depPods(c, d).filter(active);
  const tk = templateKey(d.spec.template);
  return pods.length === r && pods.every((p) => templateKey({ ...c.store.getByUid(controllerOf(p)!.uid)!.spec.template }) === tk) && availablePods(c, d) === r;
}

/** Ceiling always; floor from the moment a Deployment is complete until it is next scaled. */
export class RolloutBounds {
  private armed = new Set<string>();
  constructor(
    private c: Cluster,
    private history: string[],
  ) {}
  disarm(name: string): void {
    this.armed.delete(name);
  }
  check(): void {
    for (const d of this.c.list('Deployment')) {
      const r = Number(d.spec.replicas ?? 1);
      const { maxSurge, maxUnavailable } = resolveFenceposts(d);
      const n = depPods(this.c, d).filter(active).length;
      if (n > r + maxSurge) fail(this.c, `deployment ${d.metadata.name}: ${n} pods > replicas ${r} + maxSurge ${maxSurge}`, this.history);
      if (this.armed.has(d.metadata.name)) {
        const avail = availablePods(this.c, d);
        if (avail < r - maxUnavailable)
          fail(this.c, `deployment ${d.metadata.name}: ${avail} available < replicas ${r} − maxUnavailable ${maxUnavailable}`, this.history);
      } else if (deploymentComplete(this.c, d)) this.armed.add(d.metadata.name);
    }
  }
}

export const ordinalOf = (name: string, set: string): number | undefined => {
  const m = new RegExp(`^${set}-(\\d+)$`).exec(name);
  return m ? Number(m[1]) : undefined;
};
export const healthy = (p: KObject | undefined) => !!p && p.status?.phase === 'Running' && isPodReady(p) && !p.metadata.deletionTimestamp;

/**
 * StatefulSet pods (`ns/name`) the set deleted in a scale-down, and not made again since: only their
 * claims must go with whenScaled Delete. A claim whose pod was already gone (deleted by an update)
 * when the set shrank has no pod to own it and is kept, as the StatefulSet controller keeps it (it
 * re-owns the claims of condemned pods that exist).
 */
const scaledAway = new WeakMap<Cluster, Set<string>>();

/** StatefulSet ordering, checked at the moment of each create and delete. */
export function watchStatefulSetOrder(c: Cluster, history: string[]): void {
  const away = new Set<string>();
  scaledAway.set(c, away);
  c.store.watch(
    (ev) => {
      if (ev.type !== 'ADDED') return;
      away.delete(`${ev.object.metadata.namespace}/${ev.object.metadata.name}`);
      const ref = controllerOf(ev.object);
      if (ref?.kind !== 'StatefulSet') return;
      const set = c.store.getByUid(ref.uid);
      if (!set || set.spec.podManagementPolicy === 'Parallel') return;
      const n = ordinalOf(ev.object.metadata.name, set.metadata.name)!;
      const minReady = Number(set.spec.minReadySeconds ?? 0);
      for (let k = 0; k < n; k++) {
        const p = c.get('Pod', set.metadata.namespace, `${set.metadata.name}-${k}`);
        if (!healthy(p) || !isPodAvailable(p!, minReady, c.now, c))
          fail(
            c,
            `${ev.object.metadata.name} created while ${set.metadata.name}-${k} is ${p ? `${p.status?.phase}${isPodReady(p) ? '' : ' not ready'}${p.metadata.deletionTimestamp ? ' terminating' : ''}` : 'missing'}`,
            history,
          );
      }
    },
    ['Pod'],
  );
  c.onEvent((e) => {
    if (e.reason !== 'SuccessfulDelete' || e.kind !== 'StatefulSet') return;
    const set = c.get('StatefulSet', e.namespace, e.name);
    const m = /^delete Pod (\S+) in StatefulSet/.exec(e.message);
    if (!set || !m) return;
    const k = ordinalOf(m[1], set.metadata.name)!;
    const replicas = Number(set.spec.replicas ?? 1);
    if (k < replicas) return; // an update or a failed pod, not a scale-down
    away.add(`${e.namespace}/${m[1]}`);
    const ordered = set.spec.podManagementPolicy !== 'Parallel';
    for (const p of c.list('Pod', set.metadata.namespace)) {
      if (controllerOf(p)?.uid !== set.metadata.uid) continue;
      const o = ordinalOf(p.metadata.name, set.metadata.name)!;
      if (o > k && (ordered || !p.metadata.deletionTimestamp)) fail(c, `scale-down deleted ${m[1]} while ${p.metadata.name} still exists`, history);
      if (ordered && o < replicas && !healthy(p)) fail(c, `scale-down deleted ${m[1]} while ${p.metadata.name} is not Running and Ready`, history);
    }
  });
}

/** After the chaos: every failed node back, every node schedulable, then enough time. */
export function checkConverged(c: Cluster, history: string[]): void {
  for (const n of c.list('Node')) {
    runCommand(c, `recover node ${n.metadata.name}`);
    runCommand(c, `uncordon ${n.metadata.name}`);
    runCommand(c, `fill node ${n.metadata.name} --disk 0`);
  }
  c.advance(25 * 60_000);
  for (const d of c.list('Deployment')) {
    if (!deploymentComplete(c, d)) {
      const pods = depPods(c, d).filter(active);
      fail(c, `deployment ${d.metadata.name} did not converge: ${pods.length} pods for ${d.spec.replicas}, ${availablePods(c, d)} available`, history);
    }
    const extra = c.store
      .ownedBy(d.metadata.uid)
      .filter((rs) => rs.kind === 'ReplicaSet' && templateKey(rs.spec.template) !== templateKey(d.spec.template) && rs.spec.replicas !== 0);
    if (extra.length) fail(c, `deployment ${d.metadata.name}: old ReplicaSet ${extra[0].metadata.name} still at ${extra[0].spec.replicas}`, history);
  }
  for (const s of c.list('StatefulSet')) {
    const r = Number(s.spec.replicas ?? 1);
    const pods = c.list('Pod').filter((p) => controllerOf(p)?.uid === s.metadata.uid);
    const names = pods.map((p) => p.metadata.name).sort();
    const want = [...Array(r).keys()].map((i) => `${s.metadata.name}-${i}`).sort();
    if (JSON.stringify(names) !== JSON.stringify(want))
      fail(c, `statefulset ${s.metadata.name}: pods ${names.join(',')} instead of ${want.join(',')}`, history);
    for (const p of pods) {
      if (!healthy(p)) fail(c, `statefulset pod ${p.metadata.name} not Running and Ready`, history);
      if (p.metadata.labels?.['controller-revision-hash'] !== s.status.updateRevision) fail(c, `statefulset pod ${p.metadata.name} not updated`, history);
    }
    if (s.status.readyReplicas !== r) fail(c, `statefulset ${s.metadata.name} status.readyReplicas ${s.status.readyReplicas} != ${r}`, history);
    if (s.status.availableReplicas !== r) fail(c, `statefulset ${s.metadata.name} status.availableReplicas ${s.status.availableReplicas} != ${r}`, history);
    // Every pod has its claim; with whenScaled Delete, no claim outlives a pod that was scaled away.
    const claims = c.list('PersistentVolumeClaim', s.metadata.namespace).filter((x) => ordinalOf(x.metadata.name, `data-${s.metadata.name}`) !== undefined);
    const extra = claims.filter((x) => ordinalOf(x.metadata.name, `data-${s.metadata.name}`)! >= r);
    if (claims.length - extra.length !== r) fail(c, `statefulset ${s.metadata.name}: ${claims.length - extra.length} claims for ${r} pods`, history);
    const away = scaledAway.get(c);
    const kept = extra.filter((x) => !away || away.has(`${x.metadata.namespace}/${x.metadata.name.slice('data-'.length)}`));
    if (s.spec.persistentVolumeClaimRetentionPolicy?.whenScaled === 'Delete' && kept.length)
      fail(c, `statefulset ${s.metadata.name}: claim ${kept[0].metadata.name} kept after its pod was scaled away (whenScaled Delete)`, history);
  }
  for (const ds of c.list('DaemonSet')) {
    for (const n of c.list('Node')) {
      const here = c.list('Pod').filter((p) => controllerOf(p)?.uid === ds.metadata.uid && p.spec.nodeName === n.metadata.name && active(p));
      if (here.length !== 1 || !isPodReady(here[0])) fail(c, `daemonset ${ds.metadata.name}: ${here.length} pods on ${n.metadata.name}`, history);
    }
  }
  for (const j of c.list('Job')) {
    const done = j.status?.conditions?.find((x: any) => x.type === 'Complete' && x.status === 'True');
    if (!done || j.status.succeeded < j.spec.completions) fail(c, `job ${j.metadata.name} not complete: ${JSON.stringify(j.status)}`, history);
    const all = j.spec.completions > 1 ? `0-${j.spec.completions - 1}` : '0';
    if (j.spec.completionMode === 'Indexed' && j.status.completedIndexes !== all)
      fail(c, `job ${j.metadata.name}: completedIndexes ${j.status.completedIndexes} instead of ${all}`, history);
  }
}
