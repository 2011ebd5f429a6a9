// The language server under hostile workspaces and clients (issue 20, item 10), over real JSON-RPC:
//  - a FIFO named *.yaml is skipped by the workspace scan and by file events, never waited on;
//  - a scan that stops at its file limit says so (window/showMessage, in the client's language);
//  - a change notification whose version did not increase is checked again (before: ignored, so
//    the diagnostics stayed those of the older text).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileUri, startClient, tempDir } from '../lsp/harness';

const cleanups: (() => unknown)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

const pod = (name: string, image: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n    - name: c\n      image: ${image}\n      resources:\n        requests: {cpu: 100m, memory: 64Mi}\n        limits: {cpu: 200m, memory: 128Mi}\n`;

test(
  'a FIFO named *.yaml is skipped by the scan and by file events; the server keeps answering',
  { skip: process.platform === 'win32' && 'no FIFOs' },
  async () => {
    const { dir, cleanup } = tempDir('kd-lsp-fifo-');
    cleanups.push(cleanup);
    writeFileSync(path.join(dir, 'web.yaml'), pod('web', 'nginx:1.27'));
    const fifo = path.join(dir, 'aaa-blocking.yaml');
    execFileSync('mkfifo', [fifo]);
    const c = await startClient({ folder: dir, waitForIndex: false });
    cleanups.push(() => c.stop());
    const indexed = (await c.indexed) as { files: number; limit?: number };
    assert.equal(indexed.files, 1);
    assert.equal(indexed.limit, undefined);
    // The editor reports the FIFO as created and changed: reading it must not block the server.
    c.watched([
      { uri: fileUri(fifo), type: 1 },
      { uri: fileUri(fifo), type: 2 },
    ]);
    const uri = fileUri(path.join(dir, 'open.yaml'));
    c.open(uri, pod('open', 'nginx'));
    const diags = await c.nextDiagnostics(uri);
    assert.ok(diags.some((d) => d.code === 'image-latest'));
  },
);

for (const [locale, text] of [
  ['en', 'Kube Dorm checked the first 5 manifest files of this workspace and stopped there; the others are checked when you open them.'],
  ['zh-cn', 'Kube Dorm 只检查了此工作区的前 5 个清单文件，其余文件会在打开时再检查。'],
] as const) {
  test(`a scan that stops at its file limit says so (${locale})`, async () => {
    const { dir, cleanup } = tempDir('kd-lsp-limit-');
    cleanups.push(cleanup);
    for (let i = 0; i < 8; i++) writeFileSync(path.join(dir, `p${i}.yaml`), pod(`p${i}`, 'nginx:1.27'));
    const c = await startClient({ folder: dir, locale, waitForIndex: false, initializationOptions: { maxScanFiles: 5 } });
    cleanups.push(() => c.stop());
    const indexed = (await c.indexed) as { files: number; limit?: number };
    assert.equal(indexed.files, 5);
    assert.equal(indexed.limit, 5);
    await c.waitUntil('the limit message', () => c.notifications.some((n) => n.method === 'window/showMessage'));
    const shown = c.notifications.filter((n) => n.method === 'window/showMessage').map((n) => n.params);
    assert.deepEqual(shown, [{ type: 2, message: text }]);
  });
}

test('a change whose version did not increase is checked again', async () => {
  const c = await startClient({ initializationOptions: { scanWorkspace: false, debounceMs: 0 } });
  cleanups.push(() => c.stop());
  const uri = 'file:///versions/pod.yaml';
  c.open(uri, pod('p', 'nginx:1.27'), 'yaml', 5);
  assert.ok(!(await c.nextDiagnostics(uri)).some((d) => d.code === 'image-latest'));
  // Same version, new text: the client's numbering is its business, the text is new.
  c.change(uri, 5, pod('p', 'nginx'));
  assert.ok((await c.nextDiagnostics(uri, (d) => d.some((x) => x.code === 'image-latest'))).length > 0);
  // A lower version, the old text back: checked again too.
  c.change(uri, 3, pod('p', 'nginx:1.27'));
  const back = await c.nextDiagnostics(uri, (d) => !d.some((x) => x.code === 'image-latest'));
  assert.ok(!back.some((d) => d.code === 'image-latest'));
});
