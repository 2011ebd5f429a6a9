// Item 12 of issue 12: the scheduler places pods as kube-scheduler's default plugins do — replicas
// of one ReplicaSet spread over nodes and zones even without requests (PodTopologySpread's system
// defaults, LeastAllocated over non-zero requests), required/preferred pod (anti-)affinity, and
// topologySpreadConstraints — and says why a pod stays Pending in kube-scheduler's words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, cluster, pods } from './sim-helpers';
import type { Cluster } from '../../core/cluster/cluster';
import type { KObject } from '../../core/cluster/store';

/** A Deployment of nginx rooms labelled app=NAME, with extra pod spec fields. */
function deploy(name: string, replicas: number, spec: any = {}, labels: Record<string, string> = {}): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name } as any,
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name, ...labels } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }], ...spec } },
    },
  };
}

const hostAnti = (app: string) => ({
  podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app } }, topologyKey: 'kubernetes.io/hostname' }] },
});

/** node name → number of pods of `app` on it (scheduled, not finished). */
function perNode(c: Cluster, app: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of pods(c, (p) => p.metadata.labels?.app === app && !!p.spec.nodeName)) out[p.spec.nodeName] = (out[p.spec.nodeName] ?? 0) + 1;
  return out;
}

const failed = (c: Cluster, pod?: string) => c.events.filter((e) => e.reason === 'FailedScheduling' && (!pod || e.name === pod)).map((e) => e.message);

test('nodes carry kubernetes.io/hostname and topology.kubernetes.io/zone (three zones, round robin) and region', () => {
  const c = cluster({ nodes: 4 });
  const zones = c.list('Node').map((n) => [n.metadata.labels!['kubernetes.io/hostname'], n.metadata.labels!['topology.kubernetes.io/zone']]);
  assert.deepEqual(zones, [
    ['node-1', 'dorm-1-a'],
    ['node-2', 'dorm-1-b'],
    ['node-3', 'dorm-1-c'],
    ['node-4', 'dorm-1-a'],
  ]);
  assert.ok(c.list('Node').every((n) => n.metadata.labels!['topology.kubernetes.io/region'] === 'dorm-1'));
});

test('default spreading: 9 replicas without requests land 3 per node, whatever the seed', () => {
  for (const seed of [1, 2, 3, 7, 11]) {
    const c = cluster({ seed });
    apply(c, deploy('web', 9));
    assert.deepEqual(Object.values(perNode(c, 'web')).sort(), [3, 3, 3], `seed ${seed}: ${JSON.stringify(perNode(c, 'web'))}`);
  }
});

test('default spreading counts the Service too: two Deployments behind one Service spread together', () => {
  const c = cluster({ seed: 3 });
  apply(
    c,
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'shop' }, spec: { selector: { tier: 'shop' }, ports: [{ port: 80 }] } },
    deploy('a', 3, {}, { tier: 'shop' }),
    deploy('b', 3, {}, { tier: 'shop' }),
  );
  const all: Record<string, number> = {};
  for (const p of pods(c)) all[p.spec.nodeName] = (all[p.spec.nodeName] ?? 0) + 1;
  assert.deepEqual(Object.values(all).sort(), [2, 2, 2]);
});

test("required podAntiAffinity on hostname: one per node, the 4th stays Pending with kube-scheduler's message", () => {
  const c = cluster();
  apply(c, deploy('db', 4, { affinity: hostAnti('db') }));
  c.advance(5000);
  const placed = perNode(c, 'db');
  assert.deepEqual(Object.values(placed), [1, 1, 1]);
  const pending = pods(c, (p) => !p.spec.nodeName);
  assert.equal(pending.length, 1);
  assert.deepEqual(failed(c, pending[0].metadata.name), [
    "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod..",
  ]);
  const cond = pending[0].status.conditions.find((x: any) => x.type === 'PodScheduled');
  assert.equal(cond.reason, 'Unschedulable');
  // A fourth node lets it in.
  c.hook<any>('nodes').addNode();
  c.settle();
  assert.equal(pods(c, (p) => !p.spec.nodeName).length, 0);
  assert.equal(Object.keys(perNode(c, 'db')).length, 4);
});

test("existing pods' anti-affinity keeps other pods out of their domain (zone)", () => {
  const c = cluster();
  apply(c, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'loner', labels: { app: 'loner' } },
    spec: {
      containers: [{ name: 'c', image: 'nginx' }],
      affinity: {
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'noisy' } }, topologyKey: 'topology.kubernetes.io/zone' }],
        },
      },
    },
  });
  const lonerNode = c.get('Pod', 'default', 'loner')!.spec.nodeName;
  apply(c, deploy('noisy', 4));
  const nodes = Object.keys(perNode(c, 'noisy'));
  assert.ok(!nodes.includes(lonerNode), `${lonerNode} must stay free of noisy pods: ${nodes.join(', ')}`);
  assert.equal(pods(c, (p) => p.metadata.labels?.app === 'noisy' && !!p.spec.nodeName).length, 4);
});

