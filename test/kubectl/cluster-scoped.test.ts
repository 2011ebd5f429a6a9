// Cluster-scoped kinds the simulator does not run (FlowSchema, CSINode) created with the real
// kubectl through `kube-dorm serve`: they are stored without a namespace, so `kubectl get` finds
// them by name and lists them. (A hand-written list of cluster-scoped kinds once missed them:
// they were stored under default/ and could not be read back.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kubectl, kubectlBinary, startServe } from './support';

const MANIFESTS = `apiVersion: flowcontrol.apiserver.k8s.io/v1
kind: FlowSchema
metadata:
  name: learners
spec:
  priorityLevelConfiguration:
    name: global-default
  matchingPrecedence: 1000
  rules:
  - subjects:
    - kind: Group
      group:
        name: system:authenticated
    resourceRules:
    - verbs: ["*"]
      apiGroups: ["*"]
      resources: ["*"]
      namespaces: ["*"]
---
apiVersion: storage.k8s.io/v1
kind: CSINode
metadata:
  name: dorm-node
spec:
  drivers: []
`;

test(
  'kubectl creates a FlowSchema and a CSINode and reads them back by name and in lists',
  { skip: kubectlBinary('1.32') ? false : 'kubectl.1.32 not installed', timeout: 120_000 },
  async () => {
    const bin = kubectlBinary('1.32')!;
    const srv = await startServe(['--speed', '1']);
    try {
      const created = await kubectl(bin, srv.kubeconfig, ['create', '-f', '-'], { input: MANIFESTS });
      assert.equal(created.code, 0, created.stderr);
      assert.match(created.stdout, /flowschema\.flowcontrol\.apiserver\.k8s\.io\/learners created/);
      assert.match(created.stdout, /csinode\.storage\.k8s\.io\/dorm-node created/);
      for (const [type, name] of [
        ['flowschemas.flowcontrol.apiserver.k8s.io', 'learners'],
        ['csinodes.storage.k8s.io', 'dorm-node'],
      ]) {
        const one = await kubectl(bin, srv.kubeconfig, ['get', type, name, '-o', 'json']);
        assert.equal(one.code, 0, one.stderr);
        const o = JSON.parse(one.stdout);
        assert.equal(o.metadata.name, name);
        assert.equal(o.metadata.namespace, undefined, `${type} must not be stored in a namespace`);
        const listed = await kubectl(bin, srv.kubeconfig, ['get', type, '-o', 'name']);
        assert.equal(listed.code, 0, listed.stderr);
        assert.ok(
          listed.stdout.split('\n').some((l) => l.endsWith(`/${name}`)),
          listed.stdout,
        );
        const deleted = await kubectl(bin, srv.kubeconfig, ['delete', type, name]);
        assert.equal(deleted.code, 0, deleted.stderr);
        assert.equal((await kubectl(bin, srv.kubeconfig, ['get', type, name])).code, 1);
      }
    } finally {
      await srv.stop();
    }
  },
);
