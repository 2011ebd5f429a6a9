// The Kubernetes version the user targets: the per-version data (core/schema/generated/versions.json,
// facts pinned against the release notes), and the rules that follow the target
// (api-version-not-served, field-not-in-version, api-version-removed), with exact ranges in both
// languages and their quick fixes.
import '../support/ensure-catalog';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../core/workspace/index';
import { lintFile } from '../../core/lint';
import { t } from '../../core/i18n/index';
import type { KDiagnostic } from '../../core/manifest/types';
import { codeActions } from '../../core/editor/actions';
import { applyEdits } from '../../core/editor/edits';
import { LineIndex } from '../../core/manifest/lines';
import { REMOVED_APIS } from '../../core/schema/removed';
import { schemaRules } from '../../core/rules/schema';
import {
  KUBERNETES_VERSIONS,
  NEWEST_KUBERNETES_VERSION,
  apiVersionsServing,
  fieldAdded,
  parseKubernetesVersion,
  servedIn,
  versionForServer,
  versionSource,
} from '../../core/schema/versions';
import { flowSchema, sidecarPod } from '../support/manifests';

const URI = 'file:///v.yaml';
const CODES = new Set<string>(schemaRules.rules.map((r) => r.code));
/** The schema family's verdicts (the version rules are part of it). */
function lint(text: string, kubernetesVersion?: string, ws = new Workspace()): KDiagnostic[] {
  ws.set(URI, text);
  return lintFile(ws, URI, { kubernetesVersion }).filter((d) => CODES.has(d.code));
}
const of = (ds: KDiagnostic[], code: string) => ds.filter((d) => d.code === code);
const span = (d: KDiagnostic) => [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character];

