// `kube-dorm schemas import` and `kube-dorm lint` with CRDs, through the real CLI (dist/cli.js):
// the CRDs of a folder (multi-document files, a Helm chart's crds/) become .kube-dorm/schemas/
// files, lint then checks custom resources against them and names the schema's file, and lint over a
// folder uses the CRDs it holds.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { importSchemas } from '../../core/workspace/crd-import';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'kube-dorm.js');
const FIX = path.join(ROOT, 'test', 'fixtures', 'crd');
const WIDGET = 'apiVersion: dorm.example.com/v1\nkind: Widget\nmetadata:\n  name: desk\nspec:\n  size: small\n  replicas: 20\n';

let dir: string;
function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, env: { PATH: process.env.PATH ?? '', LANG: 'C' }, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('CRD schemas in the CLI', () => {
  before(() => {
    if (!existsSync(path.join(ROOT, 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: run `npm run build` first');
    dir = mkdtempSync(path.join(tmpdir(), 'kd-cli-crd-'));
    cpSync(FIX, path.join(dir, 'vendor'), { recursive: true });
    writeFileSync(path.join(dir, 'widget.yaml'), WIDGET);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('without the CRD: one info, exit 0', () => {
    const r = run(['lint', 'widget.yaml']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /widget\.yaml:2:7: info custom-resource-unknown/);
  });

  test('schemas import writes one file per CRD into .kube-dorm/schemas/, then lint checks against it', () => {
    const r = run(['schemas', 'import', 'vendor']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(readdirSync(path.join(dir, '.kube-dorm', 'schemas')), [
      'gadgets.dorm.example.com.yaml',
      'lamps.light.example.com.yaml',
      'widgets.dorm.example.com.yaml',
    ]);
    assert.match(r.stdout, /imported widgets\.dorm\.example\.com \(v1, v1beta1\) from vendor\/crds\.yaml/);
    const l = run(['lint', 'widget.yaml']);
    assert.equal(l.code, 1, l.stdout);
    assert.match(
      l.stdout,
      /widget\.yaml:7:13: error schema-constraint spec\.replicas: Invalid value: 20: spec\.replicas in body should be less than or equal to 10/,
    );
    assert.match(l.stdout, /↳ schema from CustomResourceDefinition "widgets\.dorm\.example\.com" \(version v1\) in schemas\/widgets\.dorm\.example\.com\.yaml/);
    rmSync(path.join(dir, '.kube-dorm'), { recursive: true });
  });

  test('lint over a folder uses the CRDs in it (and a Helm chart’s crds/)', () => {
    writeFileSync(path.join(dir, 'vendor', 'lamp-cr.yaml'), 'apiVersion: light.example.com/v1\nkind: Lamp\nmetadata:\n  name: l\nspec:\n  watts: 61\n');
    const r = run(['lint', '--format', 'json', '.']);
    const codes = (JSON.parse(r.stdout) as { file: string; code: string }[]).map((p) => `${p.file} ${p.code}`);
    assert.ok(codes.includes('widget.yaml schema-constraint'), codes.join('\n'));
    assert.ok(codes.includes('vendor/lamp-cr.yaml schema-constraint'), codes.join('\n'));
  });

  test('usage errors and a folder with no CRD', () => {
    assert.equal(run(['schemas']).code, 2);
    assert.equal(run(['schemas', 'import', 'missing-dir']).code, 2);
    const r = run(['schemas', 'import', 'widget.yaml']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no CustomResourceDefinition found/);
  });
});

describe('importSchemas (core)', () => {
  test('keeps what validation reads, drops the rest, and skips an unreadable CRD', () => {
    const text = readFileSync(path.join(FIX, 'crds.yaml'), 'utf8').replace('scope: Namespaced', 'scope: Namespaced\n  conversion: { strategy: None }');
    const broken = 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: broken\nspec: {}\n';
    const r = importSchemas([
      { name: 'a.yaml', text },
      { name: 'b.yaml', text: broken },
    ]);
    assert.deepEqual(
      r.schemas.map((s) => s.name),
      ['gadgets.dorm.example.com', 'widgets.dorm.example.com'],
    );
    assert.deepEqual(r.skipped, [{ from: 'b.yaml', name: 'broken' }]);
    const w = r.schemas[1].text;
    assert.doesNotMatch(w, /conversion/);
    assert.match(w, /maximum: 10/);
    assert.match(w, /additionalPrinterColumns/);
  });
});
