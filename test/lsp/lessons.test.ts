// Workspace lessons in the language server, over real JSON-RPC: a lesson scaffolded by `lesson new`
// has no problems; an unknown check is an error at its line; removing a step's text from en.yaml
// puts the error in en.yaml, and editing lesson.yaml re-checks its sibling files.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileUri, startClient, tempDir, type TestClient } from './harness';
import { scaffoldLesson } from '../../core/lessons/scaffold';

const codes = (d: { code?: string | number }[]) => d.map((x) => x.code);

describe('language server: workspace lessons (.kube-dorm/lessons)', () => {
  let client: TestClient;
  let dir: string;
  let cleanup: () => void;
  const files = scaffoldLesson('tour', 1);
  const rel = (p: string) => path.join('.kube-dorm', 'lessons', 'tour', p);
  const uri = (p: string) => fileUri(path.join(dir, rel(p)));

  before(async () => {
    ({ dir, cleanup } = tempDir('kd-lsp-lessons-'));
    for (const [p, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, rel(p))), { recursive: true });
      writeFileSync(path.join(dir, rel(p)), text);
    }
    client = await startClient({ folder: dir });
  });
  after(async () => {
    await client?.stop();
    cleanup?.();
  });

  test('the scaffolded lesson has no problems in any of its files', () => {
    for (const f of ['lesson.yaml', 'en.yaml', 'zh-cn.yaml', 'files/rooms.yaml']) assert.deepEqual(client.current(uri(f)), [], f);
  });

  test('an unknown check is an error on its line; fixing it clears it', async () => {
    const u = uri('lesson.yaml');
    client.open(u, files['lesson.yaml']);
    const bad = files['lesson.yaml'].replace('check: { pods: { owner: Deployment/tour, status: Running, ready: true, count: 2 } }', 'check: { podz: {} }');
    const line = bad.split('\n').findIndex((l) => l.includes('podz'));
    const next = client.nextDiagnostics(u, (d) => codes(d).includes('lesson-invalid'));
    client.change(u, 2, bad);
    const got = await next;
    const d = got.find((x) => x.code === 'lesson-invalid')!;
    assert.equal(d.range.start.line, line);
    assert.match(d.message, /unknown check "podz" \(known: pods, object/);
    assert.equal(d.severity, 1);
    const clean = client.nextDiagnostics(u, (x) => x.length === 0);
    client.change(u, 3, files['lesson.yaml']);
    await clean;
  });

  test('a step renamed in lesson.yaml shows, in en.yaml, the text that no longer has a step', async () => {
    const u = uri('lesson.yaml');
    const renamed = files['lesson.yaml'].replace('id: one-more-room', 'id: third-room');
    const en = client.nextDiagnostics(uri('en.yaml'), (d) => codes(d).includes('lesson-invalid'));
    client.change(u, 4, renamed);
    const diags = await en;
    const messages = diags.map((x) => x.message).join('\n');
    assert.match(messages, /no text for step third-room/);
    assert.match(messages, /text for unknown step one-more-room/);
    const enText = files['en.yaml'];
    const unknownLine = enText.split('\n').findIndex((l) => l.startsWith('  one-more-room:'));
    assert.ok(
      diags.some((x) => /unknown step one-more-room/.test(x.message) && x.range.start.line === unknownLine),
      JSON.stringify(diags.map((x) => [x.message, x.range.start.line])),
    );
    const cleared = client.nextDiagnostics(uri('en.yaml'), (d) => d.length === 0);
    client.change(u, 5, files['lesson.yaml']);
    await cleared;
  });

  test('completion in lesson.yaml offers the check names where a check goes, and the keys of a check body, from the schema', async () => {
    const u = uri('lesson.yaml');
    const text = files['lesson.yaml'].replace(
      '    check: { pods: { owner: Deployment/tour, status: Running, ready: true, count: 2 } }\n',
      '    check:\n      \n',
    );
    client.change(u, 10, text);
    const line = text.split('\n').findIndex((l, i, all) => l === '      ' && all[i - 1] === '    check:');
    const items = await client.conn.sendRequest<{ label: string }[]>('textDocument/completion', { textDocument: { uri: u }, position: { line, character: 6 } });
    const labels = items.map((i) => i.label).sort();
    assert.deepEqual(
      labels,
      ['all', 'any', 'command', 'diagnostics', 'endpoints', 'event', 'file', 'nodes', 'not', 'object', 'pods', 'replicaSets', 'served'].sort(),
    );
    const body = text.replace('    check:\n      \n', '    check:\n      pods:\n        owner: Deployment/tour\n        \n');
    client.change(u, 11, body);
    const l2 = body.split('\n').findIndex((l, i, all) => l === '        ' && all[i - 1].includes('owner: Deployment/tour'));
    const keys = await client.conn.sendRequest<{ label: string; documentation?: { value: string } }[]>('textDocument/completion', {
      textDocument: { uri: u },
      position: { line: l2, character: 8 },
    });
    assert.ok(
      keys.some((k) => k.label === 'status' && /STATUS column/.test(k.documentation?.value ?? '')),
      JSON.stringify(keys.map((k) => k.label)),
    );
    assert.ok(!keys.some((k) => k.label === 'owner'), 'owner is already there');
    client.change(u, 12, files['lesson.yaml']);
  });

  test('broken YAML in a lesson file is a yaml-syntax error (the file is not a manifest, but it is reported)', async () => {
    const u = uri('zh-cn.yaml');
    client.open(u, files['zh-cn.yaml']);
    const next = client.nextDiagnostics(u, (d) => codes(d).includes('yaml-syntax'));
    client.change(u, 2, 'title: [unclosed\n');
    const got = await next;
    assert.equal(got[0].range.start.line, 1);
  });
});
