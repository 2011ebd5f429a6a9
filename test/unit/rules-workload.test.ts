// selector-missing, selector-mismatch, restart-policy-invalid (name-invalid and label-value-invalid
// are in rules-workload-names.test.ts); robustness and the per-resource rule catalog.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { t } from '../../core/i18n/index';
import { GOOD_CONTAINER, codes, deployment, find, lint, one, y } from './rules-workload-helpers';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { hasMessage } from '../../core/i18n/index';
import { ruleCatalog } from '../../core/lint';
import { PER_RESOURCE_CODES } from './rules-workload-helpers';

describe('selector-missing', () => {
  it('reports an apps/v1 Deployment without spec.selector on the spec key', () => {
    const text = y`
      apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web }
      spec:
        template:
          metadata: { labels: { app: web } }
          spec:
            containers: [{ name: web, image: "nginx:1.27" }]
    `;
    const d = one(
      lint(text, 'selector-missing'),
      'selector-missing',
      'error',
      find(text, 'spec', 0, 'spec:'),
      'spec.selector: Required value',
      '缺少必填值（Required value）',
    );
    assert.deepEqual(d.data?.labels, { app: 'web' });
  });

  it('reports an empty selector as Kubernetes does', () => {
    const text = y`
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: { name: agent }
      spec:
        selector: {}
        template:
          metadata: { labels: { app: agent } }
          spec:
            containers: [{ name: a, image: "agent:1" }]
    `;
    one(
      lint(text, 'selector-missing'),
      'selector-missing',
      'error',
      find(text, 'selector'),
      'empty selector is invalid for daemonset',
      'DaemonSet 不允许空的 selector',
    );
  });

  it('reports a Job with manualSelector: true and no selector', () => {
    const text = y`
      apiVersion: batch/v1
      kind: Job
      metadata: { name: j }
      spec:
        manualSelector: true
        template:
          spec:
            restartPolicy: Never
            containers: [{ name: a, image: "busybox:1.36" }]
    `;
    one(lint(text, 'selector-missing'), 'selector-missing', 'error', find(text, 'spec', 0, 'spec:'), '`manualSelector` is true', '`manualSelector` 为 true');
  });

  it('is silent for a Job without manualSelector, older API versions, and a ReplicationController', () => {
    assert.deepEqual(
      lint(
        'apiVersion: batch/v1\nkind: Job\nmetadata: { name: j }\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{ name: a, image: "b:1" }]\n',
        'selector-missing',
      ),
      [],
    );
    assert.deepEqual(
      lint(
        'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: { name: d }\nspec:\n  template:\n    metadata: { labels: { app: d } }\n    spec:\n      containers: [{ name: a, image: "b:1" }]\n',
        'selector-missing',
      ),
      [],
    );
    assert.deepEqual(
      lint(
        'apiVersion: v1\nkind: ReplicationController\nmetadata: { name: r }\nspec:\n  template:\n    metadata: { labels: { app: r } }\n    spec:\n      containers: [{ name: a, image: "b:1" }]\n',
        'selector-missing',
      ),
      [],
    );
  });
});

