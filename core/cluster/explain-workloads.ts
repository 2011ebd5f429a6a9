// Why a manager or a timetable is unhealthy: a Deployment whose rollout does not progress
// (ProgressDeadlineExceeded, or its new ReplicaSet's pods not Ready), a ReplicaSet with pods not
// Ready, a CronJob whose schedule never comes, and an object the API server refused. A manager's
// chain goes down to one of its pods and continues with that pod's chain, to the line to change.
import type { KDiagnostic } from '../manifest/types';
import { t } from '../i18n/index';
import { isClusterScopedKind } from '../k8s/kinds';
import type { Cluster } from './cluster';
import type { KObject } from './store';
import type { Explanation, ExplainStep } from './explain';
import { subjectOf, type Sources } from './explain-sources';
import { both, explainMsg as m, joined } from './explain-messages';
import { explainPod } from './explain-pods';
import { controlled, revisionOf } from './controllers/common';
import { condition, isPodReady } from './podutil';
import type { CronJobController } from './controllers/cronjob';

/** The first of `pods` that is not Ready and has a chain of its own (sorted by name, so the same pod is chosen each time). */
export function brokenPod(c: Cluster, src: Sources, pods: KObject[]): { pod: KObject; why: Explanation } | undefined {
  const live = pods.filter((p) => !p.metadata.deletionTimestamp && !isPodReady(p));
  live.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
  for (const pod of live) {
    const why = explainPod(c, src, pod);
    if (why) return { pod, why };
  }
  return undefined;
}

/** The steps that lead to another chain (a pod's, a claim's, a cause's), then that chain and its fix. */
export function through(first: ExplainStep[], then: Pick<Explanation, 'steps' | 'fix'>): Pick<Explanation, 'steps' | 'fix'> {
  return { steps: [...first, ...then.steps], ...(then.fix ? { fix: then.fix } : {}) };
}

/** A Deployment whose rollout is stuck (`stalledOnly`) or has not finished because its new ReplicaSet's pods are not Ready. */
export function explainDeployment(c: Cluster, src: Sources, d: KObject, stalledOnly: boolean): Explanation | undefined {
  const prog = condition(d, 'Progressing');
  const stalled = prog?.status === 'False' && prog.reason === 'ProgressDeadlineExceeded';
  if (stalledOnly && !stalled) return undefined;
  const sets = controlled(c, d, 'ReplicaSet');
  if (!sets.length) return undefined;
  const rs = sets.reduce((a, b) => (revisionOf(b) > revisionOf(a) ? b : a));
  const bad = brokenPod(c, src, controlled(c, rs, 'Pod'));
  if (!bad) return undefined;
  const name = d.metadata.name;
  const want = Number(d.spec?.replicas ?? 1);
  const ready = Number(rs.status?.readyReplicas ?? 0);
  const args = { name, rs: rs.metadata.name, pod: bad.pod.metadata.name, ready, want, rsWant: Number(rs.spec?.replicas ?? 0) };
  const first: ExplainStep[] = [];
  if (stalled)
    first.push({ text: both(m('explain.rollout.deadline', { message: String(prog.message ?? '') })), dorm: both(m('explain.rollout.deadline.dorm', args)) });
  first.push({
    text: joined(both(m('explain.rollout.pods', args)), bad.why.symptom),
    dorm: both(m('explain.rollout.pods.dorm', args)),
  });
  return { subject: subjectOf(d), symptom: both(m(stalled ? 'explain.rollout.symptom' : 'explain.rollout.unfinished', args)), ...through(first, bad.why) };
}

/** A ReplicaSet with fewer Ready pods than it wants, down to one of them. */
export function explainReplicaSet(c: Cluster, src: Sources, rs: KObject): Explanation | undefined {
  const bad = brokenPod(c, src, controlled(c, rs, 'Pod'));
  if (!bad) return undefined;
  const args = { rs: rs.metadata.name, pod: bad.pod.metadata.name, ready: Number(rs.status?.readyReplicas ?? 0), want: Number(rs.spec?.replicas ?? 1) };
  const first: ExplainStep[] = [
    {
      text: bad.why.symptom,
      dorm: both(m('explain.rs.pods.dorm', args)),
    },
  ];
  return { subject: subjectOf(rs), symptom: both(m('explain.rs.symptom', args)), ...through(first, bad.why) };
}

/** A CronJob (not suspended) whose schedule has no next time: the controller never makes a Job. */
export function explainCronJob(c: Cluster, src: Sources, cj: KObject): Explanation | undefined {
  if (cj.spec?.suspend === true) return undefined;
  const ctl = c.hook<CronJobController | undefined>('cronjobs');
  if (!ctl || ctl.next(cj, c.now) !== undefined) return undefined;
  const res = src.find('CronJob', cj.metadata.namespace, cj.metadata.name);
  const args = { name: cj.metadata.name, schedule: String(cj.spec?.schedule ?? '') };
  return {
    subject: subjectOf(cj),
    symptom: both(m('explain.cron.symptom', args)),
    steps: [{ text: both(m('explain.cron.never', args)), dorm: both(m('explain.cron.never.dorm', args)), ...(res ? src.at(res, ['spec', 'schedule']) : {}) }],
  };
}

/** An object the API server refused (the linter's error at apply): it is not in the cluster at all. The chain ends where the refusal points. */
export function explainRefusal(src: Sources, d: KDiagnostic): Explanation | undefined {
  const res = src.resourceAt(d.uri, d.range.start.line);
  if (!res?.name) return undefined;
  const args = { kind: res.kind, name: res.name };
  return {
    subject: { kind: res.kind, ...(isClusterScopedKind(res.kind) ? {} : { namespace: res.namespace ?? 'default' }), name: res.name },
    symptom: both(m('explain.refused.symptom', args)),
    steps: [
      { text: both(m('explain.refused.apiserver', args)), dorm: both(m(res.kind === 'CronJob' ? 'explain.refused.cron.dorm' : 'explain.refused.dorm', args)) },
      {
        text: { en: t(d.message, 'en'), zh: t(d.message, 'zh-cn') },
        dorm: both(m('explain.refused.line.dorm')),
        file: d.uri,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
      },
    ],
  };
}
