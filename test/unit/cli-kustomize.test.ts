// `kube-dorm render`, and `lint` / `simulate` on a kustomization, through the CLI's own entry point.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { main } from '../../cli/main';
import { PROJECT } from '../support/kustomize-project';

let dir: string;

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kd-cli-kustomize-'));
  for (const [p, text] of Object.entries(PROJECT)) {
    mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    writeFileSync(path.join(dir, p), text);
  }
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[], env: Record<string, string> = { LANG: 'en_US.UTF-8' }) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd: dir, env });
  return { code, stdout, stderr };
}

test('render prints the overlay as rendered: the patch, the image tag and the overlay label applied', async () => {
  const r = await run(['render', 'overlays/prod']);
  assert.equal(r.code, 0, r.stderr);
  const objs = parseAllDocuments(r.stdout).map((d) => d.toJS() as Record<string, any>);
  assert.deepEqual(
    objs.map((o) => `${o.kind}/${o.metadata.name}`),
    ['Service/web', 'Deployment/web'],
  );
  const deploy = objs[1];
  assert.equal(deploy.spec.replicas, 3);
  assert.equal(deploy.spec.template.spec.containers[0].image, 'nginx:latest');
  assert.equal(deploy.spec.template.metadata.labels.env, 'prod');
  // The kustomization file itself names the same build.
  assert.equal((await run(['render', 'overlays/prod/kustomization.yaml'])).stdout, r.stdout);
});

test('render on a folder with no kustomization: exit 1 and a clear message, in the chosen language', async () => {
  const en = await run(['render', 'chart']);
  assert.equal(en.code, 1);
  assert.match(en.stderr, /no kustomization\.yaml/);
  const zh = await run(['render', 'chart', '--lang', 'zh-cn']);
  assert.match(zh.stderr, /没有 kustomization\.yaml/);
  assert.equal((await run(['render'])).code, 2);
});

test('lint overlays/prod checks the base as the overlay renders it, and points at the overlay line that caused a finding', async () => {
  const r = await run(['lint', 'overlays/prod', '--format', 'json']);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const found = (JSON.parse(r.stdout) as { file: string; line: number; code: string }[]).map((d) => `${d.file}:${d.line} ${d.code}`);
  assert.deepEqual(found, ['overlays/prod/kustomization.yaml:11 image-latest']);
});

test('lint on a Helm chart: values.yaml is not a manifest', async () => {
  const r = await run(['lint', 'chart', '--format', 'json']);
  assert.deepEqual(JSON.parse(r.stdout), []);
});

test('simulate overlays/prod runs the rendered set: three pods of nginx:latest', async () => {
  const r = await run(['simulate', path.join(dir, 'overlays/prod'), '--until', '5s', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const last = (JSON.parse(r.stdout) as { samples: { pods: { image: string }[] }[] }).samples.at(-1)!;
  assert.deepEqual(
    last.pods.map((p) => p.image),
    ['nginx:latest', 'nginx:latest', 'nginx:latest'],
  );
});
