import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../core/workspace/index';
import { complete } from '../../core/editor/complete';
import { cursorContext } from '../../core/editor/context';
import { LineIndex } from '../../core/manifest/lines';
import { SNIPPETS, expandSnippet } from '../../core/editor/snippets';
import { lintFile } from '../../core/lint';

/** Completes at the `|` in `text` (the bar is removed). */
function at(ws: Workspace, uri: string, textWithBar: string) {
  const offset = textWithBar.indexOf('|');
  const text = textWithBar.slice(0, offset) + textWithBar.slice(offset + 1);
  ws.set(uri, text);
  return complete(ws, uri, text, offset, { locale: 'en' });
}
const labels = (items: { label: string }[]) => items.map((i) => i.label);

const secrets = `apiVersion: v1
kind: Secret
metadata:
  name: db-auth
stringData:
  password: hunter2
  user: admin
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: notice-board
data:
  QUIET_HOURS: "23:00"
---
apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  clusterIP: None
  selector: {app: db}
  ports: [{port: 5432}]
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: locker
spec:
  accessModes: ["ReadWriteOnce"]
  resources: {requests: {storage: 1Gi}}
`;

function ws0() {
  const ws = new Workspace();
  ws.set('file:///w/refs.yaml', secrets);
  return ws;
}

test('cursor context follows indentation through mappings and list items', () => {
  const text = 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: x\n          \n';
  const lines = new LineIndex(text);
  const off = text.indexOf('image: x') + 'image: x\n          '.length;
  const ctx = cursorContext(text, lines, off)!;
  assert.deepEqual(ctx.parentPath, ['spec', 'template', 'spec', 'containers', 0]);
  assert.deepEqual([...ctx.siblings].sort(), ['image', 'name']);
  assert.equal(ctx.kind, 'Deployment');
  assert.equal(ctx.apiVersion, 'apps/v1');
  // The compact list form (`containers:` and `- ` at the same column).
  const t2 = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    ';
  assert.deepEqual(cursorContext(t2, new LineIndex(t2), t2.length)!.parentPath, ['spec', 'containers', 0]);
  // A new list item typed on the dash line.
  const t3 = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n  - na';
  const c3 = cursorContext(t3, new LineIndex(t3), t3.length)!;
  assert.deepEqual([c3.parentPath, c3.prefix, [...c3.siblings]], [['spec', 'containers', 0], 'na', []]);
});

test('field names come from the schema with docs, minus the keys already there, required first', () => {
  const ws = ws0();
  const items = at(ws, 'file:///w/d.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  |\n');
  const names = labels(items);
  assert.ok(names.includes('selector') && names.includes('template') && names.includes('strategy'));
  assert.ok(!names.includes('replicas'), 'replicas is already there');
  const sel = items.find((i) => i.label === 'selector')!;
  assert.equal(sel.sortText?.startsWith('0-'), true, 'required fields sort first');
  assert.match(sel.detail!, /LabelSelector · required/);
  assert.match(sel.documentation!, /label selector/i);
  const container = at(ws, 'file:///w/d.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: web\n      imag|\n');
  const image = container.find((i) => i.label === 'image')!;
  assert.equal(image.insertText, 'image: $0');
  assert.equal(container.find((i) => i.label === 'ports')!.insertText, 'ports:\n        - $0');
  assert.ok(!labels(container).includes('name'));
});

test('apiVersion and kind pairs', () => {
  const ws = ws0();
  const kinds = labels(at(ws, 'file:///w/k.yaml', 'apiVersion: apps/v1\nkind: |\n'));
  assert.deepEqual(kinds.sort(), ['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet']);
  const versions = labels(at(ws, 'file:///w/k.yaml', 'apiVersion: |\nkind: CronJob\n'));
  assert.deepEqual(versions, ['batch/v1']);
  const top = at(ws, 'file:///w/k.yaml', '|');
  assert.ok(top.some((i) => i.kind === 'snippet' && i.detail === 'StatefulSet'));
});

