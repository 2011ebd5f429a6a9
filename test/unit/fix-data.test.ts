// Quick-fix data (core/rules/fix-data.ts): one shape per rule code, what every rule really
// attaches has its code's shape, and data of any other shape (as an editor may send back) gives
// no fix and never a throw.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../core/workspace/index';
import { lintFile, parseRules } from '../../core/lint';
import { ruleModules } from '../../core/rules/index';
import { FIX_DATA, dataOf, isRuleCode } from '../../core/rules/fix-data';
import { fixesFor } from '../../core/editor/actions';
import type { Resource } from '../../core/manifest/parse';
import type { KDiagnostic } from '../../core/manifest/types';
import type { RuleContext } from '../../core/rules/types';
import { corpusFiles, exampleFiles, fixtureCorpusFiles } from '../support/corpus';

/** Manifests for the codes the examples and fixtures do not raise. */
const SNIPPETS: Record<string, string> = {
  'file:///snip/ports.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: ports
spec:
  containers:
    - name: app
      image: nginx:1.27
      ports:
        - name: http
          containerPort: 70000
          protocol: tcp
      livenessProbe:
        httpGet:
          path: /
          port: htp
---
apiVersion: v1
kind: Service
metadata:
  name: two-ports
spec:
  selector:
    app: x
  ports:
    - port: 80
    - port: 81
`,
  'file:///snip/workloads.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: no-selector
spec:
  template:
    metadata:
      labels:
        app: a
    spec:
      containers:
        - name: a
          image: nginx:1.27
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: mismatch
spec:
  selector:
    matchLabels:
      app: b
  template:
    metadata:
      labels:
        app: c
    spec:
      containers:
        - image: nginx:1.27
`,
  'file:///snip/refs.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: board
data:
  other: x
---
apiVersion: v1
kind: Pod
metadata:
  name: reader
spec:
  containers:
    - name: c
      image: busybox:1.36
      env:
        - name: QUIET
          valueFrom:
            configMapKeyRef: {name: board, key: quiet}
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
        - name: db
          image: postgres:16
---
apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  selector:
    app: db
  ports:
    - port: 5432
---
apiVersion: v1
kind: Service
metadata:
  name: np-a
spec:
  type: NodePort
  selector:
    app: db
  ports:
    - port: 1
      nodePort: 30080
---
apiVersion: v1
kind: Service
metadata:
  name: np-b
spec:
  type: NodePort
  selector:
    app: db
  ports:
    - port: 1
      nodePort: 30080
`,
  'file:///snip/schema.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: typed
spec:
  containers:
    - name: c
      image: busybox:1.36
      tty: "yes"
      env:
        - name: PASSWORD
          valueFrom:
            secretKeyRef: {name: nowhere, key: pw}
---
apiVersion: v1
kind: Pod
metadata:
  name: typed
spec:
  containers:
    - name: c
      image: busybox:1.36
---
apiVersion: apps/v1
kind: Pdo
metadata:
  name: unknown-kind
`,
};

function workspaceOf(files: { uri: string; text: string }[]): Workspace {
  const ws = new Workspace();
  for (const f of files) ws.set(f.uri, f.text);
  return ws;
}

const snippetFiles = () => Object.entries(SNIPPETS).map(([uri, text]) => ({ uri, text }));

/** Every diagnostic of the examples, the fixtures, the snippets and (when present) the full corpus. */
function allDiagnostics(): KDiagnostic[] {
  const files = [...exampleFiles(), ...fixtureCorpusFiles(), ...corpusFiles(), ...snippetFiles()];
  const ws = workspaceOf(files);
  return files.flatMap((f) => lintFile(ws, f.uri));
}

describe('rule codes', () => {
  test('FIX_DATA names exactly the codes the rule modules register', () => {
    const registered = ruleModules.flatMap((m) => m.rules.map((r) => r.code)).sort();
    assert.deepEqual(Object.keys(FIX_DATA).sort(), registered);
  });

  test('isRuleCode knows the modules\u2019 codes and nothing else', () => {
    assert.ok(isRuleCode('schema-unknown-field'));
    for (const r of parseRules) assert.ok(!isRuleCode(r.code), r.code);
    assert.ok(!isRuleCode('toString'));
    assert.ok(!isRuleCode('no-such-rule'));
  });
});

