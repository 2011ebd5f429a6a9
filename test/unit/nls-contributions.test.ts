// package.json's user-facing strings: every %key% resolves in English and Chinese, and the
// "Learn Kubernetes in the dorm" walkthrough shows each lesson's media in the display language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadAllLessons } from '../../core/lessons/index';

const ROOT = path.resolve(__dirname, '..', '..');
const pkgText = readFileSync(path.join(ROOT, 'package.json'), 'utf8');
const pkg = JSON.parse(pkgText);
const nls = {
  en: JSON.parse(readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')),
  'zh-cn': JSON.parse(readFileSync(path.join(ROOT, 'package.nls.zh-cn.json'), 'utf8')),
} as const;

test('every %key% in package.json has an English and a Chinese text', () => {
  const keys = [...pkgText.matchAll(/"%([\w.-]+)%"/g)].map((m) => m[1]);
  assert.ok(keys.length > 40, `keys: ${keys.length}`);
  for (const k of keys) for (const loc of ['en', 'zh-cn'] as const) assert.ok(typeof nls[loc][k] === 'string' && nls[loc][k].trim(), `${k} in ${loc}`);
});

test('the walkthrough: one step per lesson, its media in the display language, naming that lesson', () => {
  const lessons = loadAllLessons((rel) => readFileSync(path.join(ROOT, 'media', 'lessons', rel), 'utf8'));
  const steps = pkg.contributes.walkthroughs[0].steps as { id: string; media: { markdown: string }; completionEvents: string[] }[];
  assert.equal(steps.length, lessons.length);
  steps.forEach((s, i) => {
    const l = lessons[i];
    assert.deepEqual(s.completionEvents, [`onContext:kubeDorm.lessonDone.${l.def.id}`]);
    const key = /^%(.+)%$/.exec(s.media.markdown)?.[1];
    assert.ok(key, `${s.id}: the media path is localized`);
    const files = new Set<string>();
    for (const loc of ['en', 'zh-cn'] as const) {
      const file = path.join(ROOT, nls[loc][key]);
      assert.ok(existsSync(file), `${s.id} ${loc}: ${file}`);
      files.add(file);
      const md = readFileSync(file, 'utf8');
      assert.ok(md.includes(l.text[loc].title), `${s.id} ${loc}: names "${l.text[loc].title}"`);
      const other = loc === 'en' ? 'zh-cn' : 'en';
      assert.ok(!md.includes(l.text[other].title), `${s.id} ${loc}: only its own language`);
      for (const st of l.def.steps) assert.ok(md.includes(l.text[loc].steps[st.id].title), `${s.id} ${loc}: step ${st.id}`);
    }
    assert.equal(files.size, 2, 'one file per language');
  });
});
