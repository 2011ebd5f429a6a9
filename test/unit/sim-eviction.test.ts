// Item 11 of issue 12 (pressure part): a CPU limit throttles (start-up slows in proportion, `top`
// shows the limit, never a kill); a node whose pods use more memory than it has reports
// MemoryPressure, is tainted memory-pressure:NoSchedule, and the kubelet evicts pods in
// rankMemoryPressure's order with its Evicted message and the DisruptionTarget condition; the
// ReplicaSet replaces an evicted pod.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, cluster, kubectl, pods } from './sim-helpers';
import type { Cluster } from '../../core/cluster/cluster';

const MYSQL_ENV = [{ name: 'MYSQL_ROOT_PASSWORD', value: 'x' }];

function pod(name: string, container: any, annotations: Record<string, string> = {}): any {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, annotations }, spec: { containers: [{ name, image: 'nginx:1.27', ...container }] } };
}
const mem = (name: string, memory: string, container: any = {}) => pod(name, container, { [`kube-dorm.dev/memory`]: memory });
const res = (requests: Record<string, string>, limits?: Record<string, string>) => ({ resources: limits ? { requests, limits } : { requests } });

const readyAt = (c: Cluster, name: string) => {
  const cond = c.get('Pod', 'default', name)!.status.conditions.find((x: any) => x.type === 'Ready');
  return cond.status === 'True' ? c.msOf(cond.lastTransitionTime)! : undefined;
};
const cond = (o: any, type: string) => o.status.conditions.find((x: any) => x.type === type);
/** A condition without its timestamps. */
const facts = (o: any, type: string) => {
  const { type: t, status, reason, message } = cond(o, type);
  return { type: t, status, reason, message };
};

const PROBE_3306 = { tcpSocket: { port: 3306 }, periodSeconds: 1 };

test('a CPU limit below what the process wants slows its start-up in proportion (mysql wanting 2 cores, limited to 500m: ready 4× later), shows at the limit, never kills', () => {
  const c = cluster();
  const db = (name: string, limits?: Record<string, string>) =>
    // The warm-up shows through a readiness probe (without one, the container is Ready as soon as it runs).
    pod(name, { image: 'mysql:8.0', env: MYSQL_ENV, readinessProbe: PROBE_3306, ...(limits ? { resources: { limits } } : {}) }, { 'kube-dorm.dev/cpu': '2' });
  apply(c, db('free'), db('capped', { cpu: '500m' }));
  c.advance(60_000);
  const start = (n: string) => c.msOf(c.get('Pod', 'default', n)!.status.containerStatuses[0].state.running.startedAt)!;
  assert.equal(readyAt(c, 'free')! - start('free'), 10_000);
  assert.equal(readyAt(c, 'capped')! - start('capped'), 40_000);
  assert.match(kubectl(c, 'top pod capped'), /\ncapped\s+500m\s/);
  assert.equal(c.get('Pod', 'default', 'capped')!.status.containerStatuses[0].restartCount, 0);
});

test("a 12Gi pod without limits on an 8Gi node does not simply run: MemoryPressure, taint, Evicted with the kubelet's message, replaced by its ReplicaSet", () => {
  const c = cluster({ nodes: 1, nodeMemory: '8Gi' });
  apply(c, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'hog' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'hog' } },
      template: {
        metadata: { labels: { app: 'hog' }, annotations: { 'kube-dorm.dev/memory': '12Gi' } },
        spec: { containers: [{ name: 'hog', image: 'nginx:1.27' }] },
      },
    },
  });
  const first = pods(c)[0].metadata.name;
  c.advance(12_000);
  const node = c.get('Node', undefined, 'node-1')!;
  assert.deepEqual(facts(node, 'MemoryPressure'), {
    type: 'MemoryPressure',
    status: 'True',
    reason: 'KubeletHasInsufficientMemory',
    message: 'kubelet has insufficient memory available',
  });
  assert.deepEqual(
    node.spec.taints.map((t: any) => [t.key, t.effect]),
    [['node.kubernetes.io/memory-pressure', 'NoSchedule']],
  );
  const evicted = c.get('Pod', 'default', first)!;
  assert.equal(evicted.status.phase, 'Failed');
  assert.equal(evicted.status.reason, 'Evicted');
  assert.match(
    evicted.status.message,
    /^The node was low on resource: memory\. Threshold quantity: 100Mi, available: 0\. Container hog was using \d+Ki, request is 0, has larger consumption of memory\. $/,
  );
  assert.deepEqual(facts(evicted, 'DisruptionTarget'), {
    type: 'DisruptionTarget',
    status: 'True',
    reason: 'TerminationByKubelet',
    message: evicted.status.message,
  });
  const ev = c.events.find((e) => e.reason === 'Evicted')!;
  assert.equal(ev.type, 'Warning');
  assert.equal(ev.message, evicted.status.message);
  assert.ok(c.events.some((e) => e.reason === 'NodeHasInsufficientMemory' && e.message === 'Node node-1 status is now: NodeHasInsufficientMemory'));
  assert.match(kubectl(c, 'get pods'), new RegExp(`\\n${first}\\s+0/1\\s+Evicted\\s`));
  // The replacement waits: the only node is tainted.
  const repl = pods(c).find((p) => p.metadata.name !== first)!;
  assert.equal(repl.spec.nodeName, undefined);
  assert.match(
    c.events.filter((e) => e.reason === 'FailedScheduling').at(-1)!.message,
    /^0\/1 nodes are available: 1 node\(s\) had untolerated taint \{node\.kubernetes\.io\/memory-pressure: \}\. preemption: 0\/1 nodes are available: 1 Preemption is not helpful for scheduling\.\.$/,
  );
  // Five minutes after the threshold was last met the pressure lifts; the replacement runs, and is evicted in turn.
  c.advance(300_000);
  assert.ok(c.events.some((e) => e.reason === 'NodeHasSufficientMemory'));
  c.advance(30_000);
  assert.ok(c.events.filter((e) => e.reason === 'Evicted').length >= 2, 'the replacement, using 12Gi too, is evicted in turn');
  assert.match(kubectl(c, 'describe node node-1'), /MemoryPressure\s+True\s.*KubeletHasInsufficientMemory\s+kubelet has insufficient memory available/);
});

