// Controller behaviour beyond the 20 golden scenarios: ReplicaSet adoption and release
// (ClaimPods), asserted as exact event sequences.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { controllerOf } from '../../core/cluster/store';
import { firstK } from '../../core/cluster/controllers/replicaset';
import { Rng } from '../../core/cluster/rng';
import { apply, cluster, kubectl, pods } from './sim-helpers';

const auntie = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'auntie' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { room: 'a' } },
    template: { metadata: { labels: { room: 'a' } }, spec: { containers: [{ name: 'x', image: 'nginx:1.27' }] } },
  },
};
const rsEvents = (c: ReturnType<typeof cluster>) => c.events.filter((e) => e.object === 'ReplicaSet/auntie').map((e) => e.message);

test('a pod relabelled out of a ReplicaSet is released and replaced; relabelled back it is adopted and the newest pod goes', () => {
  const c = cluster();
  apply(c, auntie);
  c.advance(5000);
  const [first, second] = pods(c).map((p) => p.metadata.name);
  kubectl(c, `label pod ${first} room=b --overwrite`);
  c.advance(5000);
  const released = c.get('Pod', 'default', first)!;
  assert.equal(controllerOf(released), undefined, 'no controller any more');
  assert.equal(released.metadata.ownerReferences, undefined);
  const third = pods(c)
    .map((p) => p.metadata.name)
    .find((n) => n !== first && n !== second)!;
  assert.deepEqual(rsEvents(c), [`Created pod: ${first}`, `Created pod: ${second}`, `Created pod: ${third}`]);
  kubectl(c, `label pod ${first} room=a --overwrite`);
  c.advance(40_000);
  assert.equal(controllerOf(c.get('Pod', 'default', first)!)?.name, 'auntie', 'adopted back');
  // Three ready pods for two replicas: the one ready for the least time is deleted.
  assert.deepEqual(rsEvents(c).slice(3), [`Deleted pod: ${third}`]);
  assert.deepEqual(
    pods(c)
      .map((p) => p.metadata.name)
      .sort(),
    [first, second].sort(),
  );
});

test('a bare pod whose labels match a ReplicaSet selector is adopted; a Deployment-made ReplicaSet adopts nothing (pod-template-hash)', () => {
  const c = cluster();
  apply(c, auntie);
  c.advance(5000);
  apply(c, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray', labels: { room: 'a' } }, spec: { containers: [{ name: 'x', image: 'nginx:1.27' }] } });
  c.advance(40_000);
  assert.equal(c.get('Pod', 'default', 'stray'), undefined);
  assert.equal(rsEvents(c).at(-1), 'Deleted pod: stray');
  apply(c, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
    },
  });
  apply(c, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'lodger', labels: { app: 'web' } }, spec: { containers: [{ name: 'x', image: 'nginx:1.27' }] } });
  c.advance(10_000);
  assert.equal(controllerOf(c.get('Pod', 'default', 'lodger')!), undefined);
  assert.equal(pods(c, (p) => p.metadata.labels?.app === 'web').length, 2);
});

test('firstK (the ReplicaSet’s victims): the same pods in the same order as sorting all and taking k', () => {
  const rng = new Rng(11);
  for (let t = 0; t < 2000; t++) {
    const n = rng.int(60);
    // Few distinct values, so most comparisons fall through to the unique tie-break, as pods' keys do.
    const items = Array.from({ length: n }, (_, i) => ({ v: rng.int(4), id: i }));
    const before = (a: { v: number; id: number }, b: { v: number; id: number }) => (a.v !== b.v ? a.v - b.v : a.id < b.id ? 1 : -1);
    const k = rng.int(n + 2);
    const want = items.slice().sort(before).slice(0, k);
    assert.deepEqual(firstK(items, k, before), want, `n=${n} k=${k}`);
  }
});
