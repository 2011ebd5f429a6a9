// Services across files: selector → pods, targetPort → containerPort, nodePort range/type/duplicates.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { t } from '../../core/i18n/index';
import { Ws, y, expectOne, rangeOfText, en, zh } from './rules-refs-helpers';

const deployment = (name: string, labels: string, ports = '', ns = '') => y`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: ${name}${ns ? `\n    namespace: ${ns}` : ''}
  spec:
    selector:
      matchLabels: {${labels}}
    template:
      metadata:
        labels: {${labels}}
      spec:
        containers:
          - name: main
            image: nginx:1.27${ports ? `\n            ports:\n${ports}` : ''}
`;

describe('service-no-match', () => {
  const svc = y`
    apiVersion: v1
    kind: Service
    metadata:
      name: takeout
    spec:
      selector:
        app: kitchen
      ports:
        - port: 80
  `;

  test('a selector that matches no pod template is a warning on the selector key, with nearby candidates', () => {
    const w = new Ws({ 'file:///svc.yaml': svc, 'file:///deploy.yaml': deployment('kitchen-v2', 'app: kitchn, tier: back') });
    const d = expectOne(w.lint('file:///svc.yaml'), 'service-no-match', svc, 'selector', 'warning');
    assert.match(en(d), /Service "takeout" selects pods with app=kitchen/);
    assert.match(en(d), /namespace "default"/);
    assert.match(zh(d), /Service "takeout" 的 selector 是 app=kitchen/);
    assert.equal(d.related?.length, 1);
    assert.equal(d.related[0].uri, 'file:///deploy.yaml');
    assert.match(t(d.related[0].message, 'en'), /Deployment "kitchen-v2" makes pods labelled app=kitchn,tier=back/);
    assert.deepEqual(d.data?.selector, { app: 'kitchen' });
    assert.deepEqual(d.data?.labelsInUse, [{ kind: 'Deployment', name: 'kitchen-v2', labels: { app: 'kitchn', tier: 'back' } }]);
  });

  test('matching pods in another file, in any order, silence it; Pods and every workload kind count', () => {
    for (const other of [
      deployment('k', 'app: kitchen, extra: yes'),
      y`
        apiVersion: v1
        kind: Pod
        metadata: {name: p, labels: {app: kitchen}}
        spec: {containers: [{name: c, image: busybox:1.36}]}
      `,
      y`
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: c}
        spec:
          schedule: "* * * * *"
          jobTemplate:
            spec:
              template:
                metadata: {labels: {app: kitchen}}
                spec: {restartPolicy: OnFailure, containers: [{name: c, image: busybox:1.36}]}
      `,
    ]) {
      const a = new Ws({ 'file:///a.yaml': other, 'file:///b.yaml': svc });
      assert.deepEqual(a.codes('file:///b.yaml'), []);
      const b = new Ws({ 'file:///b.yaml': svc, 'file:///a.yaml': other });
      assert.deepEqual(b.codes('file:///b.yaml'), []);
    }
  });

  test('the verdict follows edits and deletions of the other file', () => {
    const w = new Ws({ 'file:///svc.yaml': svc, 'file:///d.yaml': deployment('k', 'app: kitchen') });
    assert.deepEqual(w.codes('file:///svc.yaml'), []);
    w.set('file:///d.yaml', deployment('k', 'app: canteen'));
    assert.deepEqual(w.codes('file:///svc.yaml'), ['service-no-match']);
    w.set('file:///d.yaml', deployment('k', 'app: kitchen'));
    assert.deepEqual(w.codes('file:///svc.yaml'), []);
    w.ws.delete('file:///d.yaml');
    assert.deepEqual(w.codes('file:///svc.yaml'), ['service-no-match']);
  });

  test('namespaces are respected: pods elsewhere do not count, but are named in related info', () => {
    const w = new Ws({ 'file:///svc.yaml': svc, 'file:///d.yaml': deployment('k', 'app: kitchen', '', 'canteen') });
    const d = w.only('service-no-match', 'file:///svc.yaml');
    assert.equal(d.length, 1);
    assert.match(t(d[0].related!.at(-1)!.message, 'en'), /Deployment "k" would match, but it is in namespace "canteen"/);
    assert.match(t(d[0].related!.at(-1)!.message, 'zh-cn'), /命名空间 "canteen"/);
    // An explicit "default" namespace is the same as none.
    const w2 = new Ws({ 'file:///svc.yaml': svc, 'file:///d.yaml': deployment('k', 'app: kitchen', '', 'default') });
    assert.deepEqual(w2.codes('file:///svc.yaml'), []);
  });

  test('Services without a selector (manual Endpoints) and ExternalName Services are skipped', () => {
    const noSel = y`
      apiVersion: v1
      kind: Service
      metadata: {name: external-db}
      spec:
        ports: [{port: 5432}]
    `;
    const extName = y`
      apiVersion: v1
      kind: Service
      metadata: {name: ext}
      spec:
        type: ExternalName
        externalName: db.example.com
        selector: {app: nothing}
    `;
    assert.deepEqual(new Ws({ 'file:///a.yaml': noSel, 'file:///b.yaml': extName }).codes(), []);
  });

  test('labels the controller adds (StatefulSet pod-name, Job job-name) are matched', () => {
    const sts = y`
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: db}
      spec:
        serviceName: db
        selector: {matchLabels: {app: db}}
        template:
          metadata: {labels: {app: db}}
          spec: {containers: [{name: c, image: postgres:16}]}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: db}
      spec: {clusterIP: None, selector: {app: db}, ports: [{port: 5432}]}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: db-0}
      spec:
        selector: {statefulset.kubernetes.io/pod-name: db-0}
        ports: [{port: 5432}]
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: other-0}
      spec:
        selector: {statefulset.kubernetes.io/pod-name: other-0}
        ports: [{port: 5432}]
      ---
      apiVersion: batch/v1
      kind: Job
      metadata: {name: migrate}
      spec:
        template:
          spec: {restartPolicy: Never, containers: [{name: c, image: busybox:1.36}]}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: migrate}
      spec:
        selector: {batch.kubernetes.io/job-name: migrate}
        ports: [{port: 80}]
    `;
    const w = new Ws({ 'file:///sts.yaml': sts });
    const d = w.only('service-no-match');
    assert.equal(d.length, 1);
    assert.deepEqual(d[0].range, rangeOfText(sts, 'selector', 3));
    assert.match(en(d[0]), /other-0/);
  });
});

