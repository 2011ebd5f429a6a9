// Kustomize in the language server, over real JSON-RPC: a base is checked as its overlay renders it,
// a finding an overlay caused is shown on the overlay's line, patch files and a Helm chart's
// values.yaml get no manifest findings, and editing the overlay re-checks the base.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { fileUri, startClient, tempDir, writeTree, type TestClient } from './harness';
import { OVERLAY, PROJECT } from '../support/kustomize-project';

const codes = (d: { code?: string | number }[]) => d.map((x) => x.code);

describe('language server: Kustomize overlays', () => {
  let client: TestClient;
  let dir: string;
  let cleanup: () => void;
  const uri = (p: string) => fileUri(path.join(dir, p));

  before(async () => {
    ({ dir, cleanup } = tempDir('kd-lsp-kustomize-'));
    writeTree(dir, PROJECT);
    client = await startClient({ folder: dir });
  });
  after(async () => {
    await client?.stop();
    cleanup?.();
  });

  test('after the scan: no false service-no-match on the base, the overlay’s image tag flagged on its own line', () => {
    assert.deepEqual(codes(client.current(uri('base/service.yaml'))), []);
    const overlay = client.current(uri('overlays/prod/kustomization.yaml'));
    assert.deepEqual(
      overlay.map((d) => [d.code, d.range.start.line]),
      [['image-latest', 10]],
    );
  });

  test('the patch file and the chart’s values.yaml get no manifest findings', () => {
    assert.deepEqual(client.current(uri('overlays/prod/more-replicas.yaml')), []);
    assert.deepEqual(client.current(uri('chart/values.yaml')), []);
    assert.deepEqual(client.current(uri('chart/Chart.yaml')), []);
  });

  test('editing the overlay re-checks the base: without the label, the Service matches no pods', async () => {
    const k = uri('overlays/prod/kustomization.yaml');
    client.open(k, OVERLAY);
    const withoutLabels = OVERLAY.replace(/labels:\n(?: {2}.*\n)+/, '');
    const base = client.nextDiagnostics(uri('base/service.yaml'), (d) => codes(d).includes('service-no-match'));
    client.change(k, 2, withoutLabels);
    await base;
    // Put back: the finding goes away again.
    const cleared = client.nextDiagnostics(uri('base/service.yaml'), (d) => d.length === 0);
    client.change(k, 3, OVERLAY);
    await cleared;
  });

  test('a kustomization that does not build gets kustomize-build on the line at fault', async () => {
    const k = uri('overlays/prod/kustomization.yaml');
    const broken = client.nextDiagnostics(k, (d) => codes(d).includes('kustomize-build'));
    client.change(k, 4, OVERLAY.replace('more-replicas.yaml', 'missing.yaml'));
    const d = (await broken).find((x) => x.code === 'kustomize-build')!;
    assert.equal(d.range.start.line, 12);
    assert.match(d.message, /missing\.yaml: no such file/);
  });

  test('helmCharts gets kustomize-build on its entry: the chart is not rendered, and why', async () => {
    const k = uri('overlays/prod/kustomization.yaml');
    const withChart = `${OVERLAY.trimEnd()}\nhelmCharts:\n  - name: dorm-chart\n    repo: https://charts.example.com\n`;
    const broken = client.nextDiagnostics(k, (d) => codes(d).includes('kustomize-build'));
    client.change(k, 5, withChart);
    const d = (await broken).find((x) => x.code === 'kustomize-build')!;
    assert.equal(d.range.start.line, withChart.split('\n').indexOf('  - name: dorm-chart'));
    assert.match(d.message, /chart "dorm-chart" is not rendered/);
    assert.match(d.message, /--enable-helm/);
  });
});
