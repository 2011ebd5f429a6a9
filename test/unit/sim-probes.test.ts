// Item 14 of issue 12: probes by their kind. An exec probe that checks a file answers while the
// container's script keeps it (the Kubernetes docs' `touch /tmp/healthy; sleep 30; rm -f ...`
// liveness example restarts the container); a startupProbe holds readiness back until it passes
// and kills the container when it never does; successThreshold successes make a container ready.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, cluster, deployment, kubectl, pods } from './sim-helpers';
import type { Cluster } from '../../core/cluster/cluster';

function pod(name: string, container: any): any {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name, ...container }] } };
}
const status = (c: Cluster, name: string) => c.get('Pod', 'default', name)!.status.containerStatuses[0];
const messages = (c: Cluster, name: string) => c.events.filter((e) => e.name === name).map((e) => `${e.reason}: ${e.message}`);

test('exec liveness probe on a file the script removes: the container is killed and restarted (docs example)', () => {
  const c = cluster();
  apply(
    c,
    pod('liveness', {
      image: 'registry.k8s.io/busybox',
      args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
      livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 },
    }),
  );
  c.advance(35_000);
  assert.equal(status(c, 'liveness').restartCount, 0, 'healthy for the first 30 s');
  c.advance(15_000);
  assert.equal(status(c, 'liveness').restartCount, 1);
  const m = messages(c, 'liveness');
  assert.ok(m.includes("Unhealthy: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory"), m.join('\n'));
  assert.ok(m.includes('Killing: Container liveness failed liveness probe, will be restarted'));
});

test('a startupProbe holds readiness back until it passes, and kills a container it never passes for', () => {
  const c = cluster();
  apply(
    c,
    pod('slow', { image: 'nginx:1.27', startupProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 20, periodSeconds: 10, failureThreshold: 5 } }),
    pod('wrong', { image: 'nginx:1.27', startupProbe: { tcpSocket: { port: 8080 }, periodSeconds: 10, failureThreshold: 3 } }),
    pod('steady', { image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5, successThreshold: 3 } }),
  );
  // Admitted at 0 s, containers started at 1 s; the probe workers tick at 0, 10, 20, 30 s (5 s for steady).
  c.advance(29_000);
  assert.equal(status(c, 'slow').ready, false, 'the ticks at 10 and 20 s come before initialDelaySeconds (20 s after the start)');
  assert.equal(status(c, 'steady').ready, true, 'successes at the start (immediate probe), 5 and 10 s');
  assert.equal(status(c, 'wrong').restartCount, 0);
  c.advance(1_000);
  assert.equal(status(c, 'slow').ready, true, 'the startup probe passes at the 30 s tick');
  assert.equal(status(c, 'wrong').ready, false);
  c.advance(5_000);
  assert.equal(status(c, 'wrong').restartCount, 1, 'killed after 3 failed startup probes (10, 20, 30 s)');
  const m = messages(c, 'wrong');
  assert.ok(
    m.some((x) => /^Unhealthy: Startup probe failed: dial tcp [\d.]+:8080: connect: connection refused$/.test(x)),
    m.join('\n'),
  );
  assert.ok(m.includes('Killing: Container wrong failed startup probe, will be restarted'));
});

test('probes tick every periodSeconds from the pod’s admission (prober/worker.go), not from the container’s start; readiness is probed at once on the start', () => {
  const c = cluster();
  const readyAt = (name: string) => {
    const p = c.get('Pod', 'default', name)!;
    const cond = p.status.conditions.find((x: any) => x.type === 'Ready');
    return cond?.status === 'True' ? c.msOf(cond.lastTransitionTime)! / 1000 : undefined;
  };
  apply(
    c,
    // nginx: pulled and started 1 s after admission.
    pod('delayed', { image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 5, periodSeconds: 10 } }),
    pod('at-once', { image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 10 } }),
    pod('twice', { image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 10, successThreshold: 2 } }),
  );
  c.advance(30_000);
  // The tick at 0 s finds no running container; 10 s is the first tick 5 s after the start (1 s).
  assert.equal(readyAt('delayed'), 10);
  // The status sync on the start triggers the readiness worker at once.
  assert.equal(readyAt('at-once'), 1);
  // Successes at the start and at the next tick (10 s), not a whole period later.
  assert.equal(readyAt('twice'), 10);
});

