// The Job controller (pkg/controller/job): the electrician — keeps `parallelism` pods working until
// `completions` have succeeded. A failed pod is replaced after 10 s, doubling per consecutive
// failure (capped at 6 min, as in Kubernetes 1.29); more than backoffLimit failures → Failed,
// BackoffLimitExceeded. With restartPolicy OnFailure, container restarts count as failures. A pod
// deleted or evicted before it succeeded counts as failed (the tracking finalizer's job), matched
// against podFailurePolicy with the conditions it had (DisruptionTarget). Indexed Jobs may retry
// each index on its own (backoffLimitPerIndex, maxFailedIndexes) and finish early by successPolicy
// (SuccessCriteriaMet, then Complete once the other pods are gone).
import type { Cluster, Controller } from '../cluster';
import { controlled, podFromTemplate, statusChanged } from './common';
import { condition, isActive, isPodReady, isTerminal, restartCount } from '../podutil';
import { controllerOf, keyOf, objKey, type KObject } from '../store';
import type { ContainerStatus, JobStatus } from '../../k8s/types';
import { matchPodFailurePolicy } from './job-policy';
import { failedIndexes, indexOf, matchSuccessPolicy, ranges, withIndex } from './job-index';

const BACKOFF_BASE = 10_000;
const BACKOFF_MAX = 360_000;

export class JobController implements Controller {
  readonly name = 'job-controller';
  private timers = new Set<string>();
  /** Per Job uid: pods that went away before they succeeded (counted as failed). */
  private gone = new Map<string, KObject[]>();
  /** When each remembered pod went away (virtual ms). */
  private goneAt = new WeakMap<KObject, number>();
  /** Pods this controller deleted itself (not failures). */
  private mine = new Set<string>();

  constructor(private c: Cluster) {
    c.setHook('admit:Job', (j: KObject) => {
      const uid = j.metadata.uid;
      const t = (j.spec.template ??= {});
      t.metadata ??= {};
      if (!j.spec.manualSelector) {
        t.metadata.labels = {
          ...(t.metadata.labels ?? {}),
          'batch.kubernetes.io/controller-uid': uid,
          'batch.kubernetes.io/job-name': j.metadata.name,
          'controller-uid': uid,
          'job-name': j.metadata.name,
        };
        j.spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
      }
      j.status = {};
    });
    c.watch(['Job'], (ev) => {
      if (ev.type !== 'DELETED') c.enqueue(this, objKey(ev.object));
      else this.gone.delete(ev.object.metadata.uid);
    });
    c.watch(['Pod'], (ev) => {
      const ref = controllerOf(ev.object);
      if (ref?.kind !== 'Job') return;
      if (ev.type === 'DELETED') this.remember(ev.object, ref.uid);
      c.enqueue(this, keyOf(ev.object.metadata.namespace, ref.name));
    });
  }

  /**
   * A pod that went away before it succeeded (evicted, deleted by someone else) still counts as a
   * failure, as the Job's tracking finalizer makes it count in Kubernetes; the pods the controller
   * itself deletes, and those of a Job that has finished, do not.
   */
  private remember(p: KObject, jobUid: string): void {
    if (this.mine.delete(p.metadata.uid) || p.status?.phase === 'Succeeded') return;
    const job = this.c.store.getByUid(jobUid);
    if (!job || isFinished(job) || condition(job, 'SuccessCriteriaMet')?.status === 'True') return;
    const snap: KObject = { ...p, status: { ...(p.status ?? {}), phase: 'Failed' } };
    this.goneAt.set(snap, this.c.now);
    const list = this.gone.get(jobUid);
    if (list) list.push(snap);
    else this.gone.set(jobUid, [snap]);
  }

  private deletePod(p: KObject): void {
    this.mine.add(p.metadata.uid);
    this.c.delete(p);
  }

