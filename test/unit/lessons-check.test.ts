// `kube-dorm lesson check` at the core: the built-in lessons pass it; a lesson whose check cannot
// pass, whose "Show me" fails, whose hint names a failing command, whose language file is missing
// or broken, is reported at the file, line and column of the node to change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkLessonFolder, hintCommands, position } from '../../core/lessons/check';
import { LESSON_DIRS } from '../../core/lessons/load';

const ROOT = path.resolve(__dirname, '..', '..', 'media', 'lessons');
const files =
  (dir: string, edit: Record<string, (t: string) => string | undefined> = {}) =>
  (rel: string) => {
    const text = readFileSync(path.join(ROOT, dir, rel), 'utf8');
    const e = edit[rel];
    if (!e) return text;
    const out = e(text);
    if (out === undefined) throw new Error(`ENOENT: no such file or directory, open '${rel}'`);
    return out;
  };
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

test('every built-in lesson passes lesson check (static validation, every step played, every hint command run)', () => {
  for (const d of LESSON_DIRS) assert.deepEqual(checkLessonFolder(files(d)).problems, [], d);
});

test("a check that can never pass is reported at that step's check line", () => {
  const src = readFileSync(path.join(ROOT, '01-pods', 'lesson.yaml'), 'utf8');
  const edited = src.replace(/count: 8/, 'count: 80');
  assert.notEqual(edited, src);
  const r = checkLessonFolder(files('01-pods', { 'lesson.yaml': () => edited }));
  assert.equal(r.problems.length, 1, JSON.stringify(r.problems));
  const p = r.problems[0];
  assert.equal(p.file, 'lesson.yaml');
  assert.match(p.message, /step scale-up: its check still fails 5 simulated minutes after/);
  // The check's node: the line that says `check:` of that step.
  const stepLine = lineOf(edited, 'id: scale-up');
  assert.ok(p.line > stepLine && p.line <= lineOf(edited, 'count: 80'), `line ${p.line}`);
});

test('a check that passes before its actions, and a failing Show me action, are reported', () => {
  const src = readFileSync(path.join(ROOT, '01-pods', 'lesson.yaml'), 'utf8');
  const edited = src
    .replace('show: [{ apply: dorm.yaml }', 'show: [{ kubectl: get nosuchthing }, { apply: dorm.yaml }')
    .replace("- { command: { matches: '^delete (pod|pods|po)[ /]' } }", '- { nodes: { min: 1 } }');
  const r = checkLessonFolder(files('01-pods', { 'lesson.yaml': () => edited }));
  assert.equal(r.problems.length, 2, JSON.stringify(r.problems));
  const [show, early] = r.problems;
  assert.match(show.message, /step move-in: "Show me" action 1 fails: error: the server doesn't have a resource type "nosuchthing"/);
  assert.deepEqual(
    [show.line, show.column],
    [lineOf(edited, 'kubectl: get nosuchthing'), edited.split('\n')[lineOf(edited, 'kubectl: get nosuchthing') - 1].indexOf('{ kubectl') + 1],
  );
  assert.match(early.message, /step refill: its check already passes before its "Show me" actions/);
  assert.equal(early.line, lineOf(edited, 'id: refill') + 2, 'points at the check of step refill');
});

test('a hint naming a kubectl command that fails is reported at the hint, in the language file that has it', () => {
  const en = readFileSync(path.join(ROOT, '02-rollout', 'en.yaml'), 'utf8');
  const edited = en.replace('`kubectl get rs`', '`kubectl get replicasetz`');
  assert.notEqual(edited, en);
  const r = checkLessonFolder(files('02-rollout', { 'en.yaml': () => edited }));
  assert.equal(r.problems.length, 1, JSON.stringify(r.problems));
  assert.equal(r.problems[0].file, 'en.yaml');
  assert.equal(r.problems[0].line, lineOf(edited, 'kubectl get replicasetz'));
  assert.match(r.problems[0].message, /kubectl get replicasetz.*fails before and after the step: error: the server doesn't have a resource type "replicasetz"/);
});

test('placeholders in hint commands are filled with a real object (describe pod <name>)', () => {
  assert.deepEqual(hintCommands('Try `kubectl describe pod <name>` and `kubectl get rs`; `ls` is not kubectl.'), ['describe pod <name>', 'get rs']);
  const en = readFileSync(path.join(ROOT, '02-rollout', 'en.yaml'), 'utf8');
  assert.match(en, /kubectl describe pod <name>/, 'lesson 2 has a placeholder hint');
  const broken = en.replace('`kubectl describe pod <name>`', '`kubectl describe nosuch <name>`');
  const r = checkLessonFolder(files('02-rollout', { 'en.yaml': () => broken }));
  assert.equal(r.problems.length, 1, JSON.stringify(r.problems));
  assert.match(r.problems[0].message, /describe nosuch <name>/);
});

test('a missing language file, a missing text and broken YAML are reported with their file and line', () => {
  const missing = checkLessonFolder(files('03-service', { 'zh-cn.yaml': () => undefined }));
  assert.equal(missing.problems.length, 1);
  assert.equal(missing.problems[0].file, 'zh-cn.yaml');
  assert.match(missing.problems[0].message, /cannot read this file/);

  const zh = readFileSync(path.join(ROOT, '03-service', 'zh-cn.yaml'), 'utf8');
  const broken = zh.replace(/^title: .*$/m, 'title: [unclosed');
  const b = checkLessonFolder(files('03-service', { 'zh-cn.yaml': () => broken }));
  assert.equal(b.problems[0].file, 'zh-cn.yaml');
  assert.ok(b.problems[0].line >= 1);

  const en = readFileSync(path.join(ROOT, '03-service', 'en.yaml'), 'utf8');
  const noTask = en.replace(/^(\s+)task: .*\n/m, '');
  const t = checkLessonFolder(files('03-service', { 'en.yaml': () => noTask }));
  assert.equal(t.problems.length, 1, JSON.stringify(t.problems));
  assert.equal(t.problems[0].file, 'en.yaml');
  assert.match(t.problems[0].message, /step \S+\.task missing/);
  assert.ok(t.problems[0].line > 1);
});

test('messages come in Chinese too', () => {
  const src = readFileSync(path.join(ROOT, '01-pods', 'lesson.yaml'), 'utf8');
  const r = checkLessonFolder(files('01-pods', { 'lesson.yaml': () => src.replace(/count: 8/, 'count: 80') }), { locale: 'zh-cn' });
  assert.match(r.problems[0].message, /检查仍然不通过/);
  const en = readFileSync(path.join(ROOT, '03-service', 'en.yaml'), 'utf8');
  const z = checkLessonFolder(files('03-service', { 'en.yaml': () => en.replace(/^(\s+)task: .*\n/m, '') }), { locale: 'zh-cn' });
  assert.match(z.problems[0].message, /^缺少 step \S+\.task$/);
});

test('position points at a mapping key, a list item, or the nearest ancestor', () => {
  const text = 'a:\n  b:\n    - x\n    - y\n  c: 1\n';
  assert.deepEqual(position(text, ['a', 'b', 1]), { line: 4, column: 7 });
  assert.deepEqual(position(text, ['a', 'c']), { line: 5, column: 3 });
  assert.deepEqual(position(text, ['a', 'zzz', 3]), { line: 1, column: 1 });
  assert.deepEqual(position('', ['x']), { line: 1, column: 1 });
});
