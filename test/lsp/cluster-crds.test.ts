// The connected cluster's CRDs in the language server, over real JSON-RPC (kubeDorm/cluster, which
// the extension sends when it connects): a custom resource with no CRD in the workspace is checked
// against the cluster's CRD, each finding saying the schema came from the cluster; hover says so
// too, and go to definition offers no file it cannot open. A CRD in the workspace wins over the
// cluster's; disconnecting forgets the cluster's. The cluster's /version is the Kubernetes version
// lint checks against while connected.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { fileUri, ROOT, startClient, tempDir, writeTree, type TestClient } from './harness';
import { ClusterNotification } from '../../language-server/src/protocol';
import { sidecarPod } from '../support/manifests';

const CRDS = parseAllDocuments(readFileSync(path.join(ROOT, 'test', 'fixtures', 'crd', 'crds.yaml'), 'utf8')).map((d) => d.toJS() as unknown);
const WIDGET = 'apiVersion: dorm.example.com/v1\nkind: Widget\nmetadata:\n  name: desk\nspec:\n  size: small\n  replicas: 20\n';
const SIDECAR = sidecarPod({ container: 'web' });
const codes = (d: { code?: string | number }[]) => d.map((x) => x.code);

describe('language server: the connected cluster’s CRDs', () => {
  let client: TestClient;
  let dir: string;
  let cleanup: () => void;
  const uri = (p: string) => fileUri(path.join(dir, p));

  before(async () => {
    ({ dir, cleanup } = tempDir('kd-lsp-cluster-'));
    writeTree(dir, { 'widget.yaml': WIDGET, 'sidecar.yaml': SIDECAR });
    client = await startClient({ folder: dir });
  });
  after(async () => {
    await client?.stop();
    cleanup?.();
  });

  test('without the cluster: the kind is unknown (info), nothing is checked', () => {
    assert.deepEqual(codes(client.current(uri('widget.yaml'))), ['custom-resource-unknown']);
  });

  test('connected: the cluster’s CRD checks the custom resource, and the finding says where the schema came from', async () => {
    const w = uri('widget.yaml');
    const next = client.nextDiagnostics(w, (d) => d.some((x) => x.code === 'schema-constraint'));
    void client.conn.sendNotification(ClusterNotification.type, { context: 'kind-dorm', gitVersion: 'v1.32.2', crds: [...CRDS, 'not a CRD', { kind: 'x' }] });
    const d = await next;
    assert.deepEqual(codes(d), ['schema-constraint']);
    const lines = d[0].message.split('\n');
    const [first, from] = [lines[0], lines.at(-1)];
    assert.equal(first, 'spec.replicas: Invalid value: 20: spec.replicas in body should be less than or equal to 10');
    assert.equal(from, 'schema from CustomResourceDefinition "widgets.dorm.example.com" (version v1) installed in the cluster of context "kind-dorm"');
    assert.equal(d[0].relatedInformation, undefined, 'no related location the editor could not open');
    assert.equal(d[0].range.start.line, 6);
  });

  test('hover says the CRD is the cluster’s; go to definition offers no file', async () => {
    const w = uri('widget.yaml');
    const h = await client.conn.sendRequest<{ contents: { value: string } }>('textDocument/hover', {
      textDocument: { uri: w },
      position: { line: 1, character: 7 },
    });
    assert.match(h.contents.value, /installed in the cluster of context `kind-dorm`/);
    const defs = await client.conn.sendRequest<unknown[] | null>('textDocument/definition', {
      textDocument: { uri: w },
      position: { line: 1, character: 7 },
    });
    assert.deepEqual(defs ?? [], []);
  });

  test('a CRD in the workspace wins over the cluster’s', async () => {
    const w = uri('widget.yaml');
    const local = readFileSync(path.join(ROOT, 'test', 'fixtures', 'crd', 'crds.yaml'), 'utf8').replace('maximum: 10', 'maximum: 50');
    assert.notEqual(local, readFileSync(path.join(ROOT, 'test', 'fixtures', 'crd', 'crds.yaml'), 'utf8'), 'the fixture has the bound');
    const next = client.nextDiagnostics(w, (d) => !d.some((x) => x.code === 'schema-constraint'));
    client.open(uri('crds.yaml'), local);
    assert.deepEqual(codes(await next), []);
    const back = client.nextDiagnostics(w, (d) => d.some((x) => x.code === 'schema-constraint'));
    client.close(uri('crds.yaml'));
    await back;
  });

  test('disconnected: the cluster’s CRDs are forgotten', async () => {
    const w = uri('widget.yaml');
    const next = client.nextDiagnostics(w, (d) => d.some((x) => x.code === 'custom-resource-unknown'));
    void client.conn.sendNotification(ClusterNotification.type, { context: null });
    assert.deepEqual(codes(await next), ['custom-resource-unknown']);
  });

  test('the cluster’s /version is the version lint targets while connected (a vendor suffix too), and only then', async () => {
    const p = uri('sidecar.yaml');
    const has = (d: { code?: string | number }[]) => d.some((x) => x.code === 'field-not-in-version');
    assert.equal(has(client.current(p)), false, 'native sidecars are fine on the newest version');
    const next = client.nextDiagnostics(p, has);
    void client.conn.sendNotification(ClusterNotification.type, { context: 'k3s', gitVersion: 'v1.27.6+k3s1', crds: [] });
    const d = (await next).find((x) => x.code === 'field-not-in-version')!;
    assert.equal(d.range.start.line, 8, 'restartPolicy of the init container');
    assert.match(d.message, /1\.28/);
    const back = client.nextDiagnostics(p, (x) => !has(x));
    void client.conn.sendNotification(ClusterNotification.type, { context: null });
    await back;
  });
});
