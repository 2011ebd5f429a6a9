// `kube-dorm simulate FILE --explain` (issue 18): the chains after the tables, or as `explanations` in
// JSON, each ending at the 1-based line and column of the field to change.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../support/cli-run';
import { cronJob } from './explain-helpers';
import { serviceYaml } from '../support/workload-yaml';

let dir: string;
let file: string;

const BROKEN = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
    - name: web
      image: nginx:1.25
---
${serviceYaml({ name: 'web', port: 80, portFields: { targetPort: 8080 } })}
`;

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kd-cli-explain-'));
  file = path.join(dir, 'app.yaml');
  writeFileSync(file, BROKEN);
});
after(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[], lang = 'en_US.UTF-8') => runCli(args, dir, lang);

test('--explain ends the table output with the chain, at file:line:column of targetPort, in the chosen language', async () => {
  const en = await run(['simulate', file, '--until', '10s', '--explain', '--lang', 'en']);
  assert.equal(en.code, 0, en.stderr);
  const tail = en.stdout.slice(en.stdout.indexOf('== Why is it broken? =='));
  assert.match(tail, /Service\/web: Service web sends to port 8080, where nothing listens/);
  assert.ok(tail.includes(`(${file}:21:7)`), tail);
  assert.match(tail, /→ Set targetPort to 80/);
  const zh = await run(['simulate', file, '--until', '10s', '--explain', '--lang', 'zh-cn']);
  assert.match(zh.stdout, /== 为什么坏了？==[\s\S]*外卖调度中心 web 的地址簿里有宿舍 web/);
  const plain = await run(['simulate', file, '--until', '10s']);
  assert.doesNotMatch(plain.stdout, /Why is it broken/);
});

test('--format json --explain adds explanations: [{subject, symptom, steps: [{text, file, line, column}], fix}]', async () => {
  const r = await run(['simulate', file, '--until', '2s', '--explain', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.explanations.length, 1);
  const e = out.explanations[0];
  assert.deepEqual(e.subject, { kind: 'Service', namespace: 'default', name: 'web' });
  assert.ok(e.symptom.en && e.symptom.zh);
  assert.deepEqual(
    e.steps.map((s: any) => [s.file, s.line, s.column]),
    [
      [null, null, null],
      [file, 21, 7],
    ],
  );
  assert.equal(e.fix.title.zh, '把 targetPort 改为 80');
  const without = JSON.parse((await run(['simulate', file, '--until', '2s', '--format', 'json'])).stdout);
  assert.equal(without.explanations, undefined);
});

test('--explain names a refused object (a CronJob whose schedule carries TZ=) down to its schedule, with the quick fix code', async () => {
  const cron = path.join(dir, 'cron.yaml');
  writeFileSync(cron, cronJob('TZ=Asia/Shanghai 0 3 * * *'));
  const r = await run(['simulate', cron, '--until', '2s', '--explain', '--format', 'json']);
  assert.equal(r.code, 1, 'a refused object fails the command');
  const [e] = JSON.parse(r.stdout).explanations;
  assert.deepEqual(e.subject, { kind: 'CronJob', namespace: 'default', name: 'clean' });
  assert.deepEqual(e.steps.at(-1), { file: cron, line: 6, column: 13, text: e.steps.at(-1).text, dorm: e.steps.at(-1).dorm });
  assert.equal(e.fix.code, 'cronjob-schedule-invalid');
});
