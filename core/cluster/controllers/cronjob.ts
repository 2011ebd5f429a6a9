// The CronJob controller (pkg/controller/cronjob): the cleaning auntie on a timetable. Schedules
// are read by cron-parser (standard 5 fields, @hourly etc., spec.timeZone); job names are
// <cronjob>-<scheduled unix time / 60>; Allow / Forbid (JobAlreadyActive) / Replace; missed
// beyond startingDeadlineSeconds → MissSchedule; history limits prune the oldest finished jobs.
import { CronExpressionParser } from 'cron-parser';
import type { Cluster, Controller } from '../cluster';
import { clone, controlled, ownerRef, statusChanged } from './common';
import { condition } from '../podutil';
import { controllerOf, keyOf, newMeta, objKey, type KObject } from '../store';
import type { CronJobStatus } from '../../k8s/types';

const isFinished = (j: KObject) => condition(j, 'Complete')?.status === 'True' || condition(j, 'Failed')?.status === 'True';
const isSucceeded = (j: KObject) => condition(j, 'Complete')?.status === 'True';

export class CronJobController implements Controller {
  readonly name = 'cronjob-controller';
  /** CronJob uid → the schedule time a wake-up is set for. */
  private armed = new Map<string, number>();
  /** Uids of finished Jobs already reported (SawCompletedJob); forgotten when the Job is deleted. */
  private seen = new Set<string>();

  constructor(private c: Cluster) {
    c.setHook('cronjobs', this);
    c.watch(['CronJob'], (ev) => {
      if (ev.type === 'DELETED') this.armed.delete(ev.object.metadata.uid);
      else c.enqueue(this, objKey(ev.object));
    });
    c.watch(['Job'], (ev) => {
      if (ev.type === 'DELETED') this.seen.delete(ev.object.metadata.uid);
      const ref = controllerOf(ev.object);
      if (ref?.kind === 'CronJob') c.enqueue(this, keyOf(ev.object.metadata.namespace, ref.name));
    });
  }

  /** How much the controller remembers: wake-ups set (one per CronJob) and finished Jobs reported. */
  memory(): { armed: number; seen: number } {
    return { armed: this.armed.size, seen: this.seen.size };
  }

  /** The next schedule time strictly after `afterMs` (simulated ms), or undefined if unparsable. */
  next(cj: KObject, afterMs: number): number | undefined {
    try {
      let expr = String(cj.spec?.schedule ?? '').trim();
      let tz = cj.spec?.timeZone ?? 'UTC';
      const m = /^(?:CRON_)?TZ=(\S+)\s+(.*)$/.exec(expr);
      if (m) {
        tz = m[1];
        expr = m[2];
      }
      const it = CronExpressionParser.parse(expr, { currentDate: new Date(this.c.options.epoch + afterMs), tz });
      return it.next().getTime() - this.c.options.epoch;
    } catch {
      return undefined;
    }
  }

