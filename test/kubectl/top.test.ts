// Item 11 of issue 12 (metrics part): `kube-dorm serve` serves metrics.k8s.io/v1beta1, so the real
// `kubectl top pods|nodes` (1.32 and 1.27) prints the simulated usage; a busy loop with
// limits.cpu 200m shows exactly 200m (throttled at its limit).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kubectl, kubectlBinary, kubectlUntil, startServe } from './support';

const MANIFEST = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
spec:
  containers:
    - name: web
      image: nginx:1.27
    - name: hog
      image: busybox:1.36
      command: [sh, -c, "while true; do :; done"]
      resources:
        limits: {cpu: 200m}
`;

for (const version of ['1.32', '1.27']) {
  const bin = kubectlBinary(version);
  test(`kubectl ${version} top pods and top nodes against serve`, { skip: !bin && `kubectl ${version} is not installed` }, async () => {
    const srv = await startServe(['--speed', '20', '--nodes', '2']);
    const k = (...args: string[]) => kubectl(bin!, srv.kubeconfig, args);
    try {
      assert.match((await k('api-versions')).stdout, /^metrics\.k8s\.io\/v1beta1$/m);
      assert.equal((await k('top', 'pods')).stderr, 'No resources found in default namespace.\n');
      await kubectl(bin!, srv.kubeconfig, ['apply', '-f', '-'], { input: MANIFEST });
      await kubectlUntil(bin!, srv.kubeconfig, ['get', 'pod', 'web', '-w'], (out) => /web\s+2\/2\s+Running/.test(out));
      const pods = await k('top', 'pods');
      assert.equal(pods.code, 0, pods.stderr);
      assert.match(pods.stdout, /^NAME +CPU\(cores\) +MEMORY\(bytes\) +\nweb +20[1-3]m +\d+Mi +\n$/);
      const containers = await k('top', 'pod', 'web', '--containers');
      assert.match(containers.stdout, /^POD +NAME +CPU\(cores\) +MEMORY\(bytes\) +\n/);
      assert.match(containers.stdout, /^web +hog +200m +\d+Mi +$/m, 'throttled at its CPU limit');
      assert.match(containers.stdout, /^web +web +[12]m +[78]Mi +$/m, 'an idle nginx');
      assert.match((await k('top', 'pods', '-A', '-l', 'app=web')).stdout, /^NAMESPACE +NAME +CPU\(cores\) +MEMORY\(bytes\) +\ndefault +web +/);
      const nodes = await k('top', 'nodes');
      assert.equal(nodes.code, 0, nodes.stderr);
      const head =
        version === '1.27' ? /^NAME +CPU\(cores\) +CPU% +MEMORY\(bytes\) +MEMORY% +\n/ : /^NAME +CPU\(cores\) +CPU\(%\) +MEMORY\(bytes\) +MEMORY\(%\) +\n/;
      assert.match(nodes.stdout, head);
      assert.match(nodes.stdout, /^node-1 +\d+m +\d+% +\d+Mi +\d+% +$/m);
      assert.match(nodes.stdout, /^node-2 +\d+m +\d+% +\d+Mi +\d+% +$/m);
      // The shape metrics-server answers with: nanocores, Ki, a 30s window.
      const raw = JSON.parse((await k('get', '--raw', '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/web')).stdout);
      assert.equal(raw.kind, 'PodMetrics');
      assert.equal(raw.window, '30s');
      assert.match(raw.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      assert.equal(raw.containers.find((c: { name: string }) => c.name === 'hog').usage.cpu, '200000000n', 'throttled at 200m');
      assert.match(raw.containers[0].usage.memory, /^\d+Ki$/);
      const missing = await k('top', 'pod', 'nothere');
      assert.equal(missing.code, 1);
      assert.equal(missing.stderr, 'Error from server (NotFound): podmetrics.metrics.k8s.io "default/nothere" not found\n');
    } finally {
      await srv.stop();
    }
  });
}
