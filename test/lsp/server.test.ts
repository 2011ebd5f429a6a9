// The bundled language server over real JSON-RPC (stdio and IPC), driven as an editor drives it; the
// scenarios with a workspace folder run against the browser bundle in a Chromium Worker too.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeEachHost, fileUri, startClient, tempDir, type TestClient } from './harness';
import { DB_SECRET, DEPLOY_WITH_SECRET_REF } from '../support/manifests';

// Every fixture gets its own ConfigMap name, so cross-resource rules (duplicate-resource) stay quiet.
let n = 0;
const DUPN = () => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${++n}\ndata:\n  a: "1"\n  a: "2"\n`;
const BROKEN = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [oops\n';
const GOODN = () => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${++n}\ndata:\n  a: "1"\n`;

const codes = (d: { code?: string | number }[]) => d.map((x) => x.code);

describeEachHost('language server with a workspace folder', (host) => {
  let client: TestClient;
  let dir: string;
  let cleanup: () => void;

  before(async () => {
    ({ dir, cleanup } = tempDir());
    writeFileSync(path.join(dir, 'dup.yaml'), DUPN());
    writeFileSync(path.join(dir, 'good.yml'), GOODN());
    mkdirSync(path.join(dir, 'nested', 'deeper'), { recursive: true });
    writeFileSync(path.join(dir, 'nested', 'deeper', 'dup2.yaml'), DUPN());
    mkdirSync(path.join(dir, 'node_modules', 'pkg'), { recursive: true });
    writeFileSync(path.join(dir, 'node_modules', 'pkg', 'dup.yaml'), DUPN());
    mkdirSync(path.join(dir, '.git'), { recursive: true });
    writeFileSync(path.join(dir, '.git', 'dup.yaml'), DUPN());
    // Not Kubernetes: a CI config with a duplicate key gets nothing from us.
    writeFileSync(path.join(dir, 'ci.yaml'), 'jobs:\n  build: 1\n  build: 2\n');
    writeFileSync(path.join(dir, 'package.json'), '{"name": "x", "name": "y"}');
    client = await startClient({ folder: dir, host });
  });
  after(async () => {
    await client?.stop();
    cleanup?.();
  });

  test('initialize advertises incremental sync and file operations', () => {
    const caps = client.initializeResult.capabilities;
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
    assert.ok(caps.workspace?.fileOperations?.didRename);
    assert.equal(client.initializeResult.serverInfo?.name, 'kube-dorm');
  });

  test('the scan reports progress and publishes diagnostics only for workspace files that have them', () => {
    const kinds = client.progress.map((p) => p.value.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds.at(-1), 'end');
    const uris = [...client.diagnostics.keys()].map((u) => path.relative(dir, fileURLToPath(u))).sort();
    assert.deepEqual(uris, ['dup.yaml', path.join('nested', 'deeper', 'dup2.yaml')]);
    const d = client.current(fileUri(path.join(dir, 'dup.yaml')));
    assert.deepEqual(codes(d), ['duplicate-key']);
  });

  test('a diagnostic carries code, source, severity, range, rule page link and message', () => {
    const [d] = client.current(fileUri(path.join(dir, 'dup.yaml')));
    assert.equal(d.source, 'kube-dorm');
    assert.equal(d.severity, 1);
    assert.deepEqual(d.range.start, { line: 6, character: 2 });
    assert.match(d.codeDescription!.href, /^file:\/\/.*\/docs\/rules\/duplicate-key\.md$/);
    assert.match(d.message, /Duplicate key "a"/);
  });

  test('open, change, fix: diagnostics follow the open document, versioned', async () => {
    const uri = fileUri(path.join(dir, 'edit.yaml'));
    const first = client.nextDiagnostics(uri);
    client.open(uri, BROKEN);
    assert.deepEqual(codes(await first), ['yaml-syntax']);
    const second = client.nextDiagnostics(uri, (_d, p) => p.version === 3);
    client.change(uri, 2, GOODN() + 'x: [');
    client.change(uri, 3, GOODN());
    assert.deepEqual(await second, []);
    const third = client.nextDiagnostics(uri, (_d, p) => p.version === 4);
    client.change(uri, 4, DUPN());
    assert.deepEqual(codes(await third), ['duplicate-key']);
    const closed = client.nextDiagnostics(uri);
    client.close(uri); // not on disk: its diagnostics are cleared
    assert.deepEqual(await closed, []);
  });

  test('the open document overrides the disk; closing it goes back to the disk content', async () => {
    const uri = fileUri(path.join(dir, 'dup.yaml'));
    const opened = client.nextDiagnostics(uri);
    client.open(uri, GOODN());
    assert.deepEqual(await opened, []);
    const closed = client.nextDiagnostics(uri, (d) => d.length > 0);
    client.close(uri);
    assert.deepEqual(codes(await closed), ['duplicate-key']);
  });

  test('a file created, changed and deleted on disk (didChangeWatchedFiles)', async () => {
    const p = path.join(dir, 'later.yaml');
    const uri = fileUri(p);
    writeFileSync(p, DUPN());
    const created = client.nextDiagnostics(uri);
    client.watched([{ uri, type: 1 }]);
    assert.deepEqual(codes(await created), ['duplicate-key']);
    writeFileSync(p, DUPN().replace('metadata:\n', 'metadata:\n  labels: {a: b, a: c}\n'));
    const changed = client.nextDiagnostics(uri);
    client.watched([{ uri, type: 2 }]);
    assert.deepEqual(codes(await changed), ['duplicate-key', 'duplicate-key']);
    rmSync(p);
    const deleted = client.nextDiagnostics(uri);
    client.watched([{ uri, type: 3 }]);
    assert.deepEqual(await deleted, []);
  });

  test('a renamed file (workspace/didRenameFiles) moves its diagnostics', async () => {
    const a = path.join(dir, 'nested', 'deeper', 'dup2.yaml');
    const b = path.join(dir, 'nested', 'renamed.yaml');
    renameSync(a, b);
    const cleared = client.nextDiagnostics(fileUri(a));
    const moved = client.nextDiagnostics(fileUri(b));
    await client.conn.sendNotification('workspace/didRenameFiles', { files: [{ oldUri: fileUri(a), newUri: fileUri(b) }] });
    assert.deepEqual(await cleared, []);
    assert.deepEqual(codes(await moved), ['duplicate-key']);
  });

  test('a deleted folder clears the diagnostics of the files in it', async () => {
    const folder = path.join(dir, 'nested');
    const uri = fileUri(path.join(folder, 'renamed.yaml'));
    rmSync(folder, { recursive: true });
    const cleared = client.nextDiagnostics(uri);
    await client.conn.sendNotification('workspace/didDeleteFiles', { files: [{ uri: fileUri(folder) }] });
    assert.deepEqual(await cleared, []);
  });

  test('a folder deleted outside the editor (a watcher event for the folder only) clears its files', async () => {
    const folder = path.join(dir, 'gone');
    mkdirSync(folder);
    const p = path.join(folder, 'x.yaml');
    const uri = fileUri(p);
    writeFileSync(p, DUPN());
    const created = client.nextDiagnostics(uri);
    client.watched([{ uri, type: 1 }]);
    assert.deepEqual(codes(await created), ['duplicate-key']);
    rmSync(folder, { recursive: true });
    const cleared = client.nextDiagnostics(uri);
    client.watched([{ uri: fileUri(folder), type: 3 }]);
    assert.deepEqual(await cleared, []);
  });

  test('settings: a rule turned off, then downgraded; workspace files follow too', async () => {
    const open = fileUri(path.join(dir, 'settings.yaml'));
    const disk = fileUri(path.join(dir, 'dup.yaml'));
    const first = client.nextDiagnostics(open);
    client.open(open, DUPN());
    assert.deepEqual(codes(await first), ['duplicate-key']);
    const off = client.nextDiagnostics(open, (d) => d.length === 0);
    const offDisk = client.nextDiagnostics(disk, (d) => d.length === 0);
    await client.changeSettings({ rules: { 'duplicate-key': 'off' } });
    await off;
    await offDisk;
    const warn = client.nextDiagnostics(open, (d) => d.length === 1);
    const warnDisk = client.nextDiagnostics(disk, (d) => d.length === 1);
    await client.changeSettings({ rules: { 'duplicate-key': 'warning' } });
    assert.equal((await warn)[0].severity, 2);
    assert.equal((await warnDisk)[0].severity, 2);
    const zh = client.nextDiagnostics(open, (d) => d.length === 1 && /重复的键/.test(d[0].message));
    await client.changeSettings({ language: 'zh-cn' });
    await zh;
    const back = client.nextDiagnostics(open, (d) => d.length === 1 && d[0].severity === 1 && /Duplicate key/.test(d[0].message));
    await client.changeSettings({});
    await back;
    client.close(open);
  });

  test('the schema switch (kubeDorm.schemaValidation: false) silences the schema family only', async () => {
    const uri = fileUri(path.join(dir, 'schema.yaml'));
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${++n}\ndatas:\n  a: "1"\n`;
    const first = client.nextDiagnostics(uri);
    client.open(uri, text);
    assert.deepEqual(codes(await first), ['schema-unknown-field']);
    const off = client.nextDiagnostics(uri, (d) => d.length === 0);
    await client.changeSettings({ schemaValidation: false });
    await off;
    const on = client.nextDiagnostics(uri, (d) => d.length === 1);
    await client.changeSettings({ schemaValidation: true });
    await on;
    client.close(uri);
  });

  test('bad input: a huge file, binary junk, garbage params: the server keeps answering', async () => {
    const huge = fileUri(path.join(dir, 'huge.yaml'));
    const hugeText =
      'apiVersion: v1\nkind: ConfigMap\ndata:\n' + '  k: "0123456789012345678901234567890123456789012345678901234567890123456789"\n'.repeat(80000);
    const hd = client.nextDiagnostics(huge);
    client.open(huge, hugeText);
    assert.deepEqual(codes(await hd), ['file-too-large']);

    const junk = fileUri(path.join(dir, 'junk.yaml'));
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed);
    const bytes = Buffer.from(Array.from({ length: 4096 }, () => rnd() & 0xff));
    const jd = client.nextDiagnostics(junk);
    client.open(junk, 'apiVersion: v1\nkind: Pod\n' + bytes.toString('latin1'));
    const junkDiags = await jd;
    assert.ok(junkDiags.every((d) => d.source === 'kube-dorm'));

    // Garbage the server must survive: unknown document, missing fields, wrong types.
    client.change(fileUri(path.join(dir, 'never-opened.yaml')), 2, 'x');
    void client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: 42 } });
    void client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: 'not a uri', type: 2 }] });
    void client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { kubeDorm: { rules: 'nonsense', language: 5 } } });

    const after = fileUri(path.join(dir, 'after.yaml'));
    const ad = client.nextDiagnostics(after);
    client.open(after, BROKEN);
    assert.deepEqual(codes(await ad), ['yaml-syntax']);
    client.close(huge);
    client.close(junk);
    client.close(after);
  });

  // A Worker has no process.exit: the client terminates it after `exit`, as extension/src/browser.ts does.
  test('shutdown and exit end the server with code 0', async () => {
    assert.equal(await client.stop(), 0);
  });
});

describeEachHost('cross-file references', (host) => {
  const DEPLOY = DEPLOY_WITH_SECRET_REF;
  const SECRET = DB_SECRET;

  test('secret-ref-missing appears, goes when the Secret file exists, returns when it is deleted', async () => {
    const { dir, cleanup } = tempDir();
    const client = await startClient({ folder: dir, host });
    try {
      const dep = fileUri(path.join(dir, 'deploy.yaml'));
      const secretPath = path.join(dir, 'secret.yaml');
      const sec = fileUri(secretPath);
      const has = (d: { code?: unknown }[]) => d.some((x) => x.code === 'secret-ref-missing');
      const first = client.nextDiagnostics(dep);
      client.open(dep, DEPLOY);
      const d1 = await first;
      assert.ok(has(d1), `expected secret-ref-missing, got ${codes(d1).join(', ')}`);
      const ref = d1.find((x) => x.code === 'secret-ref-missing')!;
      assert.equal(ref.severity, 2);
      assert.equal(ref.range.start.line, 18); // on the reference's name value

      // The Secret appears on disk (not open): the warning goes away.
      writeFileSync(secretPath, SECRET);
      const gone = client.nextDiagnostics(dep, (d) => !has(d));
      client.watched([{ uri: sec, type: 1 }]);
      await gone;
      // Deleted on disk: it comes back.
      rmSync(secretPath);
      const back = client.nextDiagnostics(dep, has);
      client.watched([{ uri: sec, type: 3 }]);
      await back;
      // The Secret opened (unsaved) in the editor counts too; closing it (not on disk) brings the warning back.
      const gone2 = client.nextDiagnostics(dep, (d) => !has(d));
      client.open(sec, SECRET);
      await gone2;
      const back2 = client.nextDiagnostics(dep, has);
      client.close(sec);
      await back2;
      // A file that is not open gets its cross-file warning from the index too.
      client.close(dep);
      writeFileSync(path.join(dir, 'deploy.yaml'), DEPLOY);
      const disk = client.nextDiagnostics(dep, has);
      client.watched([{ uri: dep, type: 1 }]);
      await disk;
      writeFileSync(secretPath, SECRET);
      const gone3 = client.nextDiagnostics(dep, (d) => !has(d));
      client.watched([{ uri: sec, type: 1 }]);
      await gone3;
    } finally {
      await client.stop();
      cleanup();
    }
  });
});

describe('other transports and entry points', () => {
  test('IPC (as the extension starts it): initialize, open, diagnostics, in Chinese by client locale', async () => {
    const client = await startClient({ transport: 'ipc', locale: 'zh-cn' });
    try {
      const uri = 'untitled:Untitled-1';
      const d = client.nextDiagnostics(uri);
      client.open(uri, DUPN());
      const [diag] = await d;
      assert.equal(diag.code, 'duplicate-key');
      assert.match(diag.message, /重复的键 "a"/);
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });

  test('`kube-dorm lsp --stdio` serves the same server; initializationOptions.language wins over locale', async () => {
    const client = await startClient({ command: ['bin/kube-dorm.js', 'lsp', '--stdio'], locale: 'zh-cn', initializationOptions: { language: 'en' } });
    try {
      const uri = 'untitled:Untitled-2';
      const d = client.nextDiagnostics(uri);
      client.open(uri, DUPN());
      const [diag] = await d;
      assert.match(diag.message, /Duplicate key "a"/);
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });
});
