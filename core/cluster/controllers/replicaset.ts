// The ReplicaSet controller (pkg/controller/replicaset): keeps spec.replicas active pods — the
// building auntie who keeps every room filled. Scale-down picks victims in the order of
// controller_utils.go ActivePodsWithRanks. Like the real controller (burstReplicas = 500) it creates
// at most 500 pods per sync; the next batch comes a second of virtual time later (the real one waits
// for the informer to see the last batch), so `--replicas=2147483647` fills the cluster step by step
// instead of blocking the server. The simulator holds at most MAX_SIMULATED_PODS pods: past that,
// creation fails and the ReplicaSet says so in its ReplicaFailure condition, as a quota would.
import type { Cluster, Controller } from '../cluster';
import { controlled, ownerRef, podFromTemplate, statusChanged } from './common';
import { RetryLater } from '../admission';
import { condition, isActive, isPodAvailable, isPodReady } from '../podutil';
import { controllerOf, keyOf, objKey, type KObject } from '../store';
import { compileSelector, selectorMatches } from '../../k8s/labels';
import { hasSelector, isStray, ReplicaSetCounts, type RsCounts } from './replicaset-counts';
import type { ReplicaSetCondition, ReplicaSetStatus } from '../../k8s/types';

/** What one walk over a ReplicaSet's pods finds. */
interface Scan {
  active: KObject[];
  /** Active pods the selector no longer matches (ClaimPods releases them). */
  stray: KObject[];
}

/** Pods created per sync at most (replicaset_controller.go BurstReplicas). */
export const BURST_REPLICAS = 500;
/** Virtual time between two batches of a large scale-up (ms). */
export const BATCH_INTERVAL_MS = 1000;
/** Pods the simulated cluster holds at most (each is a full object in memory, in the panel and for the scheduler). */
export const MAX_SIMULATED_PODS = 10_000;

export class ReplicaSetController implements Controller {
  readonly name = 'replicaset-controller';
  private availTimers = new Set<string>();
  /** ReplicaSets in the middle of a large scale-up: the virtual time their next batch is due. */
  private nextBatch = new Map<string, number>();
  /** Why the last create failed, per ReplicaSet (its ReplicaFailure condition). */
  private failures = new Map<string, string>();

  /** What a walk over each ReplicaSet's pods would find, kept from the pod watch. */
  private counts: ReplicaSetCounts;

  constructor(private c: Cluster) {
    this.counts = new ReplicaSetCounts(c);
    c.watch(['ReplicaSet'], (ev) => {
      if (ev.type !== 'DELETED') c.enqueue(this, objKey(ev.object));
    });
    c.watch(['Pod'], (ev) => {
      const p = ev.object;
      const ref = controllerOf(p);
      if (ref?.kind === 'ReplicaSet') c.enqueue(this, keyOf(p.metadata.namespace, ref.name));
      // Orphans (no controller): a ReplicaSet whose selector matches adopts them.
      const ns = p.metadata.namespace ?? 'default';
      if (ev.type === 'DELETED' || ref || !isActive(p)) {
        this.orphans.get(ns)?.delete(p);
        return;
      }
      let set = this.orphans.get(ns);
      if (!set) this.orphans.set(ns, (set = new Set()));
      set.add(p);
      for (const rs of c.list('ReplicaSet', ns)) if (claims(rs, p)) c.enqueue(this, objKey(rs));
    });
  }

  private orphans = new Map<string, Set<KObject>>();

  /**
   * The active pods `rs` controls and the ones among them its selector no longer matches, in one
   * walk over what it owns (a sync of a 5,000-pod ReplicaSet walks it once, not thrice).
   */
  private scan(rs: KObject): Scan {
    const uid = rs.metadata.uid;
    const matches = hasSelector(rs) ? compileSelector(rs.spec.selector) : undefined;
    const ns = rs.metadata.namespace ?? 'default';
    const out: Scan = { active: [], stray: [] };
    this.c.store.forEachOwned(uid, (p) => {
      if (p.kind !== 'Pod' || !isActive(p) || controllerOf(p)?.uid !== uid) return;
      out.active.push(p);
      if (isStray(p, ns, matches)) out.stray.push(p);
    });
    return out;
  }

