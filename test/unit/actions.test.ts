// Every quick fix is applied and the result re-linted: the diagnostic is gone and no new one
// appeared (compared by code and message, since line numbers move).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../core/workspace/index';
import { lintFile } from '../../core/lint';
import { codeActions, type CodeActionSpec } from '../../core/editor/actions';
import { applyEdits } from '../../core/editor/edits';
import { LineIndex } from '../../core/manifest/lines';
import { t } from '../../core/i18n/index';
import type { KDiagnostic } from '../../core/manifest/types';

type Files = Record<string, string>;

function lintAll(ws: Workspace): KDiagnostic[] {
  return ws.uris().flatMap((u) => lintFile(ws, u));
}
const sig = (d: KDiagnostic) => `${d.uri}|${d.code}|${t(d.message, 'en')}`;

function build(files: Files): Workspace {
  const ws = new Workspace();
  for (const [u, text] of Object.entries(files)) ws.set(u, text);
  return ws;
}

function apply(ws: Workspace, action: CodeActionSpec): Workspace {
  const out = new Workspace();
  for (const u of ws.uris()) out.set(u, ws.get(u)!.text);
  for (const c of action.edit.changes) {
    const text = out.get(c.uri)!.text;
    out.set(c.uri, applyEdits(text, new LineIndex(text), c.edits));
  }
  for (const f of action.edit.createFiles ?? []) out.set(f.uri, f.text);
  return out;
}

/** Applies each action offered for `code` (or the one whose title matches) and checks the outcome. */
function check(files: Files, uri: string, code: string, opts: { title?: RegExp; expectActions?: number; allowNew?: string[] } = {}): CodeActionSpec[] {
  const ws = build(files);
  const before = lintAll(ws);
  const target = before.filter((d) => d.uri === uri && d.code === code);
  assert.ok(target.length > 0, `no ${code} diagnostic to fix in ${uri}: ${before.map((d) => d.code).join(', ')}`);
  const d = target[0];
  const actions = codeActions(
    ws,
    uri,
    d.range,
    before.filter((x) => x.uri === uri),
    'en',
  ).filter((a) => a.diagnostics.some((x) => x.code === code));
  const chosen = opts.title ? actions.filter((a) => opts.title!.test(a.title)) : actions.filter((a) => a.diagnostics.length === 1);
  assert.ok(chosen.length > 0, `no quick fix for ${code}; offered: ${actions.map((a) => a.title).join(' | ')}`);
  if (opts.expectActions !== undefined) assert.equal(chosen.length, opts.expectActions, actions.map((a) => a.title).join(' | '));
  for (const a of chosen) {
    const after = lintAll(apply(ws, a));
    const fixedSigs = new Set(a.diagnostics.map(sig));
    const remaining = after.filter((x) => fixedSigs.has(sig(x)));
    assert.deepEqual(remaining.map(sig), [], `"${a.title}" left the diagnostic`);
    const beforeSigs = new Set(before.map(sig));
    const fresh = after.filter((x) => !beforeSigs.has(sig(x)) && !(opts.allowNew ?? []).includes(x.code));
    assert.deepEqual(fresh.map(sig), [], `"${a.title}" introduced new diagnostics`);
  }
  return chosen;
}

const res = `          resources:
            requests: {cpu: 50m, memory: 64Mi}
            limits: {cpu: 100m, memory: 128Mi}`;
const deploy = (over: { labels?: string; selector?: string; body?: string; spec?: string } = {}) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
${over.selector ?? '      app: web'}
  template:
    metadata:
      labels:
${over.labels ?? '        app: web'}
    spec:
${over.spec ?? ''}      containers:
        - name: web
          image: nginx:1.27