describe('selector-mismatch', () => {
  it('reports on the template labels key when matchLabels differ, with the labels that would match', () => {
    const text = deployment(GOOD_CONTAINER, { labels: 'app: api', selector: 'matchLabels:\n      app: web' });
    const d = one(
      lint(text, 'selector-mismatch'),
      'selector-mismatch',
      'error',
      find(text, 'labels', 0, '  template:'),
      '`selector` does not match template `labels` (selector: app=web)',
      '`selector` 与模板的 `labels` 不匹配',
    );
    assert.deepEqual(d.data?.labels, { app: 'web' });
    assert.equal(d.related?.length, 1);
    assert.deepEqual(d.related[0].range, find(text, 'selector'));
  });

  it('evaluates matchExpressions (In, NotIn, Exists, DoesNotExist)', () => {
    const base = (expr: string, labels: string) => y`
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata: { name: rs }
      spec:
        selector:
          matchExpressions:
            - ${expr}
        template:
          metadata:
            labels: ${labels}
          spec:
            containers: [{ name: a, image: "b:1" }]
    `;
    assert.equal(lint(base('{ key: tier, operator: In, values: [web, api] }', '{ tier: db }'), 'selector-mismatch').length, 1);
    const d = lint(base('{ key: tier, operator: In, values: [web, api] }', '{ tier: db }'), 'selector-mismatch')[0];
    assert.deepEqual(d.data?.labels, { tier: 'web' });
    assert.equal(lint(base('{ key: tier, operator: In, values: [web, api] }', '{ tier: api }'), 'selector-mismatch').length, 0);
    assert.equal(lint(base('{ key: canary, operator: DoesNotExist }', '{ canary: "yes" }'), 'selector-mismatch').length, 1);
    assert.equal(lint(base('{ key: canary, operator: Exists }', '{ canary: "" }'), 'selector-mismatch').length, 0);
    assert.equal(lint(base('{ key: env, operator: NotIn, values: [prod] }', '{ env: prod }'), 'selector-mismatch').length, 1);
    // An operator Kubernetes does not know is another error, not a mismatch.
    assert.equal(lint(base('{ key: env, operator: in, values: [prod] }', '{ env: dev }'), 'selector-mismatch').length, 0);
  });

  it("reports a template without labels (on the template's deepest key) for StatefulSet and DaemonSet", () => {
    const text = y`
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: { name: db }
      spec:
        serviceName: db
        selector: { matchLabels: { app: db } }
        template:
          spec:
            containers: [{ name: db, image: "postgres:16" }]
    `;
    const d = one(lint(text, 'selector-mismatch'), 'selector-mismatch', 'error', find(text, 'template'), 'map[string]string(nil)', '不匹配');
    assert.deepEqual(d.data?.labels, { app: 'db' });
  });

  it("checks a Job only with manualSelector, and a ReplicationController's plain selector", () => {
    const job = (manual: string) => y`
      apiVersion: batch/v1
      kind: Job
      metadata: { name: j }
      spec:
        ${manual}
        selector: { matchLabels: { job: a } }
        template:
          metadata: { labels: { job: b } }
          spec:
            restartPolicy: Never
            containers: [{ name: a, image: "b:1" }]
    `;
    assert.equal(lint(job('manualSelector: true'), 'selector-mismatch').length, 1);
    assert.equal(lint(job('parallelism: 1'), 'selector-mismatch').length, 0);
    const rc =
      'apiVersion: v1\nkind: ReplicationController\nmetadata: { name: r }\nspec:\n  selector: { app: r }\n  template:\n    metadata:\n      labels: { app: x }\n    spec:\n      containers: [{ name: a, image: "b:1" }]\n';
    one(lint(rc, 'selector-mismatch'), 'selector-mismatch', 'error', find(rc, 'labels'), 'selector: app=r', 'selector：app=r');
  });

  it('is silent when the selector is a subset of the template labels', () => {
    assert.deepEqual(
      lint(deployment(GOOD_CONTAINER, { labels: 'app: web\n        tier: front', selector: 'matchLabels:\n      app: web' }), 'selector-mismatch'),
      [],
    );
  });
});

