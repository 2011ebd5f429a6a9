// StatefulSet → headless Service, volumes → PVCs, duplicate objects; and the real-manifest corpus
// as one workspace.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { t } from '../../core/i18n/index';
import { Ws, y, expectOne, rangeOfText, en, zh, REF_CODES } from './rules-refs-helpers';
import { corpusFiles, corpusSkip, exampleFiles, fixtureCorpusFiles } from '../support/corpus';

const sts = (extra = '', ns = '') => y`
  apiVersion: apps/v1
  kind: StatefulSet
  metadata:
    name: counsellors${ns ? `\n    namespace: ${ns}` : ''}
  spec:
    serviceName: counsellors
    replicas: 3
    selector: {matchLabels: {app: counsellors}}
    template:
      metadata: {labels: {app: counsellors}}
      spec:
        containers:
          - name: c
            image: mysql:8
            volumeMounts: [{name: data, mountPath: /var/lib/mysql}]${extra}
    volumeClaimTemplates:
      - metadata: {name: data}
        spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`;

const svc = (clusterIP: string, name = 'counsellors', ns = '') => y`
  apiVersion: v1
  kind: Service
  metadata:
    name: ${name}${ns ? `\n    namespace: ${ns}` : ''}
  spec:${clusterIP ? `\n    clusterIP: ${clusterIP}` : ''}
    selector: {app: counsellors}
    ports: [{port: 3306}]
`;

describe('statefulset-service-missing / statefulset-service-not-headless', () => {
  test('no Service of that name: warning on the serviceName value, with the DNS example', () => {
    const text = sts();
    const d = expectOne(new Ws({ 'file:///s.yaml': text }).lint('file:///s.yaml'), 'statefulset-service-missing', text, 'counsellors', 'warning', 1);
    assert.match(en(d), /serviceName "counsellors", but there is no Service "counsellors" in namespace "default"/);
    assert.match(en(d), /counsellors-0\.counsellors\.default\.svc\.cluster\.local/);
    assert.match(zh(d), /没有名为 "counsellors" 的 Service/);
    assert.deepEqual(d.data?.selector, { app: 'counsellors' });
  });

  test('a headless Service in another file (either order) satisfies it', () => {
    assert.deepEqual(new Ws({ 'file:///a.yaml': svc('None'), 'file:///b.yaml': sts() }).codes(), []);
    assert.deepEqual(new Ws({ 'file:///b.yaml': sts(), 'file:///a.yaml': svc('None') }).codes(), []);
  });

  test('a Service with a cluster IP (or none set) is not headless: warning, related info to the Service', () => {
    for (const ip of ['', '10.0.0.10']) {
      const s = svc(ip);
      const text = sts();
      const w = new Ws({ 'file:///svc.yaml': s, 'file:///sts.yaml': text });
      const d = expectOne(w.lint('file:///sts.yaml'), 'statefulset-service-not-headless', text, 'counsellors', 'warning', 1);
      assert.match(en(d), /Service "counsellors" is not headless \(it lacks clusterIP: None\)/);
      assert.match(zh(d), /不是 headless 的/);
      assert.equal(d.related?.[0].uri, 'file:///svc.yaml');
      assert.deepEqual(d.related?.[0].range, ip ? rangeOfText(s, ip) : rangeOfText(s, 'counsellors'));
    }
  });

  test('namespaces are respected, and the verdict follows edits', () => {
    const w = new Ws({ 'file:///svc.yaml': svc('None', 'counsellors', 'school'), 'file:///sts.yaml': sts() });
    assert.deepEqual(w.codes('file:///sts.yaml'), ['statefulset-service-missing']);
    assert.match(t(w.only('statefulset-service-missing')[0].related![0].message, 'en'), /in namespace "school"/);
    w.set('file:///sts.yaml', sts('', 'school'));
    assert.deepEqual(w.codes(), []);
    w.set('file:///svc.yaml', svc('', 'counsellors', 'school'));
    assert.deepEqual(w.codes(), ['statefulset-service-not-headless']);
  });
});

