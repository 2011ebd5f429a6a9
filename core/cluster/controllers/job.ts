// The Job controller (pkg/controller/job): the electrician — keeps `parallelism` pods working until
// `completions` have succeeded. A failed pod is replaced after 10 s, doubling per consecutive
// failure (capped at 6 min, as in Kubernetes 1.29); more than backoffLimit failures → Failed,
// BackoffLimitExceeded. With restartPolicy OnFailure, container restarts count as failures.
import type { Cluster, Controller } from '../cluster';
import { controlled, podFromTemplate, statusChanged } from './common';
import { condition, isActive, isPodReady, restartCount } from '../podutil';
import { controllerOf, keyOf, objKey, type KObject } from '../store';

const BACKOFF_BASE = 10_000;
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
    const failed = failedPods.length + (onFailure ? pods.reduce((s, p) => s + restartCount(p), 0) : 0);
    const succeeded = succeededPods.length;
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
      if (failed > Number(spec.backoffLimit ?? 6) || deadlineHit) {
        for (const p of active) this.c.delete(p);
        const reason = deadlineHit ? 'DeadlineExceeded' : 'BackoffLimitExceeded';
        const message = deadlineHit ? 'Job was active longer than specified deadline' : 'Job has reached the specified backoff limit';
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
          const delay = this.backoff(failedPods, pods);
          if (delay > this.c.now) this.at(key, delay);
          else {
            for (let i = active.length; i < want; i++) {
              const p = podFromTemplate(this.c, spec.template, job);
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
    if (succeeded) st.succeeded = succeeded;
    else delete st.succeeded;
    if (failed) st.failed = failed;
    else delete st.failed;
    st.ready = nowActive.filter(isPodReady).length;
    st.uncountedTerminatedPods = {};
    if (!st.conditions) delete st.conditions;
    if (statusChanged(job, st)) this.c.update(job);
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
