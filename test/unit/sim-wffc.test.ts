// Issue 12 (storage): a StorageClass with `volumeBindingMode: WaitForFirstConsumer` leaves its
// claims Pending with the persistentvolume-controller's WaitForFirstConsumer event until a pod using
// them is scheduled; the scheduler then names the node (`volume.kubernetes.io/selected-node`) and
// the volume is provisioned there, so later pods using it must go where it is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, claim, cluster, eventsOf, kubectl, podWith } from './sim-helpers';
import type { Cluster } from '../../core/cluster/cluster';

const storageClass = (name: string, provisioner: string) => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name },
  provisioner,
  volumeBindingMode: 'WaitForFirstConsumer',
});
const pvc = (c: Cluster, name: string) => c.get('PersistentVolumeClaim', 'default', name)!;

test('WaitForFirstConsumer: the claim waits Pending until a pod using it is scheduled, then binds on that node', () => {
  const c = cluster();
  apply(c, storageClass('local', 'rancher.io/local-path'), claim('data', 'local'));
  c.advance(30_000);
  assert.equal(pvc(c, 'data').status.phase, 'Pending');
  assert.equal(pvc(c, 'data').spec.volumeName, undefined);
  assert.deepEqual(eventsOf(c, 'data'), ['Normal WaitForFirstConsumer persistentvolume-controller: waiting for first consumer to be created before binding']);
  assert.match(kubectl(c, 'get pvc data'), /\ndata +Pending +local +<unset> +30s\n/);
  assert.match(kubectl(c, 'get storageclass local'), /\nlocal +rancher\.io\/local-path +Delete +WaitForFirstConsumer +false +30s\n/);
  apply(c, podWith('db', 'data'));
  c.advance(10_000);
  const pod = c.get('Pod', 'default', 'db')!;
  assert.equal(pod.status.phase, 'Running');
  const bound = pvc(c, 'data');
  assert.equal(bound.status.phase, 'Bound');
  assert.equal(bound.metadata.annotations?.['volume.kubernetes.io/selected-node'], pod.spec.nodeName);
  assert.equal(bound.spec.volumeName, `pvc-${bound.metadata.uid}`);
});

test('WaitForPodScheduled while the pod using the claim cannot be placed; an Immediate class binds at once', () => {
  const c = cluster();
  const big = podWith('big', 'slow');
  Object.assign(big.spec.containers[0], { resources: { requests: { cpu: '100' } } });
  apply(c, storageClass('local', 'rancher.io/local-path'), claim('slow', 'local'), big);
  c.advance(20_000);
  assert.equal(pvc(c, 'slow').status.phase, 'Pending');
  assert.deepEqual(eventsOf(c, 'slow'), [
    'Normal WaitForFirstConsumer persistentvolume-controller: waiting for first consumer to be created before binding',
    'Normal WaitForPodScheduled persistentvolume-controller: waiting for pod big to be scheduled',
  ]);
  assert.match(eventsOf(c, 'big').at(-1)!, /FailedScheduling default-scheduler: 0\/3 nodes are available: 3 Insufficient cpu\./);
  apply(c, claim('now', 'standard'));
  assert.equal(pvc(c, 'now').status.phase, 'Bound', 'the default (Immediate) class binds without a pod');
});

test('a volume provisioned for one node keeps later pods there: volume node affinity conflict', () => {
  const c = cluster();
  apply(c, storageClass('local', 'rancher.io/local-path'), claim('data', 'local'), podWith('first', 'data'));
  c.advance(10_000);
  const node = c.get('Pod', 'default', 'first')!.spec.nodeName;
  const other = c.list('Node').find((n) => n.metadata.name !== node)!.metadata.name;
  kubectl(c, 'delete pod first');
  c.advance(40_000);
  apply(c, podWith('second', 'data', { nodeSelector: { 'kubernetes.io/hostname': other } }));
  c.advance(10_000);
  const second = c.get('Pod', 'default', 'second')!;
  assert.equal(second.status.phase, 'Pending');
  assert.equal(
    second.status.conditions.find((x: any) => x.type === 'PodScheduled').message,
    "0/3 nodes are available: 1 node(s) had volume node affinity conflict, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..",
  );
  apply(c, podWith('third', 'data'));
  c.advance(10_000);
  assert.equal(c.get('Pod', 'default', 'third')!.spec.nodeName, node, 'a pod without a selector goes where the volume is');
});

test('a zonal provisioner pins the volume to the zone; a class that provisions nothing never binds', () => {
  const c = cluster({ nodes: 6 });
  apply(c, storageClass('zonal', 'ebs.csi.aws.com'), claim('data', 'zonal'), podWith('a', 'data'));
  c.advance(10_000);
  const zoneOf = (n: string) => c.get('Node', undefined, n)!.metadata.labels?.['topology.kubernetes.io/zone'];
  const zone = zoneOf(c.get('Pod', 'default', 'a')!.spec.nodeName);
  kubectl(c, 'delete pod a');
  c.advance(40_000);
  for (let i = 0; i < 4; i++) apply(c, podWith(`b${i}`, 'data'));
  c.advance(10_000);
  for (let i = 0; i < 4; i++) assert.equal(zoneOf(c.get('Pod', 'default', `b${i}`)!.spec.nodeName), zone);

  apply(c, storageClass('manual', 'kubernetes.io/no-provisioner'), claim('disk', 'manual'), podWith('local', 'disk'));
  c.advance(10_000);
  assert.equal(pvc(c, 'disk').status.phase, 'Pending');
  assert.match(
    c.get('Pod', 'default', 'local')!.status.conditions.find((x: any) => x.type === 'PodScheduled').message,
    /^0\/6 nodes are available: 6 node\(s\) didn't find available persistent volumes to bind\. /,
  );
  assert.deepEqual(eventsOf(c, 'disk'), [
    'Normal WaitForFirstConsumer persistentvolume-controller: waiting for first consumer to be created before binding',
    'Normal WaitForPodScheduled persistentvolume-controller: waiting for pod local to be scheduled',
  ]);
});
