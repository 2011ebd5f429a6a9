// Item 10 of issue 12: claims go through a StorageClass (a default `standard` class, as minikube
// has; a class that does not exist leaves the claim and its pod Pending with a real cluster's
// events), and the StatefulSet's minReadySeconds and persistentVolumeClaimRetentionPolicy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, claim, cluster, eventsOf, kubectl, podWith } from './sim-helpers';

test('the cluster has a default StorageClass; a claim without a class gets it and is bound', () => {
  const c = cluster();
  const sc = c.get('StorageClass', undefined, 'standard')!;
  assert.equal(sc.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'], 'true');
  assert.equal(sc.volumeBindingMode, 'Immediate');
  apply(c, claim('data'));
  const pvc = c.get('PersistentVolumeClaim', 'default', 'data')!;
  assert.equal(pvc.spec.storageClassName, 'standard');
  assert.equal(pvc.status.phase, 'Bound');
  apply(c, claim('data'));
  assert.equal(c.get('PersistentVolumeClaim', 'default', 'data')!.spec.storageClassName, 'standard', 'applied again, it keeps its class');
});

test('a claim naming a StorageClass that does not exist stays Pending, and so does its pod, with the events of a real cluster', () => {
  const c = cluster();
  apply(c, claim('data', 'fast'), podWith('db', 'data'));
  c.advance(30_000);
  assert.equal(c.get('PersistentVolumeClaim', 'default', 'data')!.status.phase, 'Pending');
  assert.deepEqual(eventsOf(c, 'data'), ['Warning ProvisioningFailed persistentvolume-controller: storageclass.storage.k8s.io "fast" not found']);
  const pod = c.get('Pod', 'default', 'db')!;
  assert.equal(pod.status.phase, 'Pending');
  assert.deepEqual(eventsOf(c, 'db'), [
    'Warning FailedScheduling default-scheduler: 0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..',
  ]);
  assert.match(kubectl(c, 'get pvc data'), /\ndata +Pending +fast +<unset> +30s\n/, 'no volume, capacity or access modes while Pending');
  // The missing class appears: the claim binds and the pod runs.
  apply(c, { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, provisioner: 'k8s.io/minikube-hostpath' });
  c.advance(30_000);
  assert.equal(c.get('PersistentVolumeClaim', 'default', 'data')!.status.phase, 'Bound');
  assert.equal(c.get('Pod', 'default', 'db')!.status.phase, 'Running');
});

test('a claim with storageClassName "" waits for a volume: FailedBinding', () => {
  const c = cluster();
  apply(c, claim('static', ''));
  c.advance(10_000);
  assert.equal(c.get('PersistentVolumeClaim', 'default', 'static')!.status.phase, 'Pending');
  assert.deepEqual(eventsOf(c, 'static'), [
    'Normal FailedBinding persistentvolume-controller: no persistent volumes available for this claim and no storage class is set',
  ]);
});

function sts(name: string, replicas: number, extra: any = {}): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name },
    spec: {
      replicas,
      serviceName: name,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'db', image: 'nginx:1.27' }] } },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      ...extra,
    },
  };
}

test('StatefulSet minReadySeconds: the next pod waits until the previous one has been ready that long; availableReplicas counts only those', () => {
  const c = cluster();
  apply(c, sts('db', 2, { minReadySeconds: 30 }));
  c.advanceUntil(() => c.get('StatefulSet', 'default', 'db')!.status?.readyReplicas === 1, 60_000);
  const readyAt = c.now;
  let st = c.get('StatefulSet', 'default', 'db')!.status;
  assert.equal(st.availableReplicas, 0, 'ready, not yet available');
  c.advance(20_000);
  assert.equal(c.get('Pod', 'default', 'db-1'), undefined, 'db-1 waits for db-0 to be available');
  c.advanceUntil(() => !!c.get('Pod', 'default', 'db-1'), 30_000);
  assert.ok(c.now - readyAt >= 30_000, `db-1 created ${c.now - readyAt} ms after db-0 was ready`);
  st = c.get('StatefulSet', 'default', 'db')!.status;
  assert.equal(st.availableReplicas, 1);
});

test('persistentVolumeClaimRetentionPolicy: whenScaled Delete deletes the claims of removed pods, whenDeleted Delete those of a deleted set; Retain keeps them', () => {
  const c = cluster();
  const policy = (whenDeleted: string, whenScaled: string) => ({
    persistentVolumeClaimRetentionPolicy: { whenDeleted, whenScaled },
    podManagementPolicy: 'Parallel',
  });
  apply(c, sts('scaled', 3, policy('Retain', 'Delete')), sts('gone', 2, policy('Delete', 'Retain')), sts('kept', 2));
  c.advance(60_000);
  const claims = (set: string) =>
    c
      .list('PersistentVolumeClaim')
      .map((p) => p.metadata.name)
      .filter((n) => n.startsWith(`data-${set}-`))
      .sort();
  assert.deepEqual(claims('scaled'), ['data-scaled-0', 'data-scaled-1', 'data-scaled-2']);
  assert.deepEqual(
    c.get('PersistentVolumeClaim', 'default', 'data-gone-0')!.metadata.ownerReferences?.map((r: any) => `${r.kind}/${r.name}`),
    ['StatefulSet/gone'],
  );
  kubectl(c, 'scale statefulset scaled --replicas=1');
  c.advance(120_000);
  assert.deepEqual(claims('scaled'), ['data-scaled-0'], 'the claims of the removed pods went with them');
  kubectl(c, 'delete statefulset gone');
  kubectl(c, 'delete statefulset kept');
  c.advance(60_000);
  assert.deepEqual(claims('gone'), [], 'deleted with the set');
  assert.deepEqual(claims('kept'), ['data-kept-0', 'data-kept-1'], 'Retain (the default) keeps them');
});