describe('pvc-missing', () => {
  const podWith = (claim: string) => y`
    apiVersion: v1
    kind: Pod
    metadata: {name: student}
    spec:
      containers: [{name: c, image: busybox:1.36, volumeMounts: [{name: locker, mountPath: /data}]}]
      volumes:
        - name: locker
          persistentVolumeClaim:
            claimName: ${claim}
  `;
  const pvc = (name: string) =>
    `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\nspec:\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}\n`;

  test('a claimName with no PVC in the workspace: warning on the value, with a did-you-mean', () => {
    const text = podWith('my-locker');
    const w = new Ws({ 'file:///p.yaml': text, 'file:///pvc.yaml': pvc('my-lockers') });
    const d = expectOne(w.lint('file:///p.yaml'), 'pvc-missing', text, 'my-locker', 'warning');
    assert.match(en(d), /^persistentvolumeclaim "my-locker" not found/);
    assert.match(zh(d), /没有名为 "my-locker" 的 PersistentVolumeClaim/);
    assert.equal(d.data?.suggestion, 'my-lockers');
    assert.match(t(d.related![0].message, 'en'), /Did you mean PersistentVolumeClaim "my-lockers"/);
  });

  test('a PVC in another file resolves it; deleting that file brings it back', () => {
    const w = new Ws({ 'file:///pvc.yaml': pvc('my-locker'), 'file:///p.yaml': podWith('my-locker') });
    assert.deepEqual(w.codes(), []);
    w.ws.delete('file:///pvc.yaml');
    assert.deepEqual(w.codes(), ['pvc-missing']);
  });

  test('volumeClaimTemplates are not references, and the PVCs they make count', () => {
    // A template volume named like a claim template is replaced by the per-pod claim.
    const withVolume = sts('\n        volumes: [{name: data, persistentVolumeClaim: {claimName: data}}]');
    assert.deepEqual(new Ws({ 'file:///a.yaml': withVolume, 'file:///b.yaml': svc('None') }).codes(), []);
    // data-counsellors-0..2 exist (replicas: 3); data-counsellors-3 does not.
    const w = new Ws({ 'file:///a.yaml': sts(), 'file:///b.yaml': svc('None'), 'file:///p.yaml': podWith('data-counsellors-2') });
    assert.deepEqual(w.codes(), []);
    w.set('file:///p.yaml', podWith('data-counsellors-3'));
    assert.deepEqual(w.codes(), ['pvc-missing']);
  });
});

