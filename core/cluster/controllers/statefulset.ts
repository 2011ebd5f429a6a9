// The StatefulSet controller (pkg/controller/statefulset): the counsellors' rooms with fixed door
// numbers. Pods <set>-<ordinal>, a PVC <claim>-<set>-<ordinal> per pod (kept or deleted by
// persistentVolumeClaimRetentionPolicy: statefulset-claims.ts), OrderedReady (one at a time, each
// after the previous is Running and Available — Ready for minReadySeconds; scale down from the
// highest ordinal) or Parallel, and RollingUpdate from the highest ordinal down to `partition`.
import type { Cluster, Controller } from '../cluster';
import { templateHash } from '../rng';
import { controlled, podFromTemplate, statusChanged } from './common';
import { isPodAvailable, isPodReady, isTerminal } from '../podutil';
import { claimTemplates, createClaims, ownClaims } from './statefulset-claims';
import { controllerOf, keyOf, objKey, type KObject } from '../store';
import type { PodCondition, StatefulSetStatus, Volume } from '../../k8s/types';

const REV = 'controller-revision-hash';

export class StatefulSetController implements Controller {
  readonly name = 'statefulset-controller';
  private timers = new Set<string>();

  constructor(private c: Cluster) {
    c.watch(['StatefulSet'], (ev) => {
      if (ev.type !== 'DELETED') c.enqueue(this, objKey(ev.object));
    });
    c.watch(['Pod'], (ev) => {
      const ref = controllerOf(ev.object);
      if (ref?.kind === 'StatefulSet') c.enqueue(this, keyOf(ev.object.metadata.namespace, ref.name));
    });
  }

  sync(key: string): void {
    const [ns, name] = key.split('/');
    const set = this.c.get('StatefulSet', ns, name);
    if (!set || set.metadata.deletionTimestamp) return;
    const updateRevision = `${name}-${templateHash(set.spec?.template)}`;
    const replicas = Math.max(0, Number(set.spec?.replicas ?? 1) || 0);
    const ordered = set.spec?.podManagementPolicy !== 'Parallel';
    const pods = controlled(this.c, set, 'Pod');
    const byOrd = new Map<number, KObject>();
    for (const p of pods) {
      const m = /-(\d+)$/.exec(p.metadata.name);
      if (m && p.metadata.name === `${name}-${m[1]}`) byOrd.set(Number(m[1]), p);
    }
    const minReady = Math.max(0, Number(set.spec?.minReadySeconds ?? 0) || 0);
    const healthy = (p: KObject) => p.status?.phase === 'Running' && this.available(key, p, minReady);
    let blocked = false;
    for (let ord = 0; ord < replicas && !blocked; ord++) {
      const p = byOrd.get(ord);
      if (!p) {
        this.createPod(set, ord, updateRevision);
        if (ordered) blocked = true;
      } else if (isTerminal(p) && !p.metadata.deletionTimestamp) {
        this.deletePod(set, p);
        if (ordered) blocked = true;
      } else {
        // A pod still Pending gets the claims it is missing (createMissingPersistentVolumeClaims).
        if (p.status?.phase === 'Pending' && !p.metadata.deletionTimestamp)
          createClaims(this.c, set, p.metadata.name, (claim) => this.claimCreated(set, claim, p.metadata.name));
        if (ordered && !healthy(p)) blocked = true;
      }
    }
    // The claims of every pod get the owners the retention policy asks for (it may have changed, and
    // a pod may be condemned while it is already terminating).
    if (set.spec?.persistentVolumeClaimRetentionPolicy && claimTemplates(set).length) for (const [ord, p] of byOrd) ownClaims(this.c, set, p, ord >= replicas);
    // Scale down: highest ordinal first (one at a time when ordered, after all others are healthy).
    if (!blocked) {
      const condemned = [...byOrd.entries()].filter(([o]) => o >= replicas).sort((a, b) => b[0] - a[0]);
      for (const [, p] of condemned) {
        if (p.metadata.deletionTimestamp) {
          if (ordered) {
            blocked = true;
            break;
          }
          continue;
        }
        ownClaims(this.c, set, p, true);
        this.deletePod(set, p);
        if (ordered) {
          blocked = true;
          break;
        }
      }
    }
    // Rolling update: from the highest ordinal down to the partition, one pod at a time.
    if (!blocked && set.spec?.updateStrategy?.type !== 'OnDelete') {
      const partition = Number(set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0) || 0;
      const allHealthy = [...Array(replicas).keys()].every((o) => byOrd.get(o) && healthy(byOrd.get(o)!));
      if (allHealthy) {
        for (let ord = replicas - 1; ord >= partition; ord--) {
          const p = byOrd.get(ord)!;
          if (p.metadata.labels?.[REV] !== updateRevision) {
            this.deletePod(set, p);
            break;
          }
        }
      }
    }
    this.updateStatus(set, updateRevision, minReady);
  }