  /**
   * ClaimPods (controller_ref_manager.go): active pods it controls that no longer match the
   * selector (`stray`) are released (a relabelled roommate moves out of the auntie's care); active
   * orphans that match are adopted. True if any pod changed hands.
   */
  private claim(rs: KObject, stray: KObject[]): boolean {
    if (!hasSelector(rs)) return false;
    for (const p of stray) {
      const before = p.metadata.ownerReferences ?? [];
      p.metadata.ownerReferences = before.filter((r) => r.uid !== rs.metadata.uid);
      if (!p.metadata.ownerReferences.length) delete p.metadata.ownerReferences;
      this.c.store.update(p, before);
    }
    let changed = stray.length > 0;
    const orphans = this.orphans.get(rs.metadata.namespace ?? 'default');
    if (!orphans?.size) return changed;
    for (const p of [...orphans]) {
      if (!isActive(p) || controllerOf(p) || !claims(rs, p, true)) continue;
      const before = p.metadata.ownerReferences ?? [];
      p.metadata.ownerReferences = [...before, ownerRef(rs)];
      this.c.store.update(p, before);
      changed = true;
    }
    return changed;
  }

  sync(key: string): void {
    const [ns, name] = key.split('/');
    const rs = this.c.get('ReplicaSet', ns, name);
    if (!rs || rs.metadata.deletionTimestamp) {
      this.nextBatch.delete(key);
      this.failures.delete(key);
      return;
    }
    // Without minReadySeconds (no readiness timers to set per pod) and without strays to release,
    // the kept counts stand for the walk; the pods themselves are walked only to pick victims.
    const minReady = Number(rs.spec?.minReadySeconds ?? 0) || 0;
    let kept: RsCounts | undefined = minReady ? undefined : this.checked(rs, this.counts.of(rs));
    let scan: Scan | undefined;
    if (kept?.stray !== 0) {
      kept = undefined;
      scan = this.scan(rs);
      if (this.claim(rs, scan.stray)) scan = this.scan(rs);
    } else if (this.claim(rs, [])) {
      kept = undefined;
      scan = this.scan(rs);
    }
    const want = Math.max(0, Number(rs.spec?.replicas ?? 1) || 0);
    const diff = want - (scan ? scan.active.length : kept!.active);
    // manageReplicas' error (a pod the API server refused) goes into the status, then the key is retried.
    let refused: RetryLater | undefined;
    if (diff > 0) {
      try {
        this.createPods(rs, diff);
      } catch (e) {
        if (!(e instanceof RetryLater)) throw e;
        this.failures.set(key, e.message);
        refused = e;
      }
    } else if (diff < 0) {
      const victims = rankForDeletion((scan ?? this.scan(rs)).active, this.relatedPerNode(rs), this.c, -diff);
      for (const p of victims) {
        this.c.delete(p);
        this.c.recordEvent(rs, 'Normal', 'SuccessfulDelete', { pod: p.metadata.name }, `Deleted pod: ${p.metadata.name}`, 'replicaset-controller');
      }
    }
    if (diff <= 0) this.failures.delete(key);
    // Nothing created or deleted: the active pods are the ones just walked.
    if (kept) {
      // Creates and deletes have reached the counts through the watch (asked again; `verify` walks to check).
      kept = this.checked(rs, this.counts.of(rs));
      this.writeStatus(rs, kept.active, kept.ready, kept.ready, kept.fully);
    } else this.updateStatus(rs, diff === 0 && scan ? scan.active : this.scan(rs).active);
    if (refused) throw refused;
  }

  /** `kept`, compared with what a walk over the pods finds when ReplicaSetCounts.verify is set. */
  private checked(rs: KObject, kept: RsCounts): RsCounts {
    if (!ReplicaSetCounts.verify) return kept;
    const { active, stray } = this.scan(rs);
    const template = compileSelector({ matchLabels: rs.spec?.template?.metadata?.labels ?? {} });
    const walked: RsCounts = {
      active: active.length,
      ready: active.filter(isPodReady).length,
      fully: active.filter((p) => template(p.metadata.labels)).length,
      stray: stray.length,
    };
    if (JSON.stringify(walked) !== JSON.stringify(kept))
      ReplicaSetCounts.mismatches.push(`ReplicaSet ${rs.metadata.name}: kept counts ${JSON.stringify(kept)}, a walk finds ${JSON.stringify(walked)}`);
    return kept;
  }

