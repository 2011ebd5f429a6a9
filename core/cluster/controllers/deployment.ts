// The Deployment controller (pkg/controller/deployment): the head manager who renovates room by
// room and can undo. RollingUpdate with ResolveFenceposts arithmetic, Recreate, revisions,
// revisionHistoryLimit clean-up, pause, and the progress deadline. Rollback is done by the client
// (kubectl rollout undo copies an old ReplicaSet's template back), as in current Kubernetes.
import type { Cluster, Controller } from '../cluster';
import { templateHash } from '../rng';
import {
  appendRevisionHistory,
  copyAnnotations,
  DESIRED,
  HASH,
  MAXR,
  replicaFailureOf,
  resolveFenceposts,
  REV,
  setReplicaFailure,
  templateKeyOf,
} from './deployment-util';
import { clone, controlled, ownerOfKind, ownerRef, revisionOf, statusChanged } from './common';
import { controllerOf, keyOf, newMeta, objKey, type KObject } from '../store';
import { isTerminal } from '../podutil';
import type { DeploymentCondition, DeploymentStatus } from '../../k8s/types';

export { ANNOTATIONS_NOT_COPIED, resolveFenceposts, templateKey, templateKeyOf } from './deployment-util';

const specReplicas = (rs: KObject) => Number(rs.spec?.replicas ?? 0);
const statusOf = (rs: KObject, f: string) => Number(rs.status?.[f] ?? 0);

/**
 * A Deployment's status as computeStatus derives it from its ReplicaSets: every count set. The
 * `_progressed` mark the controller keeps on a Deployment it made progress on stays on the object.
 */
type ComputedStatus = DeploymentStatus &
  Required<Pick<DeploymentStatus, 'observedGeneration' | 'replicas' | 'updatedReplicas' | 'readyReplicas' | 'availableReplicas' | 'unavailableReplicas'>>;

export class DeploymentController implements Controller {
  readonly name = 'deployment-controller';
  private deadlineTimers = new Set<string>();

  constructor(private c: Cluster) {
    c.watch(['Deployment'], (ev) => {
      if (ev.type !== 'DELETED') c.enqueue(this, objKey(ev.object));
    });
    c.watch(['ReplicaSet'], (ev) => {
      const ref = controllerOf(ev.object);
      if (ref?.kind === 'Deployment') c.enqueue(this, keyOf(ev.object.metadata.namespace, ref.name));
    });
    // Recreate waits for every old pod to be gone, so it listens to pods too.
    c.watch(['Pod'], (ev) => {
      if (ev.type !== 'DELETED' && !isTerminal(ev.object)) return;
      const rs = ownerOfKind(c, ev.object, 'ReplicaSet');
      const ref = rs && controllerOf(rs);
      if (ref?.kind === 'Deployment') {
        const d = c.store.getByUid(ref.uid);
        if (d?.spec?.strategy?.type === 'Recreate') c.enqueue(this, objKey(d));
      }
    });
  }

  sync(key: string): void {
    const [ns, name] = key.split('/');
    const d = this.c.get('Deployment', ns, name);
    if (!d || d.metadata.deletionTimestamp) return;
    const rsList = controlled(this.c, d, 'ReplicaSet');
    // syncDeployment: a paused Deployment or a scaling event only resizes (proportionally).
    if (d.spec?.paused || this.isScalingEvent(d, rsList)) {
      const newRS = this.getNewReplicaSet(d, rsList, false);
      this.proportionalScale(
        d,
        newRS,
        rsList.filter((rs) => rs !== newRS),
      );
      this.syncStatus(d, controlled(this.c, d, 'ReplicaSet'), newRS);
      return;
    }
    if (d.spec?.strategy?.type === 'Recreate') this.rolloutRecreate(d, rsList);
    else this.rolloutRolling(d, rsList);
  }

