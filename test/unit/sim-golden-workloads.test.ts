// The golden scenarios of the simulator (the exact event sequences and states Kubernetes 1.29 shows),
// each asserting the exact story: StatefulSets, DaemonSets, Jobs, CronJobs, container failures,
// scheduling, Services and node failure (9–20). Deployments and ReplicaSets are in sim-golden.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, cluster, deployment, kubectl, pods } from './sim-helpers';
import { podStatus, podReady, podRestarts } from '../../core/kubectl/printers';
import { asKind } from '../../core/cluster/store';

/** A DaemonSet "power" of one pause container (scenarios 10 and 20). */
const POWER_DAEMONSET = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'power' },
  spec: {
    selector: { matchLabels: { app: 'power' } },
    template: { metadata: { labels: { app: 'power' } }, spec: { containers: [{ name: 'p', image: 'registry.k8s.io/pause:3.9' }] } },
  },
};

test('9. StatefulSet: ordered creation, PVC per pod, scale-down from the top keeps PVCs, Parallel, update 2,1,0', () => {
  const c = cluster();
  const sts = (policy: string, name = 'web') => ({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name },
    spec: {
      serviceName: 'nginx',
      replicas: 3,
      podManagementPolicy: policy,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
      volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    },
  });
  apply(c, sts('OrderedReady'));
  assert.deepEqual(
    pods(c).map((p) => p.metadata.name),
    ['web-0'],
  );
  c.advance(1000);
  assert.deepEqual(
    pods(c)
      .map((p) => p.metadata.name)
      .sort(),
    ['web-0', 'web-1'],
  );
  c.advance(5000);
  assert.equal(pods(c)[2].spec.hostname, 'web-2');
  assert.equal(pods(c)[2].spec.subdomain, 'nginx');
  assert.deepEqual(
    c.list('PersistentVolumeClaim').map((p) => p.metadata.name),
    ['www-web-0', 'www-web-1', 'www-web-2'],
  );
  const deletes: string[] = [];
  c.onEvent((e) => e.reason === 'SuccessfulDelete' && deletes.push(e.message));
  kubectl(c, 'scale sts/web --replicas=1');
  c.advance(10_000);
  assert.deepEqual(deletes, ['delete Pod web-2 in StatefulSet web successful', 'delete Pod web-1 in StatefulSet web successful']);
  assert.equal(c.list('PersistentVolumeClaim').length, 3);
  kubectl(c, 'scale sts/web --replicas=3');
  c.advance(10_000);
  deletes.length = 0;
  kubectl(c, 'set image sts/web nginx=nginx:1.28');
  c.advance(30_000);
  assert.deepEqual(deletes, [
    'delete Pod web-2 in StatefulSet web successful',
    'delete Pod web-1 in StatefulSet web successful',
    'delete Pod web-0 in StatefulSet web successful',
  ]);
  apply(c, sts('Parallel', 'par'));
  assert.equal(pods(c, (p) => p.metadata.name.startsWith('par-')).length, 3);
});

test('10. DaemonSet: 3 nodes → 3 pods; add a node → 4; a tainted node without toleration gets none', () => {
  const c = cluster();
  apply(c, POWER_DAEMONSET);
  c.advance(3000);
  assert.equal(pods(c).length, 3);
  kubectl(c, 'add node node-4');
  c.advance(3000);
  assert.equal(pods(c).length, 4);
  assert.deepEqual(
    pods(c)
      .map((p) => p.spec.nodeName)
      .sort(),
    ['node-1', 'node-2', 'node-3', 'node-4'],
  );
  kubectl(c, 'add node node-5');
  kubectl(c, 'taint nodes node-5 gpu=yes:NoExecute');
  c.advance(3000);
  assert.equal(pods(c, (p) => p.spec.nodeName === 'node-5' && !p.metadata.deletionTimestamp).length, 0);
});

test('11. Job completions=5 parallelism=2: two active at a time, Completed pods, 5/5', () => {
  const c = cluster();
  apply(c, {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'pi' },
    spec: {
      completions: 5,
      parallelism: 2,
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'busybox', command: ['sh', '-c', 'sleep 5'] }] } },
    },
  });
  let maxActive = 0;
  c.store.watch(() => (maxActive = Math.max(maxActive, pods(c, (p) => !['Succeeded', 'Failed'].includes(p.status?.phase)).length)));
  c.advance(60_000);
  const job = c.get('Job', 'default', 'pi')!;
  assert.equal(maxActive, 2);
  assert.equal(job.status.succeeded, 5);
  assert.equal(job.status.conditions.find((x: any) => x.type === 'Complete').status, 'True');
  assert.ok(pods(c).every((p) => podStatus(p) === 'Completed'));
  assert.match(kubectl(c, 'get jobs'), /pi\s+5\/5/);
});