test("eviction order is rankMemoryPressure's: usage over requests first (BestEffort requests nothing), Guaranteed last; one pod per 10 s until memory is back", () => {
  const c = cluster({ nodes: 1, nodeMemory: '8Gi' });
  apply(
    c,
    // Guaranteed, within its requests.
    mem('g', '1900Mi', res({ cpu: '100m', memory: '2Gi' }, { cpu: '100m', memory: '2Gi' })),
    // Burstable: the most memory, but only 512Mi over its request.
    mem('b', '3584Mi', res({ memory: '3Gi' })),
    // BestEffort: less memory, all of it over its (zero) request.
    mem('e', '1Gi'),
    mem('e2', '1536Mi'),
  );
  c.advance(60_000);
  const evicted = c.events.filter((e) => e.reason === 'Evicted').map((e) => e.name);
  // 0.6 + 1.9 + 3.5 + 1 + 1.5 ≈ 8.5Gi > 8Gi: e2 (1.5Gi over) goes first, and that is enough.
  assert.deepEqual(evicted, ['e2']);
  assert.equal(c.get('Pod', 'default', 'b')!.status.phase, 'Running');
  assert.equal(c.get('Pod', 'default', 'g')!.status.phase, 'Running');

  const c2 = cluster({ nodes: 1, nodeMemory: '8Gi' });
  apply(c2, mem('g', '1900Mi', res({ cpu: '100m', memory: '2Gi' }, { cpu: '100m', memory: '2Gi' })), mem('b', '5Gi', res({ memory: '1Gi' })), mem('e', '2Gi'));
  c2.advance(60_000);
  // b is 4Gi over its request, e 2Gi: b first; then memory is back (0.6 + 1.9 + 2 < 8 - 0.1).
  assert.deepEqual(
    c2.events.filter((e) => e.reason === 'Evicted').map((e) => e.name),
    ['b'],
  );
  assert.match(c2.get('Pod', 'default', 'b')!.status.message, /Container b was using \d+Ki, request is 1Gi, has larger consumption of memory\. $/);
  assert.equal(c2.get('Pod', 'default', 'e')!.status.phase, 'Running');
});

test('a node far from its memory never reports pressure', () => {
  const c = cluster();
  apply(c, mem('a', '1Gi'), mem('b', '2Gi'));
  c.advance(120_000);
  assert.equal(c.events.filter((e) => e.reason === 'Evicted' || e.reason === 'NodeHasInsufficientMemory').length, 0);
  for (const n of c.list('Node')) assert.equal(cond(n, 'MemoryPressure').status, 'False');
});

test('MemoryPressure still on when its node goes down lifts after the node comes back', () => {
  const c = cluster({ nodes: 1, nodeMemory: '8Gi' });
  apply(c, mem('hog', '12Gi'));
  c.advance(15_000);
  assert.equal(cond(c.get('Node', undefined, 'node-1'), 'MemoryPressure').status, 'True');
  kubectl(c, 'fail node node-1');
  c.advance(20_000);
  kubectl(c, 'recover node node-1');
  c.advance(310_000);
  const node = c.get('Node', undefined, 'node-1')!;
  assert.equal(cond(node, 'MemoryPressure').status, 'False');
  assert.ok(!(node.spec.taints ?? []).some((t: any) => t.key === 'node.kubernetes.io/memory-pressure'));
});

/** A Deployment `web` of nginx pods requesting 64Mi each. */
const smallWeb = (replicas: number) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', ...res({ memory: '64Mi' }) }] } },
  },
});

test('a running pod annotated to use more memory than its node has is watched with the new figure: MemoryPressure, Evicted', () => {
  const c = cluster({ nodes: 1, nodeMemory: '8Gi' });
  apply(c, mem('grows', '1Gi'), smallWeb(1));
  c.advance(30_000);
  assert.equal(c.get('Pod', 'default', 'grows')!.status.phase, 'Running');
  assert.equal(cond(c.get('Node', undefined, 'node-1'), 'MemoryPressure').status, 'False');
  kubectl(c, 'annotate pod grows kube-dorm.dev/memory=12Gi --overwrite');
  c.advance(12_000);
  assert.equal(cond(c.get('Node', undefined, 'node-1'), 'MemoryPressure').status, 'True');
  const grows = c.get('Pod', 'default', 'grows')!;
  assert.equal(grows.status.phase, 'Failed');
  assert.equal(grows.status.reason, 'Evicted');
});

test("a pod of a Deployment annotated on its own is watched with its own figure, not its template's", () => {
  const c = cluster({ nodes: 1, nodeMemory: '8Gi' });
  apply(c, smallWeb(2));
  c.advance(30_000);
  const [one, two] = pods(c).map((p) => p.metadata.name);
  kubectl(c, `annotate pod ${one} kube-dorm.dev/memory=12Gi`);
  c.advance(12_000);
  assert.equal(c.get('Pod', 'default', one)!.status.reason, 'Evicted');
  assert.equal(c.get('Pod', 'default', two)!.status.phase, 'Running');
});
