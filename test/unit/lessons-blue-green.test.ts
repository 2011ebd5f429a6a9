// Lesson 9 (blue-green and canary) as a learner might get it wrong: every check reads the cluster
// and the requests the Service really served, never the text — an edited but unapplied file, a
// switch without fresh requests, or a canary scaled without re-measuring does not pass; the same
// switch made with kubectl instead of the editor does. In Chinese as in English.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LessonRun, loadLesson, type Lesson } from '../../core/lessons/index';

const ROOT = path.resolve(__dirname, '..', '..', 'media', 'lessons');
const lesson: Lesson = loadLesson((rel) => readFileSync(path.join(ROOT, rel), 'utf8'), '09-blue-green');
const step = (id: string) => lesson.def.steps.find((s) => s.id === id)!;
const passes = (run: LessonRun, id: string) => run.evaluate(step(id).check);

/** A run with the steps before `id` done through their "Show me". */
function runUpTo(id: string, locale: 'en' | 'zh-cn' = 'en'): LessonRun {
  const run = new LessonRun(lesson, { locale });
  for (const s of lesson.def.steps) {
    if (s.id === id) break;
    for (const o of run.showMe(s.id)) assert.notEqual(o.error, true, o.output);
    assert.ok(
      run.cluster.advanceUntil(() => run.evaluate(s.check), 300_000),
      s.id,
    );
    run.update();
  }
  return run;
}

test('lesson 9: while the board says blue, green runs but answers nothing', () => {
  const run = runUpTo('blue-serves');
  assert.equal(passes(run, 'blue-serves'), false);
  const out = run.perform({ request: 'web', count: 6 }).output ?? '';
  assert.equal((out.match(/web-blue-/g) ?? []).length, 6, out);
  assert.doesNotMatch(out, /web-green-/);
  assert.equal(passes(run, 'blue-serves'), true);
});

test('lesson 9: the switch to green counts only once it is applied and new orders reach green', () => {
  const run = runUpTo('to-green');
  run.perform({ set: { file: 'blue-green.yaml', kind: 'Service', name: 'web', path: 'spec.selector.colour', value: 'green' } });
  run.perform({ request: 'web', count: 6 });
  run.cluster.advance(300_000);
  assert.equal(passes(run, 'to-green'), false, 'edited in the editor but not applied');
  run.perform({ apply: 'blue-green.yaml' });
  run.cluster.advance(5_000);
  assert.equal(passes(run, 'to-green'), false, 'applied, but the latest orders were answered by blue');
  const out = run.perform({ request: 'web', count: 6 }).output ?? '';
  assert.equal((out.match(/web-green-/g) ?? []).length, 6, out);
  assert.equal(passes(run, 'to-green'), true);
});

test('lesson 9: switching back with kubectl patch instead of the editor passes too (the check reads the cluster)', () => {
  const run = runUpTo('back-to-blue');
  assert.equal(passes(run, 'back-to-blue'), false);
  const r = run.run(`patch service web -p '{"spec":{"selector":{"colour":"blue"}}}'`);
  assert.equal(r.error, false, r.output);
  run.cluster.advance(5_000);
  run.perform({ request: 'web', count: 6 });
  assert.equal(passes(run, 'back-to-blue'), true);
});

test('lesson 9: the canary takes a quarter of 8 orders, and a bigger share only shows in a new batch', () => {
  const run = runUpTo('canary', 'zh-cn');
  run.perform({ apply: 'canary.yaml' });
  run.cluster.advance(20_000);
  assert.equal(passes(run, 'canary'), false, 'no orders measured since the canary came');
  const out = run.perform({ request: 'web', count: 8 }).output ?? '';
  assert.equal((out.match(/web-canary-/g) ?? []).length, 2, out);
  assert.match(out, /请求/, 'the request output is in the learner’s language');
  assert.equal(passes(run, 'canary'), true);
  run.update();
  run.perform({ scale: 'deployment/web-canary', replicas: 3 });
  run.cluster.advance(300_000);
  assert.equal(passes(run, 'bigger-share'), false, 'three canary rooms, but the latest batch still says 25%');
  run.perform({ request: 'web', count: 12 });
  assert.equal(passes(run, 'bigger-share'), true);
  run.perform({ scale: 'deployment/web-canary', replicas: 1 });
  run.cluster.advance(60_000);
  run.perform({ request: 'web', count: 12 });
  assert.equal(passes(run, 'bigger-share'), false, 'a quarter is not half');
});
