// Known simulator bug (issue #7, item 3): a Deployment whose pod template carried ~50 hostile
// annotations (one of 10 kB) never settled. Cause: the Deployment was created with ONE annotations
// map shared by its metadata and its pod template; the controller's revision annotation then also
// changed the template, so every sync made a new ReplicaSet (1,000+ at t=0) and compared its
// 30 kB canonical JSON with all the others. Fix: Cluster.create un-aliases shared sub-objects;
// the template key is cached per object and resourceVersion.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { createCluster } from '../../core/cluster/index';
import { asKind } from '../../core/cluster/store';
import { applyObject } from '../../core/cluster/apply';
import { templateKey, templateKeyOf } from '../../core/cluster/controllers/deployment';
import { HOSTILE, hostileMaps } from '../support/hostile';

test('50 hostile annotations (one 10 kB) shared by a Deployment and its pod template: one ReplicaSet each, all pods ready', () => {
  assert.equal(HOSTILE.length, 50);
  const c = createCluster({ seed: 7 });
  const { labels, annotations, env } = hostileMaps();
  const names: string[] = [];
  HOSTILE.forEach((v, i) => {
    if (i % 3 !== 0) return;
    const name = `d${i}`;
    names.push(name);
    // metadata.annotations and the template's annotations are the SAME object, as in the panel test.
    c.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, labels, annotations },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: `a${i}` } },
        template: { metadata: { labels: { app: `a${i}`, evil: v }, annotations }, spec: { containers: [{ name: 'c', image: 'nginx:1.27', env }] } },
      },
    });
  });
  c.advance(60_000);
  for (const name of names) {
    const d = c.get('Deployment', 'default', name)!;
    const rs = c.list('ReplicaSet').filter((r) => r.metadata.ownerReferences?.[0]?.uid === d.metadata.uid);
    assert.equal(rs.length, 1, `${name}: ${rs.length} ReplicaSets`);
    assert.equal(d.status?.readyReplicas, 2, `${name} ready`);
    assert.equal(d.spec.template.metadata.annotations['deployment.kubernetes.io/revision'], undefined, 'the revision annotation stays off the template');
  }
  assert.equal(c.list('Pod').length, names.length * 2);
});

test('a YAML anchor shared between metadata and template annotations is applied without aliasing', () => {
  const c = createCluster({ seed: 7 });
  const obj = parse(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations: &ann {note: "${'y'.repeat(10_240)}"}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}, annotations: *ann}
    spec: {containers: [{name: web, image: nginx:1.27}]}
`);
  const out = { lines: [], errors: [] as string[], diagnostics: [], notSimulated: [] };
  applyObject(c, obj, out);
  assert.deepEqual(out.errors, []);
  c.advance(60_000);
  assert.equal(c.list('ReplicaSet').length, 1);
  assert.equal(c.get('Deployment', 'default', 'web')!.status?.readyReplicas, 3);
  // A rollout afterwards still makes exactly one more ReplicaSet.
  const d = c.get('Deployment', 'default', 'web')!;
  d.spec.template.spec.containers[0].image = 'nginx:1.28';
  c.update(d, true);
  c.advance(120_000);
  assert.equal(c.list('ReplicaSet').length, 2);
});

test('a cyclic object handed to create() is cut, not looped over', () => {
  const c = createCluster({ seed: 7 });
  const cm: any = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'loop' }, data: {} };
  cm.data.self = cm.data;
  c.create(cm);
  assert.equal(asKind(c.get('ConfigMap', 'default', 'loop'), 'ConfigMap')!.data!.self, null);
});

test('templateKeyOf is templateKey, and follows in-place changes published with a new resourceVersion', () => {
  const c = createCluster({ seed: 7 });
  c.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'k' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'k' } },
      template: { metadata: { labels: { app: 'k' } }, spec: { containers: [{ name: 'c', image: 'a' }] } },
    },
  });
  const d = c.get('Deployment', 'default', 'k')!;
  assert.equal(templateKeyOf(d), templateKey(d.spec.template));
  const before = templateKeyOf(d);
  d.spec.template.spec.containers[0].image = 'b';
  c.update(d, true);
  assert.notEqual(templateKeyOf(d), before);
  assert.equal(templateKeyOf(d), templateKey(d.spec.template));
  d.spec.template = { metadata: { labels: { app: 'k' } }, spec: { containers: [{ name: 'c', image: 'z' }] } };
  assert.equal(templateKeyOf(d), templateKey(d.spec.template), 'a replaced template object is not served from the cache');
});
