// The lesson view's protocol: every message from the webview is validated before the host acts on
// it, and the persisted view state is read defensively (it comes back from VS Code after a reload).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateLessonMessage, readPersistedLessonState } from '../../webview/protocol/lesson';

test('well-formed messages pass', () => {
  for (const m of [
    { type: 'ready' },
    { type: 'control', step: 'move-in', index: 1 },
    { type: 'showMe', step: 'refill' },
    { type: 'open', file: 'dorm.yaml' },
    { type: 'kubectl', line: 'get pods' },
    { type: 'answer', quiz: 'fate', choice: 2 },
    { type: 'reset' },
    { type: 'openLesson', id: 'secrets-limits' },
    { type: 'setLocale', locale: 'zh-cn' },
  ])
    assert.equal(validateLessonMessage(m).ok, true, JSON.stringify(m));
});

test('malformed or hostile messages are refused with a reason', () => {
  const bad: [unknown, RegExp][] = [
    [null, /not an object/],
    ['ready', /not an object/],
    [{ type: 'eval' }, /unknown message type/],
    [{ type: 'ready', extra: 1 }, /unexpected field/],
    [{ type: 'control', step: 'a', index: -1 }, /index/],
    [{ type: 'control', step: 'a', index: 1.5 }, /index/],
    [{ type: 'open', file: '../../etc/passwd' }, /file/],
    [{ type: 'kubectl', line: '' }, /line/],
    [{ type: 'kubectl', line: 'x'.repeat(5000) }, /line/],
    [{ type: 'answer', quiz: 'q', choice: '1' }, /choice/],
    [{ type: 'setLocale', locale: 'fr' }, /locale/],
    [{ type: '__proto__' }, /unknown message type/],
  ];
  for (const [m, re] of bad) {
    const r = validateLessonMessage(m);
    assert.equal(r.ok, false, JSON.stringify(m));
    if (!r.ok) assert.match(r.error, re);
  }
});

test('persisted state: a valid one comes back, junk does not', () => {
  assert.deepEqual(readPersistedLessonState({ lessonId: 'pods', hints: { refill: 2, bad: -1, 'x y': 1 } }), { lessonId: 'pods', hints: { refill: 2 } });
  for (const junk of [undefined, null, 7, {}, { lessonId: '../x' }, { lessonId: 5 }]) assert.equal(readPersistedLessonState(junk), undefined);
});
