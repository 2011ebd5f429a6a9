// apiVersions an older targeted minor serves and 1.36 does not: checked against the schema generated
// from the newest release that served them (core/schema/generated/versions.json's `legacy`), their
// fields dated like the catalog's; where no schema is known, one info says so (never silence).
import '../support/ensure-catalog';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../core/workspace/index';
import { lintFile } from '../../core/lint';
import { t } from '../../core/i18n/index';
import { kindAtVersion } from '../../core/schema/versions';
import { flowSchema } from '../support/manifests';

const URI = 'file:///legacy.yaml';
function lint(text: string, kubernetesVersion: string): [string, string, number, number, string][] {
  const ws = new Workspace();
  ws.set(URI, text);
  return lintFile(ws, URI, { kubernetesVersion })
    .filter((d) => d.code.startsWith('schema-') || d.code.includes('version'))
    .map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character, t(d.message, 'en')]);
}

const FLOW = `${flowSchema('flowcontrol.apiserver.k8s.io/v1beta3')}  matchingPrecedence: high
  distinguisherMethod: {type: ByUser, byWho: me}
`;

const PLC = `apiVersion: flowcontrol.apiserver.k8s.io/v1beta2
kind: PriorityLevelConfiguration
metadata:
  name: plc
spec:
  type: Limited
  limited:
    assuredConcurrencyShares: 5
    nominalConcurrencyShares: 5
    limitResponse: {type: Reject}
`;

describe('apiVersions gone by 1.36, on a target that serves them', () => {
  it('flowcontrol v1beta3 on 1.31 is checked (its schema is v1’s): types and unknown fields', () => {
    assert.deepEqual(lint(FLOW, '1.31'), [
      ['schema-type', 'error', 7, 22, 'cannot unmarshal string into Go struct field FlowSchemaSpec.spec.matchingPrecedence of type int32'],
      ['schema-unknown-field', 'error', 8, 38, 'unknown field "spec.distinguisherMethod.byWho"'],
    ]);
    assert.equal(kindAtVersion('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', '1.31')?.type, 'V1FlowSchema');
    assert.equal(kindAtVersion('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', '1.32'), undefined);
  });

  it('flowcontrol v1beta2 on 1.28 has its own schema: assuredConcurrencyShares, not v1’s nominalConcurrencyShares', () => {
    assert.deepEqual(lint(PLC, '1.28'), [['schema-unknown-field', 'error', 8, 4, 'unknown field "spec.limited.nominalConcurrencyShares"']]);
    assert.equal(kindAtVersion('flowcontrol.apiserver.k8s.io/v1beta2', 'PriorityLevelConfiguration', '1.28')?.type, 'V1beta2PriorityLevelConfiguration');
  });

  it('a field of an old apiVersion is dated too: ResourceClass structuredParameters arrived in 1.30', () => {
    const rc = 'apiVersion: resource.k8s.io/v1alpha2\nkind: ResourceClass\nmetadata:\n  name: gpu\ndriverName: gpu.example.com\nstructuredParameters: true\n';
    assert.deepEqual(lint(rc, '1.30'), []);
    assert.deepEqual(lint(rc, '1.29'), [
      ['field-not-in-version', 'error', 5, 0, 'unknown field "structuredParameters": Kubernetes 1.29 does not have it; it was added in Kubernetes 1.30.'],
    ]);
    const missing = lint('apiVersion: resource.k8s.io/v1alpha2\nkind: ResourceClass\nmetadata:\n  name: gpu\n', '1.30');
    assert.deepEqual(
      missing.map((d) => d[0] + ' ' + d[4]),
      ['schema-required driverName: Required value: "driverName" must be set'],
    );
  });

  it('a kind with no known schema (1.31’s LeaseCandidate v1alpha1) gets one info, in both languages', () => {
    const lc = 'apiVersion: coordination.k8s.io/v1alpha1\nkind: LeaseCandidate\nmetadata:\n  name: l\nspec:\n  anything: 1\n';
    const ws = new Workspace();
    ws.set(URI, lc);
    const ds = lintFile(ws, URI, { kubernetesVersion: '1.31' }).filter((d) => d.code === 'schema-not-checked');
    assert.equal(ds.length, 1);
    assert.equal(ds[0].severity, 'info');
    assert.match(
      t(ds[0].message, 'en'),
      /^the fields of kind "LeaseCandidate" in version "coordination\.k8s\.io\/v1alpha1" are not checked: Kubernetes 1\.31 serves it/,
    );
    assert.match(
      t(ds[0].message, 'zh-cn'),
      /^版本 "coordination\.k8s\.io\/v1alpha1" 中资源类型（kind）"LeaseCandidate" 的字段没有检查：Kubernetes 1\.31 提供它/,
    );
    assert.deepEqual(
      lint(lc, '1.32').map((d) => d[0]),
      ['api-version-removed'],
    );
  });
});