  private split(d: KObject, rsList: KObject[]): { newRS?: KObject; old: KObject[] } {
    const tk = templateKeyOf(d);
    const newRS = rsList.find((rs) => templateKeyOf(rs) === tk);
    return { newRS, old: rsList.filter((rs) => rs !== newRS) };
  }

  private getNewReplicaSet(d: KObject, rsList: KObject[], create: boolean): KObject | undefined {
    const { newRS, old } = this.split(d, rsList);
    const maxOld = Math.max(0, ...old.map(revisionOf));
    const newRevision = maxOld + 1;
    const { maxSurge } = resolveFenceposts(d);
    if (newRS) {
      let changed = copyAnnotations(d, newRS);
      const ann = (newRS.metadata.annotations ??= {});
      const oldRevision = ann[REV];
      if (revisionOf(newRS) < newRevision) {
        ann[REV] = String(newRevision);
        // A ReplicaSet taking a newer revision is a rollback to it: it keeps its old numbers.
        if (oldRevision !== undefined) appendRevisionHistory(ann, oldRevision);
        changed = true;
      }
      const mrs = d.spec?.minReadySeconds;
      const specChanged = (newRS.spec.minReadySeconds ?? 0) !== (mrs ?? 0);
      if (specChanged) newRS.spec.minReadySeconds = mrs ?? 0;
      if (changed || specChanged) this.c.update(newRS, specChanged);
      this.setDeploymentRevision(d, ann[REV]);
      return newRS;
    }
    if (!create) return undefined;
    const replicas = Number(d.spec.replicas ?? 1);
    let count: number;
    if (d.spec?.strategy?.type === 'Recreate') count = replicas;
    else {
      const current = rsList.reduce((s, rs) => s + specReplicas(rs), 0);
      const maxTotal = replicas + maxSurge;
      count = current >= maxTotal ? 0 : Math.min(maxTotal - current, replicas);
    }
    let collision = Number(d.status?.collisionCount ?? 0);
    for (;;) {
      const hash = templateHash(templateKeyOf(d), collision);
      const rsName = `${d.metadata.name}-${hash}`;
      const existing = this.c.get('ReplicaSet', d.metadata.namespace, rsName);
      if (existing) {
        collision++;
        d.status = { ...(d.status ?? {}), collisionCount: collision };
        continue;
      }
      const template = clone(d.spec.template);
      template.metadata ??= {};
      template.metadata.labels = { ...(template.metadata.labels ?? {}), [HASH]: hash };
      const selector = clone(d.spec.selector ?? {});
      selector.matchLabels = { ...(selector.matchLabels ?? {}), [HASH]: hash };
      const rs: KObject = {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: newMeta({
          name: rsName,
          namespace: d.metadata.namespace,
          labels: { ...(d.spec.template?.metadata?.labels ?? {}), [HASH]: hash },
          annotations: { [DESIRED]: String(replicas), [MAXR]: String(replicas + maxSurge), [REV]: String(newRevision) },
          ownerReferences: [ownerRef(d)],
        }),
        spec: { replicas: count, minReadySeconds: d.spec.minReadySeconds ?? 0, selector, template },
      };
      copyAnnotations(d, rs);
      const created = this.c.create(rs);
      if (count > 0)
        this.c.recordEvent(
          d,
          'Normal',
          'ScalingReplicaSet',
          { rs: rsName, direction: 'up', to: count },
          `Scaled up replica set ${rsName} to ${count}`,
          'deployment-controller',
        );
      this.setDeploymentRevision(d, String(newRevision));
      d._progressed = true;
      return created;
    }
  }

  private setDeploymentRevision(d: KObject, rev: string): void {
    const ann = (d.metadata.annotations ??= {});
    if (ann[REV] !== rev) {
      ann[REV] = rev;
      this.c.update(d);
    }
  }

