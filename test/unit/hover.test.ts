import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../core/workspace/index';
import { hover } from '../../core/editor/hover';
import { workloadYaml } from '../support/workload-yaml';

const app = `${workloadYaml({ name: 'web', replicas: 2, image: 'nginx:1.27' })}
          env:
            - name: ADMIN_PASS
              valueFrom:
                secretKeyRef:
                  name: nginx-secrets
                  key: admin-pass
            - name: OTHER
              valueFrom:
                secretKeyRef:
                  name: nginx-secrets
                  key: nope
          resources:
            requests:
              cpu: 500m
              memory: 128Mi
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: clean
spec:
  schedule: "0 7 * * 1-5"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: c, image: busybox:1.36}]
`;
const secret = `apiVersion: v1
kind: Secret
metadata:
  name: nginx-secrets
stringData:
  admin-pass: SUPER-SECRET-VALUE-123
data:
  admin-user: YWRtaW4=
`;
const svc = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports: [{port: 80}]
`;

function setup() {
  const ws = new Workspace();
  ws.set('file:///w/app.yaml', app);
  ws.set('file:///w/secret.yaml', secret);
  ws.set('file:///w/svc.yaml', svc);
  return ws;
}
const at = (text: string, needle: string, nth = 0, delta = 1) => {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
  assert.ok(i >= 0, needle);
  return i + delta;
};

test('hover on a kind: Kubernetes documentation and the dorm analogy, in both languages', () => {
  const ws = setup();
  const en = hover(ws, 'file:///w/app.yaml', at(app, 'Deployment'), {
    locale: 'en',
    lessonLink: (n) => `command:kubeDorm.openLesson?${encodeURIComponent(JSON.stringify([n]))}`,
  })!;
  assert.match(en.markdown, /\*\*Deployment\*\* · `apps\/v1`/);
  assert.match(en.markdown, /declarative updates for Pods and ReplicaSets/i);
  assert.match(en.markdown, /head manager/);
  assert.match(en.markdown, /\(command:kubeDorm\.openLesson\?%5B2%5D\)/);
  const zh = hover(ws, 'file:///w/app.yaml', at(app, 'Deployment'), { locale: 'zh-cn' })!;
  assert.match(zh.markdown, /总管理员/);
  assert.deepEqual(en.range, { start: { line: 1, character: 6 }, end: { line: 1, character: 16 } });
});

test('hover on a field: its schema doc, type and analogy', () => {
  const h = hover(setup(), 'file:///w/app.yaml', at(app, 'replicas'), { locale: 'en' })!;
  assert.match(h.markdown, /\*\*replicas\*\* · Type: `int32`/);
  assert.match(h.markdown, /Number of desired pods/);
  assert.match(h.markdown, /building auntie/);
});

test('hover on a quantity shows the normalised amount', () => {
  const ws = setup();
  assert.match(hover(ws, 'file:///w/app.yaml', at(app, '500m'), { locale: 'en' })!.markdown, /`500m` = 0\.5 CPU \(500 millicores\)/);
  assert.match(hover(ws, 'file:///w/app.yaml', at(app, '128Mi'), { locale: 'en' })!.markdown, /`128Mi` = 134,217,728 bytes \(128 MiB\)/);
  assert.match(hover(ws, 'file:///w/app.yaml', at(app, '128Mi'), { locale: 'zh-cn' })!.markdown, /134,217,728 字节/);
});

test('hover on a cron schedule: words and the next three runs', () => {
  const h = hover(setup(), 'file:///w/app.yaml', at(app, '0 7 * * 1-5'), { locale: 'en', now: new Date('2026-11-27T12:00:00Z') })!;
  assert.match(h.markdown, /At 07:00, Monday through Friday \(UTC\)/);
  assert.match(h.markdown, /- 2026-11-30 07:00 UTC\n- 2026-12-01 07:00 UTC\n- 2026-12-02 07:00 UTC/);
  const zh = hover(setup(), 'file:///w/app.yaml', at(app, '0 7 * * 1-5'), { locale: 'zh-cn', now: new Date('2026-11-27T12:00:00Z') })!;
  assert.match(zh.markdown, /星期一至星期五/);
});

test('hover on a selector lists what it selects across the workspace; labels list their Services', () => {
  const ws = setup();
  const s = hover(ws, 'file:///w/svc.yaml', at(svc, 'app: web', 0, 6), { locale: 'en' })!;
  assert.match(s.markdown, /Selects 1 pod template\(s\) in the workspace:\n- Deployment\/web \(`app\.yaml:4`\)/);
  const l = hover(ws, 'file:///w/app.yaml', at(app, 'app: web', 1, 6), { locale: 'en' })!;
  assert.match(l.markdown, /Selected by 1 Service\(s\):\n- Service\/web \(`svc\.yaml:4`\)/);
  ws.set('file:///w/svc.yaml', svc.replace('app: web', 'app: nothing'));
  assert.match(
    hover(ws, 'file:///w/svc.yaml', at(svc, 'app: web', 0, 6), { locale: 'en' })!.markdown,
    /Selects no pod template in the workspace \(selector `app=nothing`\)/,
  );
});

test('hover on a secretKeyRef says where the Secret is and whether the key exists, never the value', () => {
  const ws = setup();
  const ok = hover(ws, 'file:///w/app.yaml', at(app, 'admin-pass'), { locale: 'en' })!;
  assert.match(ok.markdown, /Secret `nginx-secrets` is defined in `secret\.yaml:4`; key `admin-pass` exists\. The value is not shown\./);
  const missing = hover(ws, 'file:///w/app.yaml', at(app, 'nope'), { locale: 'en' })!;
  assert.match(missing.markdown, /key `nope` is missing/);
  for (const h of [ok, missing, hover(ws, 'file:///w/app.yaml', at(app, 'nginx-secrets'), { locale: 'zh-cn' })!]) {
    assert.doesNotMatch(h.markdown, /SUPER-SECRET-VALUE-123|YWRtaW4=|admin\b(?!-)/);
  }
  ws.delete('file:///w/secret.yaml');
  assert.match(hover(ws, 'file:///w/app.yaml', at(app, 'admin-pass'), { locale: 'en' })!.markdown, /No Secret `nginx-secrets` in namespace `default`/);
});

test('no hover outside resources, in templated files or on non-Kubernetes YAML', () => {
  const ws = new Workspace();
  ws.set('file:///c.yaml', 'services:\n  web:\n    image: nginx\n');
  assert.equal(hover(ws, 'file:///c.yaml', 12, { locale: 'en' }), undefined);
  ws.set('file:///h.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Values.name }}\n');
  assert.equal(hover(ws, 'file:///h.yaml', 20, { locale: 'en' }), undefined);
  assert.equal(hover(ws, 'file:///missing.yaml', 0, { locale: 'en' }), undefined);
});

test('hover on a projected volume source names its Secret and the item key, as the linter and the kubelet read it', () => {
  const ws = setup();
  const pod = `apiVersion: v1
kind: Pod
metadata:
  name: reader
spec:
  containers:
  - name: c
    image: nginx:1.27
  volumes:
  - name: creds
    projected:
      sources:
      - secret:
          name: nginx-secrets
          items:
          - key: admin-pass
            path: pass
          - key: not-there
            path: other
`;
  ws.set('file:///w/pod.yaml', pod);
  const onName = hover(ws, 'file:///w/pod.yaml', at(pod, 'nginx-secrets'), { locale: 'en' })!;
  assert.match(onName.markdown, /Secret `nginx-secrets` is defined in `secret\.yaml:4`/);
  assert.match(hover(ws, 'file:///w/pod.yaml', at(pod, 'admin-pass'), { locale: 'en' })!.markdown, /key `admin-pass` exists/);
  assert.match(hover(ws, 'file:///w/pod.yaml', at(pod, 'not-there'), { locale: 'en' })!.markdown, /key `not-there` is missing/);
});
