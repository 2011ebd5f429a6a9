// The checks added for learners' mistakes that slipped past (issue 15): deployment-strategy-invalid,
// selector-overlap, affinity-selects-nothing, hpa-target-missing, hpa-target-no-requests and
// service-target-not-listening — each fires where it should, at the exact range, in both languages,
// and stays quiet on the correct shape next to it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deployment, find, lint, one, y } from './rules-workload-helpers';

const RES = 'resources: { requests: { cpu: 100m, memory: 64Mi }, limits: { cpu: 200m, memory: 128Mi } }';

describe('deployment-strategy-invalid', () => {
  const withStrategy = (strategy: string) =>
    deployment(`containers:\n  - { name: web, image: "nginx:1.27", ${RES} }`).replace('spec:\n  selector:', `spec:\n  strategy:\n${strategy}\n  selector:`);

  it('reports maxSurge and maxUnavailable both 0 on maxUnavailable, in the API server wording', () => {
    const text = withStrategy('    rollingUpdate: { maxSurge: 0, maxUnavailable: "0%" }');
    one(
      lint(text, 'deployment-strategy-invalid'),
      'deployment-strategy-invalid',
      'error',
      find(text, '"0%"'),
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "0%": may not be 0 when `maxSurge` is 0',
      'may not be 0 when `maxSurge` is 0',
    );
  });

  it('reports rollingUpdate under type Recreate, and maxUnavailable over 100%', () => {
    const recreate = withStrategy('    type: Recreate\n    rollingUpdate: { maxSurge: 1 }');
    one(
      lint(recreate, 'deployment-strategy-invalid'),
      'deployment-strategy-invalid',
      'error',
      find(recreate, 'rollingUpdate'),
      "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
      '禁止（Forbidden）',
    );
    const over = withStrategy('    rollingUpdate: { maxUnavailable: 150% }');
    one(
      lint(over, 'deployment-strategy-invalid'),
      'deployment-strategy-invalid',
      'error',
      find(over, '150%'),
      'must not be greater than 100%',
      '不能大于 100%',
    );
  });

  it('accepts the defaults, one zero with the other defaulted, maxSurge over 100%, and a plain Recreate', () => {
    for (const s of [
      '    rollingUpdate: { maxSurge: 0 }',
      '    rollingUpdate: { maxUnavailable: 0 }',
      '    rollingUpdate: { maxSurge: 200%, maxUnavailable: 0 }',
      '    type: Recreate',
      '    type: RollingUpdate',
    ])
      assert.deepEqual(lint(withStrategy(s), 'deployment-strategy-invalid'), [], s);
  });
});

const workload = (name: string, selector: string, labels: string, extra = '') =>
  deployment(`${extra}containers:\n  - { name: c, image: "nginx:1.27", ${RES} }`, { name, selector: `matchLabels: ${selector}`, labels });

describe('selector-overlap', () => {
  it('reports a controller whose selector takes the pods of another controller in the namespace', () => {
    const stable = workload('web-stable', '{ app: web, track: stable }', 'app: web\n        track: stable');
    const broad = workload('web-canary', '{ app: web }', 'app: web\n        track: canary');
    const ds = lint({ 'file:///canary.yaml': broad, 'file:///stable.yaml': stable }, 'selector-overlap');
    const d = one(
      ds,
      'selector-overlap',
      'warning',
      find(broad, 'selector'),
      'Deployment "web-canary" selects the pods of Deployment "web-stable" too',
      '争抢同一批 Pod',
    );
    assert.equal(d.related?.[0].uri, 'file:///stable.yaml');
    assert.deepEqual(lint({ 'file:///stable.yaml': stable, 'file:///canary.yaml': broad }, 'selector-overlap'), []);
  });

  it('accepts a canary and a stable track with a Service spanning both, and the same labels in another namespace', () => {
    const stable = workload('web-stable', '{ app: web, track: stable }', 'app: web\n        track: stable');
    const canary = workload('web-canary', '{ app: web, track: canary }', 'app: web\n        track: canary');
    const svc = y`
      apiVersion: v1
      kind: Service
      metadata: { name: web }
      spec:
        selector: { app: web }
        ports: [{ port: 80 }]
    `;
    const other = workload('web-other', '{ app: web }', 'app: web').replace('name: web-other', 'name: web-other\n  namespace: staging');
    const files = { 'file:///a.yaml': stable, 'file:///b.yaml': canary, 'file:///s.yaml': svc, 'file:///o.yaml': other };
    for (const uri of Object.keys(files)) assert.deepEqual(lint(files, 'selector-overlap', uri), [], uri);
  });
});

