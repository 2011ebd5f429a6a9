// Issue 12 (resources): local storage and process IDs as the kubelet's eviction manager watches
// them — an emptyDir over its sizeLimit, a pod or container over its ephemeral-storage limit, and
// node DiskPressure / PIDPressure with their taints, the scheduler refusing pods, and evictions in
// the kubelet's order with its messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, cluster, deployment, kubectl } from './sim-helpers';
import type { Cluster } from '../../core/cluster/cluster';
import type { KObject } from '../../core/cluster/store';

const pod = (name: string, annotations: Record<string, string>, spec: any = {}, containers?: any[]) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, annotations },
  spec: { containers: containers ?? [{ name: 'app', image: 'nginx:1.27' }], ...spec },
});
const get = (c: Cluster, name: string) => c.get('Pod', 'default', name)!;
const cond = (o: KObject, type: string) => o.status?.conditions?.find((x: any) => x.type === type);
const evictions = (c: Cluster) => c.events.filter((e) => e.reason === 'Evicted').map((e) => `${e.name}: ${e.message}`);

test('an emptyDir over its sizeLimit is evicted at once, without a DisruptionTarget condition; its Deployment replaces it', () => {
  const c = cluster();
  const d = deployment('cache', 1, {}, { volumeMounts: [{ name: 'scratch', mountPath: '/tmp' }] }, { 'kube-dorm.dev/emptydir.scratch': '1500Mi' });
  d.spec.template.spec.volumes = [{ name: 'scratch', emptyDir: { sizeLimit: '1024Mi' } }];
  apply(c, d);
  c.advance(15_000);
  const [evicted] = c.list('Pod').filter((p) => p.status?.reason === 'Evicted');
  assert.ok(evicted, 'a pod was evicted');
  assert.equal(evicted.status.phase, 'Failed');
  assert.equal(evicted.status.message, 'Usage of EmptyDir volume "scratch" exceeds the limit "1Gi". ');
  assert.equal(cond(evicted, 'DisruptionTarget'), undefined);
  assert.deepEqual(evictions(c), [`${evicted.metadata.name}: Usage of EmptyDir volume "scratch" exceeds the limit "1Gi". `]);
  assert.ok(
    c.list('Pod').some((p) => p.status?.phase === 'Running'),
    'the ReplicaSet made a replacement',
  );
  assert.match(kubectl(c, 'get pods'), new RegExp(`${evicted.metadata.name} +0/1 +Evicted `));
});

test("a container over its ephemeral-storage limit, and a pod over the sum of its containers' limits", () => {
  const c = cluster();
  const limited = (lim: string) => ({ resources: { limits: { 'ephemeral-storage': lim } } });
  apply(
    c,
    pod('one', { 'kube-dorm.dev/disk.a': '600Mi' }, {}, [
      { name: 'a', image: 'nginx:1.27', ...limited('500Mi') },
      { name: 'b', image: 'nginx:1.27', ...limited('1Gi') },
    ]),
    pod('two', { 'kube-dorm.dev/disk': '400Mi', 'kube-dorm.dev/emptydir': '1300Mi' }, { volumes: [{ name: 'v', emptyDir: {} }] }, [
      { name: 'a', image: 'nginx:1.27', ...limited('1Gi') },
      { name: 'b', image: 'nginx:1.27', ...limited('1Gi') },
    ]),
    pod('fine', { 'kube-dorm.dev/disk': '100Mi', 'kube-dorm.dev/emptydir': '5Gi' }, { volumes: [{ name: 'v', emptyDir: { medium: 'Memory' } }] }, [
      { name: 'app', image: 'nginx:1.27', ...limited('1Gi') },
    ]),
  );
  c.advance(15_000);
  assert.equal(get(c, 'one').status.message, 'Container a exceeded its local ephemeral storage limit "500Mi". ');
  assert.equal(get(c, 'two').status.message, 'Pod ephemeral local storage usage exceeds the total limit of containers 2Gi. ');
  assert.equal(get(c, 'fine').status.phase, 'Running', 'a memory-backed emptyDir is not on disk, and has no sizeLimit');
});

test('DiskPressure: condition, taint, the scheduler refuses pods, the kubelet evicts the largest user over its request; it lifts 5 minutes later', () => {
  const c = cluster({ nodes: 1 });
  apply(
    c,
    pod('writer', { 'kube-dorm.dev/disk': '2Gi' }),
    pod('asked', { 'kube-dorm.dev/disk': '3Gi' }, {}, [{ name: 'app', image: 'nginx:1.27', resources: { requests: { 'ephemeral-storage': '4Gi' } } }]),
    pod('quiet', {}),
  );
  c.advance(5_000);
  assert.match(kubectl(c, 'fill node node-1 --disk 80Gi'), /node\/node-1: outside its pods, 80Gi of its disk and 0 process IDs are now in use/);
  c.advance(10_000);
  const node = c.get('Node', undefined, 'node-1')!;
  const dp = cond(node, 'DiskPressure');
  assert.deepEqual([dp.status, dp.reason, dp.message], ['True', 'KubeletHasDiskPressure', 'kubelet has disk pressure']);
  assert.ok(node.spec.taints.some((t: any) => t.key === 'node.kubernetes.io/disk-pressure' && t.effect === 'NoSchedule'));
  assert.deepEqual(evictions(c), [
    'writer: The node was low on resource: ephemeral-storage. Threshold quantity: 15Gi, available: 5Gi. Container app was using 2Gi, request is 0, has larger consumption of ephemeral-storage. ',
  ]);
  assert.equal(cond(get(c, 'writer'), 'DisruptionTarget')?.reason, 'TerminationByKubelet');
  apply(c, pod('late', {}));
  c.advance(1_000);
  assert.equal(
    cond(get(c, 'late'), 'PodScheduled').message,
    '0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/disk-pressure: }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling..',
  );
  // Next: `quiet` (uses nothing, requests nothing) before `asked` (under its request).
  c.advance(10_000);
  assert.equal(get(c, 'quiet').status.reason, 'Evicted');
  kubectl(c, 'fill node node-1 --disk 0');
  c.advance(60_000);
  assert.equal(cond(c.get('Node', undefined, 'node-1')!, 'DiskPressure').status, 'True', 'held for the transition period');
  c.advance(300_000);
  assert.equal(cond(c.get('Node', undefined, 'node-1')!, 'DiskPressure').status, 'False');
  assert.equal(get(c, 'asked').status.phase, 'Running');
  assert.equal(get(c, 'late').status.phase, 'Running', 'scheduled once the taint is gone');
  assert.deepEqual(
    c.events.filter((e) => e.kind === 'Node' && /Disk/.test(e.reason)).map((e) => e.message),
    ['Node node-1 status is now: NodeHasDiskPressure', 'Node node-1 status is now: NodeHasNoDiskPressure'],
  );
});

