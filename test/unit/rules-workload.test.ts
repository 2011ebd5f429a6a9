// name-invalid, label-value-invalid, selector-missing, selector-mismatch, restart-policy-invalid.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { t } from '../../core/i18n/index';
import { GOOD_CONTAINER, codes, deployment, find, lint, one, y } from './rules-workload-helpers';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { hasMessage } from '../../core/i18n/index';
import { ruleCatalog } from '../../core/lint';
import { PER_RESOURCE_CODES } from './rules-workload-helpers';

describe('name-invalid', () => {
  it('reports a Deployment name that is not a DNS-1123 subdomain, on the value', () => {
    const text = deployment(GOOD_CONTAINER, { name: 'My_App' });
    const d = one(
      lint(text, 'name-invalid'),
      'name-invalid',
      'error',
      find(text, 'My_App'),
      'metadata.name: Invalid value: "My_App": a lowercase RFC 1123 subdomain must consist of',
      '小写的 RFC 1123 子域名',
    );
    assert.equal(d.data?.rule, 'subdomain');
  });

  it('reports a Service name that is not a DNS-1035 label (dots and a leading digit are not allowed)', () => {
    for (const name of ['web.api', '1web']) {
      const text = y`
        apiVersion: v1
        kind: Service
        metadata:
          name: ${name}
        spec:
          ports: [{ port: 80 }]
      `;
      one(
        lint(text, 'name-invalid'),
        'name-invalid',
        'error',
        find(text, name),
        'a DNS-1035 label must consist of lower case alphanumeric characters',
        'DNS-1035 标签',
      );
    }
  });

  it('reports a StatefulSet and a Namespace name with a dot (DNS-1123 label), but accepts dots in a ConfigMap name', () => {
    const sts = y`
      apiVersion: apps/v1
      kind: StatefulSet
      metadata:
        name: db.main
      spec:
        serviceName: db
        selector: { matchLabels: { app: db } }
        template:
          metadata: { labels: { app: db } }
          spec:
            containers: [{ name: db, image: "postgres:16" }]
    `;
    one(lint(sts, 'name-invalid'), 'name-invalid', 'error', find(sts, 'db.main'), 'a lowercase RFC 1123 label must consist of', '小写的 RFC 1123 标签');
    const ns = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team.a\n';
    one(lint(ns, 'name-invalid'), 'name-invalid', 'error', find(ns, 'team.a'), 'RFC 1123 label', 'RFC 1123 标签');
    assert.deepEqual(lint('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app.config-v2\ndata: {}\n', 'name-invalid'), []);
  });

  it("reports a name longer than the limit with Kubernetes' length message", () => {
    const long = 'a'.repeat(64);
    const text = `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${long}\nspec:\n  ports: [{ port: 80 }]\n`;
    one(lint(text, 'name-invalid'), 'name-invalid', 'error', find(text, long), 'must be no more than 63 characters', '长度不能超过 63 个字符');
  });

  it('limits a CronJob name to 52 characters', () => {
    const name = 'c'.repeat(53);
    const text = y`
      apiVersion: batch/v1
      kind: CronJob
      metadata:
        name: ${name}
      spec:
        schedule: "0 * * * *"
        jobTemplate:
          spec:
            template:
              spec:
                restartPolicy: Never
                containers: [{ name: a, image: "busybox:1.36" }]
    `;
    one(lint(text, 'name-invalid'), 'name-invalid', 'error', find(text, name), 'must be no more than 52 characters', '52 个字符');
    assert.deepEqual(lint(text.replace(name, 'c'.repeat(52)), 'name-invalid'), []);
  });

  it('checks generateName as a prefix: a trailing "-" is fine, uppercase is not', () => {
    const ok = 'apiVersion: v1\nkind: Pod\nmetadata:\n  generateName: worker-\nspec:\n  containers: [{ name: a, image: "busybox:1.36" }]\n';
    assert.deepEqual(lint(ok, 'name-invalid'), []);
    const bad = ok.replace('worker-', 'Worker-');
    one(
      lint(bad, 'name-invalid'),
      'name-invalid',
      'error',
      find(bad, 'Worker-'),
      'metadata.generateName: Invalid value: "Worker-"',
      'metadata.generateName 的值',
    );
  });

  it('accepts RBAC names with colons and uppercase (path segment names) and skips unknown kinds', () => {
    assert.deepEqual(
      lint('apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: system:Aggregate-To-Edit\nrules: []\n', 'name-invalid'),
      [],
    );
    assert.deepEqual(lint('apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: Not_A_DNS_Name\n', 'name-invalid'), []);
    const slash = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: a/b\nrules: []\n';
    one(lint(slash, 'name-invalid'), 'name-invalid', 'error', find(slash, 'a/b'), "may not contain '/'", "不能包含 '/'");
  });

  it('checks container names, volume names, hostname and metadata.namespace as DNS-1123 labels', () => {
    const text = y`
      apiVersion: v1
      kind: Pod
      metadata:
        name: p
        namespace: Team_A
      spec:
        hostname: my.host
        containers:
          - name: Web_Server
            image: "nginx:1.27"
        volumes:
          - name: Data
            emptyDir: {}
    `;
    const ds = lint(text, 'name-invalid');
    assert.deepEqual(
      ds.map((d) => d.range),
      [find(text, 'Team_A'), find(text, 'my.host'), find(text, 'Web_Server'), find(text, 'Data')],
    );
    assert.ok(t(ds[2].message, 'en').startsWith('spec.containers[0].name: Invalid value: "Web_Server"'));
  });

  it('is silent for valid names, a missing name and a non-string name (schema rules speak there)', () => {
    assert.deepEqual(lint(deployment(GOOD_CONTAINER), 'name-invalid'), []);
    assert.deepEqual(lint('apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n', 'name-invalid'), []);
    assert.deepEqual(lint('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [a]\n', 'name-invalid'), []);
    assert.deepEqual(lint('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 12345\n', 'name-invalid'), []);
  });
});

