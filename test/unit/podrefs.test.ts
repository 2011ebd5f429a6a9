// Which Secrets, ConfigMaps and PVCs a pod references (core/k8s/podrefs.ts), and the linter and
// the simulated kubelet agreeing on them, projected volumes included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { containerRefs, podSpecRefs, volumeRefs } from '../../core/k8s/podrefs';
import { podStatus } from '../../core/kubectl/printers';
import { apply, cluster, kubectl, pods } from './sim-helpers';
import { stringify } from 'yaml';
import { Ws } from './rules-refs-helpers';
import { Workspace } from '../../core/workspace/index';
import { definition, references } from '../../core/editor/navigate';

const spec = {
  initContainers: [{ name: 'init', envFrom: [{ configMapRef: { name: 'boot' }, prefix: 'B_' }] }],
  containers: [
    {
      name: 'app',
      env: [
        { name: 'PLAIN', value: 'x' },
        { name: 'PASS', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
        { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'settings', key: 'mode', optional: true } } },
      ],
      envFrom: [{ secretRef: { name: 'api' } }],
    },
  ],
  volumes: [
    { name: 'certs', secret: { secretName: 'tls', items: [{ key: 'tls.crt', path: 'crt' }] } },
    { name: 'conf', configMap: { name: 'nginx' } },
    { name: 'data', persistentVolumeClaim: { claimName: 'pgdata' } },
    {
      name: 'all',
      projected: {
        sources: [
          { secret: { name: 'token', items: [{ key: 't', path: 't' }] } },
          { configMap: { name: 'ca', optional: true } },
          { serviceAccountToken: { path: 'sa' } },
        ],
      },
    },
    { name: 'scratch', emptyDir: {} },
  ],
  imagePullSecrets: [{ name: 'registry' }, {}],
};

const brief = (r: ReturnType<typeof podSpecRefs>[number]) =>
  `${r.via} ${r.kind}/${r.name}${r.key ? `[${r.key}]` : ''}${r.optional ? ' optional' : ''} @ ${(r.keyPath ?? r.namePath).join('.')}`;

test('every reference of a pod spec, in order: init and regular containers (env, envFrom), volumes with projected sources, image pulls', () => {
  assert.deepEqual(podSpecRefs(spec, ['spec']).map(brief), [
    'envFrom ConfigMap/boot @ spec.initContainers.0.envFrom.0.configMapRef.name',
    'env Secret/db[password] @ spec.containers.0.env.1.valueFrom.secretKeyRef.key',
    'env ConfigMap/settings[mode] optional @ spec.containers.0.env.2.valueFrom.configMapKeyRef.key',
    'envFrom Secret/api @ spec.containers.0.envFrom.0.secretRef.name',
    'volume Secret/tls @ spec.volumes.0.secret.secretName',
    'volume Secret/tls[tls.crt] @ spec.volumes.0.secret.items.0.key',
    'volume ConfigMap/nginx @ spec.volumes.1.configMap.name',
    'volume PersistentVolumeClaim/pgdata @ spec.volumes.2.persistentVolumeClaim.claimName',
    'volume Secret/token @ spec.volumes.3.projected.sources.0.secret.name',
    'volume Secret/token[t] @ spec.volumes.3.projected.sources.0.secret.items.0.key',
    'volume ConfigMap/ca optional @ spec.volumes.3.projected.sources.1.configMap.name',
    'imagePull Secret/registry @ spec.imagePullSecrets.0.name',
  ]);
});

test('references carry their container, volume and envFrom prefix; a key reference also keeps the path of its name', () => {
  const refs = podSpecRefs(spec);
  const pass = refs.find((r) => r.name === 'db')!;
  assert.deepEqual(pass.namePath, ['containers', 0, 'env', 1, 'valueFrom', 'secretKeyRef', 'name']);
  assert.deepEqual(pass.containerPath, ['containers', 0]);
  assert.equal(refs.find((r) => r.name === 'boot')!.prefix, 'B_');
  assert.deepEqual(
    volumeRefs(spec).map((r) => r.volume),
    ['certs', 'certs', 'conf', 'data', 'all', 'all', 'all'],
  );
  assert.deepEqual(
    containerRefs(spec.containers[0]).map((r) => r.name),
    ['db', 'settings', 'api'],
  );
});

test('malformed specs give no references and no exception', () => {
  for (const bad of [
    undefined,
    null,
    'x',
    1,
    [],
    { containers: 'x', volumes: {} },
    { containers: [null, 1, { env: [null, { valueFrom: 'x' }, { valueFrom: { secretKeyRef: { name: 3 } } }], envFrom: 'x' }] },
    { volumes: [null, { secret: { secretName: '' } }, { projected: { sources: [null, 'x'] } }] },
    { imagePullSecrets: [null, { name: '' }] },
  ])
    assert.deepEqual(podSpecRefs(bad), [], JSON.stringify(bad));
});

const projectedPod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'reader' },
  spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], volumes: [{ name: 'creds', projected: { sources: [{ secret: { name: 'api-token' } }] } }] },
};

test('a projected Secret that does not exist: the linter reports it, and the kubelet does not start the pod until it exists', () => {
  const diags = new Ws({ 'file:///reader.yaml': stringify(projectedPod) }).lint('file:///reader.yaml');
  assert.deepEqual(
    diags.map((d) => `${d.code} ${(d.data as { name: string }).name}`),
    ['secret-ref-missing api-token'],
  );

  const c = cluster();
  apply(c, projectedPod);
  c.advance(10_000);
  const [pod] = pods(c);
  assert.equal(podStatus(pod), 'ContainerCreating');
  assert.ok(c.events.some((e) => e.reason === 'FailedMount' && e.message === 'MountVolume.SetUp failed for volume "creds" : secret "api-token" not found'));
  kubectl(c, 'create secret generic api-token --from-literal=token=abc');
  c.advance(10_000);
  assert.equal(podStatus(pods(c)[0]), 'Running');
});

test('an optional projected ConfigMap that does not exist: neither the linter nor the kubelet objects', () => {
  const optional = structuredClone(projectedPod);
  optional.spec.volumes[0].projected.sources = [{ configMap: { name: 'ca-bundle', optional: true } } as never];
  assert.deepEqual(new Ws({ 'file:///reader.yaml': stringify(optional) }).lint('file:///reader.yaml'), []);
  const c = cluster();
  apply(c, optional);
  c.advance(10_000);
  assert.equal(podStatus(pods(c)[0]), 'Running');
  assert.ok(!c.events.some((e) => e.reason === 'FailedMount'));
});

test('navigation follows projected references too: go to the Secret from its projected name, and find that use from the Secret', () => {
  const ws = new Workspace();
  const podText = stringify(projectedPod);
  const secretText = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: api-token\nstringData:\n  token: abc\n';
  ws.set('file:///pod.yaml', podText);
  ws.set('file:///secret.yaml', secretText);
  const defs = definition(ws, 'file:///pod.yaml', podText.indexOf('api-token') + 1);
  assert.deepEqual(
    defs.map((d) => `${d.uri} ${d.range.start.line}`),
    ['file:///secret.yaml 3'],
  );
  const refs = references(ws, 'file:///secret.yaml', secretText.indexOf('api-token') + 1);
  const line = podText.slice(0, podText.indexOf('api-token')).split('\n').length - 1;
  assert.deepEqual(
    refs.map((d) => `${d.uri} ${d.range.start.line}`),
    [`file:///pod.yaml ${line}`],
  );
});
