// The Job controller (pkg/controller/job): the electrician — keeps `parallelism` pods working until
// `completions` have succeeded. A failed pod is replaced after 10 s, doubling per consecutive
// failure (capped at 6 min, as in Kubernetes 1.29); more than backoffLimit failures → Failed,
// BackoffLimitExceeded. With restartPolicy OnFailure, container restarts count as failures.
import type { Cluster, Controller } from '../cluster';
import { controlled, podFromTemplate, statusChanged } from './common';
import { condition, isActive, isPodReady, restartCount } from '../podutil';
import { controllerOf, keyOf, objKey, type KObject } from '../store';
import { matchPodFailurePolicy } from './job-policy';

const BACKOFF_BASE = 10_000;
const INDEX_KEY = 'batch.kubernetes.io/job-completion-index';

/** A pod's completion index (Indexed Jobs), or −1. */
function indexOf(p: KObject): number {
  const v = p.metadata.annotations?.[INDEX_KEY];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : -1;
}

/** What the Job controller adds to an Indexed Job's pod: name JOB-INDEX-SUFFIX, the index annotation and label, hostname, JOB_COMPLETION_INDEX. */
function withIndex(pod: KObject, job: string, index: number): void {
  pod.metadata.generateName = `${job}-${index}-`;
  pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), [INDEX_KEY]: String(index) };
  pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [INDEX_KEY]: String(index) };
  pod.spec.hostname ??= `${job}-${index}`;
  const env = { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${INDEX_KEY}']` } } };
  for (const c of [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])])
    if (c && typeof c === 'object') c.env = [...(Array.isArray(c.env) ? c.env : []), env];
}

/** `0-2,4` from sorted indexes, as status.completedIndexes writes them. */
function ranges(xs: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < xs.length; i++) {
    let j = i;
    while (j + 1 < xs.length && xs[j + 1] === xs[j] + 1) j++;
    out.push(j > i ? `${xs[i]}-${xs[j]}` : String(xs[i]));
    i = j;
  }
  return out.join(',');
}
const BACKOFF_MAX = 360_000;

export class JobController implements Controller {
  readonly name = 'job-controller';
  private timers = new Set<string>();

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
    });
    c.watch(['Pod'], (ev) => {
      const ref = controllerOf(ev.object);
      if (ref?.kind === 'Job') c.enqueue(this, keyOf(ev.object.metadata.namespace, ref.name));
    });
  }

  sync(key: string): void {
    const [ns, name] = key.split('/');
    const job = this.c.get('Job', ns, name);
    if (!job || job.metadata.deletionTimestamp) return;
    const spec = job.spec ?? {};
    const pods = controlled(this.c, job, 'Pod');
    const active = pods.filter(isActive);
    const succeededPods = pods.filter((p) => p.status?.phase === 'Succeeded');
    const failedPods = pods.filter((p) => p.status?.phase === 'Failed');
    const onFailure = spec.template?.spec?.restartPolicy === 'OnFailure';
    // podFailurePolicy: a failure matching an Ignore rule is not counted; one matching FailJob fails the Job.
    let failJob: string | undefined;
    const countedPods = failedPods.filter((p) => {
      const m = matchPodFailurePolicy(spec.podFailurePolicy, p);
      failJob ??= m.failJob;
      return m.count;
    });
    const failed = countedPods.length + (onFailure ? pods.reduce((s, p) => s + restartCount(p), 0) : 0);
    // Indexed completion: each index 0 … completions−1 must succeed once (pods JOB-INDEX-SUFFIX).
    const indexed = spec.completionMode === 'Indexed' && spec.completions !== undefined && spec.completions !== null;
    const doneIdx = new Set(succeededPods.map(indexOf).filter((i) => i >= 0));
    const succeeded = indexed ? doneIdx.size : succeededPods.length;
    const st: any = { ...(job.status ?? {}) };
    st.conditions = Array.isArray(st.conditions) ? [...st.conditions] : undefined;
    const finished = condition(job, 'Complete')?.status === 'True' || condition(job, 'Failed')?.status === 'True';
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
    if (!finished) {
      const deadlineHit =
        spec.activeDeadlineSeconds && st.startTime && (this.c.msOf(st.startTime) ?? 0) + Number(spec.activeDeadlineSeconds) * 1000 <= this.c.now;
      if (failJob !== undefined || failed > Number(spec.backoffLimit ?? 6) || deadlineHit) {
        for (const p of active) this.c.delete(p);
        const reason = failJob !== undefined ? 'PodFailurePolicy' : deadlineHit ? 'DeadlineExceeded' : 'BackoffLimitExceeded';
        const message = failJob ?? (deadlineHit ? 'Job was active longer than specified deadline' : 'Job has reached the specified backoff limit');
        addCond('Failed', reason, message);
        this.c.recordEvent(job, 'Warning', reason, {}, message, 'job-controller');
      } else if ((completions !== undefined && succeeded >= completions) || (completions === undefined && succeeded > 0 && active.length === 0)) {
        addCond('Complete');
        st.completionTime = now;
        this.c.recordEvent(job, 'Normal', 'Completed', {}, 'Job completed', 'job-controller');
      } else if (!spec.suspend) {
        let want = completions === undefined ? (succeeded > 0 ? 0 : parallelism) : Math.min(parallelism, completions - succeeded);
        want = Math.max(0, want);
        if (active.length < want) {
          const delay = this.backoff(countedPods, pods);
          if (delay > this.c.now) this.at(key, delay);
          else {
            const running = new Set(active.map(indexOf));
            const free = indexed ? [...Array(completions).keys()].filter((i) => !doneIdx.has(i) && !running.has(i)) : [];
            for (let i = active.length; i < want; i++) {
              const index = free.shift();
              const p = podFromTemplate(this.c, spec.template, job, index === undefined ? {} : { mutate: (pod) => withIndex(pod, job.metadata.name, index) });
              this.c.recordEvent(job, 'Normal', 'SuccessfulCreate', { pod: p.metadata.name }, `Created pod: ${p.metadata.name}`, 'job-controller');
            }
          }
        } else if (active.length > want) {
          for (const p of active.slice(want)) {
            this.c.delete(p);
            this.c.recordEvent(job, 'Normal', 'SuccessfulDelete', { pod: p.metadata.name }, `Deleted pod: ${p.metadata.name}`, 'job-controller');
          }
        }
      }
    }
    const nowActive = controlled(this.c, job, 'Pod').filter(isActive);
    if (nowActive.length) st.active = nowActive.length;
    else delete st.active;
    if (succeededPods.length) st.succeeded = succeededPods.length;
    else delete st.succeeded;
    if (indexed) st.completedIndexes = ranges([...doneIdx].sort((a, b) => a - b));
    if (failed) st.failed = failed;
    else delete st.failed;
    st.ready = nowActive.filter(isPodReady).length;
    st.uncountedTerminatedPods = {};
    if (!st.conditions) delete st.conditions;
    if (statusChanged(job, st)) this.c.update(job);
    this.expire(key, job);
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
    const finish = (p: KObject) => Math.max(0, ...(p.status?.containerStatuses ?? []).map((cs: any) => this.c.msOf(cs.state?.terminated?.finishedAt) ?? 0));
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
