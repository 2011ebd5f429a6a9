// Message ids: every id is a `MessageId` (the union of all defineMessages tables, and the YAML
// reader's own ids), so an unknown id is a compile error wherever a `Msg` is built or `t()` is
// called, and the typed builders (msgOf) also check arguments. This file proves the compile errors
// (tsc on a small file with typos, and @ts-expect-error lines that `npm run typecheck` holds), and
// holds what only run time sees against the catalog: every message the rules and the quick fixes
// produce is registered in both languages and gets every argument its texts name.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { codeActions } from '../../core/editor/actions';
import { lintFile } from '../../core/lint';
import { defineMessages, hasMessage, msgOf, t, type Locale } from '../../core/i18n/index';
import { simMsg } from '../../core/kubectl/messages';
import { lessonMsg } from '../../core/lessons/messages';
import { panelMsg } from '../../core/panel/messages';
import type { MessageId, Msg } from '../../core/manifest/types';
import { allDiagnostics, snippetFiles, workspaceOf } from './rules-snippets';
import { exampleFiles } from '../support/corpus';

const LOCALES: Locale[] = ['en', 'zh-cn'];

/** The `{name}` placeholders of a message's text in one language. */
const placeholders = (id: MessageId, locale: Locale) => [...t(id, locale).matchAll(/\{(\w+)\}/g)].map((m) => m[1]);

function checkMsg(m: Msg, where: string): void {
  assert.ok(hasMessage(m.id), `${where}: message id "${m.id}" is not registered`);
  for (const l of LOCALES) {
    assert.ok(t(m.id, l).trim() !== '', `${where}: "${m.id}" has no ${l} text`);
    const missing = placeholders(m.id, l).filter((k) => !(k in (m.args ?? {})));
    assert.deepEqual(missing, [], `${where}: "${m.id}" (${l}) lacks arguments`);
  }
}

describe('messages used at run time', () => {
  test('every diagnostic and related message is registered in both languages, with its arguments', (t) => {
    const ids = new Set<string>();
    for (const d of allDiagnostics()) {
      const where = `${d.code} at ${d.uri}:${d.range.start.line + 1}`;
      checkMsg(d.message, where);
      ids.add(d.message.id);
      for (const r of d.related ?? []) {
        checkMsg(r.message, `${where} (related)`);
        ids.add(r.message.id);
      }
    }
    t.diagnostic(`${ids.size} message ids checked`);
    assert.ok(ids.size > 40, `only ${ids.size} message ids seen`);
  });

  test('every quick-fix title is rendered from a registered message in both languages', () => {
    const files = [...exampleFiles('broken'), ...snippetFiles()];
    const ws = workspaceOf(files);
    const all = files.flatMap((f) => lintFile(ws, f.uri));
    let titles = 0;
    for (const f of files) {
      const diags = all.filter((d) => d.uri === f.uri);
      for (const d of diags) {
        for (const locale of LOCALES) {
          for (const a of codeActions(ws, f.uri, d.range, diags, locale)) {
            titles++;
            // An unknown id renders as itself; a missing argument leaves its placeholder.
            assert.doesNotMatch(a.title, /^fix\.[\w.]+$|\{\w+\}/, `${d.code}: title "${a.title}"`);
          }
        }
      }
    }
    assert.ok(titles > 30, `only ${titles} titles`);
  });
});

