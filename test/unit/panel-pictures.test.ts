// The view-model behind the panel's pictures: a Deployment's rollout over virtual time (bounded),
// which safes, notice boards and lockers each room uses, claims as lockers, each counsellor's room
// with its DNS name, and the Service a `request` went through.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, cluster, deployment } from './sim-helpers';
import { StateTracker, buildState, ROLLOUT_SAMPLES, type RolloutSample } from '../../core/panel/view';
import { listSource } from '../../core/panel/source';
import { RolloutHistory } from '../../core/panel/rollout';
import { runCommand } from '../../core/kubectl/commands';
import type { KObject } from '../../core/cluster/store';
import { packPod, unpackPod } from '../../core/panel/wire';

const rolloutOf = (c: ReturnType<typeof cluster>, name: string) =>
  buildState(c, { tables: false }).workloads.find((w) => w.kind === 'Deployment' && w.name === name)?.rollout;
const counts = (s: RolloutSample) => s.slice(1);

test('rollout: one long step still yields the rollout change by change, at virtual times, ending at the counts now', () => {
  const c = cluster();
  apply(c, deployment('web', 3));
  // The first look (the panel's first state): 3 desired, 3 rooms of the new revision made, none ready yet.
  assert.deepEqual(rolloutOf(c, 'web')?.map(counts), [[3, 3, 0, 0, 1]]);
  c.advance(60_000);
  const s = rolloutOf(c, 'web')!;
  assert.ok(s.length >= 2, JSON.stringify(s));
  assert.deepEqual(counts(s.at(-1)!), [3, 3, 3, 3, 1]);
  for (let i = 1; i < s.length; i++) {
    assert.ok(s[i][0] > s[i - 1][0], `times increase: ${JSON.stringify(s)}`);
    assert.notDeepEqual(counts(s[i]), counts(s[i - 1]), 'a sample is a change');
  }
  // Ready comes before available only by minReadySeconds (0 here): never more available than ready.
  assert.ok(s.every((x) => x[4] <= x[3] && x[2] <= 3 + 1));
  // A new image: revision 2, updated drops and climbs back.
  assert.equal(runCommand(c, 'set image deployment/web web=nginx:1.28').error, false);
  c.advance(60_000);
  const after = rolloutOf(c, 'web')!;
  const rev2 = after.findIndex((x) => x[5] === 2);
  assert.ok(rev2 > 0, JSON.stringify(after));
  // One room at a time (maxSurge 1, maxUnavailable 0): updated climbs 1, 2, 3 while ready never drops under 3.
  assert.deepEqual([...new Set(after.slice(rev2).map((x) => x[2]))], [1, 2, 3], JSON.stringify(after));
  assert.ok(after.slice(rev2).every((x) => x[3] >= 3));
  assert.deepEqual(counts(after.at(-1)!), [3, 3, 3, 3, 2]);
  // Time does not add samples when nothing changes.
  c.advance(60_000);
  assert.equal(rolloutOf(c, 'web')!.length, after.length);
});

test(`rollout: at most ${ROLLOUT_SAMPLES} samples, the newest kept`, () => {
  const c = cluster();
  apply(c, deployment('web', 1));
  rolloutOf(c, 'web'); // the panel's first look starts the history
  for (let i = 0; i < 50; i++) {
    runCommand(c, `scale deployment/web --replicas=${(i % 3) + 1}`);
    c.advance(5_000);
  }
  const s = rolloutOf(c, 'web')!;
  assert.equal(s.length, ROLLOUT_SAMPLES);
  assert.deepEqual(counts(s.at(-1)!), [(49 % 3) + 1, 2, 2, 2, 1]);
  // Only other kinds than Deployment carry none.
  assert.ok(
    buildState(c, { tables: false })
      .workloads.filter((w) => w.kind !== 'Deployment')
      .every((w) => w.rollout === undefined),
  );
});

test('rollout: another source (a real cluster) is sampled each time the state is built; a deleted Deployment is forgotten', () => {
  const d = (ready: number): Record<string, KObject[]> => ({
    Deployment: [
      {
        kind: 'Deployment',
        apiVersion: 'apps/v1',
        metadata: {
          name: 'api',
          namespace: 'default',
          uid: 'u1',
          resourceVersion: '1',
          creationTimestamp: '2026-01-01T00:00:00Z',
          annotations: { 'deployment.kubernetes.io/revision': '4' },
        },
        spec: { replicas: 2 },
        status: { updatedReplicas: 2, readyReplicas: ready, availableReplicas: ready, replicas: 2 },
      },
    ],
  });
  const tr = new StateTracker();
  tr.snapshot(listSource(d(0), 1_000));
  tr.diff(listSource(d(1), 2_000));
  tr.diff(listSource(d(1), 3_000));
  const s = tr.snapshot(listSource(d(2), 4_000)).workloads[0].rollout;
  assert.deepEqual(s, [
    [1_000, 2, 2, 0, 0, 4],
    [2_000, 2, 2, 1, 1, 4],
    [4_000, 2, 2, 2, 2, 4],
  ]);
  const h = new RolloutHistory();
  const dep = d(1).Deployment[0];
  h.observe(dep, 5);
  h.forget(dep);
  assert.deepEqual(h.of(dep), []);
  // Garbage counts read as 0, never NaN.
  h.observe({ ...dep, spec: { replicas: 'x' }, status: { readyReplicas: -3, updatedReplicas: null } }, 6);
  assert.deepEqual(h.of(dep), [[6, 0, 0, 0, 0, 4]]);
});