// Issue 12, probes: a container without a readiness probe is Ready once it runs (prober_manager.go),
// whatever its image's warm-up; the warm-up is what a readiness probe finds.
const mysql = { image: 'mysql:8.4', env: [{ name: 'MYSQL_ROOT_PASSWORD', value: 'x' }] };
const readySince = (c: Cluster, name: string) => {
  const cond = c.get('Pod', 'default', name)!.status.conditions.find((x: any) => x.type === 'Ready');
  return cond?.status === 'True' ? c.msOf(cond.lastTransitionTime)! / 1000 : undefined;
};

test('no readiness probe: Ready as soon as the container runs, even for an image that warms up (mysql)', () => {
  const c = cluster();
  apply(
    c,
    pod('db', mysql),
    pod('probed', { ...mysql, readinessProbe: { tcpSocket: { port: 3306 }, periodSeconds: 5 } }),
    pod('started', { ...mysql, startupProbe: { tcpSocket: { port: 3306 }, initialDelaySeconds: 5, periodSeconds: 10 } }),
  );
  c.advance(30_000);
  assert.equal(readySince(c, 'db'), 1, 'started 1 s after admission, Ready at once');
  assert.equal(readySince(c, 'started'), 10, 'Ready when the startup probe passes (the tick at 10 s)');
  // The readiness probe finds mysql answering 10 s after its start (11 s): the tick at 15 s.
  assert.equal(readySince(c, 'probed'), 15);
});

test('every failed probe records Unhealthy (prober.go), the threshold-th liveness failure then Killing', () => {
  const c = cluster();
  apply(
    c,
    pod('probed', { ...mysql, readinessProbe: { tcpSocket: { port: 3306 }, periodSeconds: 5 } }),
    pod('live', { image: 'nginx:1.27', livenessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 5, failureThreshold: 3 } }),
    pod('never', { image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/', port: 8080 }, periodSeconds: 10 } }),
  );
  c.advance(16_000);
  const refused = (name: string, port: number) =>
    `Unhealthy: ${name} probe failed: dial tcp ${c.get('Pod', 'default', name.toLowerCase() === 'readiness' ? 'probed' : 'live')!.status.podIP}:${port}: connect: connection refused`;
  // The warm-up's failures: the immediate probe at 1 s, the ticks at 5 and 10 s; passed at 15 s.
  assert.deepEqual(
    messages(c, 'probed').filter((m) => m.startsWith('Unhealthy')),
    [1, 2, 3].map(() => refused('Readiness', 3306)),
  );
  // Liveness: failures at 5, 10, 15 s, each recorded; the third kills the container.
  const live = messages(c, 'live').filter((m) => /^(Unhealthy|Killing)/.test(m));
  assert.deepEqual(live, [
    refused('Liveness', 8080),
    refused('Liveness', 8080),
    refused('Liveness', 8080),
    'Killing: Container live failed liveness probe, will be restarted',
  ]);
  // A readiness probe that never passes fails at every probe for as long as the container runs.
  c.advance(44_000);
  const never = c.events.filter((e) => e.name === 'never' && e.reason === 'Unhealthy');
  assert.deepEqual(
    never.map((e) => e.t / 1000),
    [1, 10, 20, 30, 40, 50, 60],
  );
  assert.match(
    kubectl(c, 'describe pod never'),
    /Warning\s+Unhealthy\s+.*\(x7 over 59s\)\s+kubelet\s+Readiness probe failed: Get "http:\/\/[\d.]+:8080\/": dial tcp [\d.]+:8080: connect: connection refused/,
  );
});

test('no readiness probe: a process that exits within the kubelet’s status sync is never seen Ready, so a rollout to it stalls', () => {
  const c = cluster();
  apply(c, deployment('web', 2));
  c.advance(10_000);
  // mysql without a root password exits 1 s after it starts, every time it is restarted.
  kubectl(c, 'set image deployment/web web=mysql:8.4');
  let sawReady = false;
  for (let i = 0; i < 120; i++) {
    c.advance(500);
    sawReady ||= pods(c, (p) => p.spec.containers[0].image === 'mysql:8.4').some((p) => p.status?.containerStatuses?.[0]?.ready);
  }
  assert.equal(sawReady, false);
  assert.equal(pods(c, (p) => p.spec.containers[0].image === 'nginx:1.27' && p.status.containerStatuses[0].ready).length, 2, 'the old rooms keep serving');
  assert.match(kubectl(c, 'get pods'), /CrashLoopBackOff/);
});
