// name-invalid and label-value-invalid: names per kind and label syntax (core/rules/names.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { t } from '../../core/i18n/index';
import { GOOD_CONTAINER, deployment, find, lint, one, y } from './rules-workload-helpers';

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