describe('service-target-port', () => {
  const ports8080 = '              - {name: http, containerPort: 8080}';

  test('a numeric targetPort no selected pod declares is a warning on the targetPort value', () => {
    const s = y`
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec:
        selector: {app: web}
        ports:
          - port: 80
            targetPort: 9090
    `;
    const w = new Ws({ 'file:///s.yaml': s, 'file:///d.yaml': deployment('web', 'app: web', ports8080) });
    const d = expectOne(w.lint('file:///s.yaml'), 'service-target-port', s, '9090', 'warning');
    assert.match(en(d), /targetPort 9090 matches no containerPort of the pods this Service selects \(Deployment "web"\); they declare http=8080\/TCP/);
    assert.match(zh(d), /targetPort 9090 与此 Service 选中的 Pod/);
    assert.equal(d.data?.suggestion, 8080);
    assert.equal(d.related?.[0].uri, 'file:///d.yaml');
  });

  test('without targetPort, port is the target: reported on port, saying so', () => {
    const s = y`
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec:
        selector: {app: web}
        ports:
          - port: 80
    `;
    const w = new Ws({ 'file:///s.yaml': s, 'file:///d.yaml': deployment('web', 'app: web', ports8080) });
    const d = expectOne(w.lint('file:///s.yaml'), 'service-target-port', s, '80', 'warning');
    assert.match(en(d), /defaults to port 80/);
    assert.match(zh(d), /默认等于 port 80/);
    assert.equal(d.data?.addTargetPort, true);
  });

  test('matching numbers and names are fine; a named port with another protocol is not', () => {
    const s = (tp: string, proto = '') => y`
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec:
        selector: {app: web}
        ports:
          - port: 80
            targetPort: ${tp}${proto ? `\n            protocol: ${proto}` : ''}
    `;
    const d = deployment('web', 'app: web', ports8080);
    assert.deepEqual(new Ws({ 'file:///s.yaml': s('8080'), 'file:///d.yaml': d }).codes(), []);
    assert.deepEqual(new Ws({ 'file:///s.yaml': s('http'), 'file:///d.yaml': d }).codes(), []);
    const text = s('http', 'UDP');
    const p = new Ws({ 'file:///s.yaml': text, 'file:///d.yaml': d }).lint('file:///s.yaml');
    const diag = expectOne(p, 'service-target-port', text, 'http', 'warning');
    assert.match(en(diag), /with protocol TCP, but this Service port uses UDP/);
  });

  test('an unknown port name is a warning; a name when no pod declares ports is at most a hint', () => {
    const s = y`
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec:
        selector: {app: web}
        ports:
          - port: 80
            targetPort: htpp
    `;
    const named = new Ws({ 'file:///s.yaml': s, 'file:///d.yaml': deployment('web', 'app: web', ports8080) }).lint('file:///s.yaml');
    const d = expectOne(named, 'service-target-port', s, 'htpp', 'warning');
    assert.match(en(d), /targetPort "htpp" names no port/);
    assert.equal(d.data?.suggestion, 'http');
    const bare = new Ws({ 'file:///s.yaml': s, 'file:///d.yaml': deployment('web', 'app: web') }).lint('file:///s.yaml');
    const h = expectOne(bare, 'service-target-port', s, 'htpp', 'hint');
    assert.match(en(h), /declare no ports/);
  });

  test('numeric targetPorts are not judged when some selected pods declare no ports', () => {
    const s = y`
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec:
        selector: {app: web}
        ports: [{port: 80, targetPort: 9090}]
    `;
    assert.deepEqual(new Ws({ 'file:///s.yaml': s, 'file:///d.yaml': deployment('web', 'app: web') }).codes(), []);
    const two = new Ws({ 'file:///s.yaml': s, 'file:///d.yaml': deployment('web', 'app: web', ports8080), 'file:///e.yaml': deployment('web2', 'app: web') });
    assert.deepEqual(two.codes('file:///s.yaml'), []);
  });

  test('a sidecar (restartable init container) port counts', () => {
    const s = y`
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec:
        selector: {app: web}
        ports: [{port: 80, targetPort: proxy}]
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: web, labels: {app: web}}
      spec:
        initContainers:
          - {name: envoy, image: envoy:1, restartPolicy: Always, ports: [{name: proxy, containerPort: 15001}]}
        containers:
          - {name: app, image: app:1, ports: [{name: http, containerPort: 8080}]}
    `;
    assert.deepEqual(new Ws({ 'file:///s.yaml': s }).codes(), []);
  });
});

