// Bad input never crashes: a few thousand generated and mutated inputs through the parser and
// every rule (the million-input run is `npm run fuzz`). Every input must come back as a list of
// well-formed diagnostics, and no rule may throw (which would surface as `internal-error`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Workspace } from '../../core/workspace/index';
import { lintFile } from '../../core/lint';
import { corpusFiles, corpusSkip } from '../support/corpus';
import { checkDiagnostics, mutate } from '../support/fuzz';

test('corpus: every real manifest lints without a crash and without a rule failing', { skip: corpusSkip }, () => {
  const files = corpusFiles();
  assert.ok(files.length >= 240, `corpus has ${files.length} files`);
  const ws = new Workspace();
  for (const f of files) ws.set(f.uri, f.text);
  for (const f of files) {
    const diags = lintFile(ws, f.uri);
    checkDiagnostics(f.text, diags, f.rel);
  }
});

test('arbitrary text never crashes the linter', () => {
  const ws = new Workspace();
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => {
      ws.set('file:///fuzz.yaml', s);
      checkDiagnostics(s, lintFile(ws, 'file:///fuzz.yaml'), JSON.stringify(s));
    }),
    { numRuns: 1000, seed: 42 },
  );
});

test('mutated real manifests never crash the linter', { skip: corpusSkip }, () => {
  const files = corpusFiles().filter((f) => /apiVersion/.test(f.text) && f.text.length < 20_000);
  const ws = new Workspace();
  for (const f of files) ws.set(f.uri, f.text);
  fc.assert(
    fc.property(fc.integer({ min: 0, max: files.length - 1 }), fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), (i, ops) => {
      const text = mutate(files[i].text, ops);
      ws.set(files[i].uri, text);
      checkDiagnostics(text, lintFile(ws, files[i].uri), `${files[i].rel} ops=${JSON.stringify(ops)}`);
      ws.set(files[i].uri, files[i].text);
    }),
    { numRuns: 2000, seed: 7 },
  );
});

test('generated manifests with odd values in every slot never crash a rule', () => {
  const odd = fc.oneof(
    fc.constant(null),
    fc.constant('~'),
    fc.constant('[]'),
    fc.constant('{}'),
    fc.constant('"\\u202e<script>alert(1)</script>"'),
    fc.constant('-1'),
    fc.constant('1e309'),
    fc.constant('.nan'),
    fc.constant('yes'),
    fc.constant('[1, "a", {b: c}]'),
    fc.constant('{matchLabels: [x]}'),
    fc.string({ maxLength: 20 }).map((s) => JSON.stringify(s)),
    fc.integer().map(String),
  );
  const slots = [
    'replicas',
    'selector',
    'template',
    'labels',
    'ports',
    'containerPort',
    'nodePort',
    'targetPort',
    'type',
    'image',
    'resources',
    'cpu',
    'memory',
    'env',
    'valueFrom',
    'secretKeyRef',
    'name',
    'key',
    'schedule',
    'volumes',
    'volumeMounts',
    'serviceName',
    'restartPolicy',
    'data',
    'stringData',
    'claimName',
    'readinessProbe',
    'port',
  ];
  const base = (slot: string, v: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  ${slot === 'replicas' || slot === 'selector' || slot === 'template' ? `${slot}: ${v}` : 'replicas: 2'}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      restartPolicy: ${slot === 'restartPolicy' ? v : 'Always'}
      volumes:
        - name: v
          ${slot === 'volumes' ? `secret: ${v}` : `persistentVolumeClaim: {claimName: ${slot === 'claimName' ? v : 'c'}}`}
      containers:
        - name: ${slot === 'name' ? v : 'web'}
          image: ${slot === 'image' ? v : 'nginx:1.27'}
          ports:
            - containerPort: ${slot === 'containerPort' ? v : 80}
          env:
            - name: A
              ${slot === 'env' ? `value: ${v}` : `valueFrom: {secretKeyRef: {name: s, key: ${slot === 'key' ? v : 'k'}}}`}
          resources: ${slot === 'resources' ? v : `{requests: {cpu: ${slot === 'cpu' ? v : '1'}, memory: ${slot === 'memory' ? v : '1Gi'}}}`}
          volumeMounts: ${slot === 'volumeMounts' ? v : '[{name: v, mountPath: /v}]'}
          readinessProbe: ${slot === 'readinessProbe' ? v : `{httpGet: {port: ${slot === 'port' ? v : 80}}}`}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  type: ${slot === 'type' ? v : 'NodePort'}
  selector: ${slot === 'labels' ? v : '{app: web}'}
  ports: ${slot === 'ports' ? v : `[{port: 80, targetPort: ${slot === 'targetPort' ? v : 80}, nodePort: ${slot === 'nodePort' ? v : 30080}}]`}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: ${slot === 'schedule' ? v : '"*/5 * * * *"'}
  jobTemplate: {spec: {template: {spec: {restartPolicy: Never, containers: [{name: c, image: busybox:1.36}]}}}}
---
apiVersion: v1
kind: Secret
metadata: {name: s}
data: ${slot === 'data' ? v : '{k: aGk=}'}
stringData: ${slot === 'stringData' ? v : '{}'}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: st}
spec:
  serviceName: ${slot === 'serviceName' ? v : 'web'}
  selector: {matchLabels: {a: b}}
  template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: x}]}}
`;
  const ws = new Workspace();
  fc.assert(
    fc.property(fc.constantFrom(...slots), odd, (slot, v) => {
      const text = base(slot, v === null ? '' : v);
      ws.set('file:///gen.yaml', text);
      checkDiagnostics(text, lintFile(ws, 'file:///gen.yaml'), `${slot}=${v}`);
    }),
    { numRuns: 1500, seed: 3 },
  );
});
