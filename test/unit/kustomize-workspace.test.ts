// The workspace's Kustomize view: overlays are linted as rendered, findings point at the line that
// caused them, patch files and a Helm chart's values are not checked as manifests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintWorkspaceFile } from '../../core/lint-workspace';
import { lintFile } from '../../core/lint';
import { Workspace } from '../../core/workspace/index';
import { kustomizeView } from '../../core/workspace/kustomize';
import { BASE_SVC, OVERLAY, PATCH, PROJECT } from '../support/kustomize-project';

const U = (p: string) => `file:///proj/${p}`;

function workspace(): Workspace {
  const ws = new Workspace();
  for (const [p, text] of Object.entries(PROJECT)) ws.set(U(p), text);
  return ws;
}

test('linted alone, the base Service matches no pods (the label comes from the overlay)', () => {
  const ws = workspace();
  assert.ok(lintFile(ws, U('base/service.yaml')).some((d) => d.code === 'service-no-match'));
});

test('linted as the overlay renders it, the base Service draws no service-no-match', () => {
  const ws = workspace();
  const diags = lintWorkspaceFile(ws, U('base/service.yaml'));
  assert.deepEqual(
    diags.map((d) => d.code),
    [],
  );
});

test("a finding caused by the overlay points at the overlay's kustomization line", () => {
  const ws = workspace();
  const overlay = lintWorkspaceFile(ws, U('overlays/prod/kustomization.yaml'));
  const latest = overlay.find((d) => d.code === 'image-latest');
  assert.ok(latest, JSON.stringify(overlay));
  assert.equal(latest.range.start.line, 10, 'the newTag: latest line');
  // …and not in the base, whose own image is pinned.
  assert.ok(!lintWorkspaceFile(ws, U('base/deployment.yaml')).some((d) => d.code === 'image-latest'));
});

test('a patch file is a partial object: not validated as a manifest', () => {
  const ws = workspace();
  // Alone it lacks a selector and a template.
  assert.ok(lintFile(ws, U('overlays/prod/more-replicas.yaml')).some((d) => d.code === 'selector-missing'));
  assert.deepEqual(lintWorkspaceFile(ws, U('overlays/prod/more-replicas.yaml')), []);
  assert.equal(kustomizeView(ws).roles.get(U('overlays/prod/more-replicas.yaml')), 'patch');
});

test('a kustomization that does not build gets one kustomize-build error on the line at fault', () => {
  const ws = workspace();
  ws.set(U('overlays/prod/kustomization.yaml'), OVERLAY.replace('more-replicas.yaml', 'missing.yaml'));
  const diags = lintWorkspaceFile(ws, U('overlays/prod/kustomization.yaml'));
  assert.deepEqual(
    diags.map((d) => [d.code, d.range.start.line]),
    [['kustomize-build', 12]],
  );
  assert.match(JSON.stringify(diags[0].message), /kz\.noFile/);
});

test("a Helm chart's values.yaml is never linted as a manifest, even when it looks like one", () => {
  const ws = workspace();
  assert.ok(lintFile(ws, U('chart/values.yaml')).length > 0, 'the plain linter would check it');
  assert.deepEqual(lintWorkspaceFile(ws, U('chart/values.yaml')), []);
  assert.deepEqual(lintWorkspaceFile(ws, U('chart/Chart.yaml')), []);
});

test('a workspace with no kustomization lints exactly as before', () => {
  const ws = new Workspace();
  ws.set(U('a.yaml'), BASE_SVC);
  assert.deepEqual(lintWorkspaceFile(ws, U('a.yaml')), lintFile(ws, U('a.yaml')));
});

test('a finding caused by a patch points at the patch line that set the value', () => {
  const ws = workspace();
  ws.set(U('overlays/prod/kustomization.yaml'), OVERLAY.replace(/images:\n(?: {2}.*\n)+/, ''));
  ws.set(U('overlays/prod/more-replicas.yaml'), `${PATCH}  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:latest\n`);
  const patch = lintWorkspaceFile(ws, U('overlays/prod/more-replicas.yaml'));
  assert.deepEqual(
    patch.map((d) => [d.code, d.range.start.line]),
    [['image-latest', 10]],
  );
});