  /** Ready for minReadySeconds (and not being deleted); if it will be later, the set is synced again then. */
  private available(key: string, p: KObject, minReady: number): boolean {
    if (isPodAvailable(p, minReady, this.c.now, this.c)) return true;
    const since = this.c.msOf(p.status?.conditions?.find((x: PodCondition) => x.type === 'Ready' && x.status === 'True')?.lastTransitionTime);
    if (since !== undefined && minReady && !p.metadata.deletionTimestamp) {
      const at = since + minReady * 1000;
      const tk = `${key}@${at}`;
      if (!this.timers.has(tk)) {
        this.timers.add(tk);
        this.c.clock.at(at, () => {
          this.timers.delete(tk);
          this.c.enqueue(this, key);
        });
      }
    }
    return false;
  }

  private createPod(set: KObject, ord: number, revision: string): void {
    const name = `${set.metadata.name}-${ord}`;
    const claims = claimTemplates(set);
    createClaims(this.c, set, name, (claim) => this.claimCreated(set, claim, name));
    podFromTemplate(this.c, set.spec?.template, set, {
      name,
      extraLabels: { [REV]: revision, 'statefulset.kubernetes.io/pod-name': name, 'apps.kubernetes.io/pod-index': String(ord) },
      mutate: (pod) => {
        pod.spec.hostname = name;
        if (set.spec?.serviceName) pod.spec.subdomain = set.spec.serviceName;
        const vols: Partial<Volume>[] = Array.isArray(pod.spec.volumes) ? pod.spec.volumes : [];
        for (const t of claims) {
          const vname = t?.metadata?.name;
          const i = vols.findIndex((v) => v?.name === vname);
          const v = { name: vname, persistentVolumeClaim: { claimName: `${vname}-${name}` } };
          if (i >= 0) vols[i] = v;
          else vols.push(v);
        }
        if (vols.length) pod.spec.volumes = vols;
      },
    });
    this.c.recordEvent(
      set,
      'Normal',
      'SuccessfulCreate',
      { pod: name },
      `create Pod ${name} in StatefulSet ${set.metadata.name} successful`,
      'statefulset-controller',
    );
  }

  private claimCreated(set: KObject, claim: string, pod: string): void {
    const message = `create Claim ${claim} Pod ${pod} in StatefulSet ${set.metadata.name} success`;
    this.c.recordEvent(set, 'Normal', 'SuccessfulCreate', { claim, pod }, message, 'statefulset-controller');
  }

  private deletePod(set: KObject, p: KObject): void {
    this.c.delete(p);
    this.c.recordEvent(
      set,
      'Normal',
      'SuccessfulDelete',
      { pod: p.metadata.name },
      `delete Pod ${p.metadata.name} in StatefulSet ${set.metadata.name} successful`,
      'statefulset-controller',
    );
  }

  private updateStatus(set: KObject, updateRevision: string, minReady: number): void {
    const pods = controlled(this.c, set, 'Pod').filter((p) => !isTerminal(p));
    const replicas = Number(set.spec?.replicas ?? 1);
    const prevCurrent = set.status?.currentRevision ?? updateRevision;
    const updated = pods.filter((p) => p.metadata.labels?.[REV] === updateRevision).length;
    const ready = pods.filter((p) => isPodReady(p) && !p.metadata.deletionTimestamp).length;
    const allUpdated = updated === replicas && pods.length === replicas;
    const currentRevision = allUpdated ? updateRevision : prevCurrent;
    const next: StatefulSetStatus = {
      observedGeneration: set.metadata.generation ?? 1,
      replicas: pods.length,
      readyReplicas: ready,
      currentReplicas: pods.filter((p) => p.metadata.labels?.[REV] === currentRevision).length,
      updatedReplicas: updated,
      currentRevision,
      updateRevision,
      collisionCount: 0,
      availableReplicas: pods.filter((p) => isPodAvailable(p, minReady, this.c.now, this.c)).length,
    };
    if (statusChanged(set, next)) this.c.update(set);
  }
}
