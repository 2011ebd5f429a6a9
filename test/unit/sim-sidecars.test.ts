// Item 8 of issue 12: native sidecars (initContainers with restartPolicy: Always, Kubernetes 1.29+)
// start before the main containers (the next init container starts once the sidecar has started),
// keep running (`tail -f` too), count in READY (2/2), stop after the main containers when the pod
// is deleted, and in a Job's pod are stopped once the main containers have finished.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, cluster, kubectl } from './sim-helpers';

const SIDECAR = { name: 'logs', image: 'busybox:1.36', restartPolicy: 'Always', command: ['sh', '-c', 'tail -F /var/log/app.log'] };

test('a native sidecar starts before the main container, keeps running, counts in READY, and stops after it', () => {
  const c = cluster();
  apply(c, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web' },
    spec: {
      initContainers: [SIDECAR, { name: 'migrate', image: 'busybox:1.36', command: ['sh', '-c', 'echo migrating; sleep 3'] }],
      containers: [{ name: 'web', image: 'nginx:1.27' }],
    },
  });
  c.advance(60_000);
  const p = c.get('Pod', 'default', 'web')!;
  const logs = p.status.initContainerStatuses[0];
  assert.ok(logs.state.running && logs.started && logs.ready, `the sidecar runs: ${JSON.stringify(logs)}`);
  assert.equal(logs.restartCount, 0, 'tail -F runs for ever');
  assert.equal(p.status.initContainerStatuses[1].state.terminated?.exitCode, 0, 'the next init container ran after the sidecar started');
  assert.ok(p.status.containerStatuses[0].state.running);
  const started = (name: string) => c.events.find((e) => e.reason === 'Started' && e.args.container === name)!.t;
  assert.ok(started('logs') < started('migrate') && started('migrate') < started('web'), 'sidecar, then init, then main');
  assert.match(kubectl(c, 'get pods'), /^web\s+2\/2\s+Running\s+0\s/m);
  assert.equal(p.status.conditions.find((x: any) => x.type === 'Ready').status, 'True');
  // Deleted: the main container is stopped first, the sidecar after it.
  kubectl(c, 'delete pod web');
  c.advance(60_000);
  const killing = c.events.filter((e) => e.reason === 'Killing').map((e) => e.args.container);
  assert.deepEqual(killing, ['web', 'logs']);
  assert.equal(c.get('Pod', 'default', 'web'), undefined);
});

test("a Job's pod with a sidecar completes when its main container exits; the sidecar is stopped", () => {
  const c = cluster();
  apply(c, {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'report' },
    spec: {
      template: {
        spec: {
          restartPolicy: 'Never',
          initContainers: [SIDECAR],
          containers: [{ name: 'report', image: 'busybox:1.36', command: ['sh', '-c', 'echo working; sleep 10'] }],
        },
      },
    },
  });
  c.advance(60_000);
  const job = c.get('Job', 'default', 'report')!;
  assert.equal(job.status.succeeded, 1, JSON.stringify(job.status));
  const p = c.list('Pod').find((x) => x.metadata.labels?.['job-name'] === 'report')!;
  assert.equal(p.status.phase, 'Succeeded');
  assert.ok(p.status.initContainerStatuses[0].state.terminated, 'the sidecar was stopped');
  assert.match(kubectl(c, 'get pods'), /^report-\S+\s+0\/2\s+Completed\s+0\s/m);
});

test("the next init container waits for the sidecar's startupProbe", () => {
  const c = cluster();
  apply(c, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web' },
    spec: {
      initContainers: [
        {
          ...SIDECAR,
          command: ['sh', '-c', 'sleep 5; touch /tmp/up; tail -f /dev/null'],
          startupProbe: { exec: { command: ['cat', '/tmp/up'] }, periodSeconds: 2, failureThreshold: 10 },
        },
        { name: 'migrate', image: 'busybox:1.36', command: ['sh', '-c', 'echo migrating'] },
      ],
      containers: [{ name: 'web', image: 'nginx:1.27' }],
    },
  });
  c.advance(30_000);
  const started = (name: string) => c.events.find((e) => e.reason === 'Started' && e.args.container === name)!.t;
  assert.ok(
    started('migrate') - started('logs') >= 6_000,
    `migrate waited for the startup probe (first pass at 6 s): ${started('migrate') - started('logs')} ms`,
  );
  assert.match(kubectl(c, 'get pods'), /^web\s+2\/2\s+Running\s+0\s/m);
});