describe('per-version data', () => {
  it('covers every minor from 1.27 to 1.36, each with its own source but 1.35', () => {
    assert.deepEqual(KUBERNETES_VERSIONS, ['1.27', '1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36']);
    assert.equal(NEWEST_KUBERNETES_VERSION, '1.36');
    assert.match(versionSource('1.27')!, /client-node@0\.19\.0 \(OpenAPI 1\.27\)/);
    assert.match(versionSource('1.31')!, /cdk8s-plus-31@/);
    assert.match(versionSource('1.34')!, /client-node@1\.4\.0 \(OpenAPI 1\.34\)/);
    assert.equal(versionSource('1.35'), undefined);
    assert.equal(parseKubernetesVersion('v1.30.4'), '1.30');
    assert.equal(parseKubernetesVersion('1.26'), undefined);
    assert.equal(parseKubernetesVersion('latest'), undefined);
  });

  // Each fact checked against the Kubernetes release notes / deprecation guide.
  it('pins known facts per version', () => {
    // flowcontrol.apiserver.k8s.io/v1 is new in 1.29; v1beta2 was removed in 1.29, v1beta3 in 1.32.
    const fs = (av: string) => KUBERNETES_VERSIONS.map((v) => servedIn(av, 'FlowSchema', v)?.[0]).join('');
    assert.equal(fs('flowcontrol.apiserver.k8s.io/v1'), 'nnyyyyyyyy');
    assert.equal(fs('flowcontrol.apiserver.k8s.io/v1beta2'), 'yynnnnnnnn');
    assert.equal(fs('flowcontrol.apiserver.k8s.io/v1beta3'), 'yyyyynnnnn');
    // autoscaling/v2beta2 was removed in 1.26: no version from 1.27 on serves it.
    for (const v of KUBERNETES_VERSIONS) assert.notEqual(servedIn('autoscaling/v2beta2', 'HorizontalPodAutoscaler', v), 'yes', v);
    // Dynamic Resource Allocation went GA (resource.k8s.io/v1) in 1.34; v1alpha2 was last served in 1.30.
    assert.equal(servedIn('resource.k8s.io/v1', 'ResourceClaim', '1.33'), 'no');
    assert.equal(servedIn('resource.k8s.io/v1', 'ResourceClaim', '1.34'), 'yes');
    assert.equal(servedIn('resource.k8s.io/v1alpha2', 'ResourceClaim', '1.30'), 'yes');
    assert.equal(servedIn('resource.k8s.io/v1alpha2', 'ResourceClaim', '1.31'), 'no');
    // 1.31 (cdk8s' import): resource.k8s.io/v1alpha3 arrived in 1.31; ValidatingAdmissionPolicy v1 in 1.30.
    assert.equal(servedIn('resource.k8s.io/v1alpha3', 'DeviceClass', '1.31'), 'yes');
    assert.equal(servedIn('admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicy', '1.29'), 'no');
    assert.equal(servedIn('admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicy', '1.30'), 'yes');
    // 1.35 has no source: MutatingAdmissionPolicy v1 (absent in 1.34, served in 1.36) is unknown there,
    // a kind served by both neighbours is served.
    assert.equal(servedIn('admissionregistration.k8s.io/v1', 'MutatingAdmissionPolicy', '1.35'), 'unknown');
    assert.equal(servedIn('apps/v1', 'Deployment', '1.35'), 'yes');
    assert.equal(servedIn('v1', 'Event', '1.31'), 'yes'); // cdk8s drops core/v1 Event: its neighbours answer
    // Fields: native sidecars (init container restartPolicy) 1.28, lifecycle sleep 1.29, Service
    // trafficDistribution 1.30, image volumes 1.31, pod-level resources 1.32, hostnameOverride 1.34.
    assert.deepEqual(fieldAdded('V1Container', 'restartPolicy'), { in: '1.28', maybeIn: '1.28' });
    assert.deepEqual(fieldAdded('V1LifecycleHandler', 'sleep'), { in: '1.29', maybeIn: '1.29' });
    assert.deepEqual(fieldAdded('V1ServiceSpec', 'trafficDistribution'), { in: '1.30', maybeIn: '1.30' });
    assert.deepEqual(fieldAdded('V1Volume', 'image'), { in: '1.31', maybeIn: '1.31' });
    assert.deepEqual(fieldAdded('V1PodSpec', 'resources'), { in: '1.32', maybeIn: '1.32' });
    assert.deepEqual(fieldAdded('V1PodSpec', 'hostnameOverride'), { in: '1.34', maybeIn: '1.34' });
    assert.deepEqual(fieldAdded('V1PodSpec', 'schedulingGroup'), { in: '1.36', maybeIn: '1.35' });
    assert.equal(fieldAdded('V1Container', 'image'), undefined); // there in 1.27
    assert.deepEqual(apiVersionsServing('FlowSchema', '1.28'), ['flowcontrol.apiserver.k8s.io/v1beta3', 'flowcontrol.apiserver.k8s.io/v1beta2']);
  });

  // Kinds 1.31 alone served: only cdk8s' import of the 1.31 document knows them (no client-node
  // release was generated from 1.31). Were left out of the data before: checked against the 1.31
  // and 1.32 release notes (LeaseCandidate moved to v1alpha2, classic DRA's PodSchedulingContext was dropped).
  it('pins the kinds served by 1.31 only', () => {
    const row = (av: string, kind: string) => KUBERNETES_VERSIONS.map((v) => servedIn(av, kind, v)?.[0] ?? '-').join('');
    assert.equal(row('coordination.k8s.io/v1alpha1', 'LeaseCandidate'), 'nnnnynnnnn');
    assert.equal(row('coordination.k8s.io/v1alpha2', 'LeaseCandidate'), 'nnnnnyyyyy');
    assert.equal(row('resource.k8s.io/v1alpha3', 'PodSchedulingContext'), 'nnnnynnnnn');
    assert.equal(row('resource.k8s.io/v1alpha2', 'PodSchedulingContext'), 'yyyynnnnnn');
    // Objects cdk8s names that are no collections stay out.
    assert.equal(servedIn('autoscaling/v1', 'Scale', '1.31'), undefined);
    assert.equal(servedIn('policy/v1', 'Eviction', '1.31'), undefined);
  });

  it('agrees with the removed-API table on every removal from 1.28 on', () => {
    let checked = 0;
    for (const r of REMOVED_APIS) {
      if (Number(r.removedIn.slice(2)) < 28) continue;
      const before = `1.${Number(r.removedIn.slice(2)) - 1}`;
      assert.equal(servedIn(r.apiVersion, r.kind, before), 'yes', `${r.apiVersion} ${r.kind} in ${before}`);
      assert.equal(servedIn(r.apiVersion, r.kind, r.removedIn), 'no', `${r.apiVersion} ${r.kind} in ${r.removedIn}`);
      checked++;
    }
    assert.equal(checked, 4);
  });
});

function fixOnce(text: string, code: string, version: string): string {
  const ws = new Workspace();
  const diags = lint(text, version, ws);
  const d = of(diags, code)[0];
  assert.ok(d, `no ${code}`);
  const action = codeActions(ws, URI, d.range, diags, 'en').find((a) => a.isPreferred && a.diagnostics.some((x) => x.code === code));
  assert.ok(action, `no quick fix for ${code}`);
  return applyEdits(text, new LineIndex(text), action.edit.changes[0].edits);
}