  /** slowStartBatch with burstReplicas: at most 500 pods now, the rest in later batches; none past the cluster's pod limit. */
  private createPods(rs: KObject, diff: number): void {
    const key = objKey(rs);
    const due = this.nextBatch.get(key);
    if (due !== undefined && this.c.now < due) return; // the batch timer enqueues the key
    this.nextBatch.delete(key);
    const room = Math.max(0, MAX_SIMULATED_PODS - this.c.store.count('Pod'));
    const n = Math.min(diff, BURST_REPLICAS, room);
    for (let i = 0; i < n; i++) {
      const pod = podFromTemplate(this.c, rs.spec?.template, rs);
      this.c.recordEvent(rs, 'Normal', 'SuccessfulCreate', { pod: pod.metadata.name }, `Created pod: ${pod.metadata.name}`, 'replicaset-controller');
    }
    if (n < diff && n === BURST_REPLICAS) {
      this.nextBatch.set(key, this.c.now + BATCH_INTERVAL_MS);
      this.c.clock.after(BATCH_INTERVAL_MS, () => this.c.enqueue(this, key));
    }
    if (n < diff && n === room) {
      this.failures.set(key, `pods "${rs.metadata.name}-" is forbidden: the simulated cluster holds at most ${MAX_SIMULATED_PODS} pods`);
    } else this.failures.delete(key);
  }

  /**
   * getIndirectlyRelatedPods, counted per node (all rankForDeletion reads of them): a Deployment's
   * ReplicaSets count each other's active pods per node.
   */
  private relatedPerNode(rs: KObject): Map<string, number> {
    const ref = controllerOf(rs);
    const d = ref?.kind === 'Deployment' ? this.c.store.getByUid(ref.uid) : undefined;
    const perNode = new Map<string, number>();
    const count = (owner: KObject) => {
      const uid = owner.metadata.uid;
      this.c.store.forEachOwned(uid, (p) => {
        if (p.kind !== 'Pod' || controllerOf(p)?.uid !== uid) return;
        const node = p.spec?.nodeName;
        if (node && isActive(p)) perNode.set(node, (perNode.get(node) ?? 0) + 1);
      });
    };
    if (!d) count(rs);
    else for (const x of controlled(this.c, d, 'ReplicaSet')) count(x);
    return perNode;
  }

  private updateStatus(rs: KObject, active: KObject[]): void {
    const minReady = Number(rs.spec?.minReadySeconds ?? 0) || 0;
    const now = this.c.now;
    const template = compileSelector({ matchLabels: rs.spec?.template?.metadata?.labels ?? {} });
    let ready = 0;
    let available = 0;
    let fully = 0;
    for (const p of active) {
      if (isPodReady(p)) {
        ready++;
        if (isPodAvailable(p, minReady, now, this.c)) available++;
        else if (minReady) this.requeueWhenAvailable(rs, p, minReady);
      }
      if (template(p.metadata.labels)) fully++;
    }
    this.writeStatus(rs, active.length, ready, available, fully);
  }

  /** calculateStatus from the counts; written if it changed. */
  private writeStatus(rs: KObject, replicas: number, ready: number, available: number, fully: number): void {
    const next: ReplicaSetStatus = {
      replicas,
      fullyLabeledReplicas: fully,
      readyReplicas: ready,
      availableReplicas: available,
      observedGeneration: rs.metadata.generation ?? 1,
    };
    if (!ready) delete next.readyReplicas;
    if (!available) delete next.availableReplicas;
    if (!fully) delete next.fullyLabeledReplicas;
    // calculateStatus (replica_set_utils.go): a failed create adds ReplicaFailure/FailedCreate with the
    // error's text; a condition already there is kept as it is; a sync without error removes it.
    const failure = this.failures.get(objKey(rs));
    if (failure) {
      const prev = (rs.status?.conditions ?? []).find((x?: ReplicaSetCondition) => x?.type === 'ReplicaFailure');
      next.conditions = [prev ?? { type: 'ReplicaFailure', status: 'True', lastTransitionTime: this.c.iso(), reason: 'FailedCreate', message: failure }];
    }
    if (statusChanged(rs, next)) this.c.update(rs);
  }

  private requeueWhenAvailable(rs: KObject, p: KObject, minReady: number): void {
    const since = this.c.msOf(condition(p, 'Ready')?.lastTransitionTime);
    if (since === undefined) return;
    const tkey = `${p.metadata.uid}`;
    if (this.availTimers.has(tkey)) return;
    this.availTimers.add(tkey);
    const key = objKey(rs);
    this.c.clock.at(since + minReady * 1000, () => {
      this.availTimers.delete(tkey);
      this.c.enqueue(this, key);
    });
  }
}

