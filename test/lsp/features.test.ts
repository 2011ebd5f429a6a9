// Hover, completion, quick fixes, navigation, symbols, lenses and inlay hints through the bundled
// server: the adapter converts positions and shapes correctly, across files, after unsaved edits.
// Against both servers: the Node bundle over stdio and the browser bundle in a Chromium Worker.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describeEachHost, fileUri, startClient, tempDir, type TestClient } from './harness';
import { workloadYaml } from '../support/workload-yaml';

const DEPLOY = `${workloadYaml({ name: 'web', replicas: 2, replicasKey: 'replica', image: 'nginx:1.27', flow: true })}
          resources:
            requests: {cpu: 100m, memory: 64Mi}
            limits: {cpu: 200m, memory: 128Mi}
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: db-credentials
                  key: password
`;
const SECRET = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db-credentials\nstringData:\n  password: s3cret\n';
const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n    - port: 80\n';

describeEachHost('editor features over LSP', (host) => {
  let client: TestClient;
  let dir: string;
  let cleanup: () => void;
  let dep: string;
  let sec: string;

  before(async () => {
    ({ dir, cleanup } = tempDir());
    writeFileSync(path.join(dir, 'secret.yaml'), SECRET);
    writeFileSync(path.join(dir, 'service.yaml'), SERVICE);
    // A long debounce: an edit reaches the index in time only because feature requests flush it.
    client = await startClient({ folder: dir, host, initializationOptions: { debounceMs: 60000 } });
    dep = fileUri(path.join(dir, 'deploy.yaml'));
    sec = fileUri(path.join(dir, 'secret.yaml'));
    const d = client.nextDiagnostics(dep);
    client.open(dep, DEPLOY);
    await d;
  });
  after(async () => {
    await client?.stop();
    cleanup?.();
  });

  test('capabilities are advertised', () => {
    const c = client.initializeResult.capabilities;
    for (const k of [
      'hoverProvider',
      'completionProvider',
      'codeActionProvider',
      'definitionProvider',
      'referencesProvider',
      'documentSymbolProvider',
      'codeLensProvider',
      'inlayHintProvider',
    ] as const)
      assert.ok(c[k], k);
  });

  test('hover on a field explains it; never shows a Secret value', async () => {
    const h: any = await client.conn.sendRequest('textDocument/hover', { textDocument: { uri: dep }, position: { line: 3, character: 4 } });
    assert.equal(h.contents.kind, 'markdown');
    assert.ok(h.contents.value.length > 20, h.contents.value);
    const ref: any = await client.conn.sendRequest('textDocument/hover', { textDocument: { uri: dep }, position: { line: 22, character: 26 } });
    assert.ok(ref, 'hover on the secretKeyRef name');
    assert.doesNotMatch(ref.contents.value, /s3cret/);
  });

  test('go to definition jumps from secretKeyRef to the Secret in another file; references come back', async () => {
    const defs: any[] = await client.conn.sendRequest('textDocument/definition', { textDocument: { uri: dep }, position: { line: 22, character: 26 } });
    assert.ok(defs.length >= 1);
    assert.equal(defs[0].uri, sec);
    assert.equal(defs[0].range.start.line, 3);
    const refs: any[] = await client.conn.sendRequest('textDocument/references', {
      textDocument: { uri: sec },
      position: { line: 3, character: 10 },
      context: { includeDeclaration: false },
    });
    assert.ok(
      refs.some((r) => r.uri === dep && r.range.start.line === 22),
      JSON.stringify(refs),
    );
  });

  test('completion offers fields, positioned against unsaved text (the pending edit is applied first)', async () => {
    // Insert a line under spec: and ask for completion there at once (long before the debounce fires).
    const text = DEPLOY.replace('spec:\n  replica: 2\n', 'spec:\n  minReady\n  replica: 2\n');
    client.change(dep, 2, text);
    const items: any = await client.conn.sendRequest('textDocument/completion', { textDocument: { uri: dep }, position: { line: 5, character: 10 } });
    const list: any[] = Array.isArray(items) ? items : items.items;
    const item = list.find((i) => i.label === 'minReadySeconds');
    assert.ok(item, list.map((i) => i.label).join(','));
    assert.deepEqual(item.textEdit.range, { start: { line: 5, character: 2 }, end: { line: 5, character: 10 } });
    // The flushed edit was checked too: its diagnostics (version 2) were published.
    assert.ok(client.publishes.some((p) => p.uri === dep && p.version === 2));
    const back = client.nextDiagnostics(dep, (_d, p) => p.version === 3);
    client.change(dep, 3, DEPLOY);
    await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: dep } });
    await back;
  });

  test('a quick fix turns the typo "replica" into "replicas"', async () => {
    const diags = client.current(dep);
    const typo = diags.find((d) => d.code === 'schema-unknown-field');
    assert.ok(typo, JSON.stringify(diags.map((d) => d.code)));
    const actions: any[] = await client.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri: dep },
      range: typo.range,
      context: { diagnostics: [typo] },
    });
    const fix = actions.find((a) => /replicas/.test(a.title));
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(fix.kind, 'quickfix');
    const edits = fix.edit.changes[dep];
    assert.ok(
      edits.some((e: any) => e.newText === 'replicas' && e.range.start.line === 5),
      JSON.stringify(edits),
    );
  });

  test('document symbols: the Deployment with its container', async () => {
    const syms: any[] = await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: dep } });
    assert.equal(syms.length, 1);
    assert.match(syms[0].name + ' ' + syms[0].detail, /web/);
    const names = JSON.stringify(syms);
    assert.match(names, /nginx:1\.27/);
  });

  test('code lens: the Service that selects the Deployment, with a references command', async () => {
    const lenses: any[] = await client.conn.sendRequest('textDocument/codeLens', { textDocument: { uri: dep } });
    const l = lenses.find((x) => x.command?.command === 'kubeDorm.showReferences');
    assert.ok(l, JSON.stringify(lenses));
    const [uri, , locations] = l.command.arguments;
    assert.equal(uri, dep);
    assert.ok(locations.some((x: any) => x.uri === fileUri(path.join(dir, 'service.yaml'))));
  });

  test('inlay hints and workspace symbols answer without error', async () => {
    const hints: any[] = await client.conn.sendRequest('textDocument/inlayHint', {
      textDocument: { uri: dep },
      range: { start: { line: 0, character: 0 }, end: { line: 30, character: 0 } },
    });
    assert.ok(Array.isArray(hints));
    const ws: any[] = await client.conn.sendRequest('workspace/symbol', { query: 'db-cred' });
    assert.ok(
      ws.some((s) => s.location.uri === sec),
      JSON.stringify(ws),
    );
  });

  test('requests on unknown documents and bad positions return nothing, and the server goes on', async () => {
    const unknown = fileUri(path.join(dir, 'nope.yaml'));
    assert.equal(await client.conn.sendRequest('textDocument/hover', { textDocument: { uri: unknown }, position: { line: 0, character: 0 } }), null);
    const far: any = await client.conn.sendRequest('textDocument/hover', { textDocument: { uri: dep }, position: { line: 9999, character: 9999 } });
    assert.ok(far === null || typeof far === 'object');
    const bad: any = await client.conn.sendRequest('textDocument/completion', { textDocument: { uri: dep }, position: { line: -1, character: -5 } });
    assert.ok(bad === null || Array.isArray(bad) || typeof bad === 'object');
    const syms: any[] = await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: dep } });
    assert.equal(syms.length, 1);
  });
});