describe('msgOf', () => {
  const demo = defineMessages({
    'test.msg.plain': { en: 'Plain', zh: '普通' },
    'test.msg.args': { en: 'Pod {name} in {namespace}', zh: '{namespace} 中的 Pod {name}（{extraZh}）' },
    'test.msg.braces': { en: 'Write {} or {"a": 1} for {name}', zh: '为 {name} 写 {} 或 {"a": 1}' },
  });
  const msg = msgOf(demo);

  test('builds the same Msg as a literal', () => {
    assert.deepEqual(msg('test.msg.plain'), { id: 'test.msg.plain' });
    assert.deepEqual(msg('test.msg.args', { name: 'web', namespace: 'dorm', extraZh: '一' }), {
      id: 'test.msg.args',
      args: { name: 'web', namespace: 'dorm', extraZh: '一' },
    });
    assert.equal(t(msg('test.msg.braces', { name: 'x' }), 'en'), 'Write {} or {"a": 1} for x');
  });

  test('an unknown id or a missing argument does not compile', () => {
    // (Checked by tsc; at run time these only build objects.)
    // @ts-expect-error an id the messages do not define
    msg('test.msg.nope');
    // @ts-expect-error an argument missing (extraZh is only in the Chinese text, but still needed)
    msg('test.msg.args', { name: 'web', namespace: 'dorm' });
    // @ts-expect-error no arguments where the text has placeholders
    msg('test.msg.args');
    // @ts-expect-error arguments where the text has none
    msg('test.msg.plain', { name: 'web' });
  });

  test("the simulator's, the panel's and the lessons' builders check ids and arguments", () => {
    assert.equal(t(simMsg('sim.node.unknown', { node: 'n9' }), 'en'), t({ id: 'sim.node.unknown', args: { node: 'n9' } }, 'en'));
    assert.deepEqual(panelMsg('panel.invalid', { detail: 'x' }), { id: 'panel.invalid', args: { detail: 'x' } });
    assert.deepEqual(lessonMsg('lesson.number', { n: 1 }), { id: 'lesson.number', args: { n: 1 } });
    // @ts-expect-error an id the simulator does not define
    simMsg('sim.node.nope', { node: 'n9' });
    // @ts-expect-error the node argument missing
    simMsg('sim.node.unknown');
    // @ts-expect-error an id the panel does not define
    panelMsg('panel.nope');
    // @ts-expect-error the detail argument missing
    panelMsg('panel.invalid', {});
    // @ts-expect-error an id the lessons do not define
    lessonMsg('lesson.nope');
    // @ts-expect-error the n argument missing
    lessonMsg('lesson.number', { total: 3 });
  });
});

describe('message ids are typed', () => {
  test("t(), a Msg literal and the YAML reader's messages do not compile with an id nobody defines", () => {
    const root = path.resolve(__dirname, '..', '..');
    const dir = mkdtempSync(path.join(tmpdir(), 'kube-dorm-msgid-'));
    try {
      const from = (m: string) => JSON.stringify(path.join(root, m).split(path.sep).join('/'));
      // Each line ending in `// bad` must be the one error of its line; the others must compile.
      const lines = [
        `import { t, coreMsg } from ${from('core/i18n/index')};`,
        `import type { ManifestMsg, Msg } from ${from('core/manifest/types')};`,
        `export const ok1 = t('yaml-syntax', 'en');`,
        `export const ok2: Msg = { id: 'duplicate-key', args: { key: 'a' } };`,
        `export const ok3: ManifestMsg = { id: 'yaml-too-deep', args: { max: 1 } };`,
        `export const ok4 = coreMsg('internal-error', { rule: 'r', detail: 'd' });`,
        `export const bad1 = t('yaml-sytnax', 'en'); // bad`,
        `export const bad2: Msg = { id: 'duplicate-kye', args: { key: 'a' } }; // bad`,
        `export const bad3: ManifestMsg = { id: 'yaml-too-deep', args: {} }; // bad`,
        `export const bad4 = coreMsg('internal-eror', { rule: 'r', detail: 'd' }); // bad`,
      ];
      const file = path.join(dir, 'ids.ts');
      writeFileSync(file, lines.join('\n') + '\n');
      const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
      const args = ['--noEmit', '--strict', '--skipLibCheck', '--target', 'ES2022', '--module', 'node16', '--moduleResolution', 'node16', file];
      const r = spawnSync(process.execPath, [tsc, ...args], { cwd: dir, encoding: 'utf8' });
      const errorLines = [...r.stdout.matchAll(/ids\.ts\((\d+),\d+\): error TS/g)].map((m) => Number(m[1]));
      const expected = lines.flatMap((l, i) => (l.endsWith('// bad') ? [i + 1] : []));
      assert.deepEqual(errorLines, expected, r.stdout + r.stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('ids computed at run time are checked where they are built (held by npm run typecheck)', () => {
    assert.equal(t('yaml-syntax', 'en'), t({ id: 'yaml-syntax' }, 'en'));
    // @ts-expect-error an id nobody defines
    assert.equal(t('yaml-sytnax', 'en'), 'yaml-sytnax');
    const code: string = 'selector-mismatch';
    // @ts-expect-error an id computed from data is a plain string until hasMessage() says it is registered
    t(`analogy.${code}`, 'en');
    const analogy = `analogy.${code}`;
    if (hasMessage(analogy)) assert.match(t(analogy, 'en'), /\w/);
    const kind: 'env' | 'volume' | 'imagePull' = 'imagePull';
    assert.equal(t({ id: `secret-ref-missing.${kind}`, args: { name: 'a', namespace: 'b' } }, 'en').includes('a'), true);
    // @ts-expect-error a ConfigMap is never an image pull secret: there is no such message
    const none: Msg = { id: `configmap-ref-missing.${kind}` };
    assert.ok(none);
  });
});
