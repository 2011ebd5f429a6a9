// Schema catalog and schema validation: the generated catalog, the curated enum table, each schema
// rule on inputs that must and must not trigger it, and the kubernetes/examples corpus.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';

const root = path.resolve(__dirname, '..', '..');
// The catalog is generated at build time; make sure it exists (the generator skips when fresh).
execFileSync(process.execPath, [path.join(root, 'scripts', 'gen-schema.mjs')], { cwd: root, stdio: 'pipe' });

import { Workspace } from '../../core/workspace/index';
import { lintFile } from '../../core/lint';
import { allMessageIds, renderDiagnosticMessage, t } from '../../core/i18n/index';
import type { KDiagnostic } from '../../core/manifest/types';
import { schemaRules } from '../../core/rules/schema';
import { corpusRoot, corpusSkip } from '../support/corpus';

const SCHEMA_CODES = new Set(schemaRules.rules.map((r) => r.code));

function lint(text: string, uri = 'file:///t.yaml'): KDiagnostic[] {
  const ws = new Workspace();
  ws.set(uri, text);
  return lintFile(ws, uri).filter((d) => SCHEMA_CODES.has(d.code) || d.code === 'internal-error');
}
function codes(text: string): string[] {
  return lint(text).map((d) => d.code);
}
function only(text: string, code: string): KDiagnostic[] {
  return lint(text).filter((d) => d.code === code);
}

const deployment = (spec: string, meta = '  name: web') => `apiVersion: apps/v1
kind: Deployment
metadata:
${meta}
spec:
${spec}`;
const goodSpec = `  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports:
        - containerPort: 80
          protocol: TCP
        resources:
          requests: {cpu: 100m, memory: 64Mi}
          limits: {cpu: 1, memory: 1e9}`;

