// A controller error isolates its key: the sync that threw is reported, the key is retried with
// client-go's exponential back-off (5 ms · 2^n, at most 1000 s), and every other key — and virtual
// time — goes on. Before: the exception escaped `settle()`, so every later change and every
// `advance` threw the same error again and the whole simulated cluster stood still.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFiles, createCluster } from '../../core/cluster/index';
import { RETRY_BASE_MS, RETRY_MAX_MS, type Controller, type SyncError } from '../../core/cluster/cluster';

const deployment = (name: string, replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec: {containers: [{name: c, image: nginx:1.27}]}
`;

const readyPods = (c: ReturnType<typeof createCluster>, app: string) =>
  c.list('Pod').filter((p) => p.metadata.labels?.app === app && p.status?.conditions?.some((x: any) => x.type === 'Ready' && x.status === 'True')).length;

test('a controller that throws on one key: the key is retried with back-off, other keys and time go on', () => {
  const c = createCluster({ nodes: 2 });
  const errors: SyncError[] = [];
  c.onSyncError((e) => errors.push(e));
  const synced: string[] = [];
  const flaky: Controller = {
    name: 'flaky-controller',
    sync(key) {
      if (key === 'default/bad') throw new Error('boom on ' + key);
      synced.push(key);
    },
  };
  c.enqueue(flaky, 'default/bad');
  c.enqueue(flaky, 'default/good');
  applyFiles(c, [{ uri: 'file:///a.yaml', text: deployment('a', 2) }]);
  c.advance(30_000);
  assert.deepEqual(synced, ['default/good'], 'the good key was synced after the bad one threw');
  assert.equal(readyPods(c, 'a'), 2, 'the Deployment controller was not held up');
  assert.equal(c.now, 30_000, 'virtual time went on');
  // 5, 10, 20, … ms: a failure at t=0 and every retry within 30 s.
  const bad = errors.filter((e) => e.key === 'default/bad');
  assert.ok(bad.length >= 12 && bad.length <= 14, `retries within 30 s: ${bad.length}`);
  bad.forEach((e, i) => {
    assert.equal(e.attempt, i + 1);
    assert.equal(e.retryInMs, Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** i));
    assert.equal(e.controller, 'flaky-controller');
    assert.match(e.message, /boom on default\/bad/);
  });
  // The back-off is capped at 1000 s: an hour later the key has been tried a bounded number of times.
  c.advance(3_600_000);
  const later = errors.filter((e) => e.key === 'default/bad');
  assert.ok(later.length < 30, `retries within an hour: ${later.length}`);
  assert.equal(later.at(-1)!.retryInMs, RETRY_MAX_MS);
});

test('a Deployment stored without spec (behind the API server) wedges only itself', () => {
  const c = createCluster({ nodes: 2 });
  const errors: SyncError[] = [];
  c.onSyncError((e) => errors.push(e));
  applyFiles(c, [{ uri: 'file:///a.yaml', text: deployment('a', 1) }]);
  c.advance(10_000);
  c.create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nospec' } });
  c.advance(1_000);
  assert.ok(
    errors.some((e) => e.controller === 'deployment-controller' && e.key === 'default/nospec'),
    JSON.stringify(errors.slice(0, 3)),
  );
  // Other Deployments still scale, and time still flows.
  const a = c.get('Deployment', 'default', 'a')!;
  a.spec.replicas = 3;
  c.update(a, true);
  c.advance(30_000);
  assert.equal(readyPods(c, 'a'), 3);
  // Once the object is fixed (or deleted), the key syncs cleanly and the back-off is forgotten.
  const bad = c.get('Deployment', 'default', 'nospec')!;
  c.delete(bad);
  const before = errors.length;
  c.advance(2_000_000);
  assert.equal(errors.length, before, 'no more failures once the object is gone');
});

test('controllers that wake each other for ever at one instant: reported, and time still goes on', () => {
  const c = createCluster({ nodes: 1 });
  const errors: SyncError[] = [];
  c.onSyncError((e) => errors.push(e));
  let syncs = 0;
  const ping: Controller = { name: 'ping', sync: () => (syncs++, c.enqueue(pong, 'default/x')) };
  const pong: Controller = { name: 'pong', sync: () => (syncs++, c.enqueue(ping, 'default/x')) };
  c.enqueue(ping, 'default/x');
  applyFiles(c, [{ uri: 'file:///a.yaml', text: deployment('a', 1) }]);
  c.advance(2);
  assert.equal(c.now, 2);
  assert.ok(errors.length >= 2 && errors.every((e) => e.controller === 'work-queue' && /did not settle/.test(e.message)), JSON.stringify(errors[0]));
  assert.ok(syncs > 2_000_000);
  assert.equal(c.list('ReplicaSet').length, 1, 'the Deployment controller ran in the same instant');
});
