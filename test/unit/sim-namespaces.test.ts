// Item 15 of issue 12: a manifest naming a namespace that does not exist makes `kube-dorm simulate`
// exit 1 with kubectl's message; deleting a namespace goes through Terminating (its objects are
// deleted, pods gracefully, then the namespace is gone); default and kube-system cannot be deleted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { apply, cluster, deployment, kubectl } from './sim-helpers';
import { runCommand } from '../../core/kubectl/commands';
import { applyFiles } from '../../core/cluster/apply';
import { simulate } from '../support/simulate-run';

test("kube-dorm simulate: an object in a namespace that does not exist fails the command with kubectl's message", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-ns-'));
  try {
    const f = path.join(dir, 'shop.yaml');
    fs.writeFileSync(f, JSON.stringify({ ...deployment('web', 1), metadata: { name: 'web', namespace: 'shop' } }));
    const r = await simulate([f, '--until', '5s']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(
      r.stderr,
      new RegExp(`^Error from server \\(NotFound\\): error when creating "${f.replace(/[.\\\\/]/g, '\\$&')}": namespaces "shop" not found$`, 'm'),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('deleting a namespace: Terminating, its objects deleted (pods gracefully), then it is gone; nothing new may be created meanwhile', () => {
  const c = cluster();
  apply(c, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
  apply(c, { ...deployment('web', 2), metadata: { name: 'web', namespace: 'shop' } });
  c.advance(10_000);
  assert.equal(c.list('Pod', 'shop').length, 2);
  assert.match(kubectl(c, 'delete namespace shop'), /namespace "shop" deleted/);
  const ns = c.get('Namespace', undefined, 'shop')!;
  assert.equal(ns.status.phase, 'Terminating', 'the namespace waits for its pods');
  assert.ok(ns.metadata.deletionTimestamp);
  assert.match(kubectl(c, 'get ns shop'), /^shop\s+Terminating\s/m);
  assert.equal(c.list('Deployment', 'shop').length, 0);
  assert.ok(
    c.list('Pod', 'shop').every((p) => p.metadata.deletionTimestamp),
    'its pods are Terminating',
  );
  const late = applyFiles(c, [
    { uri: 'late.yaml', text: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late', namespace: 'shop' } }) },
  ]);
  assert.deepEqual(late.errors, [
    'Error from server (Forbidden): error when creating "late.yaml": configmaps "late" is forbidden: unable to create new content in namespace shop because it is being terminated',
  ]);
  c.advance(60_000);
  assert.equal(c.list('Pod', 'shop').length, 0);
  assert.equal(c.get('Namespace', undefined, 'shop'), undefined, 'gone once empty');
});

test('default and kube-system cannot be deleted', () => {
  const c = cluster();
  for (const ns of ['default', 'kube-system']) {
    const r = runCommand(c, `delete namespace ${ns}`);
    assert.equal(r.error, true);
    assert.equal(r.output.trim(), `Error from server (Forbidden): namespaces "${ns}" is forbidden: this namespace may not be deleted`);
    assert.ok(c.get('Namespace', undefined, ns));
  }
});
