// Lint follows a connected cluster's CRDs (issue 17): ClusterCrds watches the CRDs of
// `kube-dorm serve`'s API server (list once, then the watch: a new CRD arrives without a poll), and
// the list, given to the workspace as CRDs from outside it, checks a custom resource with the
// cluster named as the schema's source. A 403 on CRDs gives an empty list: nothing breaks.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { connect } from '../../core/remote/connect';
import { ClusterCrds } from '../../core/remote/crds';
import type { KObject } from '../../core/cluster/store';
import { parseAllDocuments } from 'yaml';
import { Workspace } from '../../core/workspace/index';
import { clusterCrdText, clusterCrdUri } from '../../core/workspace/cluster';
import { lintWorkspaceFile } from '../../core/lint-workspace';
import { t } from '../../core/i18n/index';
import { served, until } from './remote-support';

const FIX = path.join(__dirname, '..', 'fixtures', 'crd');
const CRDS = readFileSync(path.join(FIX, 'crds.yaml'), 'utf8');
const LAMP = readFileSync(path.join(FIX, 'chart', 'crds', 'lamp.yaml'), 'utf8');
const objects = (text: string) => parseAllDocuments(text).map((d) => d.toJS() as object);
const CRD_PATH = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';
const WIDGET = 'apiVersion: dorm.example.com/v1\nkind: Widget\nmetadata:\n  name: desk\nspec:\n  size: small\n  replicas: 20\n';

test('the cluster’s CRDs are watched, and they check a custom resource in the editor’s workspace', async () => {
  const s = await served();
  const { client } = await connect({ explicit: s.kubeconfig });
  const reports: KObject[][] = [];
  const crds = new ClusterCrds(client, (l) => reports.push(l), { coalesceMs: 10, backoffBaseMs: 20 });
  try {
    for (const o of objects(CRDS)) await client.request('POST', CRD_PATH, o);
    crds.start();
    await until(() => reports.length === 1, 'the first list');
    assert.deepEqual(
      reports[0].map((c) => c.metadata.name),
      ['gadgets.dorm.example.com', 'widgets.dorm.example.com'],
    );
    // A CRD installed later arrives through the watch.
    for (const o of objects(LAMP)) await client.request('POST', CRD_PATH, o);
    await until(() => reports.length === 2, 'the new CRD through the watch');
    assert.ok(reports[1].some((c) => c.metadata.name === 'lamps.light.example.com'));
    assert.equal(s.faults.count('list customresourcedefinitions'), 1, 'listed once, then watched');

    const ws = new Workspace();
    ws.set('file:///w/widget.yaml', WIDGET);
    const before = lintWorkspaceFile(ws, 'file:///w/widget.yaml');
    assert.deepEqual(
      before.map((d) => d.code),
      ['custom-resource-unknown'],
    );
    ws.setOutsideCrds(clusterCrdUri('kube-dorm'), clusterCrdText(reports[1]).text);
    const after = lintWorkspaceFile(ws, 'file:///w/widget.yaml');
    assert.deepEqual(
      after.map((d) => d.code),
      ['schema-constraint'],
    );
    assert.equal(
      t(after[0].related![0].message, 'en'),
      'schema from CustomResourceDefinition "widgets.dorm.example.com" (version v1) installed in the cluster of context "kube-dorm"',
    );
    assert.equal(
      t(after[0].related![0].message, 'zh-cn'),
      '结构定义来自上下文 "kube-dorm" 的集群中安装的 CustomResourceDefinition "widgets.dorm.example.com"（版本 v1）',
    );
    assert.deepEqual(ws.uris(), ['file:///w/widget.yaml'], 'the cluster’s CRDs are not a file of the workspace');
  } finally {
    crds.stop();
    client.close();
    await s.close();
  }
});

test('without permission to read CRDs: an empty list, the 403 kept, nothing else breaks', async () => {
  const s = await served();
  s.faults.plan = { forbid: ['customresourcedefinitions'] };
  const { client } = await connect({ explicit: s.kubeconfig });
  const reports: KObject[][] = [];
  const crds = new ClusterCrds(client, (l) => reports.push(l), { coalesceMs: 10, backoffBaseMs: 20 });
  try {
    crds.start();
    await until(() => reports.length === 1, 'the (empty) report');
    assert.deepEqual(reports[0], []);
    assert.equal(crds.informer.forbidden?.resource, 'customresourcedefinitions');
  } finally {
    crds.stop();
    client.close();
    await s.close();
  }
});
