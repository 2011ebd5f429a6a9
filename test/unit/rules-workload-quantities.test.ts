// quantity-invalid, quantity-suspicious, requests-exceed-limits.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { t } from '../../core/i18n/index';
import { suggestQuantity } from '../../core/rules/quantities';
import { deployment, find, lint, one, y } from './rules-workload-helpers';

const withResources = (requests: string, limits: string) =>
  deployment(`containers:\n  - name: web\n    image: "nginx:1.27"\n    resources:\n      requests: { ${requests} }\n      limits: { ${limits} }\n`);

describe('quantity-invalid', () => {
  it('reports a malformed container quantity on the value, with the Kubernetes regex and a suggestion', () => {
    const text = withResources('cpu: 100m, memory: 64Mi', 'cpu: 1 core, memory: 64mb');
    const ds = lint(text, 'quantity-invalid');
    assert.equal(ds.length, 2);
    one(
      [ds[0]],
      'quantity-invalid',
      'error',
      find(text, '1 core'),
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
      '数量必须匹配正则表达式',
    );
    assert.equal(ds[0].data?.suggestion, '1');
    assert.ok(t(ds[1].message, 'en').startsWith('spec.template.spec.containers[0].resources.limits[memory]: "64mb" is not a quantity'));
    assert.equal(ds[1].data?.suggestion, '64Mi');
  });

  it('checks PVC storage, emptyDir.sizeLimit, PV capacity, LimitRange and ResourceQuota', () => {
    const files = y`
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata: { name: c }
      spec:
        accessModes: [ReadWriteOnce]
        resources: { requests: { storage: 10GB } }
      ---
      apiVersion: v1
      kind: Pod
      metadata: { name: p }
      spec:
        containers: [{ name: a, image: "b:1" }]
        volumes: [{ name: tmp, emptyDir: { sizeLimit: 1 gig } }]
      ---
      apiVersion: v1
      kind: PersistentVolume
      metadata: { name: pv }
      spec: { capacity: { storage: 5 TB } }
      ---
      apiVersion: v1
      kind: LimitRange
      metadata: { name: l }
      spec: { limits: [{ type: Container, default: { cpu: half } }] }
      ---
      apiVersion: v1
      kind: ResourceQuota
      metadata: { name: q }
      spec: { hard: { requests.memory: 1.5.2Gi, pods: "10" } }
    `;
    const ds = lint(files, 'quantity-invalid');
    assert.deepEqual(
      ds.map((d) => d.range),
      ['10GB', '1 gig', '5 TB', 'half', '1.5.2Gi'].map((s) => find(files, s)),
    );
    assert.deepEqual(
      ds.map((d) => d.data?.suggestion),
      ['10Gi', undefined, '5Ti', undefined, undefined],
    );
  });

  it("reports a negative quantity with Kubernetes' message", () => {
    const text = withResources('cpu: -100m', 'cpu: 200m');
    one(lint(text, 'quantity-invalid'), 'quantity-invalid', 'error', find(text, '-100m'), 'must be greater than or equal to 0', '必须大于或等于 0');
  });

  it('accepts every valid form and leaves wrong types to the schema rules', () => {
    const text = withResources('cpu: 0.5, memory: 128M', 'cpu: 1e3, memory: 1.5Gi, ephemeral-storage: 2E3, nvidia.com/gpu: 1');
    assert.deepEqual(lint(text, 'quantity-invalid'), []);
    assert.deepEqual(lint(withResources('cpu: true, memory: [1]', 'cpu: null'), 'quantity-invalid'), []);
  });

  it('suggests the usual fixes', () => {
    assert.equal(suggestQuantity('512MiB'), '512Mi');
    assert.equal(suggestQuantity('2GB'), '2Gi');
    assert.equal(suggestQuantity('1K'), '1Ki');
    assert.equal(suggestQuantity('100 m'), '100m');
    assert.equal(suggestQuantity('250 millicores'), '250m');
    assert.equal(suggestQuantity('2 cores'), '2');
    assert.equal(suggestQuantity('lots'), undefined);
  });
});

