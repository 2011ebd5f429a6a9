// Secrets never leak (issue #7, item 6): Secrets with known values in `data` and `stringData` are
// applied, and every place a person or another program can read is searched for those values (and
// their base64): the simulation panel's DOM and the messages sent to it (Chromium), hovers,
// completions and quick-fix titles over real JSON-RPC, the server's log messages, the CLI's
// text/json/sarif output, `kube-dorm simulate` output (table and json), and the API server's Table
// output for `kubectl get secrets`. Zero hits; the panel's explicit "reveal" is the one exception
// and is not triggered here.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { runLint } from '../../cli/lint';
import { runSimulate } from '../../cli/simulate';
import { createCluster, applyFiles } from '../../core/cluster/index';
import { KubeApiServer } from '../../core/apiserver/server';
import { runCommand } from '../../core/kubectl/commands';
import { fileUri, startClient, tempDir, type TestClient } from '../lsp/harness';
import { openPanel, type PanelHarness } from '../webview/harness';

const DATA_VALUE = 'Kd-Data-Val-5f3a9c-hunter2';
const STRING_VALUE = 'Kd-String-Val-8e21b7-swordfish';
const STRING_IN_DATA = 'Kd-Second-Data-4c1d0e';
const b64 = (s: string) => Buffer.from(s).toString('base64');
const NEEDLES = [DATA_VALUE, STRING_VALUE, STRING_IN_DATA, b64(DATA_VALUE), b64(STRING_VALUE), b64(STRING_IN_DATA)];

const MANIFEST = `apiVersion: v1
kind: Secret
metadata:
  name: db-creds
type: Opaque
data:
  password: ${b64(DATA_VALUE)}
  other: ${b64(STRING_IN_DATA)}
stringData:
  token: ${STRING_VALUE}
---
apiVersion: v1
kind: Secret
metadata:
  name: tls-bad
type: kubernetes.io/tls
stringData:
  tls.key: ${STRING_VALUE}
---
apiVersion: v1
kind: Pod
metadata:
  name: app
  labels: {app: web}
spec:
  containers:
    - name: app
      image: nginx:latest
      env:
        - name: PASSWORD
          valueFrom:
            secretKeyRef: {name: db-creds, key: password}
        - name: TOKEN
          valueFrom:
            secretKeyRef: {name: db-creds, key: tokn}
        - name: MISSING
          valueFrom:
            secretKeyRef: {name: db-cred, key: password}
      envFrom:
        - secretRef: {name: db-creds}
      volumeMounts:
        - {name: creds, mountPath: /etc/creds}
  volumes:
    - name: creds
      secret: {secretName: db-creds}
`;

function hits(where: string, text: string): string[] {
  return NEEDLES.filter((n) => text.includes(n)).map((n) => `${where}: ${n}`);
}

const cleanups: (() => unknown)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