describe('affinity-selects-nothing', () => {
  const anti = (sel: string) =>
    workload(
      'cache',
      '{ app: cache }',
      'app: cache',
      `affinity:\n  podAntiAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      - topologyKey: kubernetes.io/hostname\n        labelSelector:\n          matchLabels: { ${sel} }\n`,
    );

  it('reports an anti-affinity selector that matches no pod template, on labelSelector', () => {
    const text = anti('app: cahce');
    one(
      lint(text, 'affinity-selects-nothing'),
      'affinity-selects-nothing',
      'warning',
      find(text, 'labelSelector'),
      'spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector: the label selector app=cahce matches no pod template',
      '没有匹配任何 Pod 模板',
    );
  });

  it('accepts a selector that matches its own pods, or another workload’s, and spread constraints on implicit labels', () => {
    assert.deepEqual(lint(anti('app: cache'), 'affinity-selects-nothing'), []);
    const spread = workload(
      'web',
      '{ app: web }',
      'app: web',
      'topologySpreadConstraints:\n  - { maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: { matchLabels: { app: cache } } }\n  - { maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: { matchExpressions: [{ key: pod-template-hash, operator: Exists }] } }\n',
    );
    assert.deepEqual(lint({ 'file:///w.yaml': spread, 'file:///c.yaml': anti('app: cache') }, 'affinity-selects-nothing'), []);
  });
});

const hpa = (target: string, metrics: string) => y`
  apiVersion: autoscaling/v2
  kind: HorizontalPodAutoscaler
  metadata: { name: web }
  spec:
    scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: ${target} }
    minReplicas: 1
    maxReplicas: 5
${metrics}`;
const CPU = '    metrics:\n      - type: Resource\n        resource: { name: cpu, target: { type: Utilization, averageUtilization: 60 } }\n';

describe('hpa-target-missing / hpa-target-no-requests', () => {
  const bare = deployment('containers:\n  - { name: web, image: "nginx:1.27", resources: { limits: { memory: 64Mi } } }');

  it('reports a scale target that is not in the workspace, with a suggestion', () => {
    const text = hpa('wbe', CPU);
    const d = one(
      lint({ 'file:///hpa.yaml': text, 'file:///d.yaml': bare }, 'hpa-target-missing'),
      'hpa-target-missing',
      'warning',
      find(text, 'wbe'),
      'there is no Deployment "wbe" in namespace "default" in the workspace: unless it is created another way, the HorizontalPodAutoscaler reports FailedGetScale and scales nothing. Did you mean "web"?',
      '没有 Deployment "wbe"',
    );
    assert.equal((d.data as { suggestion?: string }).suggestion, 'web');
  });

  it('reports a CPU utilisation target whose pods request no CPU, on the metric', () => {
    const text = hpa('web', CPU);
    one(
      lint({ 'file:///hpa.yaml': text, 'file:///d.yaml': bare }, 'hpa-target-no-requests'),
      'hpa-target-no-requests',
      'warning',
      find(text, 'cpu'),
      'container(s) "web" set no cpu request',
      '没有设置 cpu 的 request',
    );
  });

  it('accepts requests (or a limit, which defaults the request), memory targets on memory requests, and absolute values', () => {
    const ok = deployment(`containers:\n  - { name: web, image: "nginx:1.27", ${RES} }`);
    assert.deepEqual(lint({ 'file:///hpa.yaml': hpa('web', CPU), 'file:///d.yaml': ok }, 'hpa-target-no-requests'), []);
    const avg = '    metrics:\n      - type: Resource\n        resource: { name: cpu, target: { type: AverageValue, averageValue: 200m } }\n';
    assert.deepEqual(lint({ 'file:///hpa.yaml': hpa('web', avg), 'file:///d.yaml': bare }, 'hpa-target-no-requests'), []);
    const mem = '    metrics:\n      - type: Resource\n        resource: { name: memory, target: { type: Utilization, averageUtilization: 60 } }\n';
    assert.deepEqual(lint({ 'file:///hpa.yaml': hpa('web', mem), 'file:///d.yaml': bare }, 'hpa-target-no-requests'), []);
    assert.deepEqual(lint({ 'file:///hpa.yaml': hpa('web', CPU), 'file:///d.yaml': bare }, 'hpa-target-missing'), []);
  });
});

