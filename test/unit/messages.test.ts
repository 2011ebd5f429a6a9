// Message ids: the typed builders (msgOf) make an unknown id or a missing argument a compile
// error; ids built at run time (from a parser's problem kind, say) are held here against the
// catalog: every message the rules and the quick fixes produce is registered in both languages
// and gets every argument its texts name.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { codeActions } from '../../core/editor/actions';
import { lintFile } from '../../core/lint';
import { defineMessages, hasMessage, msgOf, t, type Locale } from '../../core/i18n/index';
import { simMsg } from '../../core/kubectl/messages';
import { lessonMsg } from '../../core/lessons/messages';
import { panelMsg } from '../../core/panel/messages';
import type { Msg } from '../../core/manifest/types';
import { allDiagnostics, snippetFiles, workspaceOf } from './rules-snippets';
import { exampleFiles } from '../support/corpus';

const LOCALES: Locale[] = ['en', 'zh-cn'];

/** The `{name}` placeholders of a message's text in one language. */
const placeholders = (id: string, locale: Locale) => [...t(id, locale).matchAll(/\{(\w+)\}/g)].map((m) => m[1]);

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