const USER = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'user', namespace: 'default' },
  spec: {
    imagePullSecrets: [{ name: 'registry' }],
    containers: [
      {
        name: 'app',
        image: 'nginx:1.27',
        envFrom: [{ configMapRef: { name: 'settings' } }],
        env: [
          { name: 'PW', valueFrom: { secretKeyRef: { name: 'creds', key: 'password' } } },
          { name: 'PW2', valueFrom: { secretKeyRef: { name: 'creds', key: 'other' } } },
        ],
        volumeMounts: [{ name: 'data', mountPath: '/data' }],
      },
    ],
    volumes: [
      { name: 'data', persistentVolumeClaim: { claimName: 'data' } },
      { name: 'cfg', configMap: { name: 'settings' } },
      { name: 'gone', configMap: { name: 'nowhere', optional: true } },
      { name: 'scratch', emptyDir: {} },
      { name: 'logs', hostPath: { path: '/var/log' } },
    ],
  },
};

test('uses: each safe, notice board and locker a room names, once per way of use; claims are lockers with their phase; no value anywhere', () => {
  const c = cluster();
  apply(
    c,
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { mode: 'fast' } },
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds' }, stringData: { password: 'hunter2', other: 'sesame' } },
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    },
    USER,
  );
  c.advance(10_000);
  const s = buildState(c, { tables: false });
  const pod = s.pods.find((p) => p.name === 'user')!;
  assert.deepEqual(pod.uses, [
    { kind: 'Secret', name: 'creds', via: 'env' },
    { kind: 'ConfigMap', name: 'settings', via: 'envFrom' },
    { kind: 'PersistentVolumeClaim', name: 'data', via: 'volume' },
    { kind: 'ConfigMap', name: 'settings', via: 'volume' },
    { kind: 'ConfigMap', name: 'nowhere', via: 'volume' },
    { kind: 'Secret', name: 'registry', via: 'imagePull' },
    // The room's own volumes: its own lockers, with their type.
    { kind: 'Volume', name: 'scratch', type: 'emptyDir', via: 'volume' },
    { kind: 'Volume', name: 'logs', type: 'hostPath', via: 'volume' },
  ]);
  // The wire keeps them, type and all (packed as "ov:emptyDir/scratch").
  assert.deepEqual(unpackPod(packPod(pod)).uses, pod.uses);
  const claim = s.configs.find((x) => x.kind === 'PersistentVolumeClaim');
  assert.deepEqual(claim, {
    id: 'PersistentVolumeClaim/default/data',
    kind: 'PersistentVolumeClaim',
    name: 'data',
    namespace: 'default',
    type: 'Bound',
    keys: [],
  });
  assert.ok(!JSON.stringify(s).includes('hunter2') && !JSON.stringify(s).includes('sesame'), 'no Secret value in the state');
  // A room that names nothing carries an empty list, and the wire leaves it out.
  apply(c, deployment('plain', 1));
  assert.deepEqual(buildState(c, { tables: false }).pods.find((p) => p.groupName === 'plain')?.uses, []);
});

test("DNS names: each counsellors' room is <pod>.<serviceName>.<namespace>.svc.cluster.local; other rooms have none", () => {
  const c = cluster();
  apply(c, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'school' } });
  apply(
    c,
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'tutors', namespace: 'school' },
      spec: { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'school' },
      spec: {
        serviceName: 'tutors',
        replicas: 2,
        selector: { matchLabels: { app: 'db' } },
        template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'nginx:1.27' }] } },
      },
    },
    deployment('web', 1),
  );
  c.advance(60_000);
  const pods = buildState(c, { tables: false }).pods;
  const dns = pods
    .filter((p) => p.groupKind === 'StatefulSet')
    .map((p) => [p.ordinal, p.dns])
    .sort();
  assert.deepEqual(dns, [
    [0, 'db-0.tutors.school.svc.cluster.local'],
    [1, 'db-1.tutors.school.svc.cluster.local'],
  ]);
  assert.ok(pods.filter((p) => p.groupName === 'web').every((p) => p.dns === '' && p.ordinal === -1));
});

test('request: names the Service the orders went through (by name or by its DNS name), none for a pod address', () => {
  const c = cluster();
  apply(c, deployment('web', 2), { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
  c.advance(30_000);
  const r = runCommand(c, 'request service/web --count 4');
  assert.deepEqual(r.via, { namespace: 'default', name: 'web' });
  assert.equal(r.answered?.length, 4);
  assert.deepEqual(runCommand(c, 'request web.default.svc.cluster.local').via, { namespace: 'default', name: 'web' });
  const ip = buildState(c, { tables: false }).pods[0].ip;
  assert.equal(runCommand(c, `request ${ip}:80`).via, undefined);
});
