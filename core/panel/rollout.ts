// A Deployment's rollout over virtual time, for the panel's chart: desired (spec.replicas),
// updated, ready and available replicas, one sample each time one of them (or the revision)
// changes, at most ROLLOUT_SAMPLES per Deployment (the oldest go first). The simulated cluster's
// history watches every Deployment write, so a rollout that happens inside one long step is seen
// change by change at its own virtual times; any other source (a real cluster's informers) is
// sampled each time the panel's state is built. The chart is a step line from these samples.
import type { Cluster } from '../cluster/cluster';
import type { KObject } from '../cluster/store';
import { ROLLOUT_SAMPLES, type RolloutSample } from './wire';

const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : 0);

/** The counts a Deployment's chart draws, at `t`. */
export function rolloutSample(d: KObject, t: number): RolloutSample {
  const desired = d.spec?.replicas === undefined ? 1 : count(d.spec.replicas);
  const rev = count(Number(d.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0));
  return [t, desired, count(d.status?.updatedReplicas), count(d.status?.readyReplicas), count(d.status?.availableReplicas), rev];
}

const keyOf = (d: KObject) => `${d.metadata.namespace ?? 'default'}/${d.metadata.name}`;
const sameCounts = (a: RolloutSample, b: RolloutSample) => a.every((v, i) => i === 0 || v === b[i]);

export class RolloutHistory {
  private series = new Map<string, RolloutSample[]>();

  /** Records a Deployment's counts at `t` when they differ from its last sample (a second change at the same `t` replaces it). */
  observe(d: KObject, t: number): void {
    const key = keyOf(d);
    const s = rolloutSample(d, t);
    const list = this.series.get(key);
    if (!list) return void this.series.set(key, [s]);
    const last = list[list.length - 1];
    if (sameCounts(last, s)) return;
    if (last[0] === s[0]) list[list.length - 1] = s;
    else list.push(s);
    // Two equal neighbours after a replacement carry nothing: the later one goes.
    if (list.length > 1 && sameCounts(list[list.length - 2], list[list.length - 1])) list.pop();
    if (list.length > ROLLOUT_SAMPLES) list.splice(0, list.length - ROLLOUT_SAMPLES);
  }

  forget(d: KObject): void {
    this.series.delete(keyOf(d));
  }

  /** The samples of a Deployment (a copy, oldest first); [] when it was never seen. */
  of(d: KObject): RolloutSample[] {
    return (this.series.get(keyOf(d)) ?? []).map((s) => [...s] as RolloutSample);
  }
}

const histories = new WeakMap<Cluster, RolloutHistory>();

/** The simulated cluster's history, made on first use: from then on every Deployment write is a sample at the cluster's time. */
export function clusterRolloutHistory(c: Cluster): RolloutHistory {
  let h = histories.get(c);
  if (h) return h;
  const made = new RolloutHistory();
  for (const d of c.list('Deployment')) made.observe(d, c.now);
  c.watch(['Deployment'], (ev) => (ev.type === 'DELETED' ? made.forget(ev.object) : made.observe(ev.object, c.now)));
  histories.set(c, made);
  h = made;
  return h;
}
