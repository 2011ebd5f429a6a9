// `kube-dorm lint` in CI (issue 15): baselines matched by file, code, resource and path (not line),
// suppression comments with reasons (--require-reasons, --no-inline-config), peers' ignore
// annotations, and SARIF with partialFingerprints. Runs runLint in process on real files.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runLint } from '../../cli/lint';

let dir: string;

async function lint(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runLint(
    args,
    { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd: dir, env: { LANG: 'C' } },
    '0.0.0',
  );
  return { code, stdout, stderr };
}

const DEPLOY = (extra = '') => `${extra}apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: nginx
`;

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kd-ci-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('--baseline / --write-baseline', () => {
  test('a baseline hides today’s findings, survives lines added above them, and lets new ones through', async () => {
    writeFileSync(path.join(dir, 'web.yaml'), DEPLOY());
    const first = await lint(['--format', 'json', 'web.yaml']);
    const codes = (JSON.parse(first.stdout) as { code: string }[]).map((p) => p.code).sort();
    assert.deepEqual(codes, ['image-latest', 'resources-missing-limits', 'resources-missing-requests']);

    const w = await lint(['--write-baseline', 'base.json', '--format', 'json', 'web.yaml']);
    assert.equal(w.code, 0);
    assert.match(w.stderr, /wrote 3 finding\(s\) to the baseline "base\.json"/);
    assert.deepEqual(JSON.parse(w.stdout), []);
    const b = JSON.parse(readFileSync(path.join(dir, 'base.json'), 'utf8'));
    assert.deepEqual(b.findings[0], {
      file: 'web.yaml',
      code: 'image-latest',
      resource: 'Deployment//web',
      path: 'spec.template.spec.containers[0].image',
      count: 1,
    });

    // Ten comment lines above: every line number changes, nothing is new.
    writeFileSync(path.join(dir, 'web.yaml'), DEPLOY('# note\n'.repeat(10)));
    assert.deepEqual(JSON.parse((await lint(['--baseline', 'base.json', '--format', 'json', 'web.yaml'])).stdout), []);

    // A second container is new.
    writeFileSync(path.join(dir, 'web.yaml'), DEPLOY() + '        - { name: side, image: "envoy:1.30" }\n');
    const next = JSON.parse((await lint(['--baseline', 'base.json', '--format', 'json', 'web.yaml'])).stdout) as { code: string; line: number }[];
    assert.deepEqual(next.map((p) => `${p.code}:${p.line}`).sort(), ['resources-missing-limits:13', 'resources-missing-requests:13']);
  });

  test('a file that is not a baseline is a usage error', async () => {
    writeFileSync(path.join(dir, 'bad.json'), '{"version": 2}');
    const r = await lint(['--baseline', 'bad.json', 'web.yaml']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /bad baseline "bad\.json": not a kube-dorm baseline/);
  });
});

describe('suppression comments with reasons', () => {
  const suppressed = (comment: string) => DEPLOY().replace('          image: nginx', `${comment}\n          image: nginx`);

  test('a reason after " -- " is allowed; --require-reasons makes one without it an error at the comment', async () => {
    writeFileSync(path.join(dir, 'why.yaml'), suppressed('          # kube-dorm-disable-next-line image-latest -- the demo pulls whatever is newest'));
    writeFileSync(path.join(dir, 'bare.yaml'), suppressed('          # kube-dorm-disable-next-line image-latest'));
    for (const f of ['why.yaml', 'bare.yaml']) {
      const r = JSON.parse((await lint(['--format', 'json', f])).stdout) as { code: string }[];
      assert.ok(!r.some((p) => p.code === 'image-latest'), f);
    }
    assert.equal((await lint(['--require-reasons', 'why.yaml'])).code, 0);
    const bare = await lint(['--require-reasons', '--format', 'json', 'bare.yaml']);
    assert.equal(bare.code, 1);
    const p = (JSON.parse(bare.stdout) as { code: string; line: number; severity: string; message: string }[]).find(
      (x) => x.code === 'suppression-reason-missing',
    );
    assert.equal(p?.line, 12);
    assert.equal(p?.severity, 'error');
    assert.match(p.message, /gives no reason/);
  });

  test('--no-inline-config ignores suppression comments and peers’ annotations', async () => {
    const r = JSON.parse((await lint(['--no-inline-config', '--format', 'json', 'why.yaml'])).stdout) as { code: string }[];
    assert.ok(r.some((p) => p.code === 'image-latest'));
  });
});

describe('peers’ ignore annotations', () => {
  test('kube-linter and kube-score annotations silence the rules that match their checks, and only those', async () => {
    const annotated = (ann: string) => DEPLOY().replace('  name: web\n', `  name: web\n  annotations:\n${ann}\n`);
    writeFileSync(
      path.join(dir, 'kl.yaml'),
      annotated('    ignore-check.kube-linter.io/latest-tag: "demo image"\n    ignore-check.kube-linter.io/unset-cpu-requirements: "burstable"'),
    );
    writeFileSync(path.join(dir, 'ks.yaml'), annotated('    kube-score/ignore: container-resources, container-image-tag'));
    const kl = (JSON.parse((await lint(['--format', 'json', 'kl.yaml'])).stdout) as { code: string }[]).map((p) => p.code).sort();
    // cpu alone is ignored; the findings name cpu and memory together, so they stay.
    assert.deepEqual(kl, ['resources-missing-limits', 'resources-missing-requests']);
    assert.deepEqual(JSON.parse((await lint(['--format', 'json', 'ks.yaml'])).stdout), []);
  });
});

describe('SARIF', () => {
  test('results carry partialFingerprints that do not change when lines move', async () => {
    writeFileSync(path.join(dir, 'web.yaml'), DEPLOY());
    const fp = async () => {
      const log = JSON.parse((await lint(['--format', 'sarif', 'web.yaml'])).stdout);
      return log.runs[0].results.map(
        (r: { ruleId: string; partialFingerprints: Record<string, string> }) => `${r.ruleId}=${r.partialFingerprints['kubeDorm/v1']}`,
      );
    };
    const a = await fp();
    writeFileSync(path.join(dir, 'web.yaml'), DEPLOY('# moved\n# down\n'));
    assert.equal(a.length, 3);
    assert.deepEqual(await fp(), a);
  });

  test('a usage error still prints a SARIF log, with the failure as a tool notification', async () => {
    const r = await lint(['--format', 'sarif', 'no-such-dir']);
    assert.equal(r.code, 2);
    const log = JSON.parse(r.stdout);
    assert.equal(log.runs[0].invocations[0].executionSuccessful, false);
    assert.match(log.runs[0].invocations[0].toolExecutionNotifications[0].message.text, /cannot read "no-such-dir"/);
  });
});
