// replacements, vars and helmCharts at the core: what the oracle fixtures (test/fixtures/kustomize/33-40)
// cannot show. Bad input fails as the real `kubectl kustomize` fails (checked against it when the
// machine has kubectl), with the kustomization entry at fault; replaced fields point at their entry.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { t } from '../../core/i18n/index';
import { renderKustomization } from '../../core/kustomize/index';
import { expand } from '../../core/kustomize/vars';
import { kubectlBinary } from '../kubectl/support';
import { failure, memory } from '../support/kustomize-memory';

const kubectl = kubectlBinary('default') ?? kubectlBinary('1.32');
const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  a: "1"\n';

/** The real kubectl's error for the same files (written to a temporary folder), or undefined without kubectl. */
function kubectlError(files: Record<string, string>): string | undefined {
  if (!kubectl) return undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-kz-'));
  try {
    for (const [p, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
      fs.writeFileSync(path.join(dir, p), text);
    }
    execFileSync(kubectl, ['kustomize', path.join(dir, 'k')], { encoding: 'utf8', stdio: 'pipe' });
    return '(kubectl kustomize built it)';
  } catch (e) {
    // klog quotes the error: its inner quotes come escaped.
    return String((e as { stderr?: string }).stderr).replace(/\\"/g, '"');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Both renderers refuse the files with the same words; ours names the entry at fault. */
function bothFail(files: Record<string, string>, words: RegExp, at: (string | number)[]): void {
  const e = failure(Object.fromEntries(Object.entries(files).map(([p, x]) => ['/' + p, x])));
  assert.match(e.message, words);
  assert.equal(e.file, '/k/kustomization.yaml');
  assert.deepEqual(e.at, at);
  assert.ok(t(e.msg, 'zh-cn') !== e.message && t(e.msg, 'zh-cn').length > 0);
  const real = kubectlError(files);
  if (real !== undefined) assert.match(real, words);
}

test('helmCharts: refused as kubectl kustomize refuses it without --enable-helm, on the helmCharts entry, saying the chart is not rendered and why', () => {
  const files = {
    'k/kustomization.yaml': 'resources: [cm.yaml]\nhelmCharts:\n  - name: dorm-chart\n    repo: https://charts.example.com\n    version: 1.0.0\n',
    'k/cm.yaml': CM,
  };
  bothFail(files, /must specify --enable-helm/, ['helmCharts', 0]);
  const e = failure({ '/k/kustomization.yaml': files['k/kustomization.yaml'], '/k/cm.yaml': CM });
  assert.match(e.message, /chart "dorm-chart" is not rendered/);
  assert.match(e.message, /never runs helm or downloads charts/);
  assert.match(t(e.msg, 'zh-cn'), /dorm-chart.*没有被渲染/);
});

test('replacements: a source that selects nothing, a missing source field, a missing target field fail as kubectl kustomize fails', () => {
  const k = (r: string) => ({ 'k/kustomization.yaml': `resources: [cm.yaml]\nreplacements:\n${r}`, 'k/cm.yaml': CM });
  bothFail(
    k('- source: {kind: Secret, name: nope}\n  targets: [{select: {kind: ConfigMap}, fieldPaths: [data.b]}]\n'),
    /nothing selected by Secret\.\[noVer\]\.\[noGrp\]\/nope\.\[noNs\]/,
    ['replacements', 0, 'source'],
  );
  bothFail(
    k('- source: {kind: ConfigMap, name: cm, fieldPath: data.zz}\n  targets: [{select: {kind: ConfigMap}, fieldPaths: [data.a]}]\n'),
    /fieldPath `data\.zz` is missing for replacement source ConfigMap/,
    ['replacements', 0, 'source', 'fieldPath'],
  );
  bothFail(
    k('- source: {kind: ConfigMap, name: cm, fieldPath: data.a}\n  targets: [{select: {kind: ConfigMap}, fieldPaths: [data.b]}]\n'),
    /unable to find field "data\.b" in replacement target/,
    ['replacements', 0, 'targets', 0],
  );
  bothFail(k('- path: r.yaml\n  source: {kind: ConfigMap}\n'), /cannot specify both path and inline replacement/, ['replacements', 0]);
});

test('vars: an objref without apiVersion or version finds no ConfigMap (its version must match), as in kubectl kustomize', () => {
  const files = {
    'k/kustomization.yaml': 'resources: [cm.yaml]\nvars:\n  - name: CM\n    objref: {kind: ConfigMap, name: cm}\n',
    'k/cm.yaml': CM,
  };
  bothFail(files, /var '.*CM.*' cannot be mapped to a field in the set of known resources/, ['vars', 0]);
});

test('vars: a name declared twice in the build fails on the second declaration', () => {
  const e = failure({
    '/k/kustomization.yaml': 'resources: [../b]\nvars:\n  - name: X\n    objref: {apiVersion: v1, kind: ConfigMap, name: cm}\n',
    '/b/kustomization.yaml': 'resources: [cm.yaml]\nvars:\n  - name: X\n    objref: {apiVersion: v1, kind: ConfigMap, name: cm}\n',
    '/b/cm.yaml': CM,
  });
  assert.match(e.message, /var 'X' already encountered/);
  assert.deepEqual([e.file, e.at], ['/k/kustomization.yaml', ['vars', 0, 'name']]);
});

test("vars: kubernetes' expansion rules ($$ escapes, unknown and unclosed references stay, a whole reference keeps its type)", () => {
  const vars: Record<string, string | number> = { A: 'x', N: 3 };
  const used: string[] = [];
  const ex = (s: string) =>
    expand(
      s,
      (n) => vars[n],
      (n) => used.push(n),
    );
  assert.equal(ex('$(N)'), 3);
  assert.equal(ex('n=$(N), a=$(A)'), 'n=3, a=x');
  assert.equal(ex('$$(A) $(B) $(A'), '$(A) $(B) $(A');
  assert.equal(ex('cost $5 $'), 'cost $5 $');
  assert.deepEqual(used, ['N', 'N', 'A']);
});

test('a field a replacement set points at that replacement target in the kustomization (the source map)', () => {
  const dep = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n';
  const res = renderKustomization(
    memory({
      '/k/kustomization.yaml':
        'resources: [cm.yaml, dep.yaml]\nreplacements:\n  - source: {kind: ConfigMap, name: cm, fieldPath: data.a}\n    targets:\n      - select: {kind: Deployment}\n        fieldPaths: [spec.replicas]\n',
      '/k/cm.yaml': CM,
      '/k/dep.yaml': dep,
    }),
    '/k',
  );
  const d = res.objects.find((o) => o.obj.kind === 'Deployment')!;
  assert.equal((d.obj.spec as { replicas: unknown }).replicas, 1, 'the string "1" keeps the int type of replicas');
  const f = d.fields.find((x) => x.path.join('.') === 'spec.replicas');
  assert.deepEqual(f?.source, { file: '/k/kustomization.yaml', doc: 0, at: ['replacements', 0, 'targets', 0] });
});