  /** scaleReplicaSet: resizes `rs` and refreshes its desired/max-replicas annotations; true if the size changed. */
  private scale(d: KObject, rs: KObject, to: number, operation?: 'up' | 'down'): boolean {
    const from = specReplicas(rs);
    const { maxSurge } = resolveFenceposts(d);
    const ann = (rs.metadata.annotations ??= {});
    const desired = String(d.spec.replicas ?? 1);
    const max = String(Number(d.spec.replicas ?? 1) + maxSurge);
    const annotationsChanged = ann[DESIRED] !== desired || ann[MAXR] !== max;
    if (from === to && !annotationsChanged) return false;
    ann[DESIRED] = desired;
    ann[MAXR] = max;
    rs.spec.replicas = to;
    this.c.update(rs, from !== to);
    if (from === to) return false;
    const direction = operation ?? (to > from ? 'up' : 'down');
    this.c.recordEvent(
      d,
      'Normal',
      'ScalingReplicaSet',
      { rs: rs.metadata.name, direction, to, from },
      `Scaled ${direction} replica set ${rs.metadata.name} to ${to} from ${from}`,
      'deployment-controller',
    );
    d._progressed = true;
    return true;
  }

  /** isScalingEvent: an active ReplicaSet was sized for a different spec.replicas. */
  private isScalingEvent(d: KObject, rsList: KObject[]): boolean {
    const { newRS } = this.split(d, rsList);
    if (!newRS) return false;
    const replicas = Number(d.spec.replicas ?? 1);
    for (const rs of rsList) {
      if (specReplicas(rs) <= 0) continue;
      const desired = rs.metadata.annotations?.[DESIRED];
      if (desired === undefined || !/^\d+$/.test(desired)) continue;
      if (Number(desired) !== replicas) return true;
    }
    return false;
  }

  /**
   * The real controller's scale(): one active ReplicaSet takes the whole size; a saturated new
   * ReplicaSet sends the old ones to 0; otherwise (RollingUpdate) replicas + maxSurge is shared
   * out in proportion to each active ReplicaSet's size, leftovers to the largest.
   */
  private proportionalScale(d: KObject, newRS: KObject | undefined, old: KObject[]): void {
    const replicas = Number(d.spec.replicas ?? 1);
    const byCreation = (a: KObject, b: KObject) =>
      (this.c.msOf(a.metadata.creationTimestamp) ?? 0) - (this.c.msOf(b.metadata.creationTimestamp) ?? 0) ||
      (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0);
    const active = [...old, ...(newRS ? [newRS] : [])].filter((rs) => specReplicas(rs) > 0);
    // FindActiveOrLatest
    let activeOrLatest: KObject | undefined;
    if (active.length === 1) activeOrLatest = active[0];
    else if (active.length === 0) activeOrLatest = newRS ?? [...old].sort(byCreation).pop();
    if (activeOrLatest) {
      // Same size: still refresh its desired/max-replicas annotations (scale() does only that,
      // without an event), or a stale desired-replicas left by a surge-limited creation keeps
      // this a "scaling event" on every sync and the rollout never starts (found by bench/chaos).
      this.scale(d, activeOrLatest, replicas);
      return;
    }
    // IsSaturated
    if (
      newRS &&
      specReplicas(newRS) === replicas &&
      Number(newRS.metadata.annotations?.[DESIRED]) === replicas &&
      statusOf(newRS, 'availableReplicas') === replicas
    ) {
      for (const rs of old) if (specReplicas(rs) > 0) this.scale(d, rs, 0);
      return;
    }
    if (d.spec?.strategy?.type === 'Recreate') return;
    const { maxSurge } = resolveFenceposts(d);
    const total = active.reduce((s, rs) => s + specReplicas(rs), 0);
    const allowed = replicas > 0 ? replicas + maxSurge : 0;
    const toAdd = allowed - total;
    let operation: 'up' | 'down' | undefined;
    if (toAdd > 0) {
      operation = 'up';
      active.sort((a, b) => specReplicas(b) - specReplicas(a) || byCreation(b, a)); // ReplicaSetsBySizeNewer
    } else if (toAdd < 0) {
      operation = 'down';
      active.sort((a, b) => specReplicas(b) - specReplicas(a) || byCreation(a, b)); // ReplicaSetsBySizeOlder
    }
    const size = new Map<KObject, number>();
    let added = 0;
    for (const rs of active) {
      if (toAdd === 0) {
        size.set(rs, specReplicas(rs));
        continue;
      }
      const p = proportion(rs, d, replicas, maxSurge, toAdd, added);
      size.set(rs, specReplicas(rs) + p);
      added += p;
    }
    active.forEach((rs, i) => {
      if (i === 0 && toAdd !== 0) size.set(rs, Math.max(0, size.get(rs)! + toAdd - added));
      this.scale(d, rs, size.get(rs)!, operation);
    });
  }

