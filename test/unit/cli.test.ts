// `kube-dorm` as a user runs it: the real launcher (bin/kube-dorm.js → dist/cli.js) in a child process.
import { before, after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DB_SECRET, DEPLOY_WITH_SECRET_REF, sidecarPod } from '../support/manifests';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'kube-dorm.js');
const pkg = require('../../package.json') as { version: string };

let dir: string;

function run(args: string[], o: { cwd?: string; env?: Record<string, string> } = {}) {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...o.env };
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: o.cwd ?? dir, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const DEPLOY = DEPLOY_WITH_SECRET_REF;
const SECRET = DB_SECRET;
const DUPKEY = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dup\ndata:\n  a: "1"\n  a: "2"\n';
const CLEAN = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: clean\ndata:\n  a: "1"\n';

/** Newest modification time of the sources that go into dist/cli.js. */
function newestSource(): number {
  let newest = 0;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|json)$/.test(e.name)) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of ['cli', 'core', 'language-server/src']) if (existsSync(path.join(ROOT, d))) walk(path.join(ROOT, d));
  return newest;
}

before(() => {
  // The launcher runs the bundle: (re)build it when it is missing or older than its sources.
  const bundle = path.join(ROOT, 'dist', 'cli.js');
  if (!existsSync(bundle) || statSync(bundle).mtimeMs < newestSource())
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'ignore' });
  dir = mkdtempSync(path.join(tmpdir(), 'kd-cli-'));
  mkdirSync(path.join(dir, 'app'));
  writeFileSync(path.join(dir, 'app', 'deploy.yaml'), DEPLOY);
  writeFileSync(path.join(dir, 'app', 'secret.yml'), SECRET);
  writeFileSync(path.join(dir, 'clean.yaml'), CLEAN);
  writeFileSync(path.join(dir, 'clean.json'), JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'clean-json' }, data: { a: '1' } }));
  mkdirSync(path.join(dir, 'broken'));
  writeFileSync(path.join(dir, 'broken', 'dup.yaml'), DUPKEY);
  for (const skipped of ['node_modules', '.git']) {
    mkdirSync(path.join(dir, 'clean-tree', skipped), { recursive: true });
    writeFileSync(path.join(dir, 'clean-tree', skipped, 'bad.yaml'), DUPKEY);
  }
  writeFileSync(path.join(dir, 'clean-tree', 'ok.yaml'), CLEAN.replace('clean', 'tree'));
  writeFileSync(path.join(dir, 'clean-tree', 'notes.txt'), 'apiVersion: [');
  writeFileSync(path.join(dir, 'clean-tree', 'chart.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n  name: x\n');
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('kube-dorm lint: exit codes and file discovery', () => {
  test('clean files exit 0 with a summary line', () => {
    const r = run(['lint', 'clean.yaml', 'clean.json']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^No problems found in 2 file\(s\)\.$/m);
  });

  test('an error exits 1 and is printed as file:line:col: severity code message', () => {
    const r = run(['lint', 'broken']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^broken\/dup\.yaml:7:3: error duplicate-key Duplicate key "a"/m);
    assert.match(r.stdout, /1 problem\(s\) \(1 error\(s\), 0 warning\(s\)/);
    assert.doesNotMatch(r.stdout, /\x1b\[/, 'no colour when stdout is not a TTY');
  });

  test('folders are walked recursively, skipping node_modules, .git, other extensions and Helm templates', () => {
    const r = run(['lint', '--format', 'json', 'clean-tree']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), []);
  });

  test('all files form one workspace: a Secret in another file resolves the reference', () => {
    const alone = JSON.parse(run(['lint', '--format', 'json', 'app/deploy.yaml']).stdout) as { code: string; line: number }[];
    const ref = alone.find((p) => p.code === 'secret-ref-missing');
    assert.ok(ref, `secret-ref-missing expected when the Secret is not given, got ${alone.map((p) => p.code).join(', ')}`);
    assert.equal(ref.line, 19);
    const both = JSON.parse(run(['lint', '--format', 'json', 'app']).stdout) as { code: string }[];
    assert.ok(!both.some((p) => p.code === 'secret-ref-missing' || p.code === 'secret-key-missing'), JSON.stringify(both));
  });

  test('usage and I/O errors exit 2 with a clear message', () => {
    const cases: [string[], RegExp][] = [
      [['lint'], /no PATH given/],
      [['lint', 'missing.yaml'], /cannot read "missing\.yaml": no such file or directory/],
      [['lint', '--format', 'xml', '.'], /--format expects one of text\|json\|sarif, got "xml"/],
      [['lint', '--format'], /--format needs a value/],
      [['lint', '--lang', 'fr', '.'], /--lang expects one of en\|zh-cn/],
      [['lint', '--frobnicate', '.'], /unknown option "--frobnicate"/],
      [['lint', '--config', 'nope.json', '.'], /bad config file "[^"]*nope\.json": no such file/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [['lsp'], /only --stdio is supported/],
      [[], /Usage:/],
    ];
    for (const [args, re] of cases) {
      const r = run(args);
      assert.equal(r.code, 2, `${args.join(' ')} → ${r.code}: ${r.stderr}`);
      assert.match(r.stderr, re, args.join(' '));
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    }
  });

  test('binary junk and a huge file do not crash the CLI', () => {
    const junk = path.join(dir, 'junk');
    mkdirSync(junk, { recursive: true });
    let seed = 11;
    const bytes = Buffer.from(Array.from({ length: 20000 }, () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff));
    writeFileSync(path.join(junk, 'junk.yaml'), Buffer.concat([Buffer.from('apiVersion: v1\nkind: Pod\n'), bytes]));
    writeFileSync(
      path.join(junk, 'huge.yaml'),
      'apiVersion: v1\nkind: ConfigMap\ndata:\n' + '  k: "0123456789012345678901234567890123456789012345678901234567890123456789"\n'.repeat(80000),
    );
    const r = run(['lint', '--format', 'json', 'junk']);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    const problems = JSON.parse(r.stdout) as { file: string; code: string }[];
    assert.ok(problems.some((p) => p.file === 'junk/huge.yaml' && p.code === 'file-too-large'));
    assert.ok(problems.some((p) => p.file === 'junk/junk.yaml' && p.code === 'yaml-syntax'));
  });
});

describe('kube-dorm lint: output formats', () => {
  test('--format json prints ONE array of {file, line, column, endLine, endColumn, severity, code, message}, 1-based', () => {
    const r = run(['lint', '--format', 'json', 'broken', 'clean.yaml']);
    assert.equal(r.code, 1);
    const arr = JSON.parse(r.stdout);
    assert.ok(Array.isArray(arr));
    assert.deepEqual(arr, [
      {
        file: 'broken/dup.yaml',
        line: 7,
        column: 3,
        endLine: 7,
        endColumn: 4,
        severity: 'error',
        code: 'duplicate-key',
        message: arr[0].message,
      },
    ]);
    assert.match(arr[0].message, /^Duplicate key "a"/);
  });

  test('--format sarif prints SARIF 2.1.0 with the properties GitHub code scanning requires', () => {
    const r = run(['lint', '--format', 'sarif', 'broken', 'app/deploy.yaml']);
    assert.equal(r.code, 1);
    const log = JSON.parse(r.stdout);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    assert.equal(log.runs.length, 1);
    const run0 = log.runs[0];
    const driver = run0.tool.driver;
    assert.equal(driver.name, 'kube-dorm');
    assert.equal(driver.semanticVersion, pkg.version);
    const ids = driver.rules.map((x: { id: string }) => x.id);
    assert.equal(new Set(ids).size, ids.length, 'rule ids unique');
    for (const code of ['yaml-syntax', 'duplicate-key', 'secret-ref-missing']) assert.ok(ids.includes(code), code);
    for (const rule of driver.rules) {
      assert.equal(typeof rule.shortDescription.text, 'string');
      assert.ok(rule.shortDescription.text.length > 0);
      assert.match(rule.helpUri, new RegExp(`^[a-z]+:.*/docs/rules/${rule.id}\\.md$`));
      assert.ok(['error', 'warning', 'note', 'none'].includes(rule.defaultConfiguration.level));
    }
    assert.ok(run0.results.length >= 2);
    for (const res of run0.results) {
      assert.equal(typeof res.ruleId, 'string');
      assert.equal(driver.rules[res.ruleIndex].id, res.ruleId, 'ruleIndex points at the rule');
      assert.ok(['error', 'warning', 'note', 'none'].includes(res.level));
      assert.ok(res.message.text.length > 0);
      const loc = res.locations[0].physicalLocation;
      assert.match(loc.artifactLocation.uri, /^(broken\/dup\.yaml|app\/deploy\.yaml)$/, 'relative, forward slashes');
      assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.ok(Number.isInteger(loc.region.startLine) && loc.region.startLine >= 1);
      assert.ok(Number.isInteger(loc.region.startColumn) && loc.region.startColumn >= 1);
      assert.ok(loc.region.endLine >= loc.region.startLine);
    }
    assert.match(run0.originalUriBaseIds['%SRCROOT%'].uri, /^file:\/\/.*\/$/);
    // A file outside the working directory gets an absolute URI and no base.
    const outside = JSON.parse(run(['lint', '--format', 'sarif', path.join(dir, 'broken')], { cwd: path.join(dir, 'app') }).stdout);
    const loc = outside.runs[0].results[0].locations[0].physicalLocation.artifactLocation;
    assert.match(loc.uri, /^file:\/\/.*\/broken\/dup\.yaml$/);
    assert.equal(loc.uriBaseId, undefined);
    const dup = run0.results.find((x: { ruleId: string }) => x.ruleId === 'duplicate-key');
    assert.deepEqual(dup.locations[0].physicalLocation.region, { startLine: 7, startColumn: 3, endLine: 7, endColumn: 4 });
    assert.equal(dup.level, 'error');
  });
});

describe('kube-dorm lint: configuration and language', () => {
  test('--config changes severities; "off" silences a rule', () => {
    writeFileSync(path.join(dir, 'warn.json'), JSON.stringify({ rules: { 'duplicate-key': 'warning' } }));
    const r = run(['lint', '--config', 'warn.json', 'broken']);
    assert.equal(r.code, 0, 'a warning is not an error');
    assert.match(r.stdout, /broken\/dup\.yaml:7:3: warning duplicate-key/);
    writeFileSync(path.join(dir, 'off.json'), JSON.stringify({ rules: { 'duplicate-key': 'off' } }));
    const off = run(['lint', '--format', 'json', '--config', 'off.json', 'broken']);
    assert.equal(off.code, 0);
    assert.deepEqual(JSON.parse(off.stdout), []);
  });

  test('.kube-dorm.json in the working directory is read; "schema": false switches the schema family off', () => {
    const cwd = path.join(dir, 'with-config');
    mkdirSync(cwd, { recursive: true });
    writeFileSync(path.join(cwd, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: typo\ndatas:\n  a: "1"\n');
    const before = JSON.parse(run(['lint', '--format', 'json', '.'], { cwd }).stdout) as { code: string }[];
    assert.ok(
      before.some((p) => p.code === 'schema-unknown-field'),
      JSON.stringify(before),
    );
    writeFileSync(path.join(cwd, '.kube-dorm.json'), JSON.stringify({ schema: false }));
    const r = run(['lint', '--format', 'json', '.'], { cwd });
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout), []);
  });

  test('a bad config file is a usage error (exit 2), an unknown rule code only a warning', () => {
    writeFileSync(path.join(dir, 'bad1.json'), '{"rules": ');
    writeFileSync(path.join(dir, 'bad2.json'), JSON.stringify({ rules: { 'duplicate-key': 'loud' } }));
    writeFileSync(path.join(dir, 'bad3.json'), JSON.stringify({ schema: 'yes' }));
    for (const f of ['bad1.json', 'bad2.json', 'bad3.json']) {
      const r = run(['lint', '--config', f, 'clean.yaml']);
      assert.equal(r.code, 2, f);
      assert.match(r.stderr, new RegExp(`bad config file ".*${f}"`));
    }
    writeFileSync(path.join(dir, 'unknown.json'), JSON.stringify({ rules: { 'no-such-rule': 'off' } }));
    const r = run(['lint', '--config', 'unknown.json', 'clean.yaml']);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /unknown rule "no-such-rule"/);
  });

  test('Chinese from --lang zh-cn, or from LANG; --lang wins over LANG', () => {
    const zh = run(['lint', '--lang', 'zh-cn', 'broken']);
    assert.match(zh.stdout, /broken\/dup\.yaml:7:3: 错误 duplicate-key 重复的键 "a"/);
    assert.match(zh.stdout, /共 1 个问题/);
    const env = run(['lint', 'broken'], { env: { LANG: 'zh_CN.UTF-8' } });
    assert.match(env.stdout, /重复的键 "a"/);
    const en = run(['lint', '--lang', 'en', 'broken'], { env: { LC_ALL: 'zh_CN.UTF-8' } });
    assert.match(en.stdout, /Duplicate key "a"/);
    const usage = run(['lint', 'missing.yaml'], { env: { LANG: 'zh_CN.UTF-8' } });
    assert.match(usage.stderr, /无法读取 "missing\.yaml"：文件或目录不存在/);
  });
});

describe('kube-dorm: help, version, other commands', () => {
  test('--help and --version', () => {
    const h = run(['--help']);
    assert.equal(h.code, 0);
    assert.match(h.stdout, /kube-dorm lint \[--format text\|json\|sarif\]/);
    const zh = run(['--help'], { env: { LANG: 'zh_CN.UTF-8' } });
    assert.match(zh.stdout, /用法/);
    const v = run(['--version']);
    assert.equal(v.code, 0);
    assert.equal(v.stdout.trim(), pkg.version);
  });

  test('simulate is dispatched to cli/simulate.ts, or says clearly that it is not available', () => {
    const r = run(['simulate', 'app']);
    if (existsSync(path.join(ROOT, 'cli', 'simulate.ts'))) {
      assert.doesNotMatch(r.stderr, /not available/);
    } else {
      assert.equal(r.code, 2);
      assert.match(r.stderr, /simulator is not available/);
    }
  });
});

describe('kube-dorm lint --kubernetes-version', () => {
  const SIDECAR = sidecarPod({ resources: true });
  test('reports what the targeted version lacks, from the flag or the config; rejects an unknown version', () => {
    writeFileSync(path.join(dir, 'sidecar.yaml'), SIDECAR);
    assert.equal(run(['lint', 'sidecar.yaml']).code, 0);
    const r = run(['lint', '--kubernetes-version', '1.27', 'sidecar.yaml']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(
      r.stdout,
      /^sidecar\.yaml:9:7: error field-not-in-version unknown field "spec\.initContainers\[0\]\.restartPolicy": Kubernetes 1\.27 does not have it; it was added in Kubernetes 1\.28\./m,
    );
    assert.equal(run(['lint', '--kubernetes-version=v1.28.3', 'sidecar.yaml']).code, 0);
    writeFileSync(path.join(dir, 'old.json'), JSON.stringify({ kubernetesVersion: '1.27' }));
    const cfg = JSON.parse(run(['lint', '--config', 'old.json', '--format', 'json', 'sidecar.yaml']).stdout) as { code: string; line: number }[];
    assert.deepEqual(
      cfg.map((d) => [d.code, d.line]),
      [['field-not-in-version', 9]],
    );
    // simulate checks before it runs: on 1.27 the pod is refused, as that API server would refuse it.
    const sim = run(['simulate', '--kubernetes-version', '1.27', '--until', '10s', 'sidecar.yaml']);
    assert.equal(sim.code, 1);
    assert.match(sim.stderr, /field-not-in-version/);
    assert.doesNotMatch(run(['simulate', '--until', '10s', 'sidecar.yaml']).stderr, /field-not-in-version/);
    const bad = run(['lint', '--kubernetes-version', '1.99', 'sidecar.yaml']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--kubernetes-version expects one of 1\.27\|1\.28\|.*\|1\.36, got "1\.99"/);
  });
});