  sync(key: string): void {
    const [ns, name] = key.split('/');
    const job = this.c.get('Job', ns, name);
    if (!job || job.metadata.deletionTimestamp) return;
    const spec = job.spec ?? {};
    const pods = controlled(this.c, job, 'Pod');
    const active = pods.filter(isActive);
    const succeededPods = pods.filter((p) => p.status?.phase === 'Succeeded');
    const failedPods = [...pods.filter((p) => p.status?.phase === 'Failed'), ...(this.gone.get(job.metadata.uid) ?? [])];
    const onFailure = spec.template?.spec?.restartPolicy === 'OnFailure';
    // podFailurePolicy: a failure matching an Ignore rule is not counted; one matching FailJob fails the Job, FailIndex its index.
    let failJob: string | undefined;
    const failIndex = new Set<number>();
    const countedPods = failedPods.filter((p) => {
      const m = matchPodFailurePolicy(spec.podFailurePolicy, p);
      failJob ??= m.failJob;
      if (m.failIndex) failIndex.add(indexOf(p));
      return m.count;
    });
    const failed = countedPods.length + (onFailure ? pods.reduce((s, p) => s + restartCount(p), 0) : 0);
    // Indexed completion: each index 0 … completions−1 must succeed once (pods JOB-INDEX-SUFFIX).
    const indexed = spec.completionMode === 'Indexed' && spec.completions !== undefined && spec.completions !== null;
    const doneIdx = new Set(succeededPods.map(indexOf).filter((i) => i >= 0));
    const succeeded = indexed ? doneIdx.size : succeededPods.length;
    // backoffLimitPerIndex: each index is retried on its own and fails for good past its limit.
    const perIndexLimit = indexed && typeof spec.backoffLimitPerIndex === 'number' ? spec.backoffLimitPerIndex : undefined;
    const byIndex = failedIndexes(countedPods, failIndex, perIndexLimit ?? Infinity, doneIdx);
    const st: JobStatus = { ...(job.status ?? {}) };
    st.conditions = Array.isArray(st.conditions) ? [...st.conditions] : undefined;
    const finished = isFinished(job);
    const now = this.c.iso();
    if (!st.startTime && !spec.suspend) {
      st.startTime = now;
      if (spec.activeDeadlineSeconds) this.at(key, this.c.now + Number(spec.activeDeadlineSeconds) * 1000);
    }
    const completions = spec.completions === null || spec.completions === undefined ? undefined : Number(spec.completions);
    const parallelism = Math.max(0, Number(spec.parallelism ?? 1));
    const addCond = (type: string, reason?: string, message?: string) => {
      st.conditions = [
        ...(st.conditions ?? []),
        { type, status: 'True', lastProbeTime: now, lastTransitionTime: now, ...(reason ? { reason } : {}), ...(message ? { message } : {}) },
      ];
    };
    const fail = (reason: 'PodFailurePolicy' | 'DeadlineExceeded' | 'BackoffLimitExceeded' | 'MaxFailedIndexesExceeded' | 'FailedIndexes', message: string) => {
      for (const p of active) this.deletePod(p);
      addCond('Failed', reason, message);
      this.c.recordEvent(job, 'Warning', reason, {}, message, 'job-controller');
    };
    const complete = (reason?: string, message?: string) => {
      addCond('Complete', reason, message);
      st.completionTime = now;
      this.c.recordEvent(job, 'Normal', 'Completed', {}, 'Job completed', 'job-controller');
    };
    const met = condition(job, 'SuccessCriteriaMet');
    if (!finished && met?.status === 'True') {
      // successPolicy met: the rest of the pods are stopped (not failures), then the Job is Complete.
      for (const p of active) this.deletePod(p);
      if (pods.every(isTerminal)) complete(met.reason, met.message);
    } else if (!finished) {
      const deadlineHit =
        spec.activeDeadlineSeconds && st.startTime && (this.c.msOf(st.startTime) ?? 0) + Number(spec.activeDeadlineSeconds) * 1000 <= this.c.now;
      const maxFailed = typeof spec.maxFailedIndexes === 'number' ? spec.maxFailedIndexes : undefined;
      const success = indexed ? matchSuccessPolicy(spec.successPolicy, completions!, doneIdx) : undefined;
      if (failJob !== undefined) fail('PodFailurePolicy', failJob);
      else if (failed > Number(spec.backoffLimit ?? 6)) fail('BackoffLimitExceeded', 'Job has reached the specified backoff limit');
      else if (deadlineHit) fail('DeadlineExceeded', 'Job was active longer than specified deadline');
      else if (perIndexLimit !== undefined && maxFailed !== undefined && byIndex.failed.size > maxFailed)
        fail('MaxFailedIndexesExceeded', 'Job has exceeded the specified maximal number of failed indexes');
      else if (perIndexLimit !== undefined && byIndex.failed.size > 0 && byIndex.failed.size + doneIdx.size >= completions!)
        fail('FailedIndexes', 'Job has failed indexes');
      else if (success !== undefined) {
        addCond('SuccessCriteriaMet', 'SuccessPolicy', success);
        for (const p of active) this.deletePod(p);
        if (!active.length) complete('SuccessPolicy', success);
      } else if ((completions !== undefined && succeeded >= completions) || (completions === undefined && succeeded > 0 && active.length === 0)) {
        complete();
      } else if (!spec.suspend) this.manage(key, job, { pods, active, countedPods, succeeded, completions, parallelism, doneIdx, byIndex, perIndexLimit });
    }
    const nowActive = controlled(this.c, job, 'Pod').filter(isActive);
    if (nowActive.length) st.active = nowActive.length;
    else delete st.active;
    if (succeededPods.length) st.succeeded = succeededPods.length;
    else delete st.succeeded;
    if (indexed) st.completedIndexes = ranges(doneIdx);
    if (perIndexLimit !== undefined) st.failedIndexes = ranges(byIndex.failed);
    if (failed) st.failed = failed;
    else delete st.failed;
    st.ready = nowActive.filter(isPodReady).length;
    st.uncountedTerminatedPods = {};
    if (!st.conditions) delete st.conditions;
    if (statusChanged(job, st)) this.c.update(job);
    this.expire(key, job);
  }

