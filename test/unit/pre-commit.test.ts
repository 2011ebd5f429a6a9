// .pre-commit-hooks.yaml with the real `pre-commit` (Debian package `pre-commit`): the hook lints
// exactly the staged YAML/JSON files, fails the commit on an error and passes a clean one. It uses
// the `kube-dorm-lint-system` hook (kube-dorm on PATH, here a shim to bin/kube-dorm.js); the
// `kube-dorm-lint` hook differs only in letting pre-commit install the package with npm.
// Skipped when pre-commit or git is not installed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const has = (cmd: string) => spawnSync(cmd, ['--version'], { encoding: 'utf8' }).status === 0;
const skip = !has('pre-commit') ? 'pre-commit is not installed (apt-get install -y pre-commit)' : !has('git') ? 'git is not installed' : false;

let dir: string;
let env: Record<string, string>;

function preCommit(...files: string[]) {
  const r = spawnSync('pre-commit', ['try-repo', ROOT, 'kube-dorm-lint-system', '--verbose', '--files', ...files], {
    cwd: path.join(dir, 'repo'),
    env,
    encoding: 'utf8',
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('.pre-commit-hooks.yaml with the real pre-commit', { skip }, () => {
  before(() => {
    if (!existsSync(path.join(ROOT, 'dist', 'cli.js')))
      execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'ignore' });
    dir = mkdtempSync(path.join(tmpdir(), 'kd-pre-commit-'));
    const bin = path.join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(path.join(bin, 'kube-dorm'), `#!/bin/sh\nexec "${process.execPath}" "${path.join(ROOT, 'bin', 'kube-dorm.js')}" "$@"\n`);
    chmodSync(path.join(bin, 'kube-dorm'), 0o755);
    env = {
      PATH: `${bin}:${process.env.PATH ?? ''}`,
      HOME: dir,
      PRE_COMMIT_HOME: path.join(dir, 'cache'),
      LANG: 'C.UTF-8',
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
    };
    const repo = path.join(dir, 'repo');
    mkdirSync(repo);
    execFileSync('git', ['init', '-q'], { cwd: repo, env });
    writeFileSync(path.join(repo, 'good.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: good\ndata:\n  a: "1"\n');
    writeFileSync(path.join(repo, 'bad.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\ndata:\n  a: "1"\n');
    writeFileSync(path.join(repo, 'notes.txt'), 'apiVersion: [\n');
    execFileSync('git', ['add', '.'], { cwd: repo, env });
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  test('fails on a manifest with an error and names the problem', () => {
    const r = preCommit('good.yaml', 'bad.yaml');
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, /bad\.yaml:4:9: error name-invalid/);
    assert.match(r.out, /Failed/);
  });

  test('passes clean manifests and does not pass other files to kube-dorm', () => {
    const ok = preCommit('good.yaml');
    assert.equal(ok.code, 0, ok.out);
    assert.match(ok.out, /Passed/);
    const txt = preCommit('notes.txt');
    assert.equal(txt.code, 0, txt.out);
    assert.match(txt.out, /no files to check|Skipped/);
  });
});