test("existing pods' anti-affinity: no node left → node(s) didn't satisfy existing pods anti-affinity rules", () => {
  const c = cluster({ nodes: 1 });
  apply(c, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'loner', labels: { app: 'loner' } },
    spec: { containers: [{ name: 'c', image: 'nginx' }], affinity: hostAnti('noisy') },
  });
  apply(c, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'noisy', labels: { app: 'noisy' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
  assert.deepEqual(failed(c, 'noisy'), [
    "0/1 nodes are available: 1 node(s) didn't satisfy existing pods anti-affinity rules. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod..",
  ]);
});

test('required podAffinity: web rooms follow the cache to its node; with no cache at all they stay Pending (preemption would not help)', () => {
  const c = cluster();
  const affinity = {
    podAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'cache' } }, topologyKey: 'kubernetes.io/hostname' }],
    },
  };
  apply(c, deploy('web', 2, { affinity }));
  assert.equal(pods(c, (p) => !p.spec.nodeName).length, 2);
  assert.equal(
    failed(c)[0],
    "0/3 nodes are available: 3 node(s) didn't match pod affinity rules. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..",
  );
  apply(c, deploy('cache', 1));
  const cacheNode = Object.keys(perNode(c, 'cache'))[0];
  assert.deepEqual(perNode(c, 'web'), { [cacheNode]: 2 });
});

test('required podAffinity to its own group: the first pod may go anywhere, the rest follow it', () => {
  const c = cluster();
  apply(
    c,
    deploy('team', 4, {
      affinity: {
        podAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'team' } }, topologyKey: 'topology.kubernetes.io/zone' }],
        },
      },
    }),
  );
  const nodes = Object.keys(perNode(c, 'team'));
  assert.equal(nodes.length, 1, `all in one zone (one node per zone here): ${nodes.join(', ')}`);
  assert.equal(pods(c, (p) => !p.spec.nodeName).length, 0);
});

test('preferred podAffinity gathers, preferred node affinity picks the labelled node', () => {
  const c = cluster({ nodes: 4, seed: 5 });
  const prefer = (kind: 'podAffinity' | 'podAntiAffinity', app: string) => ({
    [kind]: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        { weight: 100, podAffinityTerm: { labelSelector: { matchLabels: { app } }, topologyKey: 'kubernetes.io/hostname' } },
      ],
    },
  });
  apply(c, deploy('cache', 1));
  const cacheNode = Object.keys(perNode(c, 'cache'))[0];
  apply(c, deploy('near', 3, { affinity: prefer('podAffinity', 'cache') }));
  assert.deepEqual(perNode(c, 'near'), { [cacheNode]: 3 });
  const n = c.list('Node').find((x) => x.metadata.name !== cacheNode)!;
  n.metadata.labels!.disk = 'ssd';
  c.update(n);
  apply(
    c,
    deploy('fast', 2, {
      affinity: {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 50, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } },
          ],
        },
      },
    }),
  );
  assert.deepEqual(perNode(c, 'fast'), { [n.metadata.name]: 2 });
});

test("topologySpreadConstraints DoNotSchedule on zone: maxSkew 1 over 4 nodes in 3 zones gives 2 per zone; only eligible nodes' domains count", () => {
  const c = cluster({ nodes: 4 });
  const tsc = (n: number) =>
    deploy('zoned', n, {
      topologySpreadConstraints: [
        { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'zoned' } } },
      ],
      nodeSelector: { 'kubernetes.io/hostname': 'node-1' },
    });
  // Only node-1 (zone a) is eligible: domains of eligible nodes = {a}, so the skew never exceeds 1.
  apply(c, tsc(2));
  assert.deepEqual(perNode(c, 'zoned'), { 'node-1': 2 });

  const c2 = cluster({ nodes: 4 });
  const zones = (p: KObject) => c2.get('Node', undefined, p.spec.nodeName)!.metadata.labels!['topology.kubernetes.io/zone'];
  apply(
    c2,
    deploy('zoned', 6, {
      topologySpreadConstraints: [
        { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'zoned' } } },
      ],
    }),
  );
  const byZone: Record<string, number> = {};
  for (const p of pods(c2)) byZone[zones(p)] = (byZone[zones(p)] ?? 0) + 1;
  assert.deepEqual(byZone, { 'dorm-1-a': 2, 'dorm-1-b': 2, 'dorm-1-c': 2 });
});