describe('a connected cluster’s version as the target', () => {
  it('takes the minor of a server’s gitVersion, vendor suffixes included, and the nearest one with data otherwise', () => {
    assert.deepEqual(versionForServer('v1.32.2'), { version: '1.32', exact: true });
    assert.deepEqual(versionForServer('v1.29.3+k3s1'), { version: '1.29', exact: true });
    assert.deepEqual(versionForServer('v1.30.0-eks-036c24b'), { version: '1.30', exact: true });
    assert.deepEqual(versionForServer('v1.24.17'), { version: KUBERNETES_VERSIONS[0], exact: false });
    assert.deepEqual(versionForServer('v1.40.1'), { version: NEWEST_KUBERNETES_VERSION, exact: false });
    assert.equal(versionForServer('v2.0.0'), undefined);
    assert.equal(versionForServer('nonsense'), undefined);
  });
});

describe('rules that follow the targeted version', () => {
  it('api-version-not-served: flowcontrol v1 on 1.28, with the range, both languages and a quick fix', () => {
    const ds = of(lint(flowSchema('flowcontrol.apiserver.k8s.io/v1'), '1.28'), 'api-version-not-served');
    assert.equal(ds.length, 1);
    assert.deepEqual(span(ds[0]), [0, 12, 0, 43]);
    assert.equal(ds[0].severity, 'error');
    assert.equal(
      t(ds[0].message, 'en'),
      'no matches for kind "FlowSchema" in version "flowcontrol.apiserver.k8s.io/v1": Kubernetes 1.28 does not serve it yet; it is served from Kubernetes 1.29 on. On 1.28, use apiVersion "flowcontrol.apiserver.k8s.io/v1beta3".',
    );
    assert.equal(
      t(ds[0].message, 'zh-cn'),
      '在版本 "flowcontrol.apiserver.k8s.io/v1" 中找不到资源类型（kind）"FlowSchema"：Kubernetes 1.28 还不提供它，从 Kubernetes 1.29 起才提供。在 1.28 上请改用 apiVersion "flowcontrol.apiserver.k8s.io/v1beta3"。',
    );
    const fixed = fixOnce(flowSchema('flowcontrol.apiserver.k8s.io/v1'), 'api-version-not-served', '1.28');
    assert.equal(fixed, flowSchema('flowcontrol.apiserver.k8s.io/v1beta3'));
    assert.deepEqual(lint(fixed, '1.28'), []);
    // Served from 1.29 on; and the newest (the default) is unchanged.
    assert.deepEqual(lint(flowSchema('flowcontrol.apiserver.k8s.io/v1'), '1.29'), []);
    assert.deepEqual(lint(flowSchema('flowcontrol.apiserver.k8s.io/v1')), []);
  });

  it('api-version-removed follows the target: v1beta3 removed in 1.32 is fine on 1.31', () => {
    assert.deepEqual(lint(flowSchema('flowcontrol.apiserver.k8s.io/v1beta3'), '1.31'), []);
    const ds = of(lint(flowSchema('flowcontrol.apiserver.k8s.io/v1beta3'), '1.32'), 'api-version-removed');
    assert.equal(ds.length, 1);
    assert.match(t(ds[0].message, 'en'), /removed in Kubernetes 1\.32/);
    // Removed, per the data, where the table has no entry: resource.k8s.io/v1alpha2, last served in 1.30.
    // (1.30's v1alpha2 schema requires spec.resourceClassName.)
    const claim = 'apiVersion: resource.k8s.io/v1alpha2\nkind: ResourceClaim\nmetadata:\n  name: c\nspec: {resourceClassName: gpu}\n';
    assert.deepEqual(lint(claim, '1.30'), []);
    const gone = of(lint(claim, '1.31'), 'api-version-removed');
    assert.equal(
      t(gone[0].message, 'en'),
      'no matches for kind "ResourceClaim" in version "resource.k8s.io/v1alpha2": Kubernetes 1.31 stopped serving it (last served in 1.30). Use apiVersion "resource.k8s.io/v1alpha3" instead (some fields may have changed too).',
    );
    assert.deepEqual(span(gone[0]), [0, 12, 0, 36]);
  });

  it('field-not-in-version: a native sidecar on 1.27, at the key, in both languages', () => {
    const ds = of(lint(sidecarPod(), '1.27'), 'field-not-in-version');
    assert.equal(ds.length, 1);
    assert.deepEqual(span(ds[0]), [8, 6, 8, 19]);
    assert.equal(ds[0].severity, 'error');
    assert.equal(
      t(ds[0].message, 'en'),
      'unknown field "spec.initContainers[0].restartPolicy": Kubernetes 1.27 does not have it; it was added in Kubernetes 1.28.',
    );
    assert.equal(
      t(ds[0].message, 'zh-cn'),
      '未知字段 "spec.initContainers[0].restartPolicy"（unknown field）：Kubernetes 1.27 没有这个字段，它在 Kubernetes 1.28 中才加入。',
    );
    assert.deepEqual(lint(sidecarPod(), '1.28'), []);
    assert.deepEqual(lint(sidecarPod()), []);
  });

  it('1.35, which has no source of its own: what changed around it is a warning saying so', () => {
    const map = 'apiVersion: admissionregistration.k8s.io/v1\nkind: MutatingAdmissionPolicy\nmetadata:\n  name: m\nspec: {}\n';
    const ds = of(lint(map, '1.35'), 'api-version-not-served');
    assert.equal(ds.length, 1);
    assert.equal(ds[0].severity, 'warning');
    assert.equal(
      t(ds[0].message, 'en'),
      'kind "MutatingAdmissionPolicy" in version "admissionregistration.k8s.io/v1" is served by Kubernetes 1.36 but not by 1.34; whether 1.35 serves it is not known (Kube Dorm’s data does not say for 1.35).',
    );
    assert.equal(of(lint(map, '1.34'), 'api-version-not-served')[0].severity, 'error');
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  schedulingGroup: {}\n  containers:\n    - name: a\n      image: nginx:1.27\n';
    const f = of(lint(pod, '1.35'), 'field-not-in-version');
    assert.deepEqual(
      f.map((d) => [d.severity, span(d)]),
      [['warning', [5, 2, 5, 17]]],
    );
    assert.match(t(f[0].message, 'zh-cn'), /在 Kubernetes 1\.35 或 1\.36 中加入；1\.35 是否已有它无法确定/);
    assert.equal(of(lint(pod, '1.34'), 'field-not-in-version')[0].severity, 'error');
  });

  it('autoscaling/v2beta2 → v2: the quick fix is the whole migration (the schemas are the same)', () => {
    const hpa = (av: string) => `apiVersion: ${av}
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 1
  maxReplicas: 5
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 60
`;
    for (const v of ['1.27', '1.36']) {
      const fixed = fixOnce(hpa('autoscaling/v2beta2'), 'api-version-removed', v);
      assert.equal(fixed, hpa('autoscaling/v2'));
      assert.deepEqual(
        lint(fixed, v).filter((d) => d.code !== 'hpa-target-missing'),
        [],
      );
    }
  });

  it("autoscaling/v2beta1 → v2: the quick fix moves every metric kind's targets as the API server converted them", () => {
    const v2beta1 = `apiVersion: autoscaling/v2beta1
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 1
  maxReplicas: 5
  metrics:
    - type: Resource
      resource:
        name: cpu
        targetAverageUtilization: 60
    - type: Resource
      resource: {name: memory, targetAverageValue: 200Mi}
    - type: Pods
      pods:
        metricName: packets-per-second
        targetAverageValue: 1k
    - type: Object
      object:
        target: {apiVersion: networking.k8s.io/v1, kind: Ingress, name: main}
        metricName: requests-per-second
        targetValue: 2k
    - type: External
      external:
        metricName: queue_messages_ready
        metricSelector: {matchLabels: {queue: worker_tasks}}
        targetAverageValue: 30
  # the end
`;
    const fixed = fixOnce(v2beta1, 'api-version-removed', '1.36');
    assert.equal(
      fixed,
      `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 1
  maxReplicas: 5
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 60
    - type: Resource
      resource:
        name: memory
        target:
          type: AverageValue
          averageValue: 200Mi
    - type: Pods
      pods:
        metric:
          name: packets-per-second
        target:
          type: AverageValue
          averageValue: 1k
    - type: Object
      object:
        describedObject:
          apiVersion: networking.k8s.io/v1
          kind: Ingress
          name: main
        metric:
          name: requests-per-second
        target:
          type: Value
          value: 2k
    - type: External
      external:
        metric:
          name: queue_messages_ready
          selector:
            matchLabels:
              queue: worker_tasks
        target:
          type: AverageValue
          averageValue: 30
  # the end
`,
    );
    assert.deepEqual(lint(fixed, '1.36'), []);
  });

  it('the same document linted for another version is judged again (the verdict cache is per version)', () => {
    const ws = new Workspace();
    assert.deepEqual(lint(sidecarPod(), undefined, ws), []);
    assert.equal(of(lint(sidecarPod(), '1.27', ws), 'field-not-in-version').length, 1);
    assert.deepEqual(lint(sidecarPod(), '1.36', ws), []);
  });
});
