// Workspace trust over real JSON-RPC: in restricted mode (initializationOptions.trusted: false) the
// server offers no quick fix that creates a file; trusted (the default, or true) it does. The
// same-file fixes stay in both modes.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileUri, startClient, tempDir, type TestClient } from '../lsp/harness';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
    - name: app
      image: nginx:1.27
      env:
        - name: PASSWORD
          valueFrom:
            secretKeyRef:
              name: db-creds
              key: password
`;

const clients: TestClient[] = [];
const dirs: (() => void)[] = [];
after(async () => {
  for (const c of clients) await c.stop();
  for (const d of dirs) d();
});

async function actionsFor(trusted: boolean | undefined) {
  const { dir, cleanup } = tempDir('kd-trust-');
  dirs.push(cleanup);
  const file = path.join(dir, 'pod.yaml');
  writeFileSync(file, POD);
  const c = await startClient({ folder: dir, initializationOptions: trusted === undefined ? {} : { trusted } });
  clients.push(c);
  const uri = fileUri(file);
  c.open(uri, POD);
  const diags = await c.nextDiagnostics(uri, (d) => d.some((x) => /db-creds/.test(x.message)));
  const d = diags.find((x) => /db-creds/.test(x.message))!;
  const actions: any[] = await c.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
  return actions;
}

const createsFile = (a: any) => (a.edit?.documentChanges ?? []).some((ch: any) => ch.kind === 'create');

test('untrusted workspace: no quick fix creates a file; trusted: the "new file" fix is offered', async () => {
  const untrusted = await actionsFor(false);
  const trusted = await actionsFor(true);
  const byDefault = await actionsFor(undefined);
  assert.ok(trusted.some(createsFile), `trusted: a create-file fix among ${JSON.stringify(trusted.map((a) => a.title))}`);
  assert.ok(trusted.some((a) => /new file/.test(a.title)));
  assert.ok(byDefault.some(createsFile), 'trust is the default when the client says nothing');
  assert.equal(untrusted.filter(createsFile).length, 0, `untrusted: ${JSON.stringify(untrusted.map((a) => a.title))}`);
  assert.ok(!untrusted.some((a) => /new file/.test(a.title)));
  // The fixes that edit the open file are still there.
  assert.ok(untrusted.length > 0 && untrusted.some((a) => /Create Secret "db-creds"/.test(a.title)), JSON.stringify(untrusted.map((a) => a.title)));
});