describe('quantity-suspicious', () => {
  it('reports memory in millibytes, with the Mi suggestion', () => {
    const text = withResources('cpu: 100m, memory: 128m', 'cpu: 200m, memory: 256Mi');
    const d = one(
      lint(text, 'quantity-suspicious'),
      'quantity-suspicious',
      'warning',
      find(text, '128m'),
      '"128m" means 128 millibytes, i.e. 0.128 bytes',
      '毫字节',
    );
    assert.equal(d.data?.suggestion, '128Mi');
  });

  it('reports cpu above 64 cores and memory below 1Mi', () => {
    const text = withResources('cpu: 500, memory: 512', 'cpu: 1000, memory: 1Gi');
    const ds = lint(text, 'quantity-suspicious');
    assert.deepEqual(
      ds.map((d) => d.message.id),
      ['quantity-suspicious.cpu-high', 'quantity-suspicious.bytes-low', 'quantity-suspicious.cpu-high'],
    );
    one([ds[0]], 'quantity-suspicious', 'warning', find(text, '500'), '"500" is 500 CPU cores', '500 个 CPU 核心');
    assert.equal(ds[0].data?.suggestion, '500m');
    one([ds[1]], 'quantity-suspicious', 'warning', find(text, '512'), '"512" is only 512 bytes', '只有 512 字节');
    assert.equal(ds[1].data?.suggestion, '512Mi');
  });

  it('is silent for ordinary values, for 0, and for namespace totals in a ResourceQuota', () => {
    assert.deepEqual(lint(withResources('cpu: 64, memory: 1Mi', 'cpu: "64", memory: 0'), 'quantity-suspicious'), []);
    assert.deepEqual(lint('apiVersion: v1\nkind: ResourceQuota\nmetadata: { name: q }\nspec: { hard: { requests.cpu: "500" } }\n', 'quantity-suspicious'), []);
  });
});

describe('requests-exceed-limits', () => {
  it("reports a request above its limit on the request, with Kubernetes' message and the limit as related", () => {
    const text = withResources('cpu: 200m, memory: 64Mi', 'cpu: 100m, memory: 128Mi');
    const d = one(
      lint(text, 'requests-exceed-limits'),
      'requests-exceed-limits',
      'error',
      find(text, '200m'),
      'resources.requests[cpu]: Invalid value: "200m": must be less than or equal to cpu limit of 100m',
      '必须小于或等于 cpu 的 limit（100m）',
    );
    assert.deepEqual(d.related?.[0].range, find(text, '100m', 0));
    assert.deepEqual({ r: d.data?.request, l: d.data?.limit }, { r: '200m', l: '100m' });
  });

  it('compares across units (1Gi > 1000Mi; 0.5 = 500m) and requires equality for extended resources', () => {
    assert.equal(lint(withResources('memory: 1Gi', 'memory: 1000Mi'), 'requests-exceed-limits').length, 1);
    assert.equal(lint(withResources('cpu: 0.5', 'cpu: 500m'), 'requests-exceed-limits').length, 0);
    assert.equal(lint(withResources('cpu: "0.1"', 'cpu: 100m'), 'requests-exceed-limits').length, 0);
    const gpu = withResources('nvidia.com/gpu: 1', 'nvidia.com/gpu: 2');
    one(
      lint(gpu, 'requests-exceed-limits'),
      'requests-exceed-limits',
      'error',
      find(gpu, '1', 0, 'nvidia.com/gpu: 1'),
      'must be equal to nvidia.com/gpu limit of 2',
      'request 必须等于 limit',
    );
  });

  it('is silent when a side is missing or not a quantity (quantity-invalid reports that)', () => {
    assert.deepEqual(lint(withResources('cpu: 2', 'memory: 1Gi'), 'requests-exceed-limits'), []);
    assert.deepEqual(lint(withResources('cpu: 2 cores', 'cpu: 1'), 'requests-exceed-limits'), []);
  });
});
