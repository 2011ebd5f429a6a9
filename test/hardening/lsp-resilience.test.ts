// Language server resilience over real JSON-RPC (issue #7, item 4).
//  - 500 rapid didChange edits: the final publish is for the last version, its diagnostics are the
//    last text's, and no publish for an older version comes after it.
//  - A workspace of 5,000 YAML files: $/progress reports begin, report(s) and end; a hover asked
//    while indexing is answered (its time is printed, not asserted: timings belong in bench/).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { ensureBuilt, fileUri, ROOT, SERVER, startClient, tempDir, TestClient } from '../lsp/harness';
import { Workspace } from '../../core/workspace/index';
import { lintFile } from '../../core/lint';

const cleanups: (() => unknown)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

const deployment = (i: number, image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${i}
spec:
  replicas: ${1 + (i % 5)}
  selector:
    matchLabels: {app: web-${i}}
  template:
    metadata:
      labels: {app: web-${i}}
    spec:
      containers:
        - name: web
          image: ${image}
`;

test('500 rapid didChange edits: the last publish is for the last version with its diagnostics; nothing stale after it', async () => {
  const c = await startClient({ initializationOptions: { scanWorkspace: false, debounceMs: 20 } });
  cleanups.push(() => c.stop());
  const uri = 'file:///burst/web.yaml';
  c.open(uri, deployment(0, 'nginx:1.27'), 'yaml', 1);
  await c.nextDiagnostics(uri, (_d, p) => p.version === 1);
  const first = c.publishes.length;
  const LAST = 501;
  const finalText = deployment(3, 'nginx').replace('replicas: 4', 'replicas: "four"');
  for (let v = 2; v <= LAST; v++) c.change(uri, v, v === LAST ? finalText : deployment(v, `nginx:1.${v % 30}`));
  await c.nextDiagnostics(uri, (_d, p) => p.version === LAST);
  // A request after the burst: any check still queued inside the server would have published by
  // the time this answer arrives (messages are handled in order).
  await c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 2 } });
  await c.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
  const burst = c.publishes.slice(first).filter((p) => p.uri === uri);
  const lastIdx = burst.findIndex((p) => p.version === LAST);
  const after = burst.slice(lastIdx + 1);
  assert.ok(
    after.every((p) => p.version === LAST),
    `after v${LAST}: ${after.map((p) => p.version).join(',')}`,
  );
  const final = burst[burst.length - 1];
  assert.equal(final.version, LAST);
  const versions = burst.map((p) => p.version!);
  assert.deepEqual(
    versions,
    [...versions].sort((a, b) => a - b),
    'publishes in version order',
  );
  const ws = new Workspace();
  ws.set(uri, finalText);
  const want = lintFile(ws, uri)
    .map((d) => d.code)
    .sort();
  assert.deepEqual(final.diagnostics.map((d) => String(d.code)).sort(), want, "the last text's diagnostics");
  assert.ok(want.length > 0);
  console.log(
    `# lsp burst: 500 edits → ${burst.length} publishes for the document (versions ${versions.slice(0, 5).join(',')}${versions.length > 5 ? ',…' : ''})`,
  );
});

test('5,000-file workspace: $/progress begin/report/end, and a hover during indexing is answered', async () => {
  ensureBuilt();
  const { dir, cleanup } = tempDir('kd-5000-');
  cleanups.push(cleanup);
  for (let i = 0; i < 5000; i++) {
    const sub = path.join(dir, `team-${i % 50}`);
    if (i < 50) mkdirSync(sub);
    writeFileSync(path.join(sub, `web-${i}.yaml`), deployment(i, i % 7 ? `nginx:1.${i % 30}` : 'nginx:latest'));
  }
  const child = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const c = new TestClient(child, conn, {});
  cleanups.push(() => c.stop());
  await conn.sendRequest('initialize', {
    processId: process.pid,
    locale: 'en',
    rootUri: fileUri(dir),
    workspaceFolders: [{ uri: fileUri(dir), name: 'ws' }],
    initializationOptions: { debounceMs: 20 },
    capabilities: {
      window: { workDoneProgress: true },
      workspace: { configuration: true, workspaceFolders: true },
      textDocument: { publishDiagnostics: { versionSupport: true } },
    },
  });
  const t0 = Date.now();
  // A hang guard, not a speed check (the scan's time is a figure below; 5,000 files took 13.8 s at load 16).
  const indexed = c.notification('kubeDorm/indexed', 90_000);
  await conn.sendNotification('initialized', {});
  await c.waitUntil('$/progress begin', () => c.progress.some((p) => p.value?.kind === 'begin'));
  const open = path.join(dir, 'team-0', 'web-0.yaml');
  const uri = fileUri(open);
  c.open(uri, deployment(0, 'nginx'));
  const h0 = Date.now();
  const hover: any = await conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 2 } });
  const hoverMs = Date.now() - h0;
  const indexedDuringHover = c.progress.some((p) => p.value?.kind === 'end');
  const info = await indexed;
  const kinds = c.progress.map((p) => p.value?.kind);
  assert.equal(kinds[0], 'begin');
  assert.ok(kinds.includes('report'), `reports: ${kinds.join(',')}`);
  assert.equal(kinds[kinds.length - 1], 'end');
  assert.equal(kinds.filter((k) => k === 'end').length, 1);
  const pcts = c.progress.filter((p) => p.value?.kind === 'report').map((p) => p.value.percentage);
  assert.deepEqual(
    pcts,
    [...pcts].sort((a, b) => a - b),
    'percentages never go back',
  );
  assert.ok(hover && JSON.stringify(hover.contents).includes('Deployment'), 'the hover explains the kind');
  assert.equal(info.files, 5000);
  console.log(
    `# lsp 5,000 files: indexed in ${info.ms} ms (${Date.now() - t0} ms to the indexed notification), ${pcts.length} progress reports; hover during indexing answered in ${hoverMs} ms${indexedDuringHover ? ' (indexing had already ended)' : ''}`,
  );
});