  private rolloutRolling(d: KObject, rsList: KObject[]): void {
    const newRS = this.getNewReplicaSet(d, rsList, true)!;
    rsList = controlled(this.c, d, 'ReplicaSet');
    const old = rsList.filter((rs) => rs !== newRS);
    const replicas = Number(d.spec.replicas ?? 1);
    const { maxSurge, maxUnavailable } = resolveFenceposts(d);
    // reconcileNewReplicaSet
    let scaledUp = false;
    const cur = specReplicas(newRS);
    if (cur > replicas) scaledUp = this.scale(d, newRS, replicas);
    else if (cur < replicas) {
      const total = rsList.reduce((s, rs) => s + specReplicas(rs), 0);
      const maxTotal = replicas + maxSurge;
      if (total < maxTotal) scaledUp = this.scale(d, newRS, cur + Math.min(maxTotal - total, replicas - cur));
    }
    if (scaledUp) return this.syncStatus(d, rsList, newRS);
    // reconcileOldReplicaSets
    const oldPods = old.reduce((s, rs) => s + specReplicas(rs), 0);
    let scaledDown = false;
    if (oldPods > 0) {
      const allPods = rsList.reduce((s, rs) => s + specReplicas(rs), 0);
      const minAvailable = replicas - maxUnavailable;
      const newUnavailable = specReplicas(newRS) - statusOf(newRS, 'availableReplicas');
      const maxScaledDown = allPods - minAvailable - newUnavailable;
      if (maxScaledDown > 0) {
        // cleanupUnhealthyReplicas: oldest first.
        const sorted = [...old].sort(
          (a, b) =>
            (this.c.msOf(a.metadata.creationTimestamp) ?? 0) - (this.c.msOf(b.metadata.creationTimestamp) ?? 0) || (a.metadata.name < b.metadata.name ? -1 : 1),
        );
        let cleaned = 0;
        for (const rs of sorted) {
          if (cleaned >= maxScaledDown) break;
          if (specReplicas(rs) === 0) continue;
          const unhealthy = specReplicas(rs) - statusOf(rs, 'availableReplicas');
          if (unhealthy <= 0) continue;
          const n = Math.min(maxScaledDown - cleaned, unhealthy);
          if (this.scale(d, rs, specReplicas(rs) - n)) {
            cleaned += n;
            scaledDown = true;
          }
        }
        // scaleDownOldReplicaSetsForRollingUpdate
        const allRS = controlled(this.c, d, 'ReplicaSet');
        const availableNow = allRS.reduce((s, rs) => s + statusOf(rs, 'availableReplicas'), 0);
        if (availableNow > minAvailable) {
          const totalDown = availableNow - minAvailable;
          let done = 0;
          for (const rs of sorted) {
            if (done >= totalDown) break;
            if (specReplicas(rs) === 0) continue;
            const n = Math.min(specReplicas(rs), totalDown - done);
            if (this.scale(d, rs, specReplicas(rs) - n)) {
              done += n;
              scaledDown = true;
            }
          }
        }
      }
    }
    if (scaledDown) return this.syncStatus(d, controlled(this.c, d, 'ReplicaSet'), newRS);
    this.finish(d, newRS);
  }