test('PIDPressure: the pod running the most processes goes first; the kubelet names no container for pids', () => {
  const c = cluster({ nodes: 1 });
  apply(c, pod('forker', { 'kube-dorm.dev/pids': '2000' }), pod('calm', {}));
  c.advance(5_000);
  kubectl(c, 'fill node node-1 --pids 28000');
  c.advance(10_000);
  const node = c.get('Node', undefined, 'node-1')!;
  assert.equal(cond(node, 'PIDPressure').reason, 'KubeletHasInsufficientPID');
  assert.equal(cond(node, 'PIDPressure').message, 'kubelet has insufficient PID available');
  assert.ok(node.spec.taints.some((t: any) => t.key === 'node.kubernetes.io/pid-pressure'));
  // 32768 − 300 (system) − 28000 − 2000 − 1 = 2467 available, under 10 % (3276).
  assert.deepEqual(evictions(c), ['forker: The node was low on resource: pids. Threshold quantity: 3276, available: 2467. ']);
  assert.match(kubectl(c, 'describe node node-1'), /PIDPressure +True +.*KubeletHasInsufficientPID +kubelet has insufficient PID available/);
});

test('fill refuses bad input and unknown nodes', () => {
  const c = cluster({ nodes: 1 });
  assert.match(kubectl(c, 'fill node node-1'), /fill node NODE \[--disk SIZE\] \[--pids N\]/);
  assert.match(kubectl(c, 'fill node node-1 --disk lots'), /give a size/);
  assert.match(kubectl(c, 'fill node node-1 --pids -3'), /give a size/);
  assert.match(kubectl(c, 'fill node node-9 --disk 1Gi'), /nodes "node-9" not found/);
  const node = c.get('Node', undefined, 'node-1')!;
  assert.deepEqual(
    node.status.conditions.map((x: any) => `${x.type}=${x.status}`),
    ['MemoryPressure=False', 'DiskPressure=False', 'PIDPressure=False', 'Ready=True'],
  );
});

test('after a node failure and recovery, its pods over their limits are still evicted', () => {
  const c = cluster({ nodes: 1 });
  kubectl(c, 'fail node node-1');
  apply(c, pod('late', { 'kube-dorm.dev/emptydir': '2Gi' }, { volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '1Gi' } }], nodeName: 'node-1' }));
  c.advance(30_000);
  assert.notEqual(get(c, 'late').status?.reason, 'Evicted', 'a node that is down evicts nothing');
  kubectl(c, 'recover node node-1');
  c.advance(30_000);
  assert.equal(get(c, 'late').status.message, 'Usage of EmptyDir volume "tmp" exceeds the limit "1Gi". ');
});

test('DiskPressure that ends while its node is down lifts after the node comes back', () => {
  const c = cluster({ nodes: 1 });
  kubectl(c, 'fill node node-1 --disk 90Gi');
  c.advance(10_000);
  assert.equal(cond(c.get('Node', undefined, 'node-1')!, 'DiskPressure').status, 'True');
  kubectl(c, 'fail node node-1');
  c.advance(10_000);
  kubectl(c, 'fill node node-1 --disk 0');
  c.advance(10_000);
  kubectl(c, 'recover node node-1');
  c.advance(310_000);
  const node = c.get('Node', undefined, 'node-1')!;
  assert.equal(cond(node, 'DiskPressure').status, 'False');
  assert.ok(!(node.spec.taints ?? []).some((t: any) => t.key === 'node.kubernetes.io/disk-pressure'));
});

test('a running pod annotated to write more is checked against its limit with the new figure', () => {
  const c = cluster({ nodes: 1 });
  apply(c, pod('grows', { 'kube-dorm.dev/disk': '1Gi' }, {}, [{ name: 'app', image: 'nginx:1.27', resources: { limits: { 'ephemeral-storage': '2Gi' } } }]));
  c.advance(15_000);
  assert.equal(get(c, 'grows').status.phase, 'Running');
  kubectl(c, 'annotate pod grows kube-dorm.dev/disk=3Gi --overwrite');
  c.advance(15_000);
  assert.equal(get(c, 'grows').status.message, 'Pod ephemeral local storage usage exceeds the total limit of containers 2Gi. ');
});