test('enum values from the schema', () => {
  const ws = ws0();
  assert.deepEqual(labels(at(ws, 'file:///w/e.yaml', 'apiVersion: v1\nkind: Service\nspec:\n  type: |\n')).sort(), [
    'ClusterIP',
    'ExternalName',
    'LoadBalancer',
    'NodePort',
  ]);
  assert.deepEqual(
    labels(at(ws, 'file:///w/e.yaml', 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      restartPolicy: |\n')).sort(),
    ['Always', 'Never', 'OnFailure'],
  );
});

test('references from the workspace: Secret and ConfigMap names and keys, PVCs, headless Services', () => {
  const ws = ws0();
  const pod = (inner: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: x\n${inner}`;
  assert.deepEqual(
    labels(at(ws, 'file:///w/p.yaml', pod('      env:\n        - name: A\n          valueFrom:\n            secretKeyRef:\n              name: |\n'))),
    ['db-auth'],
  );
  assert.deepEqual(
    labels(
      at(
        ws,
        'file:///w/p.yaml',
        pod('      env:\n        - name: A\n          valueFrom:\n            secretKeyRef:\n              name: db-auth\n              key: |\n'),
      ),
    ).sort(),
    ['password', 'user'],
  );
  assert.deepEqual(
    labels(
      at(
        ws,
        'file:///w/p.yaml',
        pod('      env:\n        - name: A\n          valueFrom:\n            configMapKeyRef:\n              key: |\n              name: notice-board\n'),
      ),
    ),
    ['QUIET_HOURS'],
  );
  assert.deepEqual(labels(at(ws, 'file:///w/p.yaml', pod('  volumes:\n    - name: v\n      persistentVolumeClaim:\n        claimName: |\n'))), ['locker']);
  const sts = labels(at(ws, 'file:///w/s.yaml', 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: |\n'));
  assert.deepEqual(sts, ['db']);
  // Other namespaces are not offered.
  assert.deepEqual(
    labels(
      at(
        ws,
        'file:///w/p2.yaml',
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: other\nspec:\n  containers:\n    - name: c\n      envFrom:\n        - secretRef:\n            name: |\n',
      ),
    ),
    [],
  );
});

test('Service selectors offer the labels workloads use; targetPort offers their port names', () => {
  const ws = ws0();
  ws.set(
    'file:///w/app.yaml',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata:\n      labels: {app: web, tier: front}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          ports: [{name: http, containerPort: 80}]\n',
  );
  const sel = labels(at(ws, 'file:///w/svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    |\n'));
  assert.deepEqual(sel.sort(), ['app: web', 'tier: front']);
  const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n      targetPort: |\n';
  assert.deepEqual(labels(at(ws, 'file:///w/svc.yaml', svc)), ['http', '80']);
});

test("volumeMounts offer the pod's volumes", () => {
  const ws = ws0();
  const text =
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  volumes:\n    - name: notice\n      configMap: {name: notice-board}\n  containers:\n    - name: c\n      image: x\n      volumeMounts:\n        - mountPath: /n\n          name: |\n';
  assert.deepEqual(labels(at(ws, 'file:///w/v.yaml', text)), ['notice']);
});

test('every snippet expands to a manifest that lints clean with the others', () => {
  const ws = new Workspace();
  SNIPPETS.forEach((s, i) => ws.set(`file:///snip/${i}-${s.kind}.yaml`, expandSnippet(s.body)));
  for (const uri of ws.uris()) {
    const diags = lintFile(ws, uri);
    assert.deepEqual(
      diags.map((d) => `${d.code}@${d.range.start.line}`),
      [],
      uri,
    );
  }
  assert.ok(
    ['Deployment', 'Service', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Secret', 'ConfigMap', 'PersistentVolumeClaim', 'Pod'].every((k) =>
      SNIPPETS.some((s) => s.kind === k),
    ),
  );
});
