// Lesson 10 (detective) and lesson variants: a seed picks one broken campus (deterministically, so a
// test can pin it); every variant shows its symptom, is not fixed by applying it again, and is fixed
// by its own "Show me"; `lesson check` plays every variant and points at the variant's own entries;
// the validator catches a variant that cannot be made or lints otherwise than it says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LessonRun, loadLesson, lessonProblems, type Lesson } from '../../core/lessons/index';
import { lessonForSeed, lessonVariants, variantForSeed } from '../../core/lessons/variants';
import { checkLessonFolder } from '../../core/lessons/check';
import { t } from '../../core/i18n/index';
import { LessonSession } from '../../extension/src/lessons/session';
import { SimSession } from '../../extension/src/panel/session';
import type { HostMessage } from '../../webview/protocol/panel';

const ROOT = path.resolve(__dirname, '..', '..', 'media', 'lessons');
const files =
  (edit: Record<string, (s: string) => string> = {}) =>
  (rel: string) => {
    const text = readFileSync(path.join(ROOT, '10-detective', rel), 'utf8');
    return edit[rel]?.(text) ?? text;
  };
const lesson: Lesson = loadLesson(files(), '.');
const ids = lesson.def.variants!.map((v) => v.id);
const fix = lesson.def.steps.find((s) => s.id === 'fix')!;

test('lesson 10: eight campuses, one cause each; the seed picks one, the same every time for the same seed', () => {
  assert.deepEqual(ids, ['selector-typo', 'target-port', 'secret-key', 'memory-limit', 'too-big', 'image-tag', 'storage-class', 'readiness-port']);
  assert.equal(variantForSeed(lesson, 0)?.id, 'selector-typo');
  assert.equal(variantForSeed(lesson, 13)?.id, 'image-tag');
  assert.equal(variantForSeed(lesson, 13 + ids.length)?.id, 'image-tag');
  assert.equal(variantForSeed(lesson, -1)?.id, 'readiness-port');
  assert.equal(new LessonRun(lesson, { variantSeed: 6 }).lesson.def.variant, 'storage-class');
  const starters = new Set(lessonVariants(lesson).map((l) => l.starters['campus.yaml']));
  assert.equal(starters.size, ids.length, 'every variant breaks the campus differently');
  assert.ok(!starters.has(lesson.starters['campus.yaml']), 'no variant is the healthy campus');
  // A lesson without variants plays as written.
  const nine = loadLesson((rel) => readFileSync(path.join(ROOT, '09-blue-green', rel), 'utf8'), '.');
  assert.equal(lessonForSeed(nine, 5), nine);
});

test('lesson 10, every variant: the symptom shows, applying the same file again fixes nothing, its "Show me" fixes it', () => {
  ids.forEach((id, seed) => {
    const run = new LessonRun(lesson, { variantSeed: seed });
    assert.equal(run.lesson.def.variant, id);
    for (const o of run.showMe('arrive')) assert.notEqual(o.error, true, `${id}: ${o.output}`);
    assert.deepEqual(run.update(), ['arrive'], id);
    // The wrong answer: nothing changed in the file, applied again, orders sent again.
    for (const a of [{ apply: 'campus.yaml' }, { advance: 120_000 }, { request: 'canteen', count: 4 }] as const) run.perform(a);
    assert.equal(run.evaluate(fix.check), false, `${id}: passes without a fix`);
    for (const o of run.showMe('fix')) assert.notEqual(o.error, true, `${id}: ${o.output}`);
    assert.ok(
      run.cluster.advanceUntil(() => run.evaluate(fix.check), 300_000),
      `${id}: its Show me does not fix it`,
    );
    assert.ok(run.update().includes('fix'));
    assert.equal(run.complete, true);
  });
});

test('lesson 10: each variant adds its own clue to the step hints, in both languages', () => {
  for (const l of lessonVariants(lesson))
    for (const loc of ['en', 'zh-cn'] as const)
      assert.equal(l.text[loc].steps.fix.hints.length, lesson.text[loc].steps.fix.hints.length + 1, `${l.def.variant} ${loc}`);
});

