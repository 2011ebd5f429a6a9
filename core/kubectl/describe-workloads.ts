// `kubectl describe replicaset|statefulset|daemonset|job|cronjob` (k8s.io/kubectl/pkg/describe,
// kubectl 1.32 wording): the workload kinds that run pods from a template. Their shared parts
// (labels, pod template, events) come from ./describe.
import type { Cluster } from '../cluster/cluster';
import { humanDuration } from '../cluster/clock';
import type { KObject } from '../cluster/store';
import { formatSelector } from '../k8s/labels';
import { eventsBlock, formatMap, header, labelsBlock, podTemplate, rfc1123 } from './describe';
import type { DeploymentCondition, ObjectReference, PersistentVolumeClaimTemplate } from '../k8s/types';

/** `Name:` and `Namespace:` (no creation time), as most describers start. */
const named = (c: Cluster, o: KObject) => header(c, o, false);
const meta = (o: KObject) => labelsBlock('Labels', o.metadata.labels) + labelsBlock('Annotations', o.metadata.annotations, ': ');
const selector = (o: KObject) => `Selector:\t${formatSelector(o.spec?.selector) || '<none>'}\n`;

/** `Controlled By:  Kind/name` when the object has a controller. */
export function controlledBy(o: KObject): string {
  const owner = (o.metadata.ownerReferences ?? []).find((r) => r.controller);
  return owner ? `Controlled By:\t${owner.kind}/${owner.name}\n` : '';
}

/** The phases of the pods `o` controls (getPodStatusForController). */
function podPhases(c: Cluster, o: KObject): Record<'Running' | 'Pending' | 'Succeeded' | 'Failed', number> {
  const n = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 };
  for (const p of c.list('Pod')) {
    if ((p.metadata.namespace ?? 'default') !== (o.metadata.namespace ?? 'default')) continue;
    if (!(p.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === o.metadata.uid)) continue;
    const phase = p.status?.phase ?? 'Pending';
    if (phase in n) n[phase as keyof typeof n]++;
  }
  return n;
}

const podsStatus = (c: Cluster, o: KObject) => {
  const n = podPhases(c, o);
  return `Pods Status:\t${n.Running} Running / ${n.Pending} Waiting / ${n.Succeeded} Succeeded / ${n.Failed} Failed\n`;
};

/** Deployment/ReplicaSet-style `Conditions:` table (none printed when there are none). */
export function conditionsTable(o: KObject): string {
  const conds: DeploymentCondition[] = o.status?.conditions ?? [];
  if (!conds.length) return '';
  return 'Conditions:\n  Type\tStatus\tReason\n  ----\t------\t------\n' + conds.map((x) => `  ${x.type} \t${x.status}\t${x.reason ?? ''}\n`).join('');
}

function describeReplicaSet(c: Cluster, rs: KObject): string {
  let s = named(c, rs) + selector(rs) + meta(rs) + controlledBy(rs);
  s += `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 1} desired\n`;
  s += podsStatus(c, rs) + 'Pod Template:\n' + podTemplate(rs.spec?.template) + conditionsTable(rs);
  return s + eventsBlock(c, rs);
}

function volumeClaims(templates: PersistentVolumeClaimTemplate[] | undefined): string {
  if (!templates?.length) return 'Volume Claims:\t<none>\n';
  let s = 'Volume Claims:\n';
  for (const pvc of templates) {
    s += `  Name:\t${pvc.metadata?.name ?? ''}\n  StorageClass:\t${pvc.spec?.storageClassName ?? ''}\n`;
    s += labelsBlock('Labels', pvc.metadata?.labels, '=', '  ') + labelsBlock('Annotations', pvc.metadata?.annotations, ': ', '  ');
    s += `  Capacity:\t${pvc.spec?.resources?.requests?.storage ?? '<default>'}\n  Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(' ')}]\n`;
  }
  return s;
}

function describeStatefulSet(c: Cluster, ss: KObject): string {
  const spec = ss.spec ?? {};
  let s = header(c, ss) + selector(ss) + meta(ss);
  s += `Replicas:\t${spec.replicas ?? 1} desired | ${ss.status?.replicas ?? 0} total\n`;
  s += `Update Strategy:\t${spec.updateStrategy?.type ?? 'RollingUpdate'}\n`;
  const partition = spec.updateStrategy?.rollingUpdate?.partition;
  if (partition !== undefined) s += `  Partition:\t${partition}\n`;
  s += podsStatus(c, ss) + 'Pod Template:\n' + podTemplate(spec.template) + volumeClaims(spec.volumeClaimTemplates);
  return s + eventsBlock(c, ss);
}