  /** Creates the pods still wanted (after the back-off), or deletes those over parallelism. */
  private manage(key: string, job: KObject, s: Manage): void {
    const spec = job.spec;
    const { active, completions, parallelism, succeeded, doneIdx, byIndex, perIndexLimit } = s;
    // podReplacementPolicy Failed (the default with a podFailurePolicy): a terminating pod is replaced only once it is gone.
    const replaceOnlyFailed = (spec.podReplacementPolicy ?? (spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed')) === 'Failed';
    const busy = active.length + (replaceOnlyFailed ? s.pods.filter((p) => p.metadata.deletionTimestamp && !isTerminal(p)).length : 0);
    const indexed = doneIdx !== undefined && spec.completionMode === 'Indexed' && completions !== undefined;
    let want = completions === undefined ? (succeeded > 0 ? 0 : parallelism) : Math.min(parallelism, completions - succeeded - byIndex.failed.size);
    want = Math.max(0, want);
    if (busy < want) {
      const delay = perIndexLimit === undefined ? this.backoff(s.countedPods, s.pods) : 0;
      if (delay > this.c.now) return this.at(key, delay);
      const running = new Set(active.map(indexOf));
      let free = indexed ? [...Array(completions).keys()].filter((i) => !doneIdx.has(i) && !running.has(i) && !byIndex.failed.has(i)) : [];
      if (perIndexLimit !== undefined) {
        // Each index waits for its own back-off: 10 s doubling per failure of that index.
        const due = new Map(free.map((i) => [i, this.backoff(byIndex.perIndex.get(i) ?? [], [])]));
        const later = free.map((i) => due.get(i)!).filter((t) => t > this.c.now);
        if (later.length) this.at(key, Math.min(...later));
        free = free.filter((i) => due.get(i)! <= this.c.now);
      }
      for (let i = busy; i < want; i++) {
        const index = free.shift();
        if (indexed && index === undefined) break;
        const failures = perIndexLimit !== undefined && index !== undefined ? (byIndex.perIndex.get(index)?.length ?? 0) : undefined;
        const p = podFromTemplate(
          this.c,
          spec.template,
          job,
          index === undefined ? {} : { mutate: (pod) => withIndex(pod, job.metadata.name, index, failures) },
        );
        this.c.recordEvent(job, 'Normal', 'SuccessfulCreate', { pod: p.metadata.name }, `Created pod: ${p.metadata.name}`, 'job-controller');
      }
    } else if (active.length > want) {
      for (const p of active.slice(want)) {
        this.deletePod(p);
        this.c.recordEvent(job, 'Normal', 'SuccessfulDelete', { pod: p.metadata.name }, `Deleted pod: ${p.metadata.name}`, 'job-controller');
      }
    }
  }

  /** The TTL-after-finished controller: a finished Job with ttlSecondsAfterFinished is deleted that long after it finished (its pods with it). */
  private expire(key: string, job: KObject): void {
    const ttl = job.spec?.ttlSecondsAfterFinished;
    if (typeof ttl !== 'number' || ttl < 0) return;
    const done = condition(job, 'Complete')?.status === 'True' ? condition(job, 'Complete') : condition(job, 'Failed');
    if (done?.status !== 'True') return;
    const due = (this.c.msOf(done.lastTransitionTime) ?? this.c.now) + ttl * 1000;
    if (due > this.c.now) this.at(key, due);
    else this.c.delete(job);
  }

  /** When the next pod may be created: last failure + 10 s × 2^(consecutive failures − 1). */
  private backoff(failedPods: KObject[], all: KObject[]): number {
    if (!failedPods.length) return 0;
    const finish = (p: KObject) =>
      this.goneAt.get(p) ??
      Math.max(0, ...(p.status?.containerStatuses ?? []).map((cs: ContainerStatus) => this.c.msOf(cs.state?.terminated?.finishedAt) ?? 0));
    const lastSuccess = Math.max(0, ...all.filter((p) => p.status?.phase === 'Succeeded').map(finish));
    const consecutive = failedPods.filter((p) => finish(p) >= lastSuccess).length;
    if (!consecutive) return 0;
    const last = Math.max(...failedPods.map(finish));
    return last + Math.min(BACKOFF_BASE * 2 ** (consecutive - 1), BACKOFF_MAX);
  }

  private at(key: string, ms: number): void {
    const tk = `${key}@${ms}`;
    if (this.timers.has(tk)) return;
    this.timers.add(tk);
    this.c.clock.at(ms, () => {
      this.timers.delete(tk);
      this.c.enqueue(this, key);
    });
  }
}

interface Manage {
  pods: KObject[];
  active: KObject[];
  countedPods: KObject[];
  succeeded: number;
  completions: number | undefined;
  parallelism: number;
  doneIdx: Set<number>;
  byIndex: ReturnType<typeof failedIndexes>;
  perIndexLimit: number | undefined;
}

function isFinished(job: KObject): boolean {
  return condition(job, 'Complete')?.status === 'True' || condition(job, 'Failed')?.status === 'True';
}