describe('service-target-not-listening', () => {
  const svc = (target: string) => y`
    apiVersion: v1
    kind: Service
    metadata: { name: web }
    spec:
      selector: { app: web }
      ports: [{ port: 80, targetPort: ${target} }]
  `;
  const box = deployment(`containers:\n  - { name: box, image: "busybox:1.36", command: [sleep, "3600"], ${RES} }`);
  const nginx = deployment(`containers:\n  - { name: web, image: "nginx:1.27", ${RES} }`);

  it('reports busybox behind port 80: a shell image listens on nothing', () => {
    const text = svc('80');
    one(
      lint({ 'file:///s.yaml': text, 'file:///d.yaml': box }, 'service-target-not-listening'),
      'service-target-not-listening',
      'warning',
      find(text, '80', 1),
      'container "box" runs "busybox:1.36", a shell image that listens on no port',
      '不监听任何端口的 shell 镜像',
    );
  });

  it('reports nginx behind 8080 with the port it does listen on, even when 8080 is declared', () => {
    const text = svc('8080');
    const declared = deployment(`containers:\n  - { name: web, image: "nginx:1.27", ports: [{ containerPort: 8080 }], ${RES} }`);
    const d = one(
      lint({ 'file:///s.yaml': text, 'file:///d.yaml': declared }, 'service-target-not-listening'),
      'service-target-not-listening',
      'warning',
      find(text, '8080'),
      'which listens on 80, not 8080',
      '监听的是 80，不是 8080',
    );
    assert.deepEqual((d.data as { listens: number[] }).listens, [80]);
    // Undeclared and unheard: service-target-port says it already; this rule stays quiet.
    const undeclared = deployment(`containers:\n  - { name: web, image: "nginx:1.27", ports: [{ containerPort: 80 }], ${RES} }`);
    assert.deepEqual(lint({ 'file:///s.yaml': text, 'file:///d.yaml': undeclared }, 'service-target-not-listening'), []);
  });

  it('accepts nginx on 80, unknown images, busybox running httpd, and the listen annotation', () => {
    assert.deepEqual(lint({ 'file:///s.yaml': svc('80'), 'file:///d.yaml': nginx }, 'service-target-not-listening'), []);
    const app = deployment(`containers:\n  - { name: app, image: "example.com/team/app:1.0", ${RES} }`);
    assert.deepEqual(lint({ 'file:///s.yaml': svc('80'), 'file:///d.yaml': app }, 'service-target-not-listening'), []);
    const httpd = deployment(`containers:\n  - { name: box, image: "busybox:1.36", command: [httpd, -f, -p, "80"], ${RES} }`);
    assert.deepEqual(lint({ 'file:///s.yaml': svc('80'), 'file:///d.yaml': httpd }, 'service-target-not-listening'), []);
    const annotated = box.replace('    metadata:\n      labels:', '    metadata:\n      annotations: { kube-dorm.dev/listen: "80" }\n      labels:');
    assert.deepEqual(lint({ 'file:///s.yaml': svc('80'), 'file:///d.yaml': annotated }, 'service-target-not-listening'), []);
  });
});