${over.body ?? res}
`;

test('schema-unknown-field: rename to the closest field', () => {
  const a = check({ 'file:///w/a.yaml': deploy().replace('  replicas: 2', '  replica: 2') }, 'file:///w/a.yaml', 'schema-unknown-field');
  assert.equal(a[0].title, 'Change to "replicas"');
});

test('api-version-removed: use the replacement apiVersion', () => {
  check({ 'file:///w/a.yaml': deploy().replace('apps/v1', 'extensions/v1beta1') }, 'file:///w/a.yaml', 'api-version-removed');
});

test('resources-missing-*: add a resources block, or the missing part of it', () => {
  check({ 'file:///w/a.yaml': deploy({ body: '' }) }, 'file:///w/a.yaml', 'resources-missing-limits', { allowNew: [] });
  check(
    { 'file:///w/a.yaml': deploy({ body: '          resources:\n            requests:\n              cpu: 50m\n              memory: 64Mi' }) },
    'file:///w/a.yaml',
    'resources-missing-limits',
  );
  check(
    {
      'file:///w/a.yaml': deploy({
        body: '          resources:\n            limits:\n              memory: 64Mi\n            requests:\n              memory: 64Mi',
      }),
    },
    'file:///w/a.yaml',
    'resources-missing-limits',
  );
  // A big request is not undercut by the default limit.
  check(
    { 'file:///w/a.yaml': deploy({ body: '          resources:\n            requests:\n              cpu: "2"\n              memory: 1Gi' }) },
    'file:///w/a.yaml',
    'resources-missing-limits',
  );
});

test('selector-mismatch: template labels ← selector, and selector ← template labels', () => {
  const files = { 'file:///w/a.yaml': deploy({ labels: '        app: wbe\n        tier: front' }) };
  const a = check(files, 'file:///w/a.yaml', 'selector-mismatch', { expectActions: 2 });
  assert.deepEqual(
    a.map((x) => x.title),
    ['Make the template labels match the selector', 'Make the selector match the template labels'],
  );
  check({ 'file:///w/a.yaml': deploy({ labels: '        tier: front' }) }, 'file:///w/a.yaml', 'selector-mismatch', { expectActions: 2 });
});

test('node ports: into range, free port, set the type, or drop it', () => {
  const svc = (ports: string, type = 'NodePort') =>
    `apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: ${type}\n  selector:\n    app: web\n  ports:\n${ports}\n`;
  const files = (s: string) => ({ 'file:///w/a.yaml': deploy(), 'file:///w/s.yaml': s });
  check(files(svc('    - port: 80\n      nodePort: 8080')), 'file:///w/s.yaml', 'node-port-range', { expectActions: 2 });
  check(files(svc('    - port: 80\n      nodePort: 30080', 'ClusterIP')), 'file:///w/s.yaml', 'node-port-type', { expectActions: 2 });
  check(files(svc('    - port: 80\n      nodePort: 30080').replace('  type: NodePort\n', '')), 'file:///w/s.yaml', 'node-port-type', {
    title: /NodePort Service/,
  });
  const two = {
    ...files(svc('    - port: 80\n      nodePort: 30080')),
    'file:///w/t.yaml': svc('    - port: 80\n      nodePort: 30080').replace('name: s', 'name: t'),
  };
  check(two, 'file:///w/t.yaml', 'node-port-duplicate', { title: /free nodePort/ });
});

test('secret-data-not-base64: encode it, or move it to stringData; titles never show the value', () => {
  const secret = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  user: YWRtaW4=\n  pass: hunter2!\n';
  const a = check({ 'file:///w/s.yaml': secret }, 'file:///w/s.yaml', 'secret-data-not-base64', { expectActions: 2 });
  for (const x of a) assert.doesNotMatch(x.title, /hunter2/);
  check({ 'file:///w/s.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  pass: hunter2!\n' }, 'file:///w/s.yaml', 'secret-data-not-base64', {
    title: /stringData/,
  });
});

const consumer = (ref: string) => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: c
      image: busybox:1.36
      env:
        - name: A
          valueFrom:
${ref}
${res.replace(/^ {4}/gm, '')}
`;

test('secret-ref-missing / configmap-ref-missing: create a stub here or in a new file', () => {
  const a = check(
    { 'file:///w/p.yaml': consumer('            secretKeyRef:\n              name: db-auth\n              key: password') },
    'file:///w/p.yaml',
    'secret-ref-missing',
    { expectActions: 2 },
  );
  assert.ok(a.some((x) => x.edit.createFiles?.[0].uri === 'file:///w/db-auth-secret.yaml'));
  check(
    { 'file:///w/p.yaml': consumer('            configMapKeyRef:\n              name: board\n              key: QUIET') },
    'file:///w/p.yaml',
    'configmap-ref-missing',
    { expectActions: 2 },
  );
});

test('secret-key-missing: add the key to the Secret, or use the close one', () => {
  const files = {
    'file:///w/p.yaml': consumer('            secretKeyRef:\n              name: db-auth\n              key: passwd'),
    'file:///w/s.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db-auth\nstringData:\n  password: x\n',
  };
  const a = check(files, 'file:///w/p.yaml', 'secret-key-missing', { expectActions: 2 });
  assert.deepEqual(
    a.map((x) => x.title),
    ['Use "password" instead', 'Add key "passwd" to Secret "db-auth"'],
  );
});

