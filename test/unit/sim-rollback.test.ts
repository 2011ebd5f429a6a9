// Rollback as a cluster does it: a template equal to an old ReplicaSet's (however the client
// spelled it) brings that ReplicaSet back with the next revision, and the Deployment's
// `kubernetes.io/change-cause` is copied to its ReplicaSets, where `rollout history` reads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { templateKey } from '../../core/cluster/controllers/deployment';
import { templateHash } from '../../core/cluster/rng';
import type { Cluster } from '../../core/cluster/cluster';
import { apply, cluster, deployment, kubectl, rsOf } from './sim-helpers';

const REV = 'deployment.kubernetes.io/revision';
const CAUSE = 'kubernetes.io/change-cause';

/** [name, revision, image, replicas] of each ReplicaSet of `web`, by revision. */
function replicaSets(c: Cluster): [string, number, string, number][] {
  return rsOf(c, 'web')
    .map((rs): [string, number, string, number] => [
      rs.metadata.name,
      Number(rs.metadata.annotations?.[REV]),
      rs.spec.template.spec.containers[0].image,
      rs.spec.replicas,
    ])
    .sort((a, b) => a[1] - b[1]);
}

/** The revision column of `rollout history`, with each change-cause. */
function history(c: Cluster): string[] {
  return kubectl(c, 'rollout history deployment/web')
    .trim()
    .split('\n')
    .slice(2)
    .map((l) => l.trim().replace(/\s{2,}/, ' '));
}

/** What `kubectl set image` followed by a wait does to the Deployment. */
function setImage(c: Cluster, image: string): void {
  assert.match(kubectl(c, `set image deployment/web web=${image}`), /image updated/);
  c.advance(120_000);
}

/** What `kubectl annotate --overwrite deployment/web kubernetes.io/change-cause=...` does. */
function annotateCause(c: Cluster, cause: string): void {
  const d = c.get('Deployment', 'default', 'web')!;
  d.metadata.annotations = { ...(d.metadata.annotations ?? {}), [CAUSE]: cause };
  c.update(d);
  c.settle();
}

/** A pod template as kubectl serialises it from Go: zero-valued fields spelled out. */
function asKubectlSendsIt(template: any): any {
  const t = structuredClone(template);
  delete t.metadata.labels['pod-template-hash'];
  t.metadata.creationTimestamp = null;
  for (const ct of t.spec.containers) ct.resources ??= {};
  return t;
}

test('a template with creationTimestamp: null, resources: {} or empty lists has the key and pod-template-hash of the same template without them', () => {
  const plain = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.26' }] } };
  const spelled = {
    metadata: { creationTimestamp: null, labels: { app: 'web', 'pod-template-hash': 'abc' }, annotations: {} },
    spec: { containers: [{ name: 'web', image: 'nginx:1.26', resources: {}, env: [], workingDir: '' }], volumes: null },
  };
  assert.equal(templateKey(spelled), templateKey(plain));
  assert.equal(templateHash(templateKey(spelled)), templateHash(templateKey(plain)));
  // A label with an empty value, or an emptyDir, is a value of its own.
  assert.notEqual(templateKey({ ...plain, metadata: { labels: { app: 'web', tier: '' } } }), templateKey(plain));
  const withVolume = (emptyDir: unknown) => ({ ...plain, spec: { ...plain.spec, volumes: [{ name: 'v', emptyDir }] } });
  assert.notEqual(templateKey(withVolume({})), templateKey(withVolume(undefined)));
});

/** A Deployment rolled from nginx 1.25 to 1.26 to 1.27 (revisions 1, 2, 3), and its ReplicaSets then. */
function threeRevisions() {
  const c = cluster({ nodes: 2 });
  apply(c, deployment('web', 2, {}, { image: 'nginx:1.25' }));
  c.advance(60_000);
  setImage(c, 'nginx:1.26');
  setImage(c, 'nginx:1.27');
  return { c, before: replicaSets(c) };
}

test("rolling back with kubectl's spelling of an old template scales the old ReplicaSet back up as the next revision", () => {
  const { c, before } = threeRevisions();
  assert.deepEqual(
    before.map((r) => r.slice(1)),
    [
      [1, 'nginx:1.25', 0],
      [2, 'nginx:1.26', 0],
      [3, 'nginx:1.27', 2],
    ],
  );
  // kubectl rollout undo: a JSON patch replacing spec.template with revision 2's template.
  const d = c.get('Deployment', 'default', 'web')!;
  d.spec.template = asKubectlSendsIt(rsOf(c, 'web').find((rs) => rs.metadata.annotations?.[REV] === '2')!.spec.template);
  c.update(d, true);
  c.advance(120_000);
  assert.deepEqual(replicaSets(c), [
    [before[0][0], 1, 'nginx:1.25', 0],
    [before[2][0], 3, 'nginx:1.27', 0],
    [before[1][0], 4, 'nginx:1.26', 2],
  ]);
  assert.deepEqual(history(c), ['1 <none>', '3 <none>', '4 <none>']);
  const back = rsOf(c, 'web').find((rs) => rs.metadata.name === before[1][0])!;
  assert.equal(back.metadata.annotations?.['deployment.kubernetes.io/revision-history'], '2');
  assert.equal(c.get('Deployment', 'default', 'web')!.metadata.annotations?.[REV], '4');
});

test('the built-in rollout undo reuses the old ReplicaSet too', () => {
  const { c, before } = threeRevisions();
  assert.match(kubectl(c, 'rollout undo deployment/web'), /rolled back/);
  c.advance(120_000);
  assert.deepEqual(
    replicaSets(c).map((r) => [r[0], r[1], r[3]]),
    [
      [before[0][0], 1, 0],
      [before[2][0], 3, 0],
      [before[1][0], 4, 2],
    ],
  );
});

test('kubernetes.io/change-cause is copied to the ReplicaSets, shows in rollout history, and comes back with an undo', () => {
  const c = cluster({ nodes: 2 });
  apply(c, deployment('web', 2, {}, { image: 'nginx:1.25' }));
  c.advance(60_000);
  annotateCause(c, 'first release');
  setImage(c, 'nginx:1.26');
  annotateCause(c, 'image updated to 1.26');
  assert.deepEqual(history(c), ['1 first release', '2 image updated to 1.26']);
  const header = kubectl(c, 'rollout history deployment/web').split('\n').slice(0, 2);
  assert.deepEqual(header, ['deployment.apps/web ', 'REVISION  CHANGE-CAUSE']);
  // The controller's own annotations stay its own.
  const d = c.get('Deployment', 'default', 'web')!;
  d.metadata.annotations = { ...d.metadata.annotations, 'kubectl.kubernetes.io/last-applied-configuration': '{}', team: 'dorm' };
  c.update(d);
  c.settle();
  const newest = rsOf(c, 'web').find((rs) => rs.metadata.annotations?.[REV] === '2')!;
  assert.equal(newest.metadata.annotations?.team, 'dorm');
  assert.equal(newest.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'], undefined);

  assert.match(kubectl(c, 'rollout undo deployment/web'), /rolled back/);
  c.advance(120_000);
  assert.deepEqual(history(c), ['2 image updated to 1.26', '3 first release']);
  assert.equal(c.get('Deployment', 'default', 'web')!.metadata.annotations?.[CAUSE], 'first release');
});
