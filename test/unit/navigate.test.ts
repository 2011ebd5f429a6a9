import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../core/workspace/index';
import { definition, references, documentSymbols, workspaceSymbols } from '../../core/editor/navigate';
import { serviceYaml } from '../support/workload-yaml';

const app = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels:
        app: web
    spec:
      volumes:
        - name: notice
          configMap:
            name: notice-board
        - name: locker
          persistentVolumeClaim:
            claimName: locker
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - name: http
              containerPort: 80
          env:
            - name: PASS
              valueFrom:
                secretKeyRef:
                  name: db-auth
                  key: password
          volumeMounts:
            - name: notice
              mountPath: /n
`;
const other = `apiVersion: v1
kind: Secret
metadata:
  name: db-auth
stringData:
  user: admin
  password: hunter2
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: notice-board
data: {a: b}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: locker
spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
---
${serviceYaml({ name: 'web', port: 80, portFields: { targetPort: 'http' } })}
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: web
  selector: {matchLabels: {app: db}}
  template: {metadata: {labels: {app: db}}, spec: {containers: [{name: db, image: postgres:16}]}}
`;

function setup() {
  const ws = new Workspace();
  ws.set('file:///w/app.yaml', app);
  ws.set('file:///w/other.yaml', other);
  return ws;
}
const off = (text: string, needle: string, nth = 0) => {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
  assert.ok(i >= 0, needle);
  return i + 1;
};
const lines = (ts: { uri: string; range: { start: { line: number } } }[]) => ts.map((t) => `${t.uri.replace('file:///w/', '')}:${t.range.start.line}`);

test('go to definition: secretKeyRef name and key, configMap volume, claimName, volumeMount, serviceName, named targetPort', () => {
  const ws = setup();
  assert.deepEqual(lines(definition(ws, 'file:///w/app.yaml', off(app, 'db-auth'))), ['other.yaml:3']);
  assert.deepEqual(lines(definition(ws, 'file:///w/app.yaml', off(app, 'key: password') + 5)), ['other.yaml:6']);
  assert.deepEqual(lines(definition(ws, 'file:///w/app.yaml', off(app, 'notice-board'))), ['other.yaml:11']);
  assert.deepEqual(lines(definition(ws, 'file:///w/app.yaml', off(app, 'claimName: locker') + 11)), ['other.yaml:17']);
  assert.deepEqual(lines(definition(ws, 'file:///w/app.yaml', off(app, 'name: notice', 2) + 6)), ['app.yaml:13']);
  assert.deepEqual(lines(definition(ws, 'file:///w/other.yaml', off(other, 'serviceName: web') + 13)), ['other.yaml:23']);
  assert.deepEqual(lines(definition(ws, 'file:///w/other.yaml', off(other, 'targetPort: http') + 12)), ['app.yaml:23']);
  // Nothing to go to: a plain value, a missing Secret.
  assert.deepEqual(definition(ws, 'file:///w/app.yaml', off(app, 'nginx')), []);
  ws.delete('file:///w/other.yaml');
  assert.deepEqual(definition(ws, 'file:///w/app.yaml', off(app, 'db-auth')), []);
});

test('find references: Service → workloads it selects, workload → Services, Secret → its users', () => {
  const ws = setup();
  assert.deepEqual(lines(references(ws, 'file:///w/other.yaml', off(other, 'app: web'))), ['app.yaml:9']);
  assert.deepEqual(lines(references(ws, 'file:///w/app.yaml', off(app, 'app: web', 1))), ['other.yaml:25']);
  assert.deepEqual(lines(references(ws, 'file:///w/other.yaml', off(other, 'db-auth'))), ['app.yaml:29']);
  assert.deepEqual(lines(references(ws, 'file:///w/other.yaml', off(other, 'notice-board'))), ['app.yaml:15']);
});

test('document and workspace symbols outline the resources', () => {
  const ws = setup();
  const syms = documentSymbols(ws, 'file:///w/other.yaml');
  assert.deepEqual(
    syms.map((s) => s.name),
    ['Secret/db-auth', 'ConfigMap/notice-board', 'PersistentVolumeClaim/locker', 'Service/web', 'StatefulSet/db'],
  );
  assert.deepEqual(
    syms[4].children.map((c) => c.name),
    ['db'],
  );
  assert.ok(syms[1].range.start.line >= 8 && syms[1].range.end.line <= 13);
  assert.deepEqual(
    documentSymbols(ws, 'file:///w/app.yaml')[0].children.map((c) => [c.name, c.detail]),
    [['web', 'nginx:1.27']],
  );
  assert.deepEqual(
    workspaceSymbols(ws, 'web')
      .map((s) => s.name)
      .sort(),
    ['Deployment/web', 'Service/web'],
  );
});
