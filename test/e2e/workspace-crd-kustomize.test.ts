// The user's own world in a real VS Code (code-server + Chromium), offline: a CRD that is a file in
// the workspace checks its custom resource, whose error shows in the Problems panel on its line
// (that each finding names its schema's source is test/unit/crd.test.ts's to check); and
// "Simulate Manifest" on an overlay's kustomization.yaml runs the overlay as it renders (base +
// namePrefix + patch), so the panel draws the prefixed Deployment's rooms.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, findWebviewFrame, openFile, parsePosition, runCommand, useE2E, waitForPods, waitForProblems } from './support';
import { BASE_DEPLOY, BASE_SVC, PATCH } from '../support/kustomize-project';

const CRDS = readFileSync(path.join(ROOT, 'test', 'fixtures', 'crd', 'crds.yaml'), 'utf8');
/** replicas: 20 where the CRD says `maximum: 10`. */
const WIDGET = 'apiVersion: dorm.example.com/v1\nkind: Widget\nmetadata:\n  name: desk\nspec:\n  size: small\n  replicas: 20\n';
const OVERLAY = `resources:
  - ../../base
namePrefix: prod-
images:
  - name: nginx
    newTag: "1.27"
patches:
  - path: more-replicas.yaml
`;

describe('e2e: CRDs in the workspace and a Kustomize overlay', () => {
  const e2e = useE2E({
    files: {
      'crds/crds.yaml': CRDS,
      'widget.yaml': WIDGET,
      'base/deployment.yaml': BASE_DEPLOY,
      'base/service.yaml': BASE_SVC,
      'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - service.yaml\n',
      'overlays/prod/kustomization.yaml': OVERLAY,
      'overlays/prod/more-replicas.yaml': PATCH,
    },
    settings: { 'kubeDorm.language': 'en' },
  });

  it("a custom resource's value above its workspace CRD's maximum is an error in the Problems panel", { timeout: 240_000 }, async () => {
    const { page } = e2e();
    await openFile(page, 'widget.yaml');
    const rows = await waitForProblems(page, (rs) => rs.some((r) => r.code.includes('schema-constraint')), 120_000);
    const row = rows.find((r) => r.code.includes('schema-constraint'))!;
    assert.equal(row.kind, 'error');
    assert.match(row.message, /spec\.replicas: Invalid value: 20: spec\.replicas in body should be less than or equal to 10/);
    assert.equal(parsePosition(row.position)?.line, 7, `on widget.yaml's replicas line: ${row.position}`);
  });

  it("Simulate Manifest on the overlay's kustomization.yaml draws the overlay's rendered objects", { timeout: 240_000 }, async (t) => {
    const { page } = e2e();
    await openFile(page, 'overlays/prod/kustomization.yaml');
    const t0 = Date.now();
    await runCommand(page, 'Kube Dorm: Simulate Manifest');
    const frame = await findWebviewFrame(page, '[data-kind="pod"]', 90_000);
    t.diagnostic(`command → panel with rooms: ${Date.now() - t0} ms`);
    // The patch's 3 replicas, all owned by the prefixed Deployment's ReplicaSet (the base alone has 2, named web).
    const pods = await waitForPods(frame, (ps) => ps.length === 3 && ps.every((p) => p.status === 'Running'), 120_000);
    assert.ok(
      pods.every((p) => p.name.startsWith('prod-web-') && p.owner.startsWith('prod-web-')),
      JSON.stringify(pods),
    );
    assert.equal(await frame.$('[data-kind="deployment"][data-name="web"]'), null, 'no unprefixed Deployment from the base alone');
    assert.match((await frame.textContent('[data-kind="deployment"][data-name="prod-web"]')) ?? '', /nginx:1\.27/);
  });
});
