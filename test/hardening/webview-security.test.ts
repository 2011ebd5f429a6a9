// Webview security audit (issue #7, item 5).
//  - The HTML of the simulation panel and of the lesson view, as the extension builds it
//    (extension/src/panel/panel.ts and extension/src/lessons/index.ts both call webviewHtml with
//    webview.cspSource and makeNonce()): a CSP with default-src 'none', a nonce on the one script,
//    no 'unsafe-inline' / 'unsafe-eval', no remote origin, no inline script or style.
//  - The host side of both views: every message from the webview is validated; malformed and
//    unknown ones are rejected, reported (an error line in the view's output) and never acted on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeNonce, webviewHtml } from '../../extension/src/panel/html';
import { SimSession } from '../../extension/src/panel/session';
import { LessonSession } from '../../extension/src/lessons/session';
import { loadAllLessons } from '../../core/lessons/index';
import { validatePanelMessage, type HostMessage } from '../../webview/protocol/panel';
import { validateLessonMessage, type LessonHostMessage } from '../../webview/protocol/lesson';

const ROOT = path.resolve(__dirname, '..', '..');
const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';
const WEBVIEW = (p: string) => `${CSP_SOURCE}/work/ext/${p}`;

function cspOf(html: string): Map<string, string[]> {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(m, 'a CSP meta tag');
  const content = m[1]
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
  const out = new Map<string, string[]>();
  for (const part of content
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [name, ...values] = part.split(/\s+/);
    assert.ok(!out.has(name), `directive ${name} once`);
    out.set(name, values);
  }
  return out;
}

function audit(source: string, label: string): void {
  let html = source;
  const csp = cspOf(html);
  assert.deepEqual(csp.get('default-src'), ["'none'"], `${label}: default-src 'none'`);
  const all = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  // A JSON data block (the panel's embedded first state) is never executed: allowed, but only as
  // type="application/json" with no "<" in it (nothing in it can end the block).
  const data = all.filter((m) => /\btype="application\/json"/.test(m[1]));
  for (const d of data) {
    assert.match(d[1], /\bid="kd-preload"/, `${label}: the only data block is the embedded state`);
    assert.ok(!d[2].includes('<'), `${label}: no "<" inside the data block`);
    JSON.parse(d[2]);
  }
  assert.ok(data.length <= 1, `${label}: at most one data block`);
  const scripts = all.filter((m) => !data.includes(m));
  // The markup checks below look at the markup: the data block's JSON text is not markup.
  for (const d of data) html = html.replace(d[2], '');
  assert.equal(scripts.length, 1, `${label}: one script`);
  const nonce = /nonce="([^"]+)"/.exec(scripts[0][1])?.[1];
  assert.ok(nonce && /^[A-Za-z0-9]{32}$/.test(nonce), `${label}: a 32-character nonce on the script`);
  assert.deepEqual(csp.get('script-src'), [`'nonce-${nonce}'`], `${label}: scripts only by that nonce`);
  assert.equal(scripts[0][2].trim(), '', `${label}: no inline script body`);
  assert.match(scripts[0][1], new RegExp(`src="${CSP_SOURCE.replace(/[.+]/g, '\\$&')}/`), `${label}: the script comes from the extension`);
  for (const [name, values] of csp) {
    for (const v of values) {
      assert.ok(!/unsafe-(inline|eval|hashes)|wasm-unsafe-eval|strict-dynamic/.test(v), `${label}: ${name} ${v}`);
      assert.ok(
        v === "'none'" || v === 'data:' || v === CSP_SOURCE || v === `'nonce-${nonce}'`,
        `${label}: ${name} allows ${v} (only the webview's own source)`,
      );
    }
  }
  assert.ok(!/\son[a-z]+\s*=/i.test(html), `${label}: no inline event handler`);
  assert.ok(!/<style\b|\sstyle\s*=/i.test(html), `${label}: no inline style`);
  for (const m of html.matchAll(/\b(?:src|href)="([^"]*)"/g)) assert.ok(m[1].startsWith(CSP_SOURCE + '/'), `${label}: ${m[1]} is the extension's own resource`);
}