test("topologySpreadConstraints DoNotSchedule: an over-skewed domain and a node missing the key, in kube-scheduler's words", () => {
  const c = cluster({ nodes: 2 });
  const spread = (maxSkew: number, key: string, app: string) => ({
    topologySpreadConstraints: [{ maxSkew, topologyKey: key, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app } } }],
  });
  apply(c, deploy('x', 3, { ...spread(1, 'kubernetes.io/hostname', 'x'), nodeSelector: { 'kubernetes.io/hostname': 'node-1' } }));
  // Eligible nodes (nodeSelector) = node-1 only: its domain is the minimum, so all 3 fit.
  assert.deepEqual(perNode(c, 'x'), { 'node-1': 3 });
  apply(
    c,
    deploy('y', 3, {
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'rack', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'y' } } }],
    }),
  );
  assert.equal(
    failed(c)[0],
    "0/2 nodes are available: 2 node(s) didn't match pod topology spread constraints (missing required label). preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling..",
  );
  const c2 = cluster({ nodes: 2 });
  apply(c2, deploy('z', 3, { ...spread(1, 'kubernetes.io/hostname', 'z') }));
  assert.deepEqual(Object.values(perNode(c2, 'z')).sort(), [1, 2]);
  // Cordon the emptier node: the next replica may not go to the fuller one (skew 3 - 1 > 1).
  const emptier = Object.entries(perNode(c2, 'z')).find(([, n]) => n === 1)![0];
  const fuller = Object.entries(perNode(c2, 'z')).find(([, n]) => n === 2)![0];
  c2.hook<any>('nodes').setUnschedulable(emptier, true);
  c2.settle();
  const d = c2.get('Deployment', 'default', 'z')!;
  d.spec.replicas = 4;
  c2.update(d, true);
  c2.settle();
  assert.equal(perNode(c2, 'z')[fuller], 2);
  assert.match(
    failed(c2).at(-1)!,
    /^0\/2 nodes are available: 1 node\(s\) didn't match pod topology spread constraints, 1 node\(s\) were unschedulable\. preemption: 0\/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling\.\.$/,
  );
});

test('ScheduleAnyway constraints and the system defaults never leave a pod Pending', () => {
  const c = cluster({ nodes: 2 });
  apply(
    c,
    deploy('soft', 5, {
      topologySpreadConstraints: [
        { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'soft' } } },
      ],
      nodeSelector: { 'kubernetes.io/hostname': 'node-2' },
    }),
  );
  assert.deepEqual(perNode(c, 'soft'), { 'node-2': 5 });
  assert.equal(failed(c).length, 0);
});

test("placed pods' terms score the incoming pod (InterPodAffinity symmetry): their preferred affinity draws it, preferred anti-affinity repels it, required affinity counts at weight 1", () => {
  /** A bare pod labelled app=NAME, pinned to `node` when given, with pod (anti-)affinity. */
  const pod = (name: string, node?: string, affinity?: any): KObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: name.replace(/-\d+$/, '') } } as any,
    spec: {
      containers: [{ name: 'c', image: 'nginx:1.27' }],
      ...(node ? { nodeSelector: { 'kubernetes.io/hostname': node } } : {}),
      ...(affinity ? { affinity } : {}),
    },
  });
  const term = (app: string) => ({ labelSelector: { matchLabels: { app } }, topologyKey: 'kubernetes.io/hostname' });
  const preferred = (kind: 'podAffinity' | 'podAntiAffinity', app: string) => ({
    [kind]: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term(app) }] },
  });
  const where = (c: Cluster, app: string) =>
    pods(c, (p) => p.metadata.labels?.app === app)
      .map((p) => p.spec.nodeName)
      .sort();
  for (const seed of [1, 2, 3]) {
    // A cache that prefers web rooms beside it: web rooms without any affinity of their own go to its node.
    let c = cluster({ seed });
    apply(c, pod('cache', 'node-3', preferred('podAffinity', 'web')));
    for (let i = 1; i <= 4; i++) apply(c, pod(`web-${i}`));
    assert.deepEqual(where(c, 'web'), ['node-3', 'node-3', 'node-3', 'node-3'], `seed ${seed}`);
    // A noisy neighbour that prefers no web room near it: they keep off its node.
    c = cluster({ seed });
    apply(c, pod('noisy', 'node-1', preferred('podAntiAffinity', 'web')));
    for (let i = 1; i <= 4; i++) apply(c, pod(`web-${i}`));
    assert.ok(!where(c, 'web').includes('node-1'), `seed ${seed}: ${where(c, 'web').join(', ')}`);
    // A sidecar-like pod that requires web beside it: its required term draws web rooms (hardPodAffinityWeight 1).
    c = cluster({ seed });
    apply(c, pod('web-0', 'node-2'));
    apply(c, pod('agent', 'node-2', { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web')] } }));
    for (let i = 1; i <= 3; i++) apply(c, pod(`web-${i}`));
    assert.deepEqual(where(c, 'web'), ['node-2', 'node-2', 'node-2', 'node-2'], `seed ${seed}`);
  }
});