test('12. Job that always fails: retries after 10s, 20s, 40s ...; the 7th failure → BackoffLimitExceeded', () => {
  const c = cluster();
  apply(c, {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'bad' },
    spec: { backoffLimit: 6, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'b', image: 'busybox', command: ['sh', '-c', 'exit 1'] }] } } },
  });
  c.advance(1_200_000);
  const creates = c.events.filter((e) => e.reason === 'SuccessfulCreate' && e.object === 'Job/bad').map((e) => e.t / 1000);
  assert.equal(creates.length, 7);
  const gaps = creates.slice(1).map((t, i) => t - creates[i]);
  // each pod runs 1 s (start) then fails: gap = 1 s + back-off
  assert.deepEqual(gaps, [11, 21, 41, 81, 161, 321]);
  const ev = c.events.find((e) => e.reason === 'BackoffLimitExceeded')!;
  assert.equal(ev.message, 'Job has reached the specified backoff limit');
  assert.equal(c.get('Job', 'default', 'bad')!.status.conditions[0].reason, 'BackoffLimitExceeded');
});

test('13. CronJob */1: a job per minute named <cj>-<minutes>; Forbid skips; history keeps 3 succeeded', () => {
  const c = cluster();
  apply(c, {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'clean' },
    spec: {
      schedule: '*/1 * * * *',
      jobTemplate: {
        spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'sleep 2'] }] } } },
      },
    },
  });
  c.advance(5 * 60_000 + 30_000);
  const created = c.events.filter((e) => e.reason === 'SuccessfulCreate' && e.object === 'CronJob/clean').map((e) => e.message);
  const base = Math.floor(c.options.epoch / 60000);
  assert.deepEqual(
    created,
    [1, 2, 3, 4, 5].map((m) => `Created job clean-${base + m}`),
  );
  assert.equal(c.list('Job').length, 3);
  const c2 = cluster();
  apply(c2, {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'slow' },
    spec: {
      schedule: '*/1 * * * *',
      concurrencyPolicy: 'Forbid',
      jobTemplate: {
        spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'sleep 90'] }] } } },
      },
    },
  });
  c2.advance(3 * 60_000 + 10_000);
  assert.ok(
    c2.events.some(
      (e) => e.reason === 'JobAlreadyActive' && e.message === 'Not starting job because prior execution is running and concurrency policy is Forbid',
    ),
  );
});

test('14. CrashLoopBackOff: restart at once, then back-off 10s, 20s, 40s ... capped at 5m; RESTARTS "N (Xs ago)"', () => {
  const c = cluster();
  apply(c, deployment('web', 1, {}, {}, { 'kube-dorm.dev/crash-after': '1s' }));
  c.advance(1_800_000);
  const p = pods(c)[0];
  const starts = c.events.filter((e) => e.reason === 'Started' && e.name === p.metadata.name).map((e) => e.t / 1000);
  const gaps = starts.slice(1).map((t, i) => t - starts[i]);
  // runs 1 s, restarts 1 s later the first time, then waits 10, 20, 40 ... 300 s after each exit
  assert.deepEqual(gaps.slice(0, 8), [2, 11, 21, 41, 81, 161, 301, 301]);
  assert.match(podRestarts(c, p), /^\d+ \(\d+(s|m\d*s?) ago\)$/);
  assert.ok(
    c.events.some((e) => e.reason === 'BackOff' && e.message.startsWith(`Back-off restarting failed container web in pod ${p.metadata.name}_default(`)),
  );
  const waiting = c.events.length;
  void waiting;
});

test('15. memory over limit → OOMKilled (exit 137), then CrashLoopBackOff', () => {
  const c = cluster();
  apply(c, deployment('web', 1, {}, { resources: { limits: { memory: '64Mi' } } }, { 'kube-dorm.dev/memory': '300Mi' }));
  const statuses: string[] = [];
  c.store.watch((ev) => ev.object.kind === 'Pod' && statuses[statuses.length - 1] !== podStatus(ev.object) && statuses.push(podStatus(ev.object)));
  c.advance(30_000);
  assert.ok(statuses.includes('OOMKilled'));
  assert.ok(statuses.includes('CrashLoopBackOff'));
  const cs = pods(c)[0].status.containerStatuses[0];
  assert.equal(cs.lastState.terminated.reason, 'OOMKilled');
  assert.equal(cs.lastState.terminated.exitCode, 137);
});

test('16. missing Secret → 0/1 CreateContainerConfigError; create it → Running', () => {
  const c = cluster();
  apply(c, deployment('web', 1, {}, { env: [{ name: 'ADMIN', valueFrom: { secretKeyRef: { name: 'nginx-secrets', key: 'admin-user' } } }] }));
  c.advance(5000);
  const p = pods(c)[0];
  assert.equal(podReady(p), '0/1');
  assert.equal(podStatus(p), 'CreateContainerConfigError');
  assert.ok(c.events.some((e) => e.reason === 'Failed' && e.message === 'Error: secret "nginx-secrets" not found'));
  kubectl(c, 'create secret generic nginx-secrets --from-literal=admin-user=root --from-literal=admin-pass=pw');
  c.advance(2000);
  assert.equal(podStatus(p), 'Running');
  assert.equal(podReady(p), '1/1');
});