test('panel and lesson HTML: default-src none, nonce-only scripts, no unsafe-*, no remote origin, nothing inline', () => {
  const panel = webviewHtml({
    cspSource: CSP_SOURCE,
    nonce: makeNonce(),
    scriptUri: WEBVIEW('dist/webview/panel.js'),
    styleUri: WEBVIEW('media/panel/panel.css'),
    codiconUri: WEBVIEW('media/panel/codicons/codicon.css'),
    lang: 'zh-CN',
    title: '模拟 "<dorm>"',
  });
  audit(panel, 'panel');
  const lesson = webviewHtml({
    cspSource: CSP_SOURCE,
    nonce: makeNonce(),
    scriptUri: WEBVIEW('dist/webview/lesson.js'),
    styleUri: WEBVIEW('media/lessons/lesson.css'),
    lang: 'en',
    title: 'Lesson 1 </title><script>alert(1)</script>',
  });
  audit(lesson, 'lesson');
  assert.ok(!lesson.includes('<script>alert(1)'), 'the title is escaped');
  // With the first state embedded, hostile names included.
  const hostile = '</script><script>alert(1)</script><!--<img src=x onerror=alert(2)>';
  const preloaded = webviewHtml({
    cspSource: CSP_SOURCE,
    nonce: makeNonce(),
    scriptUri: WEBVIEW('dist/webview/panel.js'),
    styleUri: WEBVIEW('media/panel/panel.css'),
    preload: { seq: 1, message: { type: 'init', state: { pods: [{ name: hostile, namespace: hostile }] } } },
  });
  audit(preloaded, 'panel with embedded state');
  assert.ok(!preloaded.includes('alert(1)</script>'), 'the hostile name cannot close the block');
});

