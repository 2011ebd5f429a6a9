// Why a Job failed, from its Failed condition: BackoffLimitExceeded (its pods kept failing: the
// chain ends at what the failing container runs, or its memory limit when it was OOMKilled),
// DeadlineExceeded (at activeDeadlineSeconds), PodFailurePolicy (at the action of the rule that
// matched). The Job is found in its file, or through the CronJob whose jobTemplate made it.
import { defineMessages, msgOf } from '../i18n/index';
import type { MessageIds, Path } from '../manifest/types';
import { getAt } from '../k8s/podspec';
import type { Cluster } from './cluster';
import { controllerOf, type KObject } from './store';
import type { Explanation, ExplainStep } from './explain';
import { subjectOf, type Origin, type Sources } from './explain-sources';
import { both } from './explain-messages';
import { runsField } from './explain-pods';
import { through } from './explain-workloads';
import { controlled } from './controllers/common';
import { condition } from './podutil';
import { scalarText } from '../k8s/guards';
import type { Container, ContainerStatus } from '../k8s/types';

const messages = defineMessages({
  'explain.job.symptom': { en: 'Job {job} failed: {reason}', zh: 'Job {job} 失败：{reason}' },
  'explain.job.controller': { en: 'The job-controller reported {reason}: "{message}"', zh: 'job-controller 报告 {reason}："{message}"' },
  'explain.job.controller.dorm': { en: 'Electrician {job} gave up the job.', zh: '水电工 {job} 放弃了这份工作。' },
  'explain.job.backoff': {
    en: '{failed} pod(s) failed; backoffLimit is {limit}, so the Job stops after {stop} failures',
    zh: '{failed} 个 Pod 失败；backoffLimit 是 {limit}，所以失败 {stop} 次后 Job 就停止',
  },
  'explain.job.backoff.dorm': {
    en: 'Electrician {job} sends a new worker after each failure, {stop} times at most.',
    zh: '水电工 {job} 每次失败后再派一名工人，最多 {stop} 次。',
  },
  'explain.job.exit': {
    en: 'Container {container} of pod {pod} ended with exit code {code} ({reason}): this is what it runs',
    zh: 'Pod {pod} 的容器 {container} 以退出码 {code} 结束（{reason}）：它运行的就是这个',
  },
  'explain.job.exit.dorm': { en: 'Worker {container} fails at this task every time.', zh: '工人 {container} 每次都在这项任务上失败。' },
  'explain.job.oom': {
    en: 'Container {container} of pod {pod} was OOMKilled: limits.memory is {limit}',
    zh: 'Pod {pod} 的容器 {container} 被 OOMKilled：limits.memory 是 {limit}',
  },
  'explain.job.oom.dorm': {
    en: "Worker {container}'s power limiter cuts the power before the task is done.",
    zh: '工人 {container} 的限电器在任务完成前就拉闸了。',
  },
  'explain.job.deadline': {
    en: 'activeDeadlineSeconds is {seconds}: the Job may run {seconds} s in all, and its pods need longer',
    zh: 'activeDeadlineSeconds 是 {seconds}：Job 总共只能运行 {seconds} 秒，而它的 Pod 需要更久',
  },
  'explain.job.deadline.dorm': { en: 'Electrician {job} was given {seconds} s for the whole job.', zh: '水电工 {job} 整份工作只有 {seconds} 秒。' },
  'explain.job.policy': {
    en: 'Rule {index} of podFailurePolicy says {action} for this failure',
    zh: 'podFailurePolicy 的第 {index} 条规则对这种失败说 {action}',
  },
  'explain.job.policy.dorm': {
    en: 'The house rules tell electrician {job} to stop at this kind of failure.',
    zh: '宿舍规定让水电工 {job} 遇到这种失败就停下。',
  },
  'explain.job.fix.command': { en: 'Fix the command so that it exits with 0', zh: '修改命令，让它以 0 退出' },
  'explain.job.fix.memory': { en: 'Raise limits.memory', zh: '调高 limits.memory' },
  'explain.job.fix.deadline': { en: 'Raise activeDeadlineSeconds', zh: '调高 activeDeadlineSeconds' },
});

const m = msgOf(messages);

function jobOrigin(src: Sources, job: KObject): Origin | undefined {
  const own = src.find('Job', job.metadata.namespace, job.metadata.name);
  if (own) return { res: own, spec: ['spec'] };
  const ref = controllerOf(job);
  const cron = ref?.kind === 'CronJob' ? src.find('CronJob', job.metadata.namespace, ref.name) : undefined;
  return cron ? { res: cron, spec: ['spec', 'jobTemplate', 'spec'] } : undefined;
}

