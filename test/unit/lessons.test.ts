// The lesson engine in plain Node: for every lesson, the learner's actions (each step's "Show me",
// performed through the engine as the lesson view would) make every step's check pass in order,
// each check failing right before its actions; doing nothing leaves every check failing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LessonRun, loadAllLessons, loadLesson, validateLesson, LESSON_DIRS, type Lesson } from '../../core/lessons/index';

const ROOT = path.resolve(__dirname, '..', '..', 'media', 'lessons');
const read = (rel: string) => readFileSync(path.join(ROOT, rel), 'utf8');
const lessons = loadAllLessons(read);

test('there are ten lessons, numbered 1–10 (the seed chapters, then blue-green/canary and the detective), and all validate', () => {
  assert.deepEqual(
    lessons.map((l) => l.def.number),
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  );
  for (const l of lessons) assert.deepEqual(validateLesson(l), [], l.def.dir);
  for (const l of lessons) assert.ok(l.def.quiz.length >= 2 && l.def.quiz.length <= 3);
});

for (const lesson of lessons) {
  test(`lesson ${lesson.def.number} (${lesson.def.id}): the learner's actions complete every step in order`, () => {
    const run = new LessonRun(lesson);
    for (const step of lesson.def.steps) {
      assert.equal(run.current()?.id, step.id);
      assert.equal(run.evaluate(step.check), false, `${step.id}: check passes before the learner did anything for it`);
      for (const out of run.showMe(step.id)) assert.notEqual(out.error, true, `${step.id}: ${out.output}`);
      const ok = run.cluster.advanceUntil(() => run.evaluate(step.check), 5 * 60_000);
      assert.ok(ok, `${step.id}: check still failing after its actions`);
      assert.ok(run.update().includes(step.id));
    }
    assert.equal(run.complete, true);
    for (const q of lesson.def.quiz) assert.deepEqual(run.answer(q.id, q.answer), { correct: true });
  });

  test(`lesson ${lesson.def.number} (${lesson.def.id}): doing nothing leaves every check failing`, () => {
    const run = new LessonRun(lesson);
    run.cluster.advance(3_600_000);
    for (const step of lesson.def.steps) assert.equal(run.evaluate(step.check), false, step.id);
    assert.deepEqual(run.update(), []);
  });
}

test('lesson 1 by hand: editing replicas in the text, applying, and typed kubectl commands', () => {
  const l = lessons[0];
  const run = new LessonRun(l);
  assert.equal(run.run('kubectl apply -f dorm.yaml').error, false);
  run.cluster.advance(15_000);
  assert.deepEqual(run.update(), ['move-in']);
  const pod = run.cluster.list('Pod').find((p) => p.metadata.name.startsWith('dorm-'))!;
  run.run(`delete pod ${pod.metadata.name}`);
  assert.deepEqual(run.update(), [], 'the replacement is not Running yet');
  run.cluster.advance(15_000);
  assert.deepEqual(run.update(), ['refill']);
  // The learner types in the editor: the check reads meaning, wherever the line is.
  const text = run.files.get('dorm.yaml')!.replace('replicas: 5', 'replicas: 8').replace('# Lesson 1', '# my notes\n# Lesson 1');
  run.setFile('dorm.yaml', text);
  assert.deepEqual(run.update(), [], 'file edited but not applied');
  run.run('apply -f dorm.yaml');
  run.cluster.advance(15_000);
  assert.deepEqual(run.update(), ['scale-up']);
  run.run('scale deployment dorm --replicas=3');
  run.cluster.advance(40_000);
  assert.deepEqual(run.update(), ['scale-down']);
});

test('a starter applied with its diagnostic still in place is refused; the fixed file is accepted', () => {
  const l = lessons.find((x) => x.def.id === 'doors')!;
  const run = new LessonRun(l);
  const r = run.run('apply -f doors.yaml');
  assert.equal(r.error, true);
  assert.match(r.output, /node-port-range/);
  run.perform({ quickfix: { file: 'doors.yaml', code: 'node-port-range' } });
  assert.equal(
    run.diagnostics('doors.yaml').some((d) => d.code === 'node-port-range'),
    false,
  );
  assert.equal(run.run('apply -f doors.yaml').error, false);
});

test('lesson 7: the quick fix moves the password into a Secret and the file no longer contains it in env', () => {
  const l = lessons.find((x) => x.def.id === 'secrets-limits')!;
  const run = new LessonRun(l);
  const out = run.perform({ quickfix: { file: 'luxury.yaml', code: 'secret-in-plain-env' } });
  assert.match(out.output ?? '', /ADMIN_PASSWORD/);
  const text = run.files.get('luxury.yaml')!;
  assert.match(text, /kind: Secret/);
  assert.match(text, /secretKeyRef:/);
  assert.doesNotMatch(text, /value: dorm-wifi-2024/);
  assert.equal(out.edits?.[0].file, 'luxury.yaml');
});

test('restore: saved progress rebuilds the cluster so the next step can be done', () => {
  const l = lessons[1];
  const run = new LessonRun(l);
  // The files keep the learner's edits; the cluster is rebuilt from the done steps.
  run.setFile('web.yaml', run.files.get('web.yaml')!.replace('nginx:1.26', 'nginx:1.27'));
  run.restore(['first-version', 'renovate'], { 'rs-per-version': 2 });
  assert.equal(run.current()?.id, 'broken');
  assert.equal(run.quizAnswers.get('rs-per-version'), 2);
  for (const o of run.showMe('broken')) assert.notEqual(o.error, true);
  assert.ok(run.cluster.advanceUntil(() => run.evaluate(l.def.steps[2].check), 120_000));
});

test('bad input never crashes: unknown actions, broken YAML, missing files, bad checks', () => {
  const run = new LessonRun(lessons[0]);
  assert.equal(run.perform({ bogus: 1 } as any).error, true);
  assert.equal(run.perform({ apply: 'nope.yaml' }).error, true);
  assert.equal(run.perform({ set: { file: 'dorm.yaml', kind: 'Service', path: 'spec.x', value: 1 } }).error, true);
  run.setFile('dorm.yaml', 'apiVersion: [unclosed\n\t: :');
  assert.equal(run.perform({ apply: 'dorm.yaml' }).error, true);
  assert.equal(run.evaluate({ command: { matches: '(' } } as any), false);
  assert.equal(run.evaluate({ nonsense: {} } as any), false);
  assert.equal(run.evaluate(null as any), false);
  assert.equal(run.run('').error, false);
  assert.equal(run.answer('no-such-question', 0), undefined);
});

test('the validator reports what is wrong with a lesson', () => {
  const base: Lesson = loadLesson(read, LESSON_DIRS[0]);
  const bad: Lesson = structuredClone(base);
  bad.def.steps[0].check = { podz: {} } as any;
  bad.def.steps[1].show = [{ apply: 'missing.yaml' }];
  bad.def.quiz[0].answer = 7;
  delete (bad.text['zh-cn'].steps as any)['refill'];
  bad.starters['dorm.yaml'] = bad.starters['dorm.yaml'].replace('app: dorm\n  template', 'app: other\n  template');
  const p = validateLesson(bad).join('\n');
  assert.match(p, /unknown check "podz"/);
  assert.match(p, /missing\.yaml/);
  assert.match(p, /answer 7 is not one of/);
  assert.match(p, /zh-cn\.yaml: no text for step refill/);
  assert.match(p, /lints to \[.*selector-mismatch.*\], intended \[\]/);
});