  private rolloutRecreate(d: KObject, rsList: KObject[]): void {
    let newRS = this.getNewReplicaSet(d, rsList, false);
    const old = rsList.filter((rs) => rs !== newRS);
    let scaledDown = false;
    for (const rs of old) if (specReplicas(rs) > 0) scaledDown = this.scale(d, rs, 0) || scaledDown;
    if (scaledDown) return this.syncStatus(d, rsList, newRS);
    const oldRunning = old.some((rs) => controlled(this.c, rs, 'Pod').some((p) => !isTerminal(p)));
    if (oldRunning) return this.syncStatus(d, rsList, newRS);
    if (!newRS) newRS = this.getNewReplicaSet(d, controlled(this.c, d, 'ReplicaSet'), true)!;
    this.scale(d, newRS, Number(d.spec.replicas ?? 1));
    this.finish(d, newRS);
  }

  private finish(d: KObject, newRS: KObject): void {
    const rsList = controlled(this.c, d, 'ReplicaSet');
    const status = this.computeStatus(d, rsList, newRS);
    if (isComplete(d, status))
      this.cleanup(
        d,
        rsList.filter((rs) => rs !== newRS),
      );
    this.syncStatus(d, controlled(this.c, d, 'ReplicaSet'), newRS);
  }

  /** revisionHistoryLimit: delete the oldest fully scaled-down old ReplicaSets beyond it. */
  private cleanup(d: KObject, old: KObject[]): void {
    const limit = Number(d.spec?.revisionHistoryLimit ?? 10);
    const cleanable = old.filter((rs) => specReplicas(rs) === 0 && statusOf(rs, 'replicas') === 0 && !rs.metadata.deletionTimestamp);
    const diff = cleanable.length - limit;
    if (diff <= 0) return;
    cleanable.sort(
      (a, b) => revisionOf(a) - revisionOf(b) || (this.c.msOf(a.metadata.creationTimestamp) ?? 0) - (this.c.msOf(b.metadata.creationTimestamp) ?? 0),
    );
    for (const rs of cleanable.slice(0, diff)) this.c.delete(rs);
  }

  private computeStatus(d: KObject, rsList: KObject[], newRS: KObject | undefined): ComputedStatus {
    const sum = (f: string) => rsList.reduce((s, rs) => s + statusOf(rs, f), 0);
    const total = rsList.reduce((s, rs) => s + specReplicas(rs), 0);
    const available = sum('availableReplicas');
    const st: ComputedStatus = {
      observedGeneration: d.metadata.generation ?? 1,
      replicas: sum('replicas'),
      updatedReplicas: newRS ? statusOf(newRS, 'replicas') : 0,
      readyReplicas: sum('readyReplicas'),
      availableReplicas: available,
      unavailableReplicas: Math.max(0, total - available),
    };
    if (d.status?.collisionCount) st.collisionCount = d.status.collisionCount;
    return st;
  }

