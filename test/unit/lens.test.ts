import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../core/workspace/index';
import { codeLenses, inlayHints } from '../../core/editor/lens';
import { workloadYaml } from '../support/workload-yaml';

const app = `${workloadYaml({ name: 'web', replicas: 3, image: 'nginx:1.27', flow: true })}
          ports: [{name: http, containerPort: 8080}]
          resources:
            requests: {cpu: 250m, memory: 64Mi}
            limits: {cpu: "1", memory: 128Mi}
`;
const svc = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
    - port: 80
      targetPort: http
---
apiVersion: v1
kind: Service
metadata:
  name: lonely
spec:
  selector: {app: nobody}
  ports: [{port: 80}]
`;

function ws() {
  const w = new Workspace();
  w.set('file:///w/app.yaml', app);
  w.set('file:///w/svc.yaml', svc);
  return w;
}
const all = { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } };

test('CodeLens: pods a Service matches, Services that select a workload, Simulate only when available', () => {
  const w = ws();
  const s = codeLenses(w, 'file:///w/svc.yaml', { locale: 'en' });
  assert.deepEqual(
    s.map((l) => l.title),
    ['3 pod(s) match', 'no pods match'],
  );
  assert.equal(s[0].action.type === 'references' && s[0].action.targets[0].uri, 'file:///w/app.yaml');
  const a = codeLenses(w, 'file:///w/app.yaml', { locale: 'zh-cn', simulate: true });
  assert.deepEqual(
    a.map((l) => l.title),
    ['▶ 模拟', '被 1 个 Service 选中'],
  );
  assert.equal(a[0].action.type, 'simulate');
});

test('inlay hints: a named targetPort resolves to its number, millicores to cores', () => {
  const h = inlayHints(ws(), 'file:///w/svc.yaml', all, { locale: 'en' });
  assert.deepEqual(
    h.map((x) => [x.position.line, x.label]),
    [[8, ' → 8080']],
  );
  assert.match(h[0].tooltip!, /container port http of Deployment\/web/);
  const c = inlayHints(ws(), 'file:///w/app.yaml', all, { locale: 'en' });
  assert.deepEqual(
    c.map((x) => [x.position.line, x.label]),
    [[17, ' = 0.25 CPU']],
  );
  assert.deepEqual(inlayHints(ws(), 'file:///w/app.yaml', { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } }, { locale: 'en' }), []);
});