test('lesson check plays every variant: a variant whose fix does not fix is named, at its own "Show me"', () => {
  const edit = {
    'lesson.yaml': (s: string) => s.replace("value: 'nginx:1.27' } }", "value: 'nginx:1.98' } }"),
  };
  const r = checkLessonFolder(files(edit));
  assert.equal(r.problems.length, 1, JSON.stringify(r.problems));
  assert.match(r.problems[0].message, /^variant image-tag: step fix: its check still fails/);
  const zh = checkLessonFolder(files(edit), { locale: 'zh-cn' });
  assert.match(zh.problems[0].message, /^变体 image-tag：/);

  const badAction = {
    'lesson.yaml': (s: string) =>
      s.replace('- { request: canteen, count: 4 }\n  - id: target-port', '- { scale: deployment/nothing, replicas: 1 }\n  - id: target-port'),
  };
  const text = badAction['lesson.yaml'](readFileSync(path.join(ROOT, '10-detective', 'lesson.yaml'), 'utf8'));
  const p = checkLessonFolder(files(badAction)).problems.find((x) => /Show me" action/.test(x.message));
  assert.ok(p, 'the failing action is reported');
  assert.equal(p.line, text.split('\n').findIndex((l) => l.includes('deployment/nothing')) + 1);
  assert.match(p.message, /^variant selector-typo: /);
});

test('the validator: an edit that cannot be made, a variant linting otherwise than it says, texts for an unknown variant', () => {
  const en = (l: Lesson) => lessonProblems(l).map((p) => `${p.file} ${p.path.join('.')}: ${t(p.message, 'en')}`);
  const vs = lesson.def.variants!;
  const broken: Lesson = {
    ...lesson,
    def: {
      ...lesson.def,
      variants: [
        { ...vs[0], break: [{ set: { file: 'campus.yaml', kind: 'CronJob', path: 'spec.schedule', value: 'x' } }] },
        { ...vs[1], expect: undefined },
        { ...vs[2], id: vs[1].id },
        { id: 'kubectl', break: [{ kubectl: 'delete pods --all' }] },
      ],
    },
    text: { ...lesson.text, en: { ...lesson.text.en, variants: { ...lesson.text.en.variants, ghost: { hints: { fix: ['boo'] } } } } },
  };
  const got = en(broken);
  assert.ok(
    got.includes('lesson.yaml variants.0.break.0: variants[0] (selector-typo).break[0]: cannot be made: error: no CronJob in campus.yaml'),
    got.join('\n'),
  );
  assert.ok(got.includes('lesson.yaml variants.1.id: variant target-port: files/campus.yaml lints to [service-target-port], intended []'), got.join('\n'));
  assert.ok(got.includes('lesson.yaml variants.2: variants[2] (target-port): id must be lowercase letters, digits and -, and unique'), got.join('\n'));
  assert.ok(got.includes('lesson.yaml variants.3.break.0: variants[3] (kubectl).break[0]: only set, remove and append can break a starter'), got.join('\n'));
  assert.ok(got.includes('en.yaml variants.ghost: text for unknown variant ghost'), got.join('\n'));
  assert.ok(got.some((x) => /variant selector-typo: en and zh-cn give hints for different steps/.test(x)) === false);
  assert.deepEqual(lessonProblems(lesson), []);
});

test("the lesson view plays the variant its host's seed picks, and shows that variant's clue", () => {
  const all = [lesson];
  const session = new LessonSession(all, 'detective', { post: () => {}, variantSeed: () => 3 });
  assert.equal(session.run.lesson.def.variant, 'memory-limit');
  assert.match(session.run.files.get('campus.yaml') ?? '', /memory: 4Mi/);
  const hints = session.view().steps.find((s) => s.id === 'fix')?.hints ?? [];
  assert.match(hints.at(-1) ?? '', /OOMKilled/);
});

test('"Why?" in the side panel on the lesson\'s cluster ends at the line of the lesson file, which "Go to line" opens', () => {
  const opened: string[] = [];
  const posts: HostMessage[] = [];
  const uri = (name: string) => `file:///storage/lessons/detective/${name}`;
  const session = new LessonSession([lesson], 'detective', { post: () => {}, variantSeed: () => 0, uriOf: (_id, name) => uri(name) });
  const panel = new SimSession({ post: (m) => posts.push(structuredClone(m)), openLocation: (u, line) => void opened.push(`${u}:${line}`) });
  panel.handle({ type: 'ready' });
  panel.attach(session.clusterSource);
  for (const o of session.run.showMe('arrive')) assert.notEqual(o.error, true, o.output);
  panel.handle({ type: 'why', kind: 'Service', name: 'canteen' });
  const why = posts.filter((m) => m.type === 'why').at(-1) as Extract<HostMessage, { type: 'why' }>;
  const at = why.chain?.steps.at(-1)?.at;
  const text = session.run.files.get('campus.yaml')!;
  assert.deepEqual(at && { uri: at.uri, line: at.line }, { uri: uri('campus.yaml'), line: text.split('\n').indexOf('    app: cantene') });
  panel.handle({ type: 'openLocation', uri: at!.uri, line: at!.line, column: at!.column });
  panel.handle({ type: 'openLocation', uri: 'file:///etc/passwd', line: 0, column: 0 });
  assert.deepEqual(opened, [`${uri('campus.yaml')}:${at!.line}`]);
  assert.ok(panel.whyLenses().some((l) => l.uri === uri('campus.yaml')));
});