describe('schema rules', () => {
  it('a valid Deployment (quantities as numbers, IntOrString, labels) says nothing', () => {
    assert.deepEqual(lint(deployment(goodSpec)), []);
  });

  it('a valid Service, ConfigMap, Job, CronJob and PVC say nothing', () => {
    const text = `apiVersion: v1
kind: Service
metadata: {name: web, labels: {app: web}}
spec:
  type: NodePort
  selector: {app: web}
  ports:
  - port: 80
    targetPort: http
    nodePort: 30080
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg, creationTimestamp: null}
data: {a: "1"}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: clean}
spec:
  schedule: "0 3 * * *"
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: c, image: busybox, args: ["sh", "-c", "echo"]}]
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec:
  accessModes: [ReadWriteOnce]
  volumeMode: Filesystem
  resources: {requests: {storage: 1Gi}}
status: {phase: Bound, bogus: whatever}
`;
    assert.deepEqual(lint(text), []);
  });

  it('schema-unknown-field: on the key, Kubernetes wording, suggestion for the quick fix', () => {
    const ds = only(deployment(goodSpec.replace('  replicas: 2', '  replica: 2')), 'schema-unknown-field');
    assert.equal(ds.length, 1);
    const d = ds[0];
    assert.equal(t(d.message, 'en'), 'unknown field "spec.replica". Did you mean "replicas"?');
    assert.match(t(d.message, 'zh-cn'), /未知字段 "spec\.replica"/);
    assert.deepEqual({ line: d.range.start.line, ch: d.range.start.character, end: d.range.end.character }, { line: 5, ch: 2, end: 9 });
    assert.equal(d.data?.suggestion, 'replicas');
    const typo = lint(deployment(goodSpec.replace('      containers:', '      contianers:')));
    const c = typo.filter((x) => x.code === 'schema-unknown-field');
    assert.equal(c[0]?.data?.suggestion, 'containers');
    assert.equal(c[0]?.data?.path, 'spec.template.spec.contianers');
    // The misspelt field is not also reported as missing: one cause, one diagnostic.
    assert.deepEqual(
      typo.map((x) => x.code),
      ['schema-unknown-field'],
    );
    const nested = only(
      deployment(goodSpec.replace('        image: nginx:1.27', '        image: nginx:1.27\n        imagePullPolice: Always')),
      'schema-unknown-field',
    );
    assert.equal(nested[0]?.data?.path, 'spec.template.spec.containers[0].imagePullPolice');
    assert.equal(nested[0]?.data?.suggestion, 'imagePullPolicy');
    // A field written at the wrong level: say where it belongs.
    const moved = only(deployment(goodSpec + '\n  containers: []'), 'schema-unknown-field');
    assert.equal(moved[0]?.data?.belongsIn, 'spec.template.spec.containers');
    assert.equal(
      t(moved[0].message, 'en'),
      'unknown field "spec.containers": "containers" belongs further down, at "spec.template.spec.containers" (check the indentation).',
    );
    const port = only('apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  targetPort: 80\n  ports: [{port: 80}]\n', 'schema-unknown-field');
    assert.equal(port[0]?.data?.belongsIn, 'spec.ports[0].targetPort');
    assert.equal(only(deployment(goodSpec + '\n  name: x'), 'schema-unknown-field')[0]?.data?.belongsIn, undefined);
    // No suggestion when nothing is close.
    const far = only(deployment(goodSpec + '\n  bananas: 1'), 'schema-unknown-field');
    assert.equal(far[0]?.data?.suggestion, undefined);
    assert.equal(t(far[0].message, 'en'), 'unknown field "spec.bananas"');
  });

  it('schema-type: ints, strings, booleans, label values, IntOrString and Quantity', () => {
    const replicas = only(deployment(goodSpec.replace('replicas: 2', 'replicas: "three"')), 'schema-type');
    assert.equal(replicas.length, 1);
    assert.equal(t(replicas[0].message, 'en'), 'cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32');
    assert.equal(replicas[0].range.start.line, 5);
    const quoted = only(deployment(goodSpec.replace('replicas: 2', 'replicas: "2"')), 'schema-type');
    assert.equal(quoted[0]?.data?.fix, 'unquote');
    assert.equal(only(deployment(goodSpec.replace('replicas: 2', 'replicas: 2.5')), 'schema-type').length, 1);
    // Label values must be strings, as Kubernetes says.
    const label = only(deployment(goodSpec, '  name: web\n  labels:\n    enabled: true\n    tier: "1"'), 'schema-type');
    assert.equal(label.length, 1);
    assert.equal(label[0].data?.fix, 'quote');
    assert.match(t(label[0].message, 'en'), /ObjectMeta\.metadata\.labels\.enabled of type string/);
    // Env value numbers; YAML 1.1 `yes` is a boolean too.
    const env = only(
      deployment(
        goodSpec.replace(
          '        image: nginx:1.27',
          '        image: nginx:1.27\n        env:\n        - {name: PORT, value: 8080}\n        - {name: ENABLED, value: yes}\n        - {name: on, value: x}\n        - {name: OK, value: "8080"}',
        ),
      ),
      'schema-type',
    );
    // (`on` unquoted is a YAML 1.1 boolean too, so the env name `on` is a type error, as in kubectl.)
    assert.deepEqual(
      env.map((d) => [d.data?.actual, d.data?.fix]),
      [
        ['number', 'quote'],
        ['bool', 'quote'],
        ['bool', 'quote'],
      ],
    );
    // IntOrString takes both; Quantity takes string or number; nothing else.
    const svc = (tp: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports:\n  - port: 80\n    targetPort: ${tp}\n`;
    assert.deepEqual(codes(svc('8080')), []);
    assert.deepEqual(codes(svc('http')), []);
    assert.deepEqual(codes(svc('true')), ['schema-type']);
    assert.deepEqual(codes(svc('[1]')), ['schema-type']);
    assert.deepEqual(codes(deployment(goodSpec.replace('limits: {cpu: 1, memory: 1e9}', 'limits: {cpu: true}'))), ['schema-type']);
    // Objects where lists belong and the reverse.
    assert.deepEqual(codes(deployment(goodSpec.replace(/      containers:[\s\S]*$/, '      containers: {name: web, image: nginx}'))), ['schema-type']);
    assert.deepEqual(codes(deployment(goodSpec.replace('    matchLabels: {app: web}', '    matchLabels: [app, web]'))), ['schema-type']);
  });

  it('schema-required: on the key of the object that should hold it', () => {
    // Deployment without selector: selector-missing says it (on `spec`), not a second schema-required.
    const noSelText = deployment(goodSpec.replace('  selector:\n    matchLabels: {app: web}\n', ''));
    assert.equal(only(noSelText, 'schema-required').length, 0);
    const ws = new Workspace();
    ws.set('file:///t.yaml', noSelText);
    const noSel = lintFile(ws, 'file:///t.yaml').filter((d) => d.code === 'selector-missing');
    assert.equal(noSel.length, 1);
    assert.deepEqual([noSel[0].range.start.line, noSel[0].range.start.character, noSel[0].range.end.character], [4, 0, 4]);
    // Container without a name: on the container's first entry.
    const noName = only(deployment(goodSpec.replace('      - name: web\n        image: nginx:1.27', '      - image: nginx:1.27')), 'schema-required');
    assert.equal(noName.length, 1);
    assert.equal(noName[0].data?.path, 'spec.template.spec.containers[0].name');
    assert.deepEqual([noName[0].range.start.line, noName[0].range.start.character], [13, 8]);
    // metadata.name, unless generateName is set.
    const noMeta = only(deployment(goodSpec, '  labels: {a: b}'), 'schema-required');
    assert.equal(t(noMeta[0].message, 'en'), 'metadata.name: Required value: name or generateName is required');
    assert.equal(noMeta[0].range.start.line, 2);
    assert.deepEqual(codes(deployment(goodSpec, '  generateName: web-')), []);
    // apiVersion and kind.
    const noKind = lint('apiVersion: v1\nmetadata: {name: x}\n');
    assert.deepEqual(
      noKind.map((d) => [d.code, d.data?.field]),
      [['schema-required', 'kind']],
    );
    assert.deepEqual(
      lint('kind: Pod\nmetadata: {name: x}\n').map((d) => d.data?.field),
      ['apiVersion'],
    );
    // A null required value counts as missing; review kinds need no name.
    assert.deepEqual(codes('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: null\n'), ['schema-required']);
    assert.deepEqual(codes('apiVersion: authentication.k8s.io/v1\nkind: TokenReview\nspec: {token: abc}\n'), []);
  });

  it('schema-enum: Kubernetes wording, case typos suggested, empty values where allowed', () => {
    const d = only(deployment(goodSpec.replace('protocol: TCP', 'protocol: tcp')), 'schema-enum');
    assert.equal(d.length, 1);
    assert.equal(
      t(d[0].message, 'en'),
      'spec.template.spec.containers[0].ports[0].protocol: Unsupported value: "tcp": supported values: "TCP", "UDP", "SCTP". Did you mean "TCP"?',
    );
    assert.equal(d[0].data?.suggestion, 'TCP');
    const rp = only(
      deployment(goodSpec.replace('    spec:\n      containers:', '    spec:\n      restartPolicy: Sometimes\n      containers:')),
      'schema-enum',
    );
    assert.equal(t(rp[0].message, 'en'), 'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"');
    const svc = (type: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  type: ${type}\n  ports: [{port: 80}]\n`;
    assert.deepEqual(codes(svc('LoadBalancer')), []);
    assert.deepEqual(codes(svc('Nodeport')), ['schema-enum']);
    // List items: accessModes.
    const pvc = (m: string) =>
      `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: d}\nspec:\n  accessModes: [${m}]\n  resources: {requests: {storage: 1Gi}}\n`;
    assert.deepEqual(codes(pvc('ReadWriteOnce, ReadWriteMany')), []);
    assert.deepEqual(codes(pvc('ReadWriteOnce, RWX')), ['schema-enum']);
    // Toleration effect may be empty (all effects).
    const tol = (e: string) =>
      deployment(
        goodSpec.replace('    spec:\n      containers:', `    spec:\n      tolerations: [{key: k, operator: Exists, effect: ${e}}]\n      containers:`),
      );
    assert.deepEqual(codes(tol('""')), []);
    assert.deepEqual(codes(tol('NoExecute')), []);
    assert.deepEqual(codes(tol('Never')), ['schema-enum']);
  });

  it('api-version-removed names the replacement', () => {
    const d = lint('apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: x}\nspec: {replicas: 1}\n');
    assert.deepEqual(
      d.map((x) => x.code),
      ['api-version-removed'],
    );
    assert.equal(d[0].data?.replacement, 'apps/v1');
    assert.match(t(d[0].message, 'en'), /no matches for kind "Deployment" in version "extensions\/v1beta1".*1\.16.*"apps\/v1"/);
    assert.match(t(d[0].message, 'zh-cn'), /1\.16.*apps\/v1/);
    assert.equal(d[0].range.start.line, 0);
    const cj = lint('apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: x}\n');
    assert.equal(cj[0]?.data?.replacement, 'batch/v1');
    const psp = lint('apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata: {name: x}\n');
    assert.equal(psp[0]?.code, 'api-version-removed');
    assert.match(t(psp[0].message, 'en'), /Pod Security Admission/);
    assert.equal(lint('apiVersion: autoscaling/v2beta2\nkind: HorizontalPodAutoscaler\nmetadata: {name: x}\n')[0]?.data?.replacement, 'autoscaling/v2');
  });

  it('api-version-unknown: wrong version of a built-in kind, or a kind unknown in a built-in group', () => {
    const svc = lint('apiVersion: apps/v1\nkind: Service\nmetadata: {name: x}\n');
    assert.deepEqual(
      svc.map((d) => d.code),
      ['api-version-unknown'],
    );
    assert.equal(t(svc[0].message, 'en'), 'no matches for kind "Service" in version "apps/v1": Service is served at apiVersion "v1".');
    assert.equal(svc[0].data?.suggestion, 'v1');
    assert.equal(lint('apiVersion: apps/v2\nkind: Deployment\nmetadata: {name: x}\n')[0]?.data?.suggestion, 'apps/v1');
    const typo = lint('apiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: x}\n');
    assert.equal(typo[0]?.data?.kindSuggestion, 'Deployment');
    assert.equal(typo[0]?.range.start.line, 1);
    assert.deepEqual(codes('apiVersion: v1\nkind: Pdo\nmetadata: {name: x}\n'), ['api-version-unknown']);
  });

  it('says nothing about custom resources, kubeconfigs, lists and non-Kubernetes YAML', () => {
    assert.deepEqual(codes('apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {}\nspec: {anything: [1, 2], replica: "x"}\n'), []);
    // A CRD reusing a built-in kind name in its own group (Knative Service).
    assert.deepEqual(
      codes('apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: x}\nspec: {template: {spec: {containers: [{image: x}]}}}\n'),
      [],
    );
    assert.deepEqual(codes('apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\ncurrent-context: ""\n'), []);
    assert.deepEqual(codes('apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n  data: {x: "1"}\n'), []);
    assert.deepEqual(codes('services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n'), []);
    assert.deepEqual(codes('apiVersion: v1\nkind: PodList\nitems: null\n'), []);
    // A CRD's own manifest is built in and validated (openAPIV3Schema is free-form JSON schema).
    assert.deepEqual(
      codes(`apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        x-kubernetes-preserve-unknown-fields: true
        properties:
          spec: {type: object, properties: {size: {type: integer, default: 1}}}
`),
      [],
    );
  });

  it('honours the schema switch and the disable comment', () => {
    const ws = new Workspace();
    ws.set('file:///s.yaml', deployment(goodSpec.replace('replicas: 2', 'replica: 2')));
    assert.equal(lintFile(ws, 'file:///s.yaml', { schema: false }).filter((d) => d.code.startsWith('schema-')).length, 0);
    ws.set('file:///s.yaml', deployment(goodSpec.replace('  replicas: 2', '  # kube-dorm-disable-next-line schema-unknown-field\n  replica: 2')));
    assert.equal(lintFile(ws, 'file:///s.yaml').filter((d) => d.code === 'schema-unknown-field').length, 0);
    // api-version-removed is not part of the schema family: it stays on.
    ws.set('file:///s.yaml', 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: x}\n');
    assert.deepEqual(
      lintFile(ws, 'file:///s.yaml', { schema: false }).map((d) => d.code),
      ['api-version-removed'],
    );
  });

  it('renders every message in both languages with an analogy sentence', () => {
    const args = {
      kind: 'K',
      apiVersion: 'v',
      path: 'p',
      field: 'f',
      value: 'x',
      values: '"a"',
      goField: 'G.f',
      expected: 'int32',
      actual: 'string',
      removedIn: '1.16',
      replacement: 'apps/v1',
      versions: '"v1"',
      suggestion: 's',
      where: 'w',
      offset: 0,
      crd: 'widgets.example.com',
      format: 'email',
      last: '1.31',
      target: '1.28',
      since: '1.29',
      known: '1.34',
      other: '1.36',
      maybe: '1.35',
      sources: 'cdk8s-plus-31',
    };
    let n = 0;
    for (const code of SCHEMA_CODES) {
      for (const id of allMessageIds().filter((i) => i === code || i.startsWith(`${code}.`))) {
        n++;
        const en = renderDiagnosticMessage({ code, message: { id, args } }, 'en');
        const zh = renderDiagnosticMessage({ code, message: { id, args } }, 'zh-cn');
        assert.equal(en.split('\n').length, 2, id);
        assert.match(zh, /[\u4e00-\u9fff][^\n]*\n[^\n]*[\u4e00-\u9fff]/, id);
        assert.doesNotMatch(en + zh, /\{\w+\}/, id);
      }
    }
    assert.ok(n >= 15, String(n));
  });

  it('never throws on odd values: nulls, scalars and lists in place of objects, deep nesting', () => {
    const odd = [
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: null\nspec: null\n',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: [a, b]\nspec: 3\n',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x, labels: [a]}\nspec: {template: {spec: {containers: [null, 1, [2], {name: [x]}]}}}\n',
      'apiVersion: 3\nkind: [Pod]\n',
      'apiVersion: ""\nkind: ""\n',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: x, creationTimestamp: 2024-01-01T00:00:00Z}\nspec: {containers: [{name: c, image: i, env: [{name: D, value: 2024-01-01}]}]}\n',
      `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: x}\nspec: {group: g.io, scope: Cluster, names: {kind: X, plural: xs}, versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: ${'{properties: {a: '.repeat(200)}{type: string}${'}}'.repeat(200)}}}]}\n`,
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {__proto__: 1, constructor: x}\n',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: x, annotations: {a: {b: c}}}\n',
    ];
    for (const text of odd) {
      const ds = lint(text);
      assert.ok(!ds.some((d) => d.code === 'internal-error'), `internal error on ${JSON.stringify(text.slice(0, 80))}`);
    }
    // A timestamp-looking env value is a string to Kubernetes (go-yaml keeps it a string).
    assert.deepEqual(codes(odd[5]), []);
    // The deep CRD schema (~200 levels) stops at the depth bound without an error.
    assert.deepEqual(codes(odd[6]), []);
    // An object where a map of strings belongs.
    assert.deepEqual(codes(odd[8]), ['schema-type']);
  });

  it('caps the number of reports per resource', () => {
    const many = Array.from({ length: 200 }, (_, i) => `  bogus${i}: 1`).join('\n');
    const ds = lint(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n${many.replace(/^  /gm, '')}\n`);
    assert.ok(ds.length > 0 && ds.length <= 50, String(ds.length));
  });
});

// ------------------------------------------------------------------------------------------------
// The kubernetes/examples corpus: no crash, and exactly the errors judged true (see the report).

/** Every schema-family error the corpus has, each checked by hand against Kubernetes 1.36. */
const EXPECTED_CORPUS_ERRORS = [
  // Removed APIs (true: Kubernetes 1.36 no longer serves them).
  '_archived/cockroachdb/cockroachdb-statefulset.yaml api-version-removed policy/v1beta1 PodDisruptionBudget',
  '_archived/newrelic-infrastructure/newrelic-infra-daemonset.yaml api-version-removed extensions/v1beta1 DaemonSet',
  '_archived/podsecuritypolicy/rbac/policies.yaml api-version-removed policy/v1beta1 PodSecurityPolicy',
  '_archived/podsecuritypolicy/rbac/policies.yaml api-version-removed policy/v1beta1 PodSecurityPolicy',
  '_archived/volumes/azure_disk/claim/blob-based-disk/account-specified-hdd/storageclass-account-hdd.yaml api-version-removed storage.k8s.io/v1beta1 StorageClass',
  '_archived/volumes/azure_disk/claim/blob-based-disk/dedicated-hdd/storageclass-dedicated-hdd.yaml api-version-removed storage.k8s.io/v1beta1 StorageClass',
  '_archived/volumes/azure_disk/claim/blob-based-disk/shared-hdd/storageclass-shared-hdd.yaml api-version-removed storage.k8s.io/v1beta1 StorageClass',
  '_archived/volumes/azure_disk/claim/blob-based-disk/shared-ssd/storageclass-shared-ssd.yaml api-version-removed storage.k8s.io/v1beta1 StorageClass',
  '_archived/volumes/azure_disk/claim/managed-disk/managed-hdd/storageclass-managed-hdd.yaml api-version-removed storage.k8s.io/v1beta1 StorageClass',
  '_archived/volumes/azure_disk/claim/managed-disk/managed-ssd/storageclass-managed-ssd.yaml api-version-removed storage.k8s.io/v1beta1 StorageClass',
  '_archived/volumes/flexvolume/deploy/ds.yaml api-version-removed extensions/v1beta1 DaemonSet',
  // Initializers (admissionregistration.k8s.io/v1alpha1) were removed in Kubernetes 1.14.
  '_archived/cloud-controller-manager/persistent-volume-label-initializer-config.yaml api-version-unknown admissionregistration.k8s.io/v1alpha1 InitializerConfiguration',
  // Protocol must be upper case: the API server rejects "tcp".
  '_archived/volumes/aws_ebs/aws-ebs-web.yaml schema-enum v1 Pod',
  '_archived/volumes/cinder/cinder-web.yaml schema-enum v1 Pod',
  // `lun: <ADD LUN ID Here>` placeholder in an int32 field.
  '_archived/volumes/fibre_channel/fc.yaml schema-type v1 Pod',
  // Fields that the volume sources do not have (StorageClass parameters written into a Pod; a typo).
  '_archived/volumes/rbd/rbd.yaml schema-unknown-field v1 Pod',
  '_archived/volumes/rbd/rbd.yaml schema-unknown-field v1 Pod',
  '_archived/volumes/scaleio/pod.yaml schema-unknown-field v1 Pod',
  '_archived/volumes/storageos/storageos-pod.yaml schema-unknown-field v1 Pod',
  '_archived/volumes/storageos/storageos-pv.yaml schema-unknown-field v1 PersistentVolume',
].sort();

describe('kubernetes/examples corpus', { skip: corpusSkip }, () => {
  const files: string[] = [];
  before(() => {
    const walk = (d: string): void => {
      for (const e of readdirSync(d)) {
        const p = path.join(d, e);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ya?ml|json)$/.test(e)) files.push(p);
      }
    };
    walk(corpusRoot);
  });

  it('reports exactly the true errors, and never crashes', () => {
    assert.ok(files.length >= 240, `only ${files.length} files`);
    const ws = new Workspace();
    for (const f of files) ws.set('file://' + f, readFileSync(f, 'utf8'));
    const found: string[] = [];
    for (const f of files) {
      const file = ws.get('file://' + f)!;
      for (const d of lintFile(ws, 'file://' + f)) {
        assert.notEqual(d.code, 'internal-error', `${f}: ${t(d.message, 'en')}`);
        if (!SCHEMA_CODES.has(d.code)) continue;
        const res = file.resources.find((r) => {
          const s = r.doc.start;
          const e = r.doc.end;
          const off = file.lines.offset(d.range.start);
          return off >= s && off <= e;
        });
        found.push(`${path.relative(corpusRoot, f)} ${d.code} ${res?.apiVersion ?? '?'} ${res?.kind ?? '?'}`);
      }
    }
    assert.deepEqual(found.sort(), EXPECTED_CORPUS_ERRORS);
  });
});