  private syncStatus(d: KObject, rsList: KObject[], newRS: KObject | undefined): void {
    const st = this.computeStatus(d, rsList, newRS);
    const replicas = Number(d.spec.replicas ?? 1);
    const { maxUnavailable } = resolveFenceposts(d);
    const prev = d.status ?? {};
    const conds: DeploymentCondition[] = Array.isArray(prev.conditions) ? prev.conditions.map((x: DeploymentCondition) => ({ ...x })) : [];
    const now = this.c.iso();
    const set = (type: string, status: string, reason: string, message: string, touch: boolean) => {
      const i = conds.findIndex((x) => x.type === type);
      const old = conds[i];
      if (old && old.status === status && old.reason === reason && old.message === message && !touch) return;
      const cnd = { type, status, lastUpdateTime: now, lastTransitionTime: old && old.status === status ? old.lastTransitionTime : now, reason, message };
      if (i >= 0) conds[i] = cnd;
      else conds.push(cnd);
    };
    if (st.availableReplicas >= replicas - maxUnavailable) set('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', false);
    else set('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.', false);
    const rsName = newRS?.metadata.name ?? '';
    const progressedNow =
      d._progressed ||
      st.updatedReplicas > (prev.updatedReplicas ?? 0) ||
      st.readyReplicas > (prev.readyReplicas ?? 0) ||
      st.availableReplicas > (prev.availableReplicas ?? 0) ||
      st.replicas !== (prev.replicas ?? 0);
    d._progressed = false;
    const deadline = Number(d.spec.progressDeadlineSeconds ?? 600);
    const prog = conds.find((x) => x.type === 'Progressing');
    if (d.spec.paused) set('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused', false);
    else if (isComplete(d, st)) {
      if (prog?.reason !== 'NewReplicaSetAvailable' || prog?.message !== `ReplicaSet "${rsName}" has successfully progressed.`)
        set('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rsName}" has successfully progressed.`, true);
    } else if (progressedNow || !prog || prog.reason === 'DeploymentPaused' || prog.reason === 'NewReplicaSetAvailable') {
      set(
        'Progressing',
        'True',
        prog?.reason === 'DeploymentPaused' ? 'DeploymentResumed' : newRS && !prog ? 'NewReplicaSetCreated' : 'ReplicaSetUpdated',
        prog?.reason === 'DeploymentPaused'
          ? 'Deployment is resumed'
          : newRS && !prog
            ? `Created new replica set "${rsName}"`
            : `ReplicaSet "${rsName}" is progressing.`,
        true,
      );
      this.armDeadline(d, deadline);
    } else if (prog && prog.status === 'True') {
      const last = this.c.msOf(prog.lastUpdateTime) ?? 0;
      if (last + deadline * 1000 <= this.c.now) {
        set('Progressing', 'False', 'ProgressDeadlineExceeded', `ReplicaSet "${rsName}" has timed out progressing.`, false);
      } else this.armDeadline(d, deadline, last);
    }
    // syncRolloutStatus copies the ReplicaSets' failures; a paused Deployment's status sync keeps its conditions.
    st.conditions = d.spec.paused ? conds : setReplicaFailure(conds, replicaFailureOf(rsList, newRS));
    if (statusChanged(d, st)) this.c.update(d);
  }

  private armDeadline(d: KObject, deadlineSeconds: number, from = this.c.now): void {
    const at = from + deadlineSeconds * 1000;
    const tk = `${d.metadata.uid}@${at}`;
    if (this.deadlineTimers.has(tk)) return;
    this.deadlineTimers.add(tk);
    const key = objKey(d);
    this.c.clock.at(at, () => {
      this.deadlineTimers.delete(tk);
      this.c.enqueue(this, key);
    });
  }
}

/** GetProportion: how many replicas `rs` gains (or loses) of `toAdd`, never more than is left. */
function proportion(rs: KObject, d: KObject, replicas: number, maxSurge: number, toAdd: number, added: number): number {
  const cur = specReplicas(rs);
  if (cur === 0 || toAdd === 0 || toAdd === added) return 0;
  let fraction: number;
  if (replicas === 0) fraction = -cur;
  else {
    const maxNow = replicas + maxSurge;
    let maxBefore = Number(rs.metadata.annotations?.[MAXR]);
    if (!Number.isFinite(maxBefore) || maxBefore === 0) maxBefore = Number(d.status?.replicas ?? 0);
    fraction = maxBefore ? goRound((cur * maxNow) / maxBefore) - cur : 0;
  }
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/** Go's math.Round: half away from zero. */
function goRound(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** DeploymentComplete: every replica updated and available, no old ones left. */
function isComplete(d: KObject, st: ComputedStatus): boolean {
  const r = Number(d.spec?.replicas ?? 1);
  return st.updatedReplicas === r && st.replicas === r && st.availableReplicas === r && st.observedGeneration >= (d.metadata.generation ?? 1);
}