  sync(key: string): void {
    const [ns, name] = key.split('/');
    const cj = this.c.get('CronJob', ns, name);
    if (!cj || cj.metadata.deletionTimestamp) return;
    const st: CronJobStatus = clone(cj.status ?? {});
    let jobs = controlled(this.c, cj, 'Job');
    for (const j of jobs) {
      if (isFinished(j) && !this.seen.has(j.metadata.uid)) {
        this.seen.add(j.metadata.uid);
        this.c.recordEvent(
          cj,
          'Normal',
          'SawCompletedJob',
          { job: j.metadata.name, status: isSucceeded(j) ? 'Complete' : 'Failed' },
          `Saw completed job: ${j.metadata.name}, status: ${isSucceeded(j) ? 'Complete' : 'Failed'}`,
          'cronjob-controller',
        );
        if (isSucceeded(j)) st.lastSuccessfulTime = j.status?.completionTime ?? this.c.iso();
      }
    }
    // History limits.
    const prune = (list: KObject[], limit: number) => {
      const sorted = list.sort(
        (a, b) =>
          (this.c.msOf(a.status?.startTime ?? a.metadata.creationTimestamp) ?? 0) - (this.c.msOf(b.status?.startTime ?? b.metadata.creationTimestamp) ?? 0),
      );
      for (const j of sorted.slice(0, Math.max(0, sorted.length - limit))) this.deleteJob(cj, j);
    };
    prune(
      jobs.filter((j) => isSucceeded(j)),
      Number(cj.spec?.successfulJobsHistoryLimit ?? 3),
    );
    prune(
      jobs.filter((j) => isFinished(j) && !isSucceeded(j)),
      Number(cj.spec?.failedJobsHistoryLimit ?? 1),
    );
    jobs = controlled(this.c, cj, 'Job');

    if (!cj.spec?.suspend) {
      const last = this.c.msOf(st.lastScheduleTime) ?? this.c.msOf(cj.metadata.creationTimestamp) ?? 0;
      // The most recent schedule time that is due (at most 100 missed runs looked at, as the real controller).
      let due: number | undefined;
      let t = this.next(cj, last);
      for (let i = 0; t !== undefined && t <= this.c.now && i < 100; i++) {
        due = t;
        t = this.next(cj, t);
      }
      if (due !== undefined) {
        const deadline = cj.spec?.startingDeadlineSeconds;
        if (deadline !== undefined && deadline !== null && due + Number(deadline) * 1000 < this.c.now) {
          this.c.recordEvent(
            cj,
            'Warning',
            'MissSchedule',
            { scheduled: this.c.iso(due) },
            `Missed scheduled time to start a job: ${this.c.iso(due)}`,
            'cronjob-controller',
          );
          st.lastScheduleTime = this.c.iso(due);
        } else this.run(cj, st, jobs, due);
      }
      const nextAt = this.next(cj, Math.max(this.c.now, this.c.msOf(st.lastScheduleTime) ?? 0));
      if (nextAt !== undefined && this.armed.get(cj.metadata.uid) !== nextAt) {
        this.armed.set(cj.metadata.uid, nextAt);
        this.c.clock.at(nextAt, () => this.c.enqueue(this, key));
      }
    }
    const activeJobs = controlled(this.c, cj, 'Job').filter((j) => !isFinished(j));
    if (activeJobs.length)
      st.active = activeJobs.map((j) => ({
        apiVersion: 'batch/v1',
        kind: 'Job',
        name: j.metadata.name,
        namespace: ns,
        uid: j.metadata.uid,
        resourceVersion: j.metadata.resourceVersion,
      }));
    else delete st.active;
    if (statusChanged(cj, st)) this.c.update(cj);
  }

  private run(cj: KObject, st: CronJobStatus, jobs: KObject[], due: number): void {
    const name = `${cj.metadata.name}-${Math.floor((this.c.options.epoch + due) / 60000)}`;
    if (this.c.get('Job', cj.metadata.namespace, name)) {
      st.lastScheduleTime = this.c.iso(due);
      return;
    }
    const active = jobs.filter((j) => !isFinished(j));
    const policy = cj.spec?.concurrencyPolicy ?? 'Allow';
    if (policy === 'Forbid' && active.length) {
      this.c.recordEvent(
        cj,
        'Normal',
        'JobAlreadyActive',
        {},
        'Not starting job because prior execution is running and concurrency policy is Forbid',
        'cronjob-controller',
      );
      return;
    }
    if (policy === 'Replace') for (const j of active) this.deleteJob(cj, j);
    this.createJob(cj, name, due);
    st.lastScheduleTime = this.c.iso(due);
  }

  createJob(cj: KObject, name: string, scheduled?: number, manual = false): KObject {
    const jt = cj.spec?.jobTemplate ?? {};
    const job: KObject = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: newMeta({
        name,
        namespace: cj.metadata.namespace,
        labels: { ...(jt.metadata?.labels ?? {}) },
        annotations: {
          ...(jt.metadata?.annotations ?? {}),
          ...(manual ? { 'cronjob.kubernetes.io/instantiate': 'manual' } : { 'batch.kubernetes.io/cronjob-scheduled-timestamp': this.c.iso(scheduled) }),
        },
        ownerReferences: [ownerRef(cj)],
      }),
      spec: clone(jt.spec ?? {}),
    };
    const created = this.c.create(job);
    if (!manual) this.c.recordEvent(cj, 'Normal', 'SuccessfulCreate', { job: name }, `Created job ${name}`, 'cronjob-controller');
    return created;
  }

  private deleteJob(cj: KObject, j: KObject): void {
    this.c.delete(j);
    this.c.recordEvent(cj, 'Normal', 'SuccessfulDelete', { job: j.metadata.name }, `Deleted job ${j.metadata.name}`, 'cronjob-controller');
  }
}
