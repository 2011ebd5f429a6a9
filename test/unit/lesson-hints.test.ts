// Every kubectl command a lesson step shows in its hints, task or explanation (`kubectl …` in
// backticks, both languages) runs where
// the learner types it: in the lesson's own cluster, at the step the hint belongs to (every step
// up to it done by "Show me"). `<name>` stands for a pod: the one in trouble if there is one.
// An error answer fails the test, with the lesson, step, language and answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { LESSON_LOCALES, LessonRun, loadAllLessons } from '../../core/lessons/index';
import type { Lesson } from '../../core/lessons/types';
import { podStatus } from '../../core/kubectl/printers';

const LESSONS = path.resolve(__dirname, '..', '..', 'media', 'lessons');
const lessons = loadAllLessons((rel) => readFileSync(path.join(LESSONS, rel), 'utf8'));

interface Hinted {
  lesson: Lesson;
  step: number;
  locale: string;
  command: string;
}

function hintedCommands(): Hinted[] {
  const out: Hinted[] = [];
  for (const lesson of lessons)
    for (const [step, def] of lesson.def.steps.entries())
      for (const locale of LESSON_LOCALES)
        for (const text of stepTexts(lesson, locale, def.id))
          for (const m of text.matchAll(/`kubectl ([^`]+)`/g)) out.push({ lesson, step, locale, command: m[1].trim() });
  return out;
}

function stepTexts(lesson: Lesson, locale: 'en' | 'zh-cn', id: string): string[] {
  const t = lesson.text[locale].steps[id];
  return t ? [...t.hints, t.task, t.explain] : [];
}

/** The answer of `command` at that step of a fresh run of the lesson. */
function runAt(h: Hinted): { line: string; output: string; error: boolean } {
  const run = new LessonRun(h.lesson, { locale: h.locale as 'en' | 'zh-cn' });
  for (const def of h.lesson.def.steps.slice(0, h.step + 1)) run.showMe(def.id);
  run.cluster.advance(30_000);
  const pods = run.cluster.list('Pod');
  const pod = pods.find((p) => !['Running', 'Completed'].includes(podStatus(p))) ?? pods[0];
  const line = h.command.replace(/<name>|<名字>/g, pod?.metadata.name ?? 'none');
  const r = run.run(line);
  return { line, ...r };
}

test('the lessons show kubectl commands (this walk finds them)', () => {
  const hinted = hintedCommands();
  assert.ok(hinted.length >= 50, `${hinted.length} hinted commands`);
  assert.ok(hinted.some((h) => h.command === 'describe pod <name>'));
  assert.ok(hinted.some((h) => h.locale === 'zh-cn' && h.command === 'describe pod <名字>'));
});

test('every kubectl command a lesson step shows runs in its lesson, at its step, in both languages', () => {
  const failing: string[] = [];
  let ran = 0;
  for (const h of hintedCommands()) {
    const r = runAt(h);
    ran++;
    if (r.error) failing.push(`${h.lesson.def.id} step ${h.step + 1} (${h.locale}): kubectl ${r.line} → ${r.output.trim()}`);
  }
  assert.ok(ran >= 50, `${ran} commands run`);
  assert.deepEqual(failing, []);
});