describe('label-value-invalid', () => {
  it("reports a bad label value on the value and a bad key on the key, with Kubernetes' wording", () => {
    const text = y`
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: c
        labels:
          app: my app
          -team: a
    `;
    const ds = lint(text, 'label-value-invalid');
    assert.equal(ds.length, 2);
    one(
      [ds[0]],
      'label-value-invalid',
      'error',
      find(text, 'my app'),
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.'",
      '合法的 label 值',
    );
    one([ds[1]], 'label-value-invalid', 'error', find(text, '-team'), 'metadata.labels: Invalid value: "-team": name part must consist of', '名称部分只能由');
  });

  it('reports values over 63 characters and prefixes that are not DNS subdomains', () => {
    const long = 'v'.repeat(64);
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    app: ${long}\n    Example.COM/tier: web\n`;
    const ds = lint(text, 'label-value-invalid');
    assert.deepEqual(
      ds.map((d) => d.message.id),
      ['label-value-invalid.value-long', 'label-value-invalid.key-prefix'],
    );
    assert.ok(t(ds[0].message, 'en').endsWith('must be no more than 63 characters'));
    assert.deepEqual(ds[1].range, find(text, 'Example.COM/tier'));
  });

  it('checks template labels, selector matchLabels and matchExpressions values', () => {
    const text = y`
      apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web }
      spec:
        selector:
          matchLabels: { app: "web!" }
          matchExpressions:
            - { key: tier, operator: In, values: ["front end"] }
        template:
          metadata:
            labels: { app: "web!", tier: "front end" }
          spec:
            containers: [{ name: web, image: "nginx:1.27" }]
    `;
    const ds = lint(text, 'label-value-invalid');
    assert.equal(ds.length, 4);
    assert.deepEqual(ds[0].range, find(text, '"web!"'));
    assert.deepEqual(ds[1].range, find(text, '"front end"'));
  });

  it('checks a Service selector (plain map)', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  selector:\n    app: web/api\n  ports: [{ port: 80 }]\n';
    one(
      lint(text, 'label-value-invalid'),
      'label-value-invalid',
      'error',
      find(text, 'web/api'),
      'spec.selector[app]: Invalid value: "web/api"',
      'spec.selector[app] 的值 "web/api" 无效',
    );
  });

  it('accepts valid keys and values: empty value, prefixes, dots and underscores; ignores non-string values', () => {
    const text = y`
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: c
        labels:
          app.kubernetes.io/name: my_app.v2
          empty: ""
          version: 1.0
          enabled: true
    `;
    assert.deepEqual(lint(text, 'label-value-invalid'), []);
  });
});

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
      assert.ok(hasMessage(`analogy.${code}`), `analogy.${code}`);
      const en = t(`analogy.${code}`, 'en');
      const zh = t(`analogy.${code}`, 'zh-cn');
      assert.ok(en.length > 20 && zh.length > 10 && en !== zh && !/\{\w+\}/.test(en + zh), code);
      assert.ok(existsSync(join(__dirname, '../../docs/rules', `${code}.md`)), `docs/rules/${code}.md`);
    }
  });
});