/** The last failed pod's first failed container: its status and where its spec is. */
function lastFailure(c: Cluster, job: KObject): { pod: string; cs: ContainerStatus; index: number; spec: Container } | undefined {
  const failed = controlled(c, job, 'Pod').filter((p) => p.status?.phase === 'Failed');
  for (const p of failed.reverse()) {
    const cs = (p.status?.containerStatuses ?? []).find((s: ContainerStatus) => s?.state?.terminated && s.state.terminated.exitCode !== 0);
    if (!cs) continue;
    const list: Container[] = Array.isArray(job.spec?.template?.spec?.containers) ? job.spec.template.spec.containers : [];
    const index = list.findIndex((k) => k?.name === cs.name);
    return { pod: p.metadata.name, cs, index, spec: list[index] ?? {} };
  }
  return undefined;
}

function backoff(c: Cluster, src: Sources, job: KObject, o: Origin | undefined): { steps: ExplainStep[]; fix?: Explanation['fix'] } {
  const name = job.metadata.name;
  const limit = Number(job.spec?.backoffLimit ?? 6);
  const steps: ExplainStep[] = [
    {
      text: both(m('explain.job.backoff', { failed: Number(job.status?.failed ?? 0), limit, stop: limit + 1 })),
      dorm: both(m('explain.job.backoff.dorm', { job: name, stop: limit + 1 })),
      ...src.within(o, ['backoffLimit']),
    },
  ];
  const f = lastFailure(c, job);
  const t = f?.cs.state?.terminated;
  if (!f || f.index < 0 || !t) return { steps };
  const container = String(f.cs.name);
  const ctr: Path = ['template', 'spec', 'containers', f.index];
  if (t.reason === 'OOMKilled') {
    const limitText = String(f.spec.resources?.limits?.memory ?? '-');
    steps.push({
      text: both(m('explain.job.oom', { container, pod: f.pod, limit: limitText })),
      dorm: both(m('explain.job.oom.dorm', { container })),
      ...src.within(o, [...ctr, 'resources', 'limits', 'memory']),
    });
    return { steps, fix: { title: both(m('explain.job.fix.memory')) } };
  }
  steps.push({
    text: both(m('explain.job.exit', { container, pod: f.pod, code: Number(t.exitCode), reason: String(t.reason ?? 'Error') })),
    dorm: both(m('explain.job.exit.dorm', { container })),
    ...src.within(o, [...ctr, runsField(f.spec)]),
  });
  return { steps, fix: { title: both(m('explain.job.fix.command')) } };
}

export function explainJobs(c: Cluster, src: Sources): Explanation[] {
  const out: Explanation[] = [];
  for (const job of c.list('Job')) {
    const failed = condition(job, 'Failed');
    if (failed?.status !== 'True') continue;
    const name = job.metadata.name;
    const reason = String(failed.reason ?? '');
    const o = jobOrigin(src, job);
    const first: ExplainStep = {
      text: both(m('explain.job.controller', { reason, message: String(failed.message ?? '') })),
      dorm: both(m('explain.job.controller.dorm', { job: name })),
    };
    let rest: { steps: ExplainStep[]; fix?: Explanation['fix'] };
    if (reason === 'DeadlineExceeded') {
      const seconds = Number(job.spec?.activeDeadlineSeconds);
      rest = {
        steps: [
          {
            text: both(m('explain.job.deadline', { seconds })),
            dorm: both(m('explain.job.deadline.dorm', { job: name, seconds })),
            ...src.within(o, ['activeDeadlineSeconds']),
          },
        ],
        fix: { title: both(m('explain.job.fix.deadline')) },
      };
    } else if (reason === 'PodFailurePolicy') {
      const index = Number(/rule at index (\d+)$/.exec(String(failed.message ?? ''))?.[1] ?? 0);
      const action = scalarText(getAt(job, ['spec', 'podFailurePolicy', 'rules', index, 'action']) ?? 'FailJob');
      rest = {
        steps: [
          {
            text: both(m('explain.job.policy', { index, action })),
            dorm: both(m('explain.job.policy.dorm', { job: name })),
            ...src.within(o, ['podFailurePolicy', 'rules', index, 'action']),
          },
        ],
      };
    } else if (reason === 'BackoffLimitExceeded') rest = backoff(c, src, job, o);
    else continue;
    out.push({
      subject: subjectOf(job),
      symptom: both(m('explain.job.symptom', { job: name, reason })),
      ...through([first], rest),
    });
  }
  return out;
}

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof messages> {}
}