function describeDaemonSet(c: Cluster, ds: KObject): string {
  const st = ds.status ?? {};
  let s = `Name:\t${ds.metadata.name}\n` + selector(ds) + `Node-Selector:\t${formatMap(ds.spec?.template?.spec?.nodeSelector)}\n` + meta(ds);
  s += `Desired Number of Nodes Scheduled: ${st.desiredNumberScheduled ?? 0}\n`;
  s += `Current Number of Nodes Scheduled: ${st.currentNumberScheduled ?? 0}\n`;
  s += `Number of Nodes Scheduled with Up-to-date Pods: ${st.updatedNumberScheduled ?? 0}\n`;
  s += `Number of Nodes Scheduled with Available Pods: ${st.numberAvailable ?? 0}\n`;
  s += `Number of Nodes Misscheduled: ${st.numberMisscheduled ?? 0}\n`;
  s += podsStatus(c, ds) + 'Pod Template:\n' + podTemplate(ds.spec?.template);
  return s + eventsBlock(c, ds);
}

function describeJob(c: Cluster, job: KObject): string {
  const spec = job.spec ?? {};
  const st = job.status ?? {};
  let s = named(c, job) + selector(job) + meta(job) + controlledBy(job);
  s += `Parallelism:\t${spec.parallelism ?? 1}\nCompletions:\t${spec.completions ?? '<unset>'}\n`;
  if (spec.completionMode) s += `Completion Mode:\t${spec.completionMode}\n`;
  if (spec.suspend !== undefined) s += `Suspend:\t${spec.suspend}\n`;
  if (spec.backoffLimit !== undefined) s += `Backoff Limit:\t${spec.backoffLimit}\n`;
  if (spec.ttlSecondsAfterFinished !== undefined) s += `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`;
  if (spec.activeDeadlineSeconds !== undefined) s += `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`;
  if (st.startTime) s += `Start Time:\t${rfc1123(c, st.startTime)}\n`;
  if (st.completionTime) s += `Completed At:\t${rfc1123(c, st.completionTime)}\n`;
  const start = c.msOf(st.startTime);
  const end = c.msOf(st.completionTime);
  if (start !== undefined && end !== undefined) s += `Duration:\t${humanDuration(end - start)}\n`;
  const ready = st.ready === undefined ? '' : ` (${st.ready} Ready)`;
  s += `Pods Statuses:\t${st.active ?? 0} Active${ready} / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`;
  s += 'Pod Template:\n' + podTemplate(spec.template);
  return s + eventsBlock(c, job);
}

function describeCronJob(c: Cluster, cj: KObject): string {
  const spec = cj.spec ?? {};
  const jt = spec.jobTemplate?.spec ?? {};
  const unset = (v: string | number | undefined, suffix = '') => (v === undefined || v === null ? '<unset>' : `${v}${suffix}`);
  let s = named(c, cj) + meta(cj);
  s += `Schedule:\t${spec.schedule ?? ''}\nConcurrency Policy:\t${spec.concurrencyPolicy ?? 'Allow'}\n`;
  s += `Suspend:\t${spec.suspend === undefined ? '<unset>' : spec.suspend ? 'True' : 'False'}\n`;
  s += `Successful Job History Limit:\t${unset(spec.successfulJobsHistoryLimit)}\nFailed Job History Limit:\t${unset(spec.failedJobsHistoryLimit)}\n`;
  s += `Starting Deadline Seconds:\t${unset(spec.startingDeadlineSeconds, 's')}\n`;
  s += `Selector:\t${jt.selector ? formatSelector(jt.selector) : '<unset>'}\nParallelism:\t${unset(jt.parallelism)}\nCompletions:\t${unset(jt.completions)}\n`;
  if (jt.activeDeadlineSeconds !== undefined) s += `Active Deadline Seconds:\t${jt.activeDeadlineSeconds}s\n`;
  s += 'Pod Template:\n' + podTemplate(jt.template);
  s += `Last Schedule Time:\t${cj.status?.lastScheduleTime ? rfc1123(c, cj.status.lastScheduleTime) : '<unset>'}\n`;
  const active: ObjectReference[] = cj.status?.active ?? [];
  s += `Active Jobs:\t${active.length ? active.map((r) => r.name).join(', ') : '<none>'}\n`;
  return s + eventsBlock(c, cj);
}

export const WORKLOAD_DESCRIBERS: Record<string, (c: Cluster, o: KObject) => string> = {
  ReplicaSet: describeReplicaSet,
  StatefulSet: describeStatefulSet,
  DaemonSet: describeDaemonSet,
  Job: describeJob,
  CronJob: describeCronJob,
};
