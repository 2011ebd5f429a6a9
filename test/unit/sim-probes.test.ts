// Item 14 of issue 12: probes by their kind. An exec probe that checks a file answers while the
// container's script keeps it (the Kubernetes docs' `touch /tmp/healthy; sleep 30; rm -f ...`
// liveness example restarts the container); a startupProbe holds readiness back until it passes
// and kills the container when it never does; successThreshold successes make a container ready.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, cluster } from './sim-helpers';
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
  c.advance(15_000);
  assert.equal(status(c, 'slow').ready, false, 'not ready before the startup probe passed (at 20 s)');
  assert.equal(status(c, 'steady').ready, true, 'three successes 5 s apart: ready at 10 s');
  c.advance(10_000);
  assert.equal(status(c, 'slow').ready, true);
  assert.equal(status(c, 'wrong').ready, false);
  c.advance(10_000);
  assert.equal(status(c, 'wrong').restartCount, 1, 'killed after 3 failed startup probes');
  const m = messages(c, 'wrong');
  assert.ok(
    m.some((x) => /^Unhealthy: Startup probe failed: dial tcp [\d.]+:8080: connect: connection refused$/.test(x)),
    m.join('\n'),
  );
  assert.ok(m.includes('Killing: Container wrong failed startup probe, will be restarted'));
});
