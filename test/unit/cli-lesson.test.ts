// `kube-dorm lesson check|new` in process on real folders: the built-in lessons pass; a scaffolded
// lesson passes as written; breaking it gives FILE:LINE:COL and exit 1; bad names and folders exit 2.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../support/cli-run';

const ROOT = path.resolve(__dirname, '..', '..');
const dir = mkdtempSync(path.join(tmpdir(), 'kube-dorm-lesson-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[], lang = 'C') => runCli(args, dir, lang);

test('lesson check passes every built-in lesson (the CI gate for media/lessons)', async () => {
  const r = await cli(['lesson', 'check', path.join(ROOT, 'media', 'lessons')]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^10 lesson\(s\) checked: every step played, no problems\.$/m);
});

test('lesson new scaffolds a lesson in both languages that passes lesson check; a broken step is reported at its line', async () => {
  const made = await cli(['lesson', 'new', 'canary']);
  assert.equal(made.code, 0, made.stderr);
  const lessonDir = path.join(dir, '.kube-dorm', 'lessons', 'canary');
  for (const f of ['lesson.yaml', 'en.yaml', 'zh-cn.yaml', 'files/rooms.yaml']) assert.ok(existsSync(path.join(lessonDir, f)), f);
  const ok = await cli(['lesson', 'check', '.kube-dorm/lessons']);
  assert.equal(ok.code, 0, ok.stdout);

  const again = await cli(['lesson', 'new', 'canary']);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /already exists; nothing was written/);

  const file = path.join(lessonDir, 'lesson.yaml');
  const text = readFileSync(file, 'utf8').replace('count: 3 } }', 'count: 30 } }');
  writeFileSync(file, text);
  const bad = await cli(['lesson', 'check', '.kube-dorm/lessons/canary']);
  assert.equal(bad.code, 1);
  const line = text.split('\n').findIndex((l) => l.includes('count: 30')) + 1;
  assert.match(bad.stdout, new RegExp(`^\\.kube-dorm/lessons/canary/lesson\\.yaml:${line}:\\d+: step one-more-room: its check still fails`, 'm'));
  assert.match(bad.stdout, /1 lesson\(s\) checked: 1 problem\(s\)\./);
  const zh = await cli(['lesson', 'check', '.kube-dorm/lessons/canary'], 'zh_CN.UTF-8');
  assert.match(zh.stdout, /检查了 1 课：发现 1 个问题。/);
});

test('lesson check reports two lessons sharing an id', async () => {
  const other = path.join(dir, 'two');
  assert.equal((await cli(['lesson', 'new', 'same', '--dir', 'two'])).code, 0);
  assert.equal((await cli(['lesson', 'new', 'copy', '--dir', 'two'])).code, 0);
  const f = path.join(other, 'copy', 'lesson.yaml');
  writeFileSync(f, readFileSync(f, 'utf8').replace('id: copy', 'id: same'));
  const g = path.join(other, 'same', 'lesson.yaml');
  writeFileSync(g, '\n' + readFileSync(g, 'utf8')); // the id moves to line 3
  const r = await cli(['lesson', 'check', 'two']);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^two\/same\/lesson\.yaml:3:1: lesson id "same" is also used by two\/copy$/m);
});

test('usage errors exit 2 with a clear message', async () => {
  assert.match((await cli(['lesson', 'new', 'Bad_Name'])).stderr, /"Bad_Name" is not a lesson name/);
  assert.equal((await cli(['lesson', 'check', 'nowhere'])).code, 2);
  const u = await cli(['lesson', 'frobnicate']);
  assert.equal(u.code, 2);
  assert.match(u.stderr, /usage: kube-dorm lesson check DIR/);
  assert.match((await cli(['lesson', 'check', '--bogus', 'x'])).stderr, /unknown option --bogus/);
});
