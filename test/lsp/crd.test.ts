// CRDs in the language server, over real JSON-RPC: a custom resource is checked against the CRD of
// another file (related information names the CRD file), its quick fixes work, hover and definition
// come from the CRD, and editing the CRD re-checks its custom resources across the workspace.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileUri, ROOT, startClient, tempDir, writeTree, type TestClient } from './harness';

const FIX = path.join(ROOT, 'test', 'fixtures', 'crd');
const CRDS = readFileSync(path.join(FIX, 'crds.yaml'), 'utf8');
const WIDGET = `apiVersion: dorm.example.com/v1
kind: Widget
metadata:
  name: desk
spec:
  size: smal
  replicas: 20
`;
const codes = (d: { code?: string | number }[]) => d.map((x) => x.code);

describe('language server: custom resources and their CRDs', () => {
  let client: TestClient;
  let dir: string;
  let cleanup: () => void;
  const uri = (p: string) => fileUri(path.join(dir, p));

  before(async () => {
    ({ dir, cleanup } = tempDir('kd-lsp-crd-'));
    const files: Record<string, string> = {
      'crds/crds.yaml': CRDS,
      'widget.yaml': WIDGET,
      'chart/Chart.yaml': readFileSync(path.join(FIX, 'chart', 'Chart.yaml'), 'utf8'),
      'chart/crds/lamp.yaml': readFileSync(path.join(FIX, 'chart', 'crds', 'lamp.yaml'), 'utf8'),
      'lamp.yaml': 'apiVersion: light.example.com/v1\nkind: Lamp\nmetadata:\n  name: desk\nspec:\n  watts: 100\n',
      'poster.yaml':
        'apiVersion: club.example.com/v1\nkind: Poster\nmetadata:\n  name: a\n---\napiVersion: club.example.com/v1\nkind: Poster\nmetadata:\n  name: b\n',
    };
    writeTree(dir, files);
    client = await startClient({ folder: dir });
  });
  after(async () => {
    await client?.stop();
    cleanup?.();
  });

  test('after the scan: the custom resource is checked against the CRD in another file, each finding naming it', () => {
    const d = client.current(uri('widget.yaml'));
    assert.deepEqual(codes(d), ['schema-enum', 'schema-constraint']);
    const c = d[1];
    assert.equal(c.message.split('\n')[0], 'spec.replicas: Invalid value: 20: spec.replicas in body should be less than or equal to 10');
    assert.equal(c.range.start.line, 6);
    assert.equal(c.relatedInformation?.[0].location.uri, uri('crds/crds.yaml'));
    assert.match(c.relatedInformation[0].message, /schema from CustomResourceDefinition "widgets\.dorm\.example\.com" \(version v1\) in crds\/crds\.yaml/);
    assert.equal(CRDS.split('\n')[c.relatedInformation[0].location.range.start.line].trim(), 'replicas:');
    assert.deepEqual(codes(client.current(uri('lamp.yaml'))), ['schema-constraint'], 'the Helm chart’s crds/ folder');
    assert.deepEqual(
      client.current(uri('poster.yaml')).map((x) => [x.code, x.severity, x.range.start.line]),
      [['custom-resource-unknown', 3, 1]],
    );
    assert.deepEqual(codes(client.current(uri('crds/crds.yaml'))), ['crd-validations-not-checked']);
  });

  test('the enum quick fix works on a custom resource as on a built-in kind', async () => {
    const w = uri('widget.yaml');
    const diag = client.current(w).find((x) => x.code === 'schema-enum')!;
    const actions: any[] = await client.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri: w },
      range: diag.range,
      context: { diagnostics: [diag] },
    });
    const fix = actions.find((a) => a.kind === 'quickfix' && a.edit?.changes?.[w]?.some((e: any) => e.newText === 'small'));
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
  });

  test('hover and go to definition come from the CRD', async () => {
    const w = uri('widget.yaml');
    const h: any = await client.conn.sendRequest('textDocument/hover', { textDocument: { uri: w }, position: { line: 6, character: 4 } });
    assert.match(h.contents.value, /How many copies of the widget the room gets\./);
    assert.match(h.contents.value, /maximum: 10/);
    const defs: any[] = await client.conn.sendRequest('textDocument/definition', { textDocument: { uri: w }, position: { line: 1, character: 8 } });
    assert.equal(defs.length, 1);
    const target = defs[0].uri ?? defs[0].targetUri;
    assert.equal(target, uri('crds/crds.yaml'));
  });

  test('editing the CRD re-checks its custom resources in other files', async () => {
    const c = uri('crds/crds.yaml');
    const w = uri('widget.yaml');
    client.open(c, CRDS);
    const relaxed = client.nextDiagnostics(w, (d) => !codes(d).includes('schema-constraint'));
    client.change(c, 2, CRDS.replace('maximum: 10', 'maximum: 50'));
    assert.deepEqual(codes(await relaxed), ['schema-enum']);
    // The CRD gone from the file: the Widget has no CRD any more, one info.
    const gone = client.nextDiagnostics(w, (d) => codes(d).includes('custom-resource-unknown'));
    client.change(c, 3, '# emptied\n');
    assert.deepEqual(codes(await gone), ['custom-resource-unknown']);
    const back = client.nextDiagnostics(w, (d) => codes(d).includes('schema-constraint'));
    client.change(c, 4, CRDS);
    await back;
  });
});