test('statefulset-service-missing / not-headless: create or fix the headless Service', () => {
  const sts = `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  replicas: 1\n  selector:\n    matchLabels:\n      app: db\n  template:\n    metadata:\n      labels:\n        app: db\n    spec:\n      containers:\n        - name: db\n          image: postgres:16\n          ports:\n            - name: pg\n              containerPort: 5432\n${res}\n`;
  const made = check({ 'file:///w/sts.yaml': sts }, 'file:///w/sts.yaml', 'statefulset-service-missing', { title: /headless/, expectActions: 2 });
  assert.equal(made[1].edit.createFiles?.[0].uri, 'file:///w/db-service.yaml');
  const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  selector:\n    app: db\n  ports:\n    - port: 5432\n';
  check({ 'file:///w/sts.yaml': sts, 'file:///w/svc.yaml': svc }, 'file:///w/sts.yaml', 'statefulset-service-not-headless');
});

test('secret-in-plain-env: move the value into a Secret and reference it', () => {
  const pod = consumer('            secretKeyRef: {name: x, key: y}').replace(
    /        - name: A\n          valueFrom:\n            secretKeyRef: \{name: x, key: y\}/,
    '        - name: ADMIN_PASS\n          value: hunter2',
  );
  const a = check({ 'file:///w/p.yaml': pod }, 'file:///w/p.yaml', 'secret-in-plain-env');
  assert.doesNotMatch(a[0].title, /hunter2/);
});

test('restart-policy-invalid, quantity-invalid, cron TZ, name-invalid, volume-mount-missing', () => {
  check({ 'file:///w/a.yaml': deploy({ spec: '      restartPolicy: Never\n' }) }, 'file:///w/a.yaml', 'restart-policy-invalid');
  check(
    {
      'file:///w/a.yaml': deploy({
        body: '          resources:\n            requests: {cpu: 50m, memory: 64mb}\n            limits: {cpu: 100m, memory: 128Mi}',
      }),
    },
    'file:///w/a.yaml',
    'quantity-invalid',
  );
  const cj = [
    'apiVersion: batch/v1',
    'kind: CronJob',
    'metadata:',
    '  name: c',
    'spec:',
    '  schedule: "TZ=Asia/Shanghai 0 7 * * *"',
    '  jobTemplate:',
    '    spec:',
    '      template:',
    '        spec:',
    '          restartPolicy: OnFailure',
    '          containers:',
    '            - name: c',
    '              image: busybox:1.36',
    '              resources:',
    '                requests: {cpu: 50m, memory: 64Mi}',
    '                limits: {cpu: 100m, memory: 128Mi}',
    '',
  ].join('\n');
  check({ 'file:///w/c.yaml': cj }, 'file:///w/c.yaml', 'cronjob-schedule-invalid');
  check({ 'file:///w/a.yaml': deploy().replace('name: web\nspec', 'name: Web_Rooms\nspec') }, 'file:///w/a.yaml', 'name-invalid');
  check(
    {
      'file:///w/a.yaml': deploy({
        spec: '      volumes:\n        - name: data\n          emptyDir: {}\n',
        body: `${res}\n          volumeMounts:\n            - name: dta\n              mountPath: /d`,
      }),
    },
    'file:///w/a.yaml',
    'volume-mount-missing',
  );
});

test('fix all of one kind in the file', () => {
  const text =
    deploy({ body: '' }).replace('apiVersion: apps/v1', 'apiVersion: apps/v1') + '---\n' + deploy({ body: '' }).replace('name: web\nspec', 'name: web2\nspec');
  const ws = build({ 'file:///w/a.yaml': text });
  const diags = lintFile(ws, 'file:///w/a.yaml');
  const first = diags.find((d) => d.code === 'resources-missing-limits')!;
  const all = codeActions(ws, 'file:///w/a.yaml', first.range, diags, 'en').find((a) => /Fix all/.test(a.title))!;
  assert.ok(all, 'a fix-all action');
  assert.equal(all.diagnostics.length, 2);
  const after = lintAll(apply(ws, all));
  assert.equal(after.filter((d) => d.code === 'resources-missing-limits').length, 0);
});

test('Chinese titles', () => {
  const ws = build({ 'file:///w/a.yaml': deploy().replace('  replicas: 2', '  replica: 2') });
  const d = lintFile(ws, 'file:///w/a.yaml').find((x) => x.code === 'schema-unknown-field')!;
  assert.equal(codeActions(ws, 'file:///w/a.yaml', d.range, [d], 'zh-cn')[0].title, '改为 "replicas"');
});
