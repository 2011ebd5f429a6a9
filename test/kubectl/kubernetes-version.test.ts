// `kube-dorm serve --kubernetes-version` through the real kubectl: /version says the targeted minor,
// discovery lists only what that minor serves, so `kubectl get` and `explain` of an API newer than
// it fail as against a real cluster of that version.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kubectl, kubectlBinary, startServe } from './support';

const FLOW = `apiVersion: flowcontrol.apiserver.k8s.io/v1
kind: FlowSchema
metadata:
  name: fs
spec:
  priorityLevelConfiguration:
    name: global-default
`;

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: app
      image: nginx:1.27
      lifecycle:
        preStop:
          sleep: {seconds: 5}
`;

test(
  'serve --kubernetes-version 1.28: version, api-versions, get, explain and apply follow it',
  { skip: kubectlBinary('1.27') ? false : 'kubectl.1.27 not installed', timeout: 120_000 },
  async () => {
    const bin = kubectlBinary('1.27')!;
    const old = await startServe(['--kubernetes-version', '1.28']);
    try {
      const v = await kubectl(bin, old.kubeconfig, ['version', '-o', 'json']);
      assert.equal(v.code, 0, v.stderr);
      const server = (JSON.parse(v.stdout) as { serverVersion: { major: string; minor: string; gitVersion: string } }).serverVersion;
      assert.deepEqual([server.major, server.minor, server.gitVersion], ['1', '28', 'v1.28.0']);
      const versions = await kubectl(bin, old.kubeconfig, ['api-versions']);
      assert.equal(versions.code, 0, versions.stderr);
      assert.match(versions.stdout, /^apps\/v1$/m);
      assert.doesNotMatch(versions.stdout, /^flowcontrol\.apiserver\.k8s\.io\/v1$/m); // served from 1.29 on
      assert.doesNotMatch(versions.stdout, /^resource\.k8s\.io\/v1$/m); // from 1.34 on
      const get = await kubectl(bin, old.kubeconfig, ['get', 'flowschemas.v1.flowcontrol.apiserver.k8s.io']);
      assert.notEqual(get.code, 0);
      assert.match(get.stderr, /the server doesn't have a resource type "flowschemas"/);
      const explain = await kubectl(bin, old.kubeconfig, ['explain', 'validatingadmissionpolicies']);
      assert.notEqual(explain.code, 0);
      const apply = await kubectl(bin, old.kubeconfig, ['apply', '-f', '-'], { input: FLOW });
      assert.notEqual(apply.code, 0);
      assert.match(apply.stderr, /no matches for kind "FlowSchema" in version "flowcontrol\.apiserver\.k8s\.io\/v1"/);
      assert.equal((await kubectl(bin, old.kubeconfig, ['get', 'deployments'])).code, 0);
      // A field newer than 1.28 (lifecycle sleep, 1.29) is an unknown field to a 1.28 API server.
      const sleep = await kubectl(bin, old.kubeconfig, ['apply', '-f', '-'], { input: POD });
      assert.notEqual(sleep.code, 0);
      assert.match(sleep.stderr, /strict decoding error: unknown field "spec\.containers\[0\]\.lifecycle\.preStop\.sleep"/);
      const lax = await kubectl(bin, old.kubeconfig, ['apply', '--validate=false', '-f', '-'], { input: POD });
      assert.equal(lax.code, 0, lax.stderr);
      const stored = await kubectl(bin, old.kubeconfig, ['get', 'pod', 'p', '-o', 'jsonpath={.spec.containers[0].lifecycle}']);
      assert.equal(stored.stdout, '{"preStop":{}}'); // dropped, as that server would
    } finally {
      await old.stop();
    }
    // Without the flag: everything the catalog serves, as before.
    const now = await startServe([]);
    try {
      const get = await kubectl(bin, now.kubeconfig, ['apply', '-f', '-'], { input: FLOW });
      assert.equal(get.code, 0, get.stderr);
    } finally {
      await now.stop();
    }
  },
);
