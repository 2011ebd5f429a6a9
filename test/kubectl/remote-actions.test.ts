// The panel's controls on a real cluster (core/remote/actions.ts) and "Check Against Cluster"
// (core/remote/dryrun.ts), against `kube-dorm serve`: each action changes what the kubectl command
// it names would change; a 403 names the missing permission; a server-side dry-run apply stores
// nothing (checked through the real kubectl too) and its refusals land on their lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { kubectlCommand, runAction, refusalOf, deniedActions, type RemoteAction } from '../../core/remote/actions';
import { checkAgainstCluster } from '../../core/remote/dryrun';
import { connect } from '../../core/remote/connect';
import { t } from '../../core/i18n/index';
import { served } from './remote-support';
import { kubectl, kubectlBinary, startServe } from './support';

const KUBECTL = kubectlBinary('default');

test('scale, set image, roll back and delete a pod through the API, each told as its kubectl command', async () => {
  const s = await served();
  try {
    const { client, target } = await connect({ explicit: s.kubeconfig });
    const scale: RemoteAction = { type: 'scale', kind: 'Deployment', name: 'web', namespace: 'default', replicas: 4 };
    assert.equal(kubectlCommand(scale, target.context), `kubectl scale deployment/web --replicas=4 -n default --context ${target.context}`);
    assert.equal(await runAction(client, scale), 'deployment.apps/web scaled');
    assert.equal(s.c.get('Deployment', 'default', 'web')!.spec.replicas, 4);

    const image: RemoteAction = { type: 'setImage', kind: 'Deployment', name: 'web', namespace: 'default', container: 'nginx', image: 'nginx:1.26' };
    assert.equal(kubectlCommand(image), 'kubectl set image deployment/web nginx=nginx:1.26 -n default');
    await runAction(client, image);
    const d = s.c.get('Deployment', 'default', 'web')!;
    assert.equal(d.spec.template.spec.containers[0].image, 'nginx:1.26');
    assert.deepEqual(
      d.spec.template.spec.containers[0].env.map((e: { name: string }) => e.name),
      ['A', 'B'],
      'a strategic merge: the rest of the container stays',
    );
    s.c.advance(60_000);

    await runAction(client, { type: 'rollback', name: 'web', namespace: 'default' });
    s.c.advance(60_000);
    assert.equal(s.c.get('Deployment', 'default', 'web')!.spec.template.spec.containers[0].image, 'nginx:1.25', 'back to the previous revision');
    assert.equal(s.c.get('Deployment', 'default', 'web')!.metadata.annotations?.['deployment.kubernetes.io/revision'], '3');

    const pod = s.c.list('Pod').find((p) => !p.metadata.deletionTimestamp)!.metadata.name;
    assert.equal(await runAction(client, { type: 'deletePod', name: pod, namespace: 'default' }), `pod "${pod}" deleted`);
    client.close();
  } finally {
    await s.close();
  }
});

test('a 403 on an action names the missing permission; the rules review says which controls to offer', async () => {
  const s = await served();
  try {
    const { client } = await connect({ explicit: s.kubeconfig });
    s.faults.plan = { forbid: ['pods'] };
    const del: RemoteAction = { type: 'deletePod', name: 'x', namespace: 'default' };
    const err = await runAction(client, del).then(
      () => undefined,
      (e: unknown) => e,
    );
    const text = t(refusalOf(err, del), 'en');
    assert.match(text, /missing permission to delete pods in the namespace "default"/);
    assert.match(text, /kubectl auth can-i delete pods -n default/);
    assert.match(t(refusalOf(err, del), 'zh-cn'), /缺少在命名空间 "default" 中 delete pods 的权限/);
    const review: any = await client.request('POST', '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectRulesReview',
      spec: { namespace: 'default' },
    });
    assert.deepEqual(deniedActions(review.status.resourceRules, 'default'), ['delete-pod'], 'deployments/scale is a rule of its own, still allowed');
    s.faults.plan = {};
    client.close();
  } finally {
    await s.close();
  }
});