test('secret values appear nowhere: panel, LSP (hover, completion, quick fixes, logs), CLI, simulate, API server tables', async () => {
  const found: string[] = [];
  const { dir, cleanup } = tempDir('kd-secrets-');
  cleanups.push(cleanup);
  const file = path.join(dir, 'app.yaml');
  writeFileSync(file, MANIFEST);

  // --- CLI lint: text, json, sarif, in both languages
  for (const format of ['text', 'json', 'sarif']) {
    for (const lang of ['en', 'zh-cn']) {
      let out = '';
      let err = '';
      const code = await runLint(
        ['--format', format, '--lang', lang, 'app.yaml'],
        { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, cwd: dir, env: {} },
        '0.0.0',
      );
      assert.ok(code === 0 || code === 1);
      assert.ok(out.length > 100, `lint ${format} says something`);
      found.push(...hits(`lint ${format} ${lang}`, out + err));
    }
  }

  // --- simulate: table and json
  for (const format of ['table', 'json']) {
    const chunks: string[] = [];
    const sink = (arr: string[]) => ({ write: (s: string | Uint8Array) => (arr.push(String(s)), true) }) as unknown as NodeJS.WritableStream;
    runSimulate([file, '--until', '1m', '--format', format], { stdout: sink(chunks), stderr: sink(chunks) });
    const out = chunks.join('');
    assert.ok(/db-creds|app/.test(out), `simulate ${format} output mentions the objects`);
    found.push(...hits(`simulate ${format}`, out));
  }

  // --- API server: kubectl get secrets (Table), also -A and a single secret as a Table
  const c = createCluster({ nodes: 2 });
  applyFiles(c, [{ uri: fileUri(file), text: MANIFEST }]);
  c.advance(20_000);
  const TOKEN = 'secret-test-token-0123456789abcdefghij';
  const srv = new KubeApiServer(c, { token: TOKEN });
  const url = await srv.listen(0);
  cleanups.push(() => srv.close?.());
  const get = (p: string) =>
    new Promise<string>((resolve, reject) => {
      http
        .get(url + p, { headers: { Authorization: `Bearer ${TOKEN}`, Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' } }, (res) => {
          let t = '';
          res.on('data', (d) => (t += d));
          res.on('end', () => resolve(t));
        })
        .on('error', reject);
    });
  for (const p of ['/api/v1/namespaces/default/secrets', '/api/v1/secrets', '/api/v1/namespaces/default/secrets/db-creds', '/api/v1/namespaces/default/pods']) {
    const t = await get(p);
    const j = JSON.parse(t);
    assert.equal(j.kind, 'Table', `${p} is a Table`);
    found.push(...hits(`apiserver Table ${p}`, t));
  }
  // The simulated kubectl (panel terminal, lessons; it has no `describe`): get prints no values.
  for (const line of ['get secrets', 'get secrets -A', 'get secret db-creds -o wide', 'get secret db-creds', 'get pods -o wide', 'get all']) {
    const r = runCommand(c, `kubectl ${line}`);
    found.push(...hits(`kubectl ${line}`, r.output));
  }
  assert.match(runCommand(c, 'kubectl get secrets').output, /db-creds/, 'get lists the Secret');
  const tbl = JSON.parse(await get('/api/v1/namespaces/default/secrets'));
  assert.ok(
    tbl.rows.some((r: any) => r.cells[0] === 'db-creds'),
    'db-creds is listed',
  );

  // --- language server: hover every few columns of every line, completion at each line end,
  //     every code action over the whole file and per diagnostic, and the server's log.
  const client: TestClient = await startClient({ folder: dir });
  cleanups.push(() => client.stop());
  const uri = fileUri(file);
  client.open(uri, MANIFEST);
  const diags = await client.nextDiagnostics(uri, (d) => d.length > 0);
  found.push(...hits('diagnostics', JSON.stringify(diags)));
  const lines = MANIFEST.split('\n');
  let hovers = 0;
  for (let line = 0; line < lines.length; line++) {
    for (let ch = 0; ch <= lines[line].length; ch += 3) {
      const h = await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: ch } });
      if (h) hovers++;
      found.push(...hits(`hover ${line}:${ch}`, JSON.stringify(h ?? '')));
    }
    const comp = await client.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character: lines[line].length } });
    found.push(...hits(`completion ${line}`, JSON.stringify(comp ?? '')));
  }
  assert.ok(hovers > 20, `hovers answered: ${hovers}`);
  const whole = { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: 0 } };
  const actions: any[] = [];
  for (const range of [whole, ...diags.map((d) => d.range)]) {
    const a = await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: diags } });
    actions.push(...((a as any[]) ?? []));
  }
  assert.ok(actions.length > 0, 'some quick fixes offered');
  found.push(...hits('quick-fix titles', JSON.stringify(actions.map((a) => a.title))));
  const symbols = await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
  found.push(...hits('document symbols', JSON.stringify(symbols)));
  const lenses = await client.conn.sendRequest('textDocument/codeLens', { textDocument: { uri } });
  found.push(...hits('code lenses', JSON.stringify(lenses)));
  const hints = await client.conn.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: whole });
  found.push(...hits('inlay hints', JSON.stringify(hints)));
  found.push(...hits('server log', client.logs.join('\n')));

  // --- the simulation panel (Chromium): DOM, text, attributes, and every message posted to it
  const h: PanelHarness = await openPanel({ before: (s) => void s.apply([{ uri, text: MANIFEST }]) });
  cleanups.push(() => h.close());
  await h.advance(30_000);
  await h.settled();
  const dom = await h.page.evaluate('document.documentElement.outerHTML + "\\n" + document.body.innerText');
  assert.ok(String(dom).includes('db-creds'), 'the panel shows the Secret');
  found.push(...hits('panel DOM', String(dom)));
  found.push(...hits('messages to the panel', JSON.stringify(h.posted)));

  assert.deepEqual(found, []);
});
