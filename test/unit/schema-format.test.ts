// schema-format (base64 `format: byte`, percentages in IntOrString fields, RFC 3339 date-times),
// unknown metadata fields on custom resources, and enums the generated catalog does not carry
// (issue 15): each fires at the exact range in both languages, and the correct shape passes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FORMATS } from '../../core/schema/formats';
import { typeInfo } from '../../core/schema/catalog';
import { find, lint, one, y } from './rules-workload-helpers';

const webhook = (caBundle: string) => y`
  apiVersion: admissionregistration.k8s.io/v1
  kind: ValidatingWebhookConfiguration
  metadata: { name: check }
  webhooks:
    - name: check.example.com
      admissionReviewVersions: [v1]
      sideEffects: None
      clientConfig:
        service: { name: check, namespace: default }
        caBundle: ${caBundle}
`;

describe('schema-format', () => {
  it('reports a caBundle pasted as PEM instead of base64, without echoing it', () => {
    const text = webhook('"-----BEGIN CERTIFICATE-----"');
    const d = one(
      lint(text, 'schema-format'),
      'schema-format',
      'error',
      find(text, '"-----BEGIN CERTIFICATE-----"'),
      'webhooks[0].clientConfig.caBundle: illegal base64 data at input byte 0',
      'illegal base64 data at input byte 0',
    );
    assert.ok(!JSON.stringify(d.message).includes('BEGIN'));
    assert.deepEqual(lint(webhook('LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t'), 'schema-format'), []);
  });

  it('reports a percentage without its % sign in a PodDisruptionBudget, and accepts counts and percentages', () => {
    const pdb = (v: string) =>
      `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: { name: web }\nspec:\n  minAvailable: ${v}\n  selector: { matchLabels: { app: web } }\n`;
    const text = pdb('"50"');
    one(
      lint(text, 'schema-format'),
      'schema-format',
      'error',
      find(text, '"50"'),
      `spec.minAvailable: Invalid value: "50": a valid percent string must be a numeric string followed by an ending '%'`,
      '百分比字符串必须是数字后跟',
    );
    for (const ok of ['1', '"50%"', '0']) assert.deepEqual(lint(pdb(ok), 'schema-format'), [], ok);
  });

  it('reports a date-time that is not RFC 3339', () => {
    const ev = (t: string) =>
      `apiVersion: events.k8s.io/v1\nkind: Event\nmetadata: { name: e }\neventTime: ${t}\nreportingController: x/y\nreportingInstance: i\naction: A\nreason: R\n`;
    const text = ev('"31/01/2025 08:00"');
    one(lint(text, 'schema-format'), 'schema-format', 'error', find(text, '"31/01/2025 08:00"'), 'eventTime: parsing time "31/01/2025 08:00"', 'RFC 3339');
    assert.deepEqual(lint(ev('"2025-01-31T08:00:00.123456Z"'), 'schema-format'), []);
  });

  it('names only fields the catalog has', () => {
    const prefixed: Record<string, string[]> = {
      WebhookClientConfig: ['AdmissionregistrationV1WebhookClientConfig', 'ApiextensionsV1WebhookClientConfig'],
    };
    for (const key of Object.keys(FORMATS)) {
      const [type, field] = key.split('.');
      const names = prefixed[type] ?? [`V1${type}`];
      for (const n of names) assert.ok(typeInfo(n)?.fields.has(field), `${n}.${field}`);
    }
  });
});

describe('custom resources: metadata is an ObjectMeta', () => {
  it('reports a misspelt metadata field on a custom resource, with the suggestion', () => {
    const text = y`
      apiVersion: stable.example.com/v1
      kind: CronTab
      metadata:
        name: tab
        namesapce: jobs
      spec: { anything: goes }
    `;
    one(
      lint(text, 'schema-unknown-field'),
      'schema-unknown-field',
      'error',
      find(text, 'namesapce'),
      'unknown field "metadata.namesapce". Did you mean "namespace"?',
      '未知字段',
    );
  });

  it('leaves the custom spec alone, and a kind typo in a built-in group is still api-version-unknown', () => {
    assert.deepEqual(
      lint('apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata: { name: t, labels: { a: b } }\nspec: { cronSpek: x }\n', 'schema-unknown-field'),
      [],
    );
    assert.equal(lint('apiVersion: apps/v1\nkind: Deploymnet\nmetadata: { name: d }\n', 'api-version-unknown').length, 1);
  });
});

describe('enums the catalog does not carry', () => {
  it('reports restartPolicyRules[].action outside "Restart"', () => {
    const pod = (action: string) => y`
      apiVersion: v1
      kind: Pod
      metadata: { name: p }
      spec:
        containers:
          - name: c
            image: "busybox:1.36"
            restartPolicy: Never
            restartPolicyRules:
              - action: ${action}
                exitCodes: { operator: In, values: [42] }
    `;
    const text = pod('Restrat');
    one(lint(text, 'schema-enum'), 'schema-enum', 'error', find(text, 'Restrat'), 'Unsupported value: "Restrat": supported values: "Restart"', '不支持的取值');
    assert.deepEqual(lint(pod('Restart'), 'schema-enum'), []);
  });
});