describe('dataOf', () => {
  const d = (code: string, data: unknown) => ({ code, data }) as KDiagnostic;
  const good = { field: 'replica', path: 'spec.replica', type: 'DeploymentSpec', suggestion: 'replicas' };

  test('gives the data of a diagnostic of that code and shape', () => {
    assert.equal(dataOf(d('schema-unknown-field', good), 'schema-unknown-field'), good);
    // Optional fields may be absent, or undefined as a rule writes them; other keys are allowed.
    assert.ok(dataOf(d('schema-unknown-field', { ...good, suggestion: undefined, extra: 1 }), 'schema-unknown-field'));
    // JSON drops undefined fields on the way to the editor and back.
    const sent = JSON.parse(JSON.stringify({ kind: 'Secret', name: 's', namespace: 'default', keys: [], suggestion: undefined }));
    assert.deepEqual(dataOf(d('secret-ref-missing', sent), 'secret-ref-missing'), { kind: 'Secret', name: 's', namespace: 'default', keys: [] });
  });

  test('gives nothing for another code', () => {
    assert.equal(dataOf(d('schema-enum', good), 'schema-unknown-field'), undefined);
  });

  test('gives nothing for data of the wrong shape', () => {
    for (const bad of [undefined, null, 'x', 42, [], [good], {}, { ...good, field: 1 }, { ...good, suggestion: { to: 'replicas' } }, { ...good, path: ['spec'] }]) {
      assert.equal(dataOf(d('schema-unknown-field', bad), 'schema-unknown-field'), undefined, JSON.stringify(bad));
    }
    const res = { container: 'c', containerPath: ['spec', 'containers', 0], missing: ['cpu'] };
    assert.ok(dataOf(d('resources-missing-limits', res), 'resources-missing-limits'));
    assert.equal(dataOf(d('resources-missing-limits', { ...res, containerPath: ['spec', { i: 0 }] }), 'resources-missing-limits'), undefined);
    assert.equal(dataOf(d('resources-missing-limits', { ...res, missing: [1] }), 'resources-missing-limits'), undefined);
    assert.equal(dataOf(d('secret-ref-missing', { kind: 'Pod', name: 's', namespace: 'default', keys: [] }), 'secret-ref-missing'), undefined);
    assert.equal(dataOf(d('node-port-range', { index: 0, nodePort: Infinity, min: 1, max: 2 }), 'node-port-range'), undefined);
    // A code that attaches no data has no data to give.
    assert.equal(dataOf(d('label-value-invalid', {}), 'label-value-invalid'), undefined);
  });
});

describe('what the rules attach', () => {
  test('every diagnostic with data has its code\u2019s shape, and every code with a shape is seen', (t) => {
    const seen = new Set<string>();
    for (const diag of allDiagnostics()) {
      if (!isRuleCode(diag.code)) continue;
      seen.add(diag.code);
      if (diag.data === undefined) continue;
      assert.ok(dataOf(diag, diag.code), `${diag.code} at ${diag.uri}:${diag.range.start.line + 1}: data ${JSON.stringify(diag.data)} is not of its shape`);
    }
    const unseen = Object.keys(FIX_DATA).filter((c) => !seen.has(c) && c !== 'label-value-invalid');
    t.diagnostic(`${seen.size} rule codes seen`);
    assert.deepEqual(unseen, [], 'add a snippet that raises these codes');
  });
});

describe('data of the wrong shape', () => {
  /** Fixes that read only the manifest, not the data. */
  const NO_DATA_READ = new Set(['name-invalid', 'node-port-type']);
  const files = [...exampleFiles('broken'), ...snippetFiles()];
  const ws = workspaceOf(files);
  const fixable = files.flatMap((f) => lintFile(ws, f.uri)).filter((d) => !NO_DATA_READ.has(d.code) && fixesFor(ws, ws.get(d.uri)!, d, 'en').length > 0);

  test('gives no fix for any diagnostic that has one, and never throws', () => {
    assert.ok(fixable.length >= 15, `only ${fixable.length} fixable diagnostics`);
    let tried = 0;
    for (const d of fixable) {
      const data = (d.data ?? {}) as Record<string, unknown>;
      const variants: unknown[] = [undefined, null, 'garbage', 7, [], [data]];
      // Each field in turn replaced by a value of another kind (kept only when that breaks the shape).
      for (const k of Object.keys(data)) variants.push({ ...data, [k]: { injected: ['x'] } }, { ...data, [k]: 'x' });
      for (const v of variants) {
        if (isRuleCode(d.code) && FIX_DATA[d.code](v)) continue;
        tried++;
        assert.deepEqual(fixesFor(ws, ws.get(d.uri)!, { ...d, data: v as Record<string, unknown> }, 'en'), [], `${d.code} with data ${JSON.stringify(v)}`);
      }
    }
    assert.ok(tried > 100, `${tried} malformed variants`);
  });

  // Before the data was checked, a value of the wrong type went into the fix.
  const one = (code: string) => {
    const d = fixable.find((x) => x.code === code);
    assert.ok(d, `no fixable ${code}`);
    return d;
  };
  const titles = (d: KDiagnostic) => fixesFor(ws, ws.get(d.uri)!, d, 'en').map((a) => a.title);

  test('a suggestion of the wrong type is not offered as the new value', () => {
    const d = one('schema-enum');
    assert.deepEqual(titles({ ...d, data: { ...d.data, suggestion: true } }), []);
  });

  test('a name of the wrong type does not become the name of a created object', () => {
    const d = one('secret-ref-missing');
    assert.deepEqual(titles({ ...d, data: { ...d.data, name: { n: 1 } } }), []);
    const s = one('statefulset-service-missing');
    assert.deepEqual(titles({ ...s, data: { ...s.data, service: 42 } }), []);
  });
});

/** Compile-time checks (tsc type-checks the tests): a rule can only attach its own code's shape. */
export function typeChecks(ctx: RuleContext, res: Resource): void {
  ctx.report('schema-enum', res, [], { id: 'schema-enum' }, { data: { allowed: ['Always'], suggestion: 'Always' } });
  // @ts-expect-error another code's data
  ctx.report('node-port-range', res, [], { id: 'node-port-range' }, { data: { allowed: ['Always'] } });
  // @ts-expect-error a field of the wrong type
  ctx.report('pvc-missing', res, [], { id: 'pvc-missing' }, { data: { name: 'c', namespace: 7 } });
  // @ts-expect-error a code no module registers
  ctx.report('no-such-rule', res, [], { id: 'x' });
  // @ts-expect-error a code that attaches no data
  ctx.report('label-value-invalid', res, [], { id: 'label-value-invalid' }, { data: {} });
}