describe('node ports', () => {
  const np = (name: string, port: number | string, extra = '', type = 'NodePort') => y`
    apiVersion: v1
    kind: Service
    metadata:
      name: ${name}
    spec:
      type: ${type}
      ports:
        - port: 80
          nodePort: ${port}${extra}
  `;

  test('node-port-range: outside 30000-32767 is an error on the value, with a free port suggested', () => {
    const text = np('side-door', 8080);
    const w = new Ws({ 'file:///a.yaml': text, 'file:///b.yaml': np('other', 30080) });
    const d = expectOne(w.lint('file:///a.yaml'), 'node-port-range', text, '8080', 'error');
    assert.match(en(d), /spec\.ports\[0\]\.nodePort: Invalid value: 8080: provided port is not in the valid range\. The range of valid ports is 30000-32767/);
    assert.match(zh(d), /有效范围是 30000-32767/);
    // 30080 is taken by the other Service: the suggestion is the nearest free port.
    assert.equal(d.data?.suggestedNodePort, 30081);
    for (const bad of [29999, 32768, 65535, 1]) assert.deepEqual(new Ws({ 'file:///a.yaml': np('a', bad) }).codes(), ['node-port-range'], String(bad));
    for (const ok of [30000, 32767, 0]) assert.deepEqual(new Ws({ 'file:///a.yaml': np('a', ok) }).codes(), [], String(ok));
    assert.deepEqual(new Ws({ 'file:///a.yaml': np('a', 80, '', 'LoadBalancer') }).codes(), ['node-port-range']);
  });

  test('node-port-type: a nodePort on a ClusterIP Service, explicit or by default', () => {
    const explicit = np('a', 30080, '', 'ClusterIP');
    const d = expectOne(new Ws({ 'file:///a.yaml': explicit }).lint('file:///a.yaml'), 'node-port-type', explicit, '30080', 'error');
    assert.match(en(d), /may not be used when `type` is 'ClusterIP'/);
    assert.doesNotMatch(en(d), /defaults to ClusterIP/);
    const implicit = y`
      apiVersion: v1
      kind: Service
      metadata: {name: front-desk}
      spec:
        selector: {}
        ports:
          - port: 80
            nodePort: 30081
    `;
    const d2 = expectOne(new Ws({ 'file:///b.yaml': implicit }).lint('file:///b.yaml'), 'node-port-type', implicit, '30081', 'error');
    assert.match(en(d2), /type defaults to ClusterIP/);
    assert.match(zh(d2), /type 默认就是 ClusterIP/);
    // No range complaint on top of it, and NodePort/LoadBalancer are fine.
    assert.deepEqual(new Ws({ 'file:///c.yaml': np('c', 80, '', 'ClusterIP') }).codes(), ['node-port-type']);
    assert.deepEqual(new Ws({ 'file:///c.yaml': np('c', 30080), 'file:///d.yaml': np('d', 30090, '', 'LoadBalancer') }).codes(), []);
  });

  test('node-port-duplicate: both Services, in both files, get it with related info to the other', () => {
    const a = np('a', 30080);
    const b = np('b', 30080);
    const w = new Ws({ 'file:///a.yaml': a, 'file:///b.yaml': b });
    const da = expectOne(w.lint('file:///a.yaml'), 'node-port-duplicate', a, '30080', 'error');
    const db = expectOne(w.lint('file:///b.yaml'), 'node-port-duplicate', b, '30080', 'error');
    assert.match(en(da), /provided port is already allocated\. Service "b"/);
    assert.match(en(db), /provided port is already allocated\. Service "a"/);
    assert.match(zh(da), /端口已被占用/);
    assert.equal(da.related?.[0].uri, 'file:///b.yaml');
    assert.deepEqual(da.related?.[0].range, rangeOfText(b, '30080'));
    assert.equal(typeof da.data?.suggestedNodePort, 'number');
    assert.notEqual(da.data?.suggestedNodePort, 30080);
    // Change one: both verdicts clear.
    w.set('file:///b.yaml', np('b', 30081));
    assert.deepEqual(w.codes(), []);
  });

  test('node ports are cluster-wide: namespaces do not separate them, and neither do protocols across Services', () => {
    const other = y`
      apiVersion: v1
      kind: Service
      metadata: {name: dns, namespace: kube-system}
      spec:
        type: NodePort
        ports: [{port: 53, protocol: UDP, nodePort: 30053}]
    `;
    const w = new Ws({ 'file:///a.yaml': np('a', 30053), 'file:///b.yaml': other });
    assert.deepEqual(w.codes('file:///a.yaml'), ['node-port-duplicate']);
    assert.deepEqual(w.codes('file:///b.yaml'), ['node-port-duplicate']);
  });

  test('inside one Service, the same nodePort under TCP and UDP is allowed; the same protocol twice is a duplicate value', () => {
    const ok = y`
      apiVersion: v1
      kind: Service
      metadata: {name: dns}
      spec:
        type: NodePort
        ports:
          - {name: dns, port: 53, protocol: UDP, nodePort: 30053}
          - {name: dns-tcp, port: 53, protocol: TCP, nodePort: 30053}
    `;
    assert.deepEqual(new Ws({ 'file:///a.yaml': ok }).codes(), []);
    const bad = y`
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec:
        type: NodePort
        ports:
          - {name: a, port: 80, nodePort: 30080}
          - {name: b, port: 81, nodePort: 30080}
    `;
    const d = expectOne(new Ws({ 'file:///b.yaml': bad }).lint('file:///b.yaml'), 'node-port-duplicate', bad, '30080', 'error', 1);
    assert.match(en(d), /spec\.ports\[1\]\.nodePort: Duplicate value: 30080/);
  });

  test('two definitions of the same Service do not conflict with themselves (that is duplicate-resource)', () => {
    const w = new Ws({ 'file:///a.yaml': np('a', 30080), 'file:///copy/a.yaml': np('a', 30080) });
    assert.deepEqual(w.codes().sort(), ['duplicate-resource', 'duplicate-resource']);
  });

  test('a suppression comment silences one line', () => {
    const text = np('a', 8080).replace('      nodePort', '      # kube-dorm-disable-next-line node-port-range\n      nodePort');
    assert.deepEqual(new Ws({ 'file:///a.yaml': text }).codes(), []);
  });
});

test('odd values in Services never throw', () => {
  const odd = [
    'spec: {selector: [a, b], ports: {a: 1}}',
    'spec: {selector: {app: null}, ports: [null, 1, "x", {nodePort: "30080"}, {nodePort: 1e309}, {nodePort: -5, targetPort: null}]}',
    'spec: {type: 7, ports: [{nodePort: 30000.5}]}',
    'spec: null',
    'spec: {type: NodePort, ports: [{nodePort: .nan}, {nodePort: 99999999999999999999}]}',
    'spec: {selector: {"ключ": "значение 🐱"}, ports: [{port: 80, targetPort: "名字"}]}',
  ];
  for (const o of odd) {
    const w = new Ws({
      'file:///x.yaml': `apiVersion: v1\nkind: Service\nmetadata: {name: x}\n${o}\n`,
      'file:///d.yaml': deployment('d', 'app: web', '              - {name: http, containerPort: 8080}'),
    });
    w.lintAll();
  }
});
