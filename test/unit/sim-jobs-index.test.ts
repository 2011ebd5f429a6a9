// Item 9 of issue 12 (rest): backoffLimitPerIndex / maxFailedIndexes (status.failedIndexes, the
// FailedIndexes and MaxFailedIndexesExceeded failures), successPolicy (SuccessCriteriaMet, then
// Complete), and pods the cluster evicts carrying DisruptionTarget into podFailurePolicy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, cluster, kubectl } from './sim-helpers';
import type { Cluster } from '../../core/cluster/cluster';
import type { KObject } from '../../core/cluster/store';

function job(name: string, spec: any, command = 'sleep 30'): any {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: { ...spec, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'work', image: 'busybox:1.36', command: ['sh', '-c', command] }] } } },
  };
}

const cond = (c: Cluster, name: string, type: string) => c.get('Job', 'default', name)!.status.conditions?.find((x: any) => x.type === type);
const running = (c: Cluster, prefix: string): KObject | undefined =>
  c.list('Pod').find((p) => p.metadata.name.startsWith(prefix) && p.status?.phase === 'Running' && !p.metadata.deletionTimestamp);

test('backoffLimitPerIndex: an index that fails past its own limit fails for good; the others finish, then the Job fails with FailedIndexes', () => {
  const c = cluster();
  apply(c, job('render', { completionMode: 'Indexed', completions: 3, parallelism: 3, backoffLimitPerIndex: 1 }));
  assert.equal(c.get('Job', 'default', 'render')!.spec.backoffLimit, 2147483647, 'backoffLimit defaults to MaxInt32 with backoffLimitPerIndex');
  c.advanceUntil(() => !!running(c, 'render-1-'), 20_000);
  kubectl(c, `crash ${running(c, 'render-1-')!.metadata.name}`);
  c.advanceUntil(() => !!running(c, 'render-1-'), 60_000);
  const again = running(c, 'render-1-')!;
  assert.equal(again.metadata.annotations?.['batch.kubernetes.io/job-index-failure-count'], '1', 'the replacement carries its index failure count');
  kubectl(c, `crash ${again.metadata.name}`);
  c.advance(120_000);
  const j = c.get('Job', 'default', 'render')!;
  assert.equal(j.status.failedIndexes, '1');
  assert.equal(j.status.completedIndexes, '0,2');
  assert.equal(j.status.failed, 2);
  assert.equal(cond(c, 'render', 'Failed')?.reason, 'FailedIndexes');
  assert.equal(cond(c, 'render', 'Failed')?.message, 'Job has failed indexes');
  assert.equal(c.list('Pod').filter((p) => p.metadata.name.startsWith('render-1-')).length, 2, 'index 1 is not retried past its limit');
  assert.ok(c.events.some((e) => e.reason === 'FailedIndexes' && e.type === 'Warning' && e.name === 'render'));
});

test('maxFailedIndexes: once more indexes failed than allowed, the Job fails with MaxFailedIndexesExceeded', () => {
  const c = cluster();
  apply(c, job('scan', { completionMode: 'Indexed', completions: 4, parallelism: 1, backoffLimitPerIndex: 0, maxFailedIndexes: 0 }, 'sleep 2; exit 1'));
  c.advance(120_000);
  const j = c.get('Job', 'default', 'scan')!;
  assert.equal(cond(c, 'scan', 'Failed')?.reason, 'MaxFailedIndexesExceeded');
  assert.equal(cond(c, 'scan', 'Failed')?.message, 'Job has exceeded the specified maximal number of failed indexes');
  assert.equal(j.status.failedIndexes, '0');
  assert.equal(c.list('Pod').length, 1, 'no index was tried after the first failed');
});

test('successPolicy: once the named indexes succeed the Job meets its success criteria, stops the rest and is Complete', () => {
  const c = cluster();
  apply(c, job('lead', { completionMode: 'Indexed', completions: 3, parallelism: 3, successPolicy: { rules: [{ succeededIndexes: '0-1' }] } }));
  c.advanceUntil(() => !!running(c, 'lead-2-'), 20_000);
  kubectl(c, `crash ${running(c, 'lead-2-')!.metadata.name}`);
  c.advanceUntil(() => cond(c, 'lead', 'SuccessCriteriaMet') !== undefined, 120_000);
  const met = cond(c, 'lead', 'SuccessCriteriaMet');
  assert.deepEqual([met.status, met.reason, met.message], ['True', 'SuccessPolicy', 'Matched rules at index 0']);
  assert.equal(cond(c, 'lead', 'Complete'), undefined, 'not Complete while a pod of index 2 is still stopping');
  assert.ok(
    c.list('Pod').some((p) => p.metadata.name.startsWith('lead-2-') && p.metadata.deletionTimestamp),
    'the rest are stopped',
  );
  c.advance(60_000);
  const done = cond(c, 'lead', 'Complete');
  assert.deepEqual([done?.reason, done?.message], ['SuccessPolicy', 'Matched rules at index 0']);
  const j = c.get('Job', 'default', 'lead')!;
  assert.equal(j.status.completedIndexes, '0-1');
  assert.equal(j.status.failed, 1, 'the crashed pod counts; the pod stopped after success does not');
});

test('DisruptionTarget: a pod the taint manager evicts carries the condition, and podFailurePolicy matches it (FailJob, Ignore)', () => {
  const c = cluster({ nodes: 1 });
  const onDisruption = (action: string) => ({ podFailurePolicy: { rules: [{ action, onPodConditions: [{ type: 'DisruptionTarget' }] }] }, backoffLimit: 0 });
  apply(c, job('fragile', onDisruption('FailJob'), 'sleep 600'), job('patient', onDisruption('Ignore'), 'sleep 600'));
  c.advance(10_000);
  const victim = running(c, 'fragile-')!;
  kubectl(c, 'taint nodes node-1 maintenance=now:NoExecute');
  c.advance(1);
  const marked = c.get('Pod', 'default', victim.metadata.name)!;
  const { type, status, reason, message } = marked.status.conditions.find((x: any) => x.type === 'DisruptionTarget') ?? {};
  assert.deepEqual([type, status, reason, message], ['DisruptionTarget', 'True', 'DeletionByTaintManager', 'Taint manager: deleting due to NoExecute taint']);
  assert.ok(marked.metadata.deletionTimestamp, 'and deletes it');
  c.advance(60_000);
  const failed = cond(c, 'fragile', 'Failed');
  assert.equal(failed?.reason, 'PodFailurePolicy');
  assert.equal(failed?.message, `Pod default/${victim.metadata.name} has condition DisruptionTarget matching FailJob rule at index 0`);
  assert.equal(cond(c, 'patient', 'Failed'), undefined, 'an ignored disruption never reaches backoffLimit 0');
  assert.equal(c.get('Job', 'default', 'patient')!.status.failed, undefined);
  assert.equal(
    c.list('Pod').filter((p) => p.metadata.name.startsWith('patient-')).length,
    1,
    'its pod is replaced (the replacement waits for an untainted node)',
  );
});

test('a Job pod deleted before it succeeded counts as a failure (backoffLimit 0 → BackoffLimitExceeded)', () => {
  const c = cluster();
  apply(c, job('once', { backoffLimit: 0 }, 'sleep 600'));
  c.advance(10_000);
  kubectl(c, `delete pod ${running(c, 'once-')!.metadata.name}`);
  c.advance(60_000);
  assert.equal(cond(c, 'once', 'Failed')?.reason, 'BackoffLimitExceeded');
  assert.equal(c.get('Job', 'default', 'once')!.status.failed, 1);
});