/** The `count` pods to delete first, in order (ActivePodsWithRanks, sorted). */
function rankForDeletion(pods: KObject[], perNode: Map<string, number>, c: Cluster, count: number): KObject[] {
  const PHASE: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
  // Each pod's sort keys, computed once (timestamps parsed once, not in every comparison).
  const keyed: Ranked[] = pods.map((p) => {
    const rc = condition(p, 'Ready');
    const ready = rc?.status === 'True' ? 1 : 0;
    return {
      p,
      node: p.spec?.nodeName ? 1 : 0,
      phase: PHASE[p.status?.phase ?? 'Pending'] ?? 0,
      ready,
      cost: Number(p.metadata.annotations?.['controller.kubernetes.io/pod-deletion-cost'] ?? 0) || 0,
      colocated: perNode.get(p.spec?.nodeName) ?? 0,
      readySince: ready ? (c.msOf(rc?.lastTransitionTime) ?? 0) : 0,
      restarts: maxRestarts(p),
      created: c.msOf(p.metadata.creationTimestamp) ?? 0,
      uid: p.metadata.uid,
    };
  });
  const before = (a: Ranked, b: Ranked): number => {
    if (a.node !== b.node) return a.node - b.node; // 1. unscheduled first
    if (a.phase !== b.phase) return a.phase - b.phase; // 2. Pending < Unknown < Running
    if (a.ready !== b.ready) return a.ready - b.ready; // 3. not ready first
    if (a.cost !== b.cost) return a.cost - b.cost; // 4. lower pod-deletion-cost first
    if (a.colocated !== b.colocated) return b.colocated - a.colocated; // 5. more pods of the set on its node first
    if (a.ready && b.ready && a.readySince !== b.readySince) return b.readySince - a.readySince; // 6. ready for less time first
    if (a.restarts !== b.restarts) return b.restarts - a.restarts; // 7. more restarts first
    if (a.created !== b.created) return b.created - a.created; // 8. newer first
    return a.uid < b.uid ? 1 : -1;
  };
  return firstK(keyed, count, before).map((k) => k.p);
}

/** A pod with its deletion-rank sort keys. */
interface Ranked {
  p: KObject;
  node: number;
  phase: number;
  ready: number;
  cost: number;
  colocated: number;
  readySince: number;
  restarts: number;
  created: number;
  uid: string;
}

/**
 * The `k` first items of `items` under the strict total order `before`, sorted: what sorting all and
 * taking `k` gives, but a scale-down of 1,250 out of 5,000 pods sorts only the 1,250 (quickselect
 * with a median-of-three pivot first).
 */
export function firstK<T>(items: T[], k: number, before: (a: T, b: T) => number): T[] {
  const a = items.slice();
  if (k <= 0) return [];
  if (k < a.length) {
    let lo = 0;
    let hi = a.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      // Median of three to a[hi] as the pivot.
      if (before(a[mid], a[lo]) < 0) swap(a, mid, lo);
      if (before(a[hi], a[lo]) < 0) swap(a, hi, lo);
      if (before(a[mid], a[hi]) < 0) swap(a, mid, hi);
      const pivot = a[hi];
      let store = lo;
      for (let i = lo; i < hi; i++) if (before(a[i], pivot) < 0) swap(a, i, store++);
      swap(a, store, hi);
      if (store === k - 1 || store === k) break;
      if (store < k) lo = store + 1;
      else hi = store - 1;
    }
    a.length = k;
  }
  return a.sort(before);
}

function swap<T>(a: T[], i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/** compareMaxContainerRestarts: the highest restart count of any one container. */
function maxRestarts(p: KObject): number {
  let n = 0;
  for (const cs of p.status?.containerStatuses ?? []) n = Math.max(n, Number(cs?.restartCount) || 0);
  return n;
}

/** Whether `rs` selects pod `p` (same namespace, a non-empty selector matching its labels); `checked`: hasSelector(rs) is known true. */
function claims(rs: KObject, p: KObject, checked = false): boolean {
  return (
    (rs.metadata.namespace ?? 'default') === (p.metadata.namespace ?? 'default') &&
    (checked || hasSelector(rs)) &&
    selectorMatches(rs.spec.selector, p.metadata.labels ?? {})
  );
}
