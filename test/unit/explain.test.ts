// "Why is it broken?" (issue 18): one small broken manifest per symptom, simulated; the chain must
// end at the exact file and line of the field to change. Lines and columns are 1-based, as an
// editor's status bar and `file:line:column` show them.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { explanationText } from '../../core/cluster/explain';
import { ctr, deploy, endsAt, lineOf, simulate, svc } from './explain-helpers';

const BAD_IMAGE = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.99.99
`;

describe('why is it broken', () => {
  test('Pending: requests larger than any node → the requests line', () => {
    const text = deploy(
      'big',
      'app: big',
      `        - name: app
          image: nginx:1.25
          resources:
            requests:
              memory: 64Gi
`,
    );
    const e = endsAt(simulate(text), 'Pod', text, 'memory: 64Gi');
    assert.match(e.steps[0].text.en, /FailedScheduling: "0\/2 nodes are available: 2 Insufficient memory/);
    assert.match(e.steps[1].text.en, /requests memory 64Gi; the largest node has \S+ allocatable/);
    assert.match(e.steps[1].dorm.zh, /限电器/);
  });

  test('Pending on full nodes: it fits an empty node, the placed pods reserve the rest → its requests, then replicas', () => {
    const text = deploy(
      'canteen',
      'app: canteen',
      `        - name: app
          image: nginx:1.25
          resources:
            requests:
              memory: 3Gi
`,
    ).replace('replicas: 2', 'replicas: 6');
    const all = simulate(text).filter((e) => e.subject.kind === 'Pod');
    assert.ok(all.length >= 1, JSON.stringify(all));
    const e = all[0];
    assert.match(e.steps[0].text.en, /FailedScheduling: "0\/2 nodes are available: 2 Insufficient memory/);
    assert.match(
      e.steps[1].text.en,
      /requests memory 3Gi, which an empty node could give \(\S+ allocatable\), but the pods already placed reserve the rest: at most \S+ is free on any node/,
    );
    assert.equal(
      `${e.steps[1].line}:${e.steps[1].column}`,
      `${lineOf(text, 'memory: 3Gi')}:${text.split('\n')[lineOf(text, 'memory: 3Gi') - 1].indexOf('memory') + 1}`,
    );
    const last = e.steps[2];
    assert.equal(`${last.file}:${last.line}:${last.column}`, `file:///w/app.yaml:${lineOf(text, 'replicas: 6')}:3`);
    assert.match(last.text.en, /Deployment canteen asks for 6 pods/);
    assert.match(last.dorm.zh, /总管理员要 6 间/);
    assert.match(e.fix!.title.zh, /增加节点/);
    // Not when one empty node could not take it either: that is the "larger than any node" chain.
    assert.doesNotMatch(
      explanationText(e, (t) => t.en),
      /larger than/,
    );
  });

  test('ErrImagePull / ImagePullBackOff → the image line', () => {
    const e = endsAt(simulate(BAD_IMAGE), 'Pod', BAD_IMAGE, 'image: nginx:1.99.99');
    assert.match(e.symptom.en, /ErrImagePull|ImagePullBackOff/);
  });

  test('CreateContainerConfigError: a missing Secret key → the secretKeyRef key line, with the key it probably meant', () => {
    const text = `apiVersion: v1
kind: Secret
metadata:
  name: db
stringData:
  password: s3cret
---
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
    - name: api
      image: nginx:1.25
      env:
        - name: DB_PASSWORD
          valueFrom:
            secretKeyRef:
              name: db
              key: pasword
`;
    const e = endsAt(simulate(text), 'Pod', text, 'key: pasword');
    assert.equal(e.fix?.code, 'secret-key-missing');
    assert.equal(e.fix?.title.en, 'Use "password" instead');
    assert.match(e.steps[1].dorm.zh, /保险箱/);
    assert.doesNotMatch(JSON.stringify(e), /s3cret/);
  });

  test('a missing ConfigMap → the configMapKeyRef name line, with the quick fix that creates it (configmap-ref-missing)', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
    - name: api
      image: nginx:1.25
      env:
        - name: MODE
          valueFrom:
            configMapKeyRef:
              name: settings
              key: mode
`;
    const e = endsAt(simulate(text), 'Pod', text, 'name: settings');
    assert.match(e.steps[1].dorm.en, /notice board/);
    assert.equal(e.fix?.code, 'configmap-ref-missing');
    assert.deepEqual(e.fix?.range, { line: 13, column: 21, endLine: 13, endColumn: 29 });
    assert.equal(e.fix?.title.en, 'Create ConfigMap "settings" in this file');
  });

  test('OOMKilled: a memory limit under the image\u2019s need → the limits.memory line', () => {
    const text = deploy(
      'tight',
      'app: tight',
      `        - name: app
          image: mongo:7
          resources:
            limits:
              memory: 32Mi
`,
    );
    const e = endsAt(simulate(text), 'Pod', text, 'memory: 32Mi');
    assert.match(e.symptom.en, /OOMKilled/);
  });

  test('CrashLoopBackOff → the command line', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: once
spec:
  containers:
    - name: once
      image: busybox:1.36
      command: ["sh", "-c", "exit 3"]
`;
    const e = endsAt(simulate(text), 'Pod', text, 'command:');
    assert.match(e.steps[0].text.en, /exits with code 3/);
  });

  test('a readiness probe on a port nothing listens on → the probe\u2019s port line', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.25
      readinessProbe:
        httpGet:
          path: /
          port: 8080
`;
    const e = endsAt(simulate(text), 'Pod', text, 'port: 8080');
    assert.match(e.steps[0].text.en, /readiness probe on port 8080 fails \(connection refused\); the container listens on 80/);
    assert.equal(e.fix?.title.en, 'Probe port 80');
  });

  test('a Service whose selector has a typo → the selector line, naming the label that differs', () => {
    const text = deploy('web', 'app: frontend', ctr('nginx:1.25')) + svc('app: frontedn', '    - port: 80\n');
    const e = endsAt(simulate(text), 'Service', text, 'app: frontedn');
    assert.match(e.steps[1].text.en, /has app=frontend; the selector asks for app=frontedn \(did you mean "frontend"\?\)/);
    assert.equal(e.fix?.title.en, 'Change the selector to app: frontend');
    assert.match(e.steps[0].dorm.zh, /外卖调度中心 web 的地址簿是空的/);
  });

  test('a Service whose targetPort nothing listens on → the targetPort line', () => {
    const text = deploy('web', 'app: web', ctr('nginx:1.25')) + svc('app: web', '    - port: 80\n      targetPort: 8080\n');
    const e = endsAt(simulate(text), 'Service', text, 'targetPort: 8080');
    assert.match(e.steps[0].text.en, /listen on 80: connections to 8080 are refused/);
    assert.equal(e.fix?.title.en, 'Set targetPort to 80');
  });

  test('a healthy campus has nothing to explain, and the text form names file:line:column', () => {
    const ok = deploy('web', 'app: web', ctr('nginx:1.25')) + svc('app: web', '    - port: 80\n');
    assert.deepEqual(simulate(ok), []);
    const out = explanationText(simulate(BAD_IMAGE)[0], (x) => x.zh);
    assert.match(out, /\(file:\/\/\/w\/app\.yaml:8:7\)/);
    assert.match(out, /舍友 web/);
  });
});