describe('restart-policy-invalid', () => {
  it('reports OnFailure in a Deployment on the value', () => {
    const text = deployment('restartPolicy: OnFailure\n' + GOOD_CONTAINER);
    one(
      lint(text, 'restart-policy-invalid'),
      'restart-policy-invalid',
      'error',
      find(text, 'OnFailure'),
      'spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
      '只能取 "Always"',
    );
  });

  it('reports Always in a Job, and a missing restartPolicy in a CronJob (it defaults to Always)', () => {
    const job =
      'apiVersion: batch/v1\nkind: Job\nmetadata: { name: j }\nspec:\n  template:\n    spec:\n      restartPolicy: Always\n      containers: [{ name: a, image: "b:1" }]\n';
    one(
      lint(job, 'restart-policy-invalid'),
      'restart-policy-invalid',
      'error',
      find(job, 'Always'),
      'supported values: "OnFailure", "Never"',
      '只能取 "OnFailure", "Never"',
    );
    const cj = y`
      apiVersion: batch/v1
      kind: CronJob
      metadata: { name: c }
      spec:
        schedule: "@daily"
        jobTemplate:
          spec:
            template:
              spec:
                containers: [{ name: a, image: "b:1" }]
    `;
    const d = one(
      lint(cj, 'restart-policy-invalid'),
      'restart-policy-invalid',
      'error',
      find(cj, 'spec', 0, 'template:'),
      'it defaults to "Always"',
      '默认就是 "Always"',
    );
    assert.deepEqual(d.data?.expected, ['OnFailure', 'Never']);
  });

  it('is silent for valid combinations, Pods, and values outside the enum (schema-enum reports those)', () => {
    assert.deepEqual(lint(deployment('restartPolicy: Always\n' + GOOD_CONTAINER), 'restart-policy-invalid'), []);
    assert.deepEqual(lint(deployment(GOOD_CONTAINER), 'restart-policy-invalid'), []);
    assert.deepEqual(lint(deployment('restartPolicy: Sometimes\n' + GOOD_CONTAINER), 'restart-policy-invalid'), []);
    assert.deepEqual(
      lint(
        'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  restartPolicy: Never\n  containers: [{ name: a, image: "b:1" }]\n',
        'restart-policy-invalid',
      ),
      [],
    );
    assert.deepEqual(
      lint(
        'apiVersion: batch/v1\nkind: Job\nmetadata: { name: j }\nspec:\n  template:\n    spec:\n      restartPolicy: OnFailure\n      containers: [{ name: a, image: "b:1" }]\n',
        'restart-policy-invalid',
      ),
      [],
    );
  });
});

describe('workload rules: robustness', () => {
  it('never throws on odd shapes', () => {
    const odd = [
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: null\nspec: null\n',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: d, labels: [a, b] }\nspec:\n  selector: [1]\n  template: "x"\n',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: d }\nspec:\n  selector: { matchLabels: [a], matchExpressions: { a: 1 } }\n  template: { metadata: { labels: "x" } }\n',
      'apiVersion: batch/v1\nkind: CronJob\nmetadata: { name: "𝒳" }\nspec: { jobTemplate: { spec: { template: { spec: { restartPolicy: 3, containers: "a" } } } } }\n',
      'apiVersion: v1\nkind: Pod\nmetadata: { name: p, labels: { "": "", "a/": x, "/b": y, "a/b/c": z } }\nspec: { containers: [null, 1, { name: null }] }\n',
    ];
    for (const text of odd) lint(text);
    const ds = lint(
      'apiVersion: v1\nkind: Pod\nmetadata: { name: p, labels: { "a/": x, "/b": y, "a/b/c": z } }\nspec: { containers: [] }\n',
      'label-value-invalid',
    );
    assert.deepEqual(ds.map((d) => d.message.id).sort(), [
      'label-value-invalid.key-name-empty',
      'label-value-invalid.key-prefix-empty',
      'label-value-invalid.key-slashes',
    ]);
    assert.deepEqual(codes(lint('apiVersion: v1\nkind: ConfigMap\n')), []);
  });
});

describe('per-resource rule catalog', () => {
  it('registers every code once, with an analogy in both languages and a docs page', () => {
    const catalog = ruleCatalog();
    for (const code of PER_RESOURCE_CODES) {
      assert.ok(catalog.has(code), `${code} in the catalog`);
      const analogy = `analogy.${code}`;
      assert.ok(hasMessage(analogy), analogy);
      const en = t(analogy, 'en');
      const zh = t(analogy, 'zh-cn');
      assert.ok(en.length > 20 && zh.length > 10 && en !== zh && !/\{\w+\}/.test(en + zh), code);
      assert.ok(existsSync(join(__dirname, '../../docs/rules', `${code}.md`)), `docs/rules/${code}.md`);
    }
  });
});
