// `kube-dorm serve --kubernetes-version` through the real kubectl: /version says the targeted minor,
// discovery lists only what that minor serves, so `kubectl get` and `explain` of an API newer than
// it fail as against a real cluster of that version.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kubectl, kubectlBinary, startServe } from './support';
import { flowSchema } from '../support/manifests';
import { runCommand } from '../../core/kubectl/commands';
import { Cluster } from '../../core/cluster/cluster';

const FLOW = flowSchema();

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

// `kubectl explain` reads serve's OpenAPI documents (v2 protobuf for 1.27's client-side checks, v3
// for explain): at a target, fields added after it are not there, as on that version's API server,
// and the built-in kubectl says the same.
test(
  'serve --kubernetes-version: explain, discovery and the OpenAPI documents leave out fields and kinds newer than the target',
  { skip: kubectlBinary('1.27') && kubectlBinary('1.32') ? false : 'kubectl.1.27/1.32 not installed', timeout: 120_000 },
  async () => {
    const [k27, k32] = [kubectlBinary('1.27')!, kubectlBinary('1.32')!];
    const s27 = await startServe(['--kubernetes-version', '1.27']);
    try {
      const sidecar = await kubectl(k27, s27.kubeconfig, ['explain', 'pod.spec.initContainers.restartPolicy']);
      assert.notEqual(sidecar.code, 0);
      assert.equal(sidecar.stdout + sidecar.stderr, 'KIND:       Pod\nVERSION:    v1\n\nerror: field "restartPolicy" does not exist\n');
      const spec = await kubectl(k27, s27.kubeconfig, ['explain', 'pod.spec']);
      assert.equal(spec.code, 0, spec.stderr);
      assert.match(spec.stdout, /^ {2}os\t<PodOS>$/m); // 1.25
      assert.doesNotMatch(spec.stdout, /^ {2}(resources|hostnameOverride)\t/m); // 1.32, 1.34
      // The built-in kubectl prints what kubectl 1.32 prints (1.27's template spaces the header differently).
      const spec32 = await kubectl(k32, s27.kubeconfig, ['explain', 'pod.spec']);
      assert.equal(runCommand(new Cluster(), 'explain pod.spec', { kubernetesVersion: '1.27' }).output, spec32.stdout);
      // Discovery as the built-in kubectl prints it, the same minor: what kubectl 1.32 prints against serve.
      for (const line of ['api-versions', 'api-resources']) {
        const real = await kubectl(k32, s27.kubeconfig, line.split(' '));
        const own = runCommand(new Cluster(), line, { kubernetesVersion: '1.27' }).output;
        assert.equal(own.replace(/\n?$/, '\n'), real.stdout, line);
        assert.doesNotMatch(own, /flowcontrol\.apiserver\.k8s\.io\/v1\b(?!beta)/, line);
      }
      const raw = async (p: string) => kubectl(k32, s27.kubeconfig, ['get', '--raw', p]);
      const v2 = JSON.parse((await raw('/openapi/v2')).stdout) as {
        definitions: Record<string, { properties?: Record<string, unknown>; 'x-kubernetes-group-version-kind'?: { kind: string; version: string }[] }>;
      };
      assert.ok(v2.definitions['io.k8s.api.v1.PodSpec'].properties?.os);
      assert.equal(v2.definitions['io.k8s.api.v1.PodSpec'].properties?.resources, undefined);
      const flowGvks = Object.values(v2.definitions).flatMap((d) => (d['x-kubernetes-group-version-kind'] ?? []).filter((g) => g.kind === 'FlowSchema'));
      // flowcontrol v1 is served from 1.29 on; 1.27 serves FlowSchema at v1beta2 and v1beta3 (same schema).
      assert.deepEqual(flowGvks.map((g) => g.version).sort(), ['v1beta2', 'v1beta3']);
      const index = JSON.parse((await raw('/openapi/v3')).stdout) as { paths: Record<string, unknown> };
      assert.ok(index.paths['apis/apps/v1']);
      assert.equal(index.paths['apis/flowcontrol.apiserver.k8s.io/v1'], undefined);
      assert.match((await raw('/openapi/v3/apis/flowcontrol.apiserver.k8s.io/v1')).stderr, /NotFound|not found/i);
    } finally {
      await s27.stop();
    }
    const s31 = await startServe(['--kubernetes-version', '1.31']);
    try {
      const res = await kubectl(k32, s31.kubeconfig, ['explain', 'pod.spec.resources']);
      assert.notEqual(res.code, 0);
      assert.equal(res.stdout + res.stderr, 'KIND:       Pod\nVERSION:    v1\n\nerror: field "resources" does not exist\n');
      assert.equal(runCommand(new Cluster(), 'explain pod.spec.resources', { kubernetesVersion: '1.31' }).output, res.stdout + res.stderr);
      const sidecar = await kubectl(k32, s31.kubeconfig, ['explain', 'pod.spec.initContainers.restartPolicy']);
      assert.equal(sidecar.code, 0, sidecar.stderr); // 1.28
    } finally {
      await s31.stop();
    }
  },
);
