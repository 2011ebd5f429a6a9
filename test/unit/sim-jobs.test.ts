// Item 9 of issue 12 (part): Indexed Jobs (pods JOB-INDEX-SUFFIX with the completion index in an
// annotation, a label, the hostname and JOB_COMPLETION_INDEX; status.completedIndexes) and
// ttlSecondsAfterFinished (the finished Job and its pods are deleted that long after it finished).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, cluster } from './sim-helpers';

function job(name: string, spec: any, command = 'echo working; sleep 5'): any {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: { ...spec, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'work', image: 'busybox:1.36', command: ['sh', '-c', command] }] } } },
  };
}

test('an Indexed Job runs one pod per index, named JOB-INDEX-SUFFIX with JOB_COMPLETION_INDEX, and lists completedIndexes', () => {
  const c = cluster();
  apply(c, job('render', { completionMode: 'Indexed', completions: 3, parallelism: 2 }));
  c.advance(1000);
  const first = c.list('Pod').map((p) => p.metadata.name);
  assert.equal(first.length, 2);
  assert.ok(first.some((n) => /^render-0-[a-z0-9]{5}$/.test(n)) && first.some((n) => /^render-1-[a-z0-9]{5}$/.test(n)), first.join(' '));
  const p0 = c.list('Pod').find((p) => p.metadata.name.startsWith('render-0-'))!;
  assert.equal(p0.metadata.annotations?.['batch.kubernetes.io/job-completion-index'], '0');
  assert.equal(p0.metadata.labels?.['batch.kubernetes.io/job-completion-index'], '0');
  assert.equal(p0.spec.hostname, 'render-0');
  assert.deepEqual(p0.spec.containers[0].env, [
    { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } } },
  ]);
  c.advance(30_000);
  const j = c.get('Job', 'default', 'render')!;
  assert.equal(j.status.completedIndexes, '0-2');
  assert.equal(j.status.succeeded, 3);
  assert.ok(j.status.conditions.some((x: any) => x.type === 'Complete' && x.status === 'True'));
  assert.deepEqual(
    c
      .list('Pod')
      .map((p) => p.metadata.name.replace(/-[a-z0-9]{5}$/, ''))
      .sort(),
    ['render-0', 'render-1', 'render-2'],
  );
});

test('ttlSecondsAfterFinished: the finished Job and its pods are deleted that long after it finished', () => {
  const c = cluster();
  apply(c, job('once', { ttlSecondsAfterFinished: 30 }), job('kept', {}));
  c.advance(10_000);
  assert.ok(
    c.get('Job', 'default', 'once')!.status.conditions?.some((x: any) => x.type === 'Complete'),
    'finished after its 5 s',
  );
  c.advance(20_000);
  assert.ok(c.get('Job', 'default', 'once'), 'still there before the TTL');
  c.advance(15_000);
  assert.equal(c.get('Job', 'default', 'once'), undefined, 'deleted 30 s after it finished');
  assert.ok(!c.list('Pod').some((p) => p.metadata.name.startsWith('once-')), 'its pods went with it');
  assert.ok(c.get('Job', 'default', 'kept'), 'a Job without a TTL is kept');
});

test('podFailurePolicy: a FailJob rule on an exit code fails the Job at once; an Ignore rule does not count the failure', () => {
  const c = cluster();
  const rules = [
    { action: 'FailJob', onExitCodes: { containerName: 'work', operator: 'In', values: [42] } },
    { action: 'Ignore', onExitCodes: { operator: 'In', values: [3] } },
  ];
  apply(
    c,
    job('fatal', { backoffLimit: 6, podFailurePolicy: { rules } }, 'sleep 2; exit 42'),
    job('flaky', { backoffLimit: 0, podFailurePolicy: { rules } }, 'sleep 2; exit 3'),
  );
  c.advance(60_000);
  const fatal = c.get('Job', 'default', 'fatal')!;
  const failedCond = fatal.status.conditions.find((x: any) => x.type === 'Failed');
  const pod = c.list('Pod').find((p) => p.metadata.name.startsWith('fatal-'))!;
  assert.equal(failedCond.reason, 'PodFailurePolicy');
  assert.equal(failedCond.message, `Container work for pod default/${pod.metadata.name} failed with exit code 42 matching FailJob rule at index 0`);
  assert.equal(c.list('Pod').filter((p) => p.metadata.name.startsWith('fatal-')).length, 1, 'no retry after FailJob');
  assert.ok(c.events.some((e) => e.reason === 'PodFailurePolicy' && e.name === 'fatal' && e.message === failedCond.message));
  const flaky = c.get('Job', 'default', 'flaky')!;
  assert.ok(!flaky.status.conditions?.some((x: any) => x.type === 'Failed'), 'ignored failures never reach backoffLimit 0');
  assert.ok(c.list('Pod').filter((p) => p.metadata.name.startsWith('flaky-')).length >= 3, 'each ignored failure is replaced');
  assert.equal(flaky.status.failed, undefined);
});