test('the extension builds both views with webview.cspSource, a fresh nonce and local resource roots only', () => {
  // The panel's page (page.ts) is shared by the simulation panel and the real cluster's panel;
  // the lesson view builds its own.
  for (const f of ['extension/src/panel/page.ts', 'extension/src/lessons/index.ts']) {
    const src = readFileSync(path.join(ROOT, f), 'utf8');
    assert.match(
      src,
      /webviewHtml\(\{\s*cspSource: (?:panel\.)?webview\.cspSource,\s*nonce: makeNonce\(\)/,
      `${f}: webviewHtml with cspSource and makeNonce()`,
    );
    assert.doesNotMatch(src, /webview\.html\s*=\s*`/, `${f}: no hand-written HTML`);
    assert.match(src, /localResourceRoots: \[/, `${f}: localResourceRoots set`);
    assert.doesNotMatch(src, /enableCommandUris:\s*true/, `${f}: no command URIs in the webview`);
  }
  for (const f of ['extension/src/panel/panel.ts', 'extension/src/remote/panel.ts']) {
    const src = readFileSync(path.join(ROOT, f), 'utf8');
    assert.match(src, /setPanelPage\(/, `${f}: the page comes from page.ts`);
    assert.match(src, /panelPageOptions\(/, `${f}: the webview options come from page.ts`);
    assert.doesNotMatch(src, /webview\.html\s*=/, `${f}: no HTML of its own`);
    assert.doesNotMatch(src, /enableCommandUris:\s*true/, `${f}: no command URIs in the webview`);
  }
  const nonces = new Set(Array.from({ length: 200 }, () => makeNonce()));
  assert.equal(nonces.size, 200, 'nonces do not repeat');
});

// Malformed and unknown messages, as a compromised or buggy webview could send them.
const MALFORMED: unknown[] = [
  undefined,
  null,
  0,
  42,
  NaN,
  true,
  '',
  'ready',
  '{"type":"ready"}',
  [],
  [{ type: 'ready' }],
  {},
  { type: 1 },
  { type: null },
  { type: 'nope' },
  { type: '__proto__' },
  { type: 'constructor' },
  { type: 'toString' },
  { type: 'READY' },
  { type: ' ready' },
  JSON.parse('{"__proto__": {"polluted": 1}, "type": "ready", "x": 1}'),
  { type: 'ready', extra: true },
  { type: 'scale', kind: 'Deployment', name: 'web', replicas: -1 },
  { type: 'scale', kind: 'Deployment', name: 'web', replicas: 1e12 },
  { type: 'scale', kind: 'Deployment', name: 'web', replicas: '3' },
  { type: 'scale', kind: 'Deployment', name: 'web', replicas: 1.5 },
  { type: 'scale', kind: 'Deployment', replicas: 3 },
  { type: 'scale', kind: { toString: 'x' }, name: 'web', replicas: 3 },
  { type: 'deletePod', name: 42 },
  { type: 'deletePod', name: 'x'.repeat(100_000) },
  { type: 'deletePod', name: ['a'] },
  { type: 'speed', speed: 1e9 },
  { type: 'speed', speed: 'fast' },
  { type: 'step', ms: -5 },
  { type: 'step', ms: Infinity },
  { type: 'setLocale', locale: 'fr' },
  { type: 'setLocale', locale: 'zh-cn; rm -rf /' },
  { type: 'node', action: 'explode' },
  { type: 'setSelector', service: 's', selector: { a: 1 } },
  { type: 'setSelector', service: 's', selector: 'app=x' },
  { type: 'openLocation', uri: 'file:///etc/passwd', line: -1 },
  { type: 'openLocation', uri: 5, line: 0 },
  { type: 'openLocation', uri: 'file:///w/a.yaml', line: 0, column: -1 },
  { type: 'why', kind: 'Secret', name: 'db' },
  { type: 'why', kind: 'Pod', name: '' },
  { type: 'why', kind: 'Pod', name: 'web', extra: 1 },
  { type: 'applyFix', uri: 'file:///w/a.yaml', code: 'x', line: 0, column: 0, endLine: 0 },
  { type: 'applyFix', uri: 'file:///w/a.yaml', code: 'x', line: 0, column: 0, endLine: 0, endColumn: 1.5 },
  { type: 'applyFix', uri: 'file:///w/a.yaml', code: { value: 'x' }, line: 0, column: 0, endLine: 0, endColumn: 0 },
  { type: 'kubectl', line: 'x'.repeat(5000) },
  { type: 'kubectl', line: 42 },
  { type: 'reveal', name: 's' },
  { type: 'view', view: 'javascript:alert(1)' },
  // lesson view
  { type: 'control', step: 1, index: 0 },
  { type: 'control', step: 's', index: -1 },
  { type: 'answer', quiz: 'q', choice: 'a' },
  { type: 'open', file: 42 },
  { type: 'openLesson', id: { id: 'pods' } },
  { type: 'showMe' },
];

test('panel host: every malformed or unknown message is rejected, reported in the output, and changes nothing', () => {
  const sent: HostMessage[] = [];
  const s = new SimSession({ post: (m) => sent.push(structuredClone(m)) });
  s.handle({ type: 'ready' });
  s.handle({ type: 'kubectl', line: 'create deployment web --image=nginx:1.27 --replicas=2' });
  s.tick(60_000);
  const before = JSON.stringify(s.cluster.list('Pod').map((p) => [p.metadata.name, p.status?.phase]));
  let rejected = 0;
  for (const m of MALFORMED) {
    if (validatePanelMessage(m).ok) continue; // (lesson-only shapes may be valid-looking here: none is)
    rejected++;
    const from = sent.length;
    assert.doesNotThrow(() => s.handle(m), `handle(${String(JSON.stringify(m))?.slice(0, 60)})`);
    const out = sent.slice(from);
    assert.equal(out.length, 1, `one reply for ${String(JSON.stringify(m))?.slice(0, 60)}`);
    assert.equal(out[0].type, 'output');
    assert.equal((out[0] as any).error, true);
  }
  assert.equal(rejected, MALFORMED.length, 'the panel protocol rejects every one');
  assert.equal(JSON.stringify(s.cluster.list('Pod').map((p) => [p.metadata.name, p.status?.phase])), before, 'nothing acted on');
  assert.equal(({} as any).polluted, undefined, 'no prototype pollution');
});

test('lesson host: every malformed or unknown message is rejected, reported, and never writes, opens or resets', () => {
  const lessons = loadAllLessons((rel) => readFileSync(path.join(ROOT, 'media', 'lessons', rel), 'utf8'));
  const posted: LessonHostMessage[] = [];
  const calls: string[] = [];
  const s = new LessonSession(lessons, lessons[0].def.id, {
    post: (m) => posted.push(m),
    writeFile: (f) => calls.push(`write ${f}`),
    openFile: (f) => calls.push(`open ${f}`),
    openLesson: (id) => calls.push(`lesson ${id}`),
    onReset: (id) => calls.push(`reset ${id}`),
    onProgress: (id) => calls.push(`progress ${id}`),
  });
  s.handle({ type: 'ready' });
  const progressBefore = calls.length;
  let rejected = 0;
  for (const m of MALFORMED) {
    if (validateLessonMessage(m).ok) continue;
    rejected++;
    const from = posted.length;
    assert.doesNotThrow(() => s.handle(m));
    const out = posted.slice(from);
    assert.ok(
      out.some((x) => x.type === 'output' && (x as any).error === true),
      `reported: ${String(JSON.stringify(m))?.slice(0, 60)}`,
    );
  }
  assert.ok(rejected >= MALFORMED.length - 2, `rejected ${rejected} of ${MALFORMED.length}`);
  assert.deepEqual(calls.slice(progressBefore), [], 'no file written or opened, no lesson switched or reset');
  // The valid lesson messages among them (if any) are listed, so a change of the protocol is seen.
  assert.deepEqual(
    MALFORMED.filter((m) => validateLessonMessage(m).ok).map((m) => JSON.stringify(m)),
    [],
  );
});