test('17. requests larger than every node → Pending, FailedScheduling "0/3 nodes are available: 3 Insufficient cpu. preemption: …"', () => {
  const c = cluster();
  apply(c, deployment('big', 1, {}, { resources: { requests: { cpu: '8' } } }));
  c.advance(5000);
  assert.equal(podStatus(pods(c)[0]), 'Pending');
  assert.equal(
    c.events.find((e) => e.reason === 'FailedScheduling')!.message,
    '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod..',
  );
});

test('18. NodePort 80:3xxxx/TCP, LoadBalancer <pending>, not-ready pod in notReadyAddresses, requests reach ready pods only', () => {
  const c = cluster();
  apply(c, deployment('web', 2), deployment('slow', 1, {}, {}, { 'kube-dorm.dev/ready-after': 'never' }));
  const svc = (name: string, type: string, app: string) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name },
    spec: { type, selector: { app }, ports: [{ port: 80 }] },
  });
  apply(c, svc('np', 'NodePort', 'web'), svc('lb', 'LoadBalancer', 'web'), {
    ...svc('mixed', 'ClusterIP', 'tier'),
    spec: { selector: { tier: 'front' }, ports: [{ port: 80 }] },
  });
  for (const p of pods(c)) {
    p.metadata.labels!.tier = 'front';
    c.update(p);
  }
  c.advance(5000);
  const out = kubectl(c, 'get svc');
  assert.match(out, /np\s+NodePort\s+10\.\d+\.\d+\.\d+\s+<none>\s+80:3\d{4}\/TCP/);
  assert.match(out, /lb\s+LoadBalancer\s+\S+\s+<pending>\s+80:3\d{4}\/TCP/);
  const ep = asKind(c.get('Endpoints', 'default', 'mixed'), 'Endpoints')!;
  assert.equal(ep.subsets![0].addresses!.length, 2);
  assert.equal(ep.subsets![0].notReadyAddresses!.length, 1);
  const slow = pods(c, (p) => p.metadata.name.startsWith('slow-'))[0].metadata.name;
  const served = kubectl(c, 'request service/mixed --count 10');
  assert.equal(served.trim().split('\n').length, 10);
  assert.ok(!served.includes(slow));
});

test('19. delete an RS pod → replacement with a new name; delete a StatefulSet pod → same name and PVC', () => {
  const c = cluster();
  apply(c, deployment('web', 1));
  c.advance(3000);
  const before = pods(c)[0].metadata.name;
  kubectl(c, `delete pod ${before}`);
  c.advance(5000);
  const after = pods(c).map((p) => p.metadata.name);
  assert.equal(after.length, 1);
  assert.notEqual(after[0], before);
  apply(c, {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db' },
    spec: {
      serviceName: 'db',
      replicas: 1,
      selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'redis' }] } },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    },
  });
  c.advance(3000);
  const uid = c.get('Pod', 'default', 'db-0')!.metadata.uid;
  kubectl(c, 'delete pod db-0');
  c.advance(5000);
  const again = c.get('Pod', 'default', 'db-0')!;
  assert.notEqual(again.metadata.uid, uid);
  assert.equal(again.spec.volumes.find((v: any) => v.name === 'data').persistentVolumeClaim.claimName, 'data-db-0');
  assert.equal(c.list('PersistentVolumeClaim').length, 1);
});

test('20. node failure → pods replaced on other nodes after NotReady + 300 s; the DaemonSet pod is not moved', () => {
  const c = cluster();
  apply(c, deployment('web', 3));
  apply(c, POWER_DAEMONSET);
  c.advance(5000);
  const onNode2 = pods(c, (p) => p.spec.nodeName === 'node-2' && p.metadata.name.startsWith('web-'));
  kubectl(c, 'fail node node-2');
  c.advance(400_000);
  assert.ok(c.events.some((e) => e.message === 'Node node-2 status is now: NodeNotReady'));
  const live = pods(c, (p) => p.metadata.name.startsWith('web-') && !p.metadata.deletionTimestamp);
  assert.equal(live.length, 3);
  assert.ok(live.every((p) => p.spec.nodeName !== 'node-2'));
  for (const p of onNode2) assert.equal(podStatus(c.get('Pod', 'default', p.metadata.name)!), 'Terminating');
  const dsPod = pods(c, (p) => p.metadata.name.startsWith('power-') && p.spec.nodeName === 'node-2');
  assert.equal(dsPod.length, 1);
  assert.ok(!dsPod[0].metadata.deletionTimestamp);
});
