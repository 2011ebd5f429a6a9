// Progress per lesson and step: survives a JSON round trip (globalState), resets, and never breaks on junk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyProgress, lessonStatus, readProgress, resetProgress, withLast, withQuizAnswer, withSeed, withStepsDone } from '../../core/lessons/progress';

test('steps and quiz answers accumulate per lesson and survive a JSON round trip', () => {
  let p = emptyProgress();
  p = withStepsDone(p, 'pods', ['move-in']);
  p = withStepsDone(p, 'pods', ['refill', 'move-in']);
  p = withQuizAnswer(p, 'pods', 'fate', 1);
  p = withStepsDone(p, 'rollout', ['first-version']);
  p = withLast(p, 'rollout');
  const back = readProgress(JSON.parse(JSON.stringify(p)));
  assert.deepEqual(back, p);
  assert.deepEqual(back.lessons.pods.steps, ['move-in', 'refill']);
  assert.deepEqual(lessonStatus(back, 'pods', ['move-in', 'refill', 'scale-up'], [{ id: 'fate', answer: 1 }]), {
    done: 2,
    total: 3,
    complete: false,
    quizRight: 1,
  });
  assert.equal(lessonStatus(back, 'rollout', ['first-version'], []).complete, true);
});

test('reset forgets one lesson or all of them', () => {
  let p = withStepsDone(withStepsDone(emptyProgress(), 'pods', ['a']), 'doors', ['b']);
  p = resetProgress(p, 'pods');
  assert.equal(p.lessons.pods, undefined);
  assert.deepEqual(p.lessons.doors.steps, ['b']);
  assert.deepEqual(resetProgress(p), emptyProgress());
});

test('junk in storage reads as empty progress (or the valid part of it)', () => {
  for (const junk of [undefined, null, 42, 'x', [], { lessons: [] }, { lessons: 'x' }]) assert.deepEqual(readProgress(junk), emptyProgress());
  const p = readProgress({
    last: '../../etc',
    lessons: { pods: { steps: ['ok', 3, '', 'x'.repeat(999)], quiz: { q: 1, r: -1, s: 'a', t: 1.5 } }, 'bad id!': { steps: ['a'] }, doors: 'nope' },
  });
  assert.deepEqual(p, { v: 1, lessons: { pods: { steps: ['ok'], quiz: { q: 1 } } } });
});

test("a lesson's variant seed survives a round trip; a seed that is not a small whole number is dropped", () => {
  const p = withSeed(withStepsDone(emptyProgress(), 'detective', ['arrive']), 'detective', 7);
  assert.deepEqual(readProgress(JSON.parse(JSON.stringify(p))).lessons.detective, { steps: ['arrive'], quiz: {}, seed: 7 });
  for (const seed of [-1, 1.5, 2 ** 31, '3', null])
    assert.equal(readProgress({ lessons: { detective: { steps: [], quiz: {}, seed } } }).lessons.detective.seed, undefined, String(seed));
  assert.equal(resetProgress(p, 'detective').lessons.detective, undefined);
});
