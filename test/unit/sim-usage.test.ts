// Item 11 of issue 12 (metrics part): each running container uses CPU and memory derived from its
// image profile; a container with a CPU limit is throttled at it (shown at its limit, never
// killed); the figures are a pure function of the pod and the virtual time; the built-in
// `kubectl top` prints them as kubectl 1.32 prints metrics-server's answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, cluster, kubectl } from './sim-helpers';
import { nodeUsage, podUsage } from '../../core/cluster/usage';
import type { Cluster } from '../../core/cluster/cluster';

const HOG = ['sh', '-c', 'while true; do :; done'];
function pod(name: string, containers: any[]): any {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers } };
}
const usage = (c: Cluster, name: string) => podUsage(c.get('Pod', 'default', name)!, c.now);

test('a busy loop wants a whole core; with limits.cpu 200m it is throttled at exactly its limit and keeps running', () => {
  const c = cluster();
  apply(
    c,
    pod('free', [{ name: 'hog', image: 'busybox', command: HOG }]),
    pod('capped', [{ name: 'hog', image: 'busybox', command: HOG, resources: { limits: { cpu: '200m' } } }]),
  );
  for (let t = 0; t < 10; t++) {
    c.advance(15_000);
    const free = usage(c, 'free')![0].cpuNano;
    assert.ok(free > 0.5e9, `an unthrottled busy loop uses most of a core (${free}n)`);
    assert.equal(usage(c, 'capped')![0].cpuNano, 200_000_000, 'throttled at the limit');
  }
  const st = c.get('Pod', 'default', 'capped')!.status;
  assert.equal(st.phase, 'Running');
  assert.equal(st.containerStatuses[0].restartCount, 0, 'a CPU limit never kills');
  assert.match(kubectl(c, 'top pod capped'), /^NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)\s*\ncapped\s+200m\s+\d+Mi\s*\n$/);
});

test('an idle nginx uses about 1m CPU and its profile memory; memory never shows above limits.memory', () => {
  const c = cluster();
  apply(
    c,
    pod('web', [{ name: 'web', image: 'nginx:1.27' }]),
    pod('small', [{ name: 'db', image: 'mysql:8', env: [{ name: 'MYSQL_ROOT_PASSWORD', value: 'x' }], resources: { limits: { memory: '500Mi' } } }]),
  );
  c.advance(30_000);
  const [web] = usage(c, 'web')!;
  assert.ok(web.cpuNano >= 0.8e6 && web.cpuNano <= 1.2e6, `${web.cpuNano}n`);
  assert.ok(Math.abs(web.memory - 8 * 1024 * 1024) <= 0.04 * 8 * 1024 * 1024, `${web.memory}`);
  assert.ok(usage(c, 'small')![0].memory <= 500 * 1024 * 1024);
});

test('usage is a pure function of the pod and the virtual time: twin clusters agree, a later scrape window may differ', () => {
  const run = () => {
    const c = cluster({ seed: 7 });
    apply(c, pod('web', [{ name: 'web', image: 'nginx' }]), pod('db', [{ name: 'db', image: 'redis:7' }]));
    const seen: string[] = [];
    for (let t = 0; t < 8; t++) {
      c.advance(15_000);
      seen.push(JSON.stringify([usage(c, 'web'), usage(c, 'db'), usage(c, 'web')]));
      seen.push(kubectl(c, 'top pods') + kubectl(c, 'top nodes'));
    }
    return seen;
  };
  const a = run();
  assert.deepEqual(a, run());
  assert.ok(new Set(a.filter((_, i) => i % 2 === 0)).size > 1, 'the figures wobble from one scrape window to the next');
});

test('a pending pod has no metrics; a node counts its daemons and its pods', () => {
  const c = cluster();
  apply(c, pod('web', [{ name: 'web', image: 'nginx', command: HOG }]));
  assert.equal(usage(c, 'web'), undefined, 'not started yet');
  assert.equal(kubectl(c, 'top pods'), 'error: metrics not available yet\n');
  c.advance(30_000);
  const p = c.get('Pod', 'default', 'web')!;
  const node = c.get('Node', undefined, p.spec.nodeName)!;
  const u = nodeUsage(node, c.list('Pod'), c.now)!;
  assert.ok(u.cpuNano >= 0.8e9 + 36e6, `the busy pod plus the node daemons (${u.cpuNano}n)`);
  assert.match(kubectl(c, 'top nodes'), /^NAME\s+CPU\(cores\)\s+CPU\(%\)\s+MEMORY\(bytes\)\s+MEMORY\(%\)\s*\n/);
  assert.match(kubectl(c, 'top pods --containers'), /^POD\s+NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)\s*\nweb\s+web\s+\d+m\s+\d+Mi/);
});