describe('duplicate-resource', () => {
  const dep = (name: string, ns = '', apiVersion = 'apps/v1') => y`
    apiVersion: ${apiVersion}
    kind: Deployment
    metadata:
      name: ${name}${ns ? `\n      namespace: ${ns}` : ''}
    spec:
      selector: {matchLabels: {app: x}}
      template:
        metadata: {labels: {app: x}}
        spec: {containers: [{name: c, image: nginx:1.27}]}
  `;

  test('the same kind/namespace/name in two files: both get a warning on the name, pointing at the other', () => {
    const a = dep('web');
    const w = new Ws({ 'file:///a.yaml': a, 'file:///b.yaml': dep('web', 'default') });
    const d = expectOne(w.lint('file:///a.yaml'), 'duplicate-resource', a, 'web', 'warning');
    assert.match(en(d), /Deployment "web" is defined 2 times in namespace "default"/);
    assert.match(zh(d), /定义了 2 次/);
    assert.equal(d.related?.[0].uri, 'file:///b.yaml');
    assert.deepEqual(w.codes('file:///b.yaml'), ['duplicate-resource']);
  });

  test('different namespaces, kinds or names are different objects; old and new API groups are the same object', () => {
    assert.deepEqual(new Ws({ 'file:///a.yaml': dep('web'), 'file:///b.yaml': dep('web', 'prod') }).codes(), []);
    assert.deepEqual(new Ws({ 'file:///a.yaml': dep('web'), 'file:///b.yaml': dep('web2') }).codes(), []);
    const svcWeb = 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{port: 80}]}\n';
    assert.deepEqual(new Ws({ 'file:///a.yaml': dep('web'), 'file:///b.yaml': svcWeb }).codes(), []);
    const knative = 'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: web}\nspec: {}\n';
    assert.deepEqual(new Ws({ 'file:///a.yaml': knative, 'file:///b.yaml': svcWeb }).codes(), []);
    assert.deepEqual(new Ws({ 'file:///a.yaml': dep('web'), 'file:///b.yaml': dep('web', '', 'extensions/v1beta1') }).codes(), [
      'duplicate-resource',
      'duplicate-resource',
    ]);
  });

  test('cluster-scoped kinds ignore the namespace', () => {
    const sc = (ns: string) => `apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: slow\n  namespace: ${ns}\nprovisioner: x\n`;
    const w = new Ws({ 'file:///a.yaml': sc('a'), 'file:///b.yaml': sc('b') });
    const d = w.only('duplicate-resource');
    assert.equal(d.length, 2);
    assert.match(en(d[0]), /StorageClass is cluster-scoped/);
    const ns = (n: string) => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${n}}\n`;
    assert.deepEqual(new Ws({ 'file:///a.yaml': ns('dorm'), 'file:///b.yaml': `${ns('dorm')}---\n${ns('other')}` }).codes(), [
      'duplicate-resource',
      'duplicate-resource',
    ]);
  });

  test('items of a List count, and resources without a name do not', () => {
    const list = y`
      apiVersion: v1
      kind: List
      items:
        - {apiVersion: v1, kind: ConfigMap, metadata: {name: cfg}, data: {}}
        - {apiVersion: v1, kind: ConfigMap, metadata: {name: cfg}, data: {}}
        - {apiVersion: v1, kind: ConfigMap, metadata: {generateName: cfg-}, data: {}}
        - {apiVersion: v1, kind: ConfigMap, metadata: {generateName: cfg-}, data: {}}
    `;
    const d = new Ws({ 'file:///l.yaml': list }).lint('file:///l.yaml');
    assert.deepEqual(
      d.map((x) => [x.code, x.range]),
      [
        ['duplicate-resource', rangeOfText(list, 'cfg')],
        ['duplicate-resource', rangeOfText(list, 'cfg', 1)],
      ],
    );
  });
});

test('templated (Helm) and non-Kubernetes files get nothing, and contribute nothing', () => {
  const helm = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ .Values.name }}\ndata:\n  a: {{ .Values.a }}\n';
  const compose = 'services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n';
  const w = new Ws({ 'file:///h.yaml': helm, 'file:///c.yaml': compose, 'file:///h2.yaml': helm });
  assert.deepEqual(w.codes(), []);
});

test('corpus: the real manifests as one workspace give no error from these rules, and no crash', { skip: corpusSkip }, () => {
  const files = corpusFiles();
  assert.ok(files.length >= 240);
  const w = new Ws();
  for (const f of files) w.set(f.uri, f.text);
  const errors = w.lintAll().filter((d) => d.severity === 'error');
  assert.deepEqual(
    errors.map((d) => `${d.uri} ${d.range.start.line + 1} ${d.code}`),
    [],
  );
});

test('real manifests: the dangling reference they have is found, and a volumeClaimTemplate is no missing PVC', () => {
  const w = new Ws();
  const files = fixtureCorpusFiles();
  assert.ok(files.some((f) => f.rel.endsWith('flocker-pod-with-rc.yml')) && files.some((f) => f.rel.endsWith('cockroachdb-statefulset.yaml')));
  for (const f of files) w.set(f.uri, f.text);
  const diags = w.lintAll();
  // The real dangling references it does find (warnings): flocker's Service targets port 80 while ghost listens on 2368.
  assert.ok(diags.some((d) => d.code === 'service-target-port' && d.uri.endsWith('flocker-pod-with-rc.yml')));
  // cockroachdb's template volume "datadir" is its volumeClaimTemplate: not a missing PVC.
  assert.ok(!diags.some((d) => d.code === 'pvc-missing' && d.uri.endsWith('cockroachdb-statefulset.yaml')));
});

test('examples/: the good chapters are clean for these rules, each broken file shows what its comments promise', () => {
  const all = exampleFiles();
  if (!all.length) return;
  const w = new Ws();
  for (const f of all) w.set(f.uri, f.text);
  for (const f of all) {
    const got = new Set(w.codes(f.uri).filter((c) => c !== 'duplicate-resource'));
    const promised = new Set([...f.text.matchAll(/✗\s*([a-z0-9-]+)/g)].map((m) => m[1]).filter((c) => REF_CODES.has(c)));
    for (const c of promised) assert.ok(got.has(c), `${f.rel}: ${c} promised, not reported`);
    if (!f.rel.startsWith('broken')) assert.deepEqual([...got], [], f.rel);
  }
});
