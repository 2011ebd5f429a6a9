// A seeded slice of `npm run fuzz` (bench/fuzz.ts) through the CLI: 400 inputs (corpus mutations,
// arbitrary strings, hostile constructs) linted in-process by runLint with text/json/sarif and
// en/zh-cn in turn (exit 0 or 1, json/sarif parse), and 6 of them by real `node bin/kube-dorm.js lint`.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { cliOnce, input } from '../../bench/fuzz';
import { repoRoot } from '../support/corpus';

const dir = mkdtempSync(path.join(os.tmpdir(), 'kd-cli-fuzz-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('runLint in-process: 400 fuzzed inputs, every format and language, no crash, parseable output', async () => {
  let n = 0;
  await fc.assert(
    fc.asyncProperty(input, async (text) => cliOnce(dir, text, n++)),
    { seed: 4242, numRuns: 400 },
  );
});

test('real `node bin/kube-dorm.js lint` on 6 fuzzed inputs: exit 0/1, no stack trace, json parses', () => {
  const samples = fc.sample(input, { seed: 99, numRuns: 6 });
  samples.forEach((text, i) => {
    writeFileSync(path.join(dir, 'input.yaml'), text);
    const format = i % 2 ? 'json' : 'text';
    const r = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'kube-dorm.js'), 'lint', '--format', format, 'input.yaml'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr.slice(0, 300)}`);
    assert.doesNotMatch(r.stderr, /\bat .*\.js:\d+/);
    if (format === 'json') assert.ok(Array.isArray(JSON.parse(r.stdout)));
  });
});