test('Check Against Cluster: a dry-run apply stores nothing; a refusal lands on its line, beside the simulator’s prediction', async () => {
  const s = await served();
  try {
    const { client } = await connect({ explicit: s.kubeconfig });
    const before = JSON.stringify(s.c.get('Deployment', 'default', 'web'));
    const text = `apiVersion: v1
kind: ConfigMap
metadata: {name: fresh}
data: {a: "1"}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 7
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
---
apiVersion: v1
kind: Service
metadata: {name: broken}
spec:
  type: Nowhere
  ports: [{port: 80}]
`;
    const r = await checkAgainstCluster(client, 'file:///check.yaml', text);
    assert.equal(r.checked, 3);
    assert.equal(s.c.get('ConfigMap', 'default', 'fresh'), undefined, 'the dry run created nothing');
    assert.equal(JSON.stringify(s.c.get('Deployment', 'default', 'web')), before, 'the dry run changed nothing, managed fields included');
    assert.match(r.lines[0], /^configmap\/fresh serverside-applied \(server dry run\)$/);
    const refused = r.findings.filter((f) => f.code === 'cluster-refused');
    assert.equal(refused.length, 1, JSON.stringify(r.findings));
    assert.equal(refused[0].range.start.line, 22, 'at the `type:` line of the Service');
    assert.match(t(refused[0].message, 'en'), /the cluster refuses Service\/broken/);
    assert.deepEqual(
      r.findings.filter((f) => f.code.endsWith('-disagrees')),
      [],
      'the simulator refused the Service too',
    );
    // Where only the cluster refuses (here: a permission the simulator does not model), it says so.
    s.faults.plan = { forbid: ['configmaps'] };
    const ns = await checkAgainstCluster(client, 'file:///check.yaml', text);
    s.faults.plan = {};
    const disagree = ns.findings.filter((f) => f.code === 'cluster-disagrees');
    assert.equal(disagree.length, 1, JSON.stringify(ns.findings));
    assert.equal(disagree[0].range.start.line, 1, 'on the ConfigMap');
    assert.match(t(disagree[0].message, 'en'), /the simulator accepts ConfigMap\/fresh, the cluster refuses it/);
    // A namespace that does not exist: both refuse, no disagreement.
    const missing = await checkAgainstCluster(client, 'file:///ns.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: nowhere}\n');
    assert.deepEqual(
      missing.findings.map((f) => f.code),
      ['cluster-refused'],
    );
    client.close();
  } finally {
    await s.close();
  }
});

test(
  'the real kubectl: apply --server-side --dry-run=server prints what it would do and stores nothing',
  { skip: !KUBECTL && 'kubectl not installed' },
  async () => {
    const srv = await startServe();
    const dir = fs.mkdtempSync(path.join(path.dirname(srv.kubeconfig), 'm-'));
    try {
      const file = path.join(dir, 'cm.yaml');
      fs.writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: rules\ndata:\n  lights-out: "23:30"\n');
      const dry = await kubectl(KUBECTL!, srv.kubeconfig, ['apply', '--server-side', '--dry-run=server', '-f', file]);
      assert.equal(dry.code, 0, dry.stderr);
      assert.equal(dry.stdout.trim(), 'configmap/rules serverside-applied (server dry run)');
      const none = await kubectl(KUBECTL!, srv.kubeconfig, ['get', 'configmap', 'rules']);
      assert.notEqual(none.code, 0);
      assert.match(none.stderr, /NotFound/);
      assert.equal((await kubectl(KUBECTL!, srv.kubeconfig, ['apply', '--server-side', '-f', file])).code, 0);
      const mf = async () => JSON.parse((await kubectl(KUBECTL!, srv.kubeconfig, ['get', 'configmap', 'rules', '-o', 'json', '--show-managed-fields'])).stdout);
      const stored = await mf();
      fs.writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: rules\ndata:\n  lights-out: "22:00"\n');
      const again = await kubectl(KUBECTL!, srv.kubeconfig, [
        'apply',
        '--server-side',
        '--dry-run=server',
        '--field-manager=other',
        '--force-conflicts',
        '-f',
        file,
      ]);
      assert.equal(again.code, 0, again.stderr);
      assert.equal(again.stdout.trim(), 'configmap/rules serverside-applied (server dry run)');
      const after = await mf();
      assert.equal(after.data['lights-out'], '23:30');
      assert.deepEqual(after.metadata.managedFields, stored.metadata.managedFields, 'a dry run records no field manager');
    } finally {
      await srv.stop();
    }
  },
);
