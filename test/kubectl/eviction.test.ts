// Item 11 of issue 12 (pressure part), through the real kubectl 1.32 and 1.27 against
// `kube-dorm serve`: a Deployment whose room uses 12Gi without limits on an 8Gi node is evicted —
// `kubectl get pods` shows Evicted, `describe pod` the kubelet's message, `describe node`
// MemoryPressure and the memory-pressure taint — and a CPU-limited mysql shows at its limit in
// `kubectl top` while it starts, more slowly, and is never restarted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kubectl, kubectlBinary, kubectlUntil, startServe } from './support';

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: hog
spec:
  replicas: 1
  selector:
    matchLabels: {app: hog}
  template:
    metadata:
      labels: {app: hog}
      annotations:
        kube-dorm.dev/memory: 12Gi
    spec:
      containers:
        - name: hog
          image: nginx:1.27
---
apiVersion: v1
kind: Pod
metadata:
  name: db
  annotations:
    kube-dorm.dev/cpu: "2"
spec:
  containers:
    - name: db
      image: mysql:8.0
      env: [{name: MYSQL_ROOT_PASSWORD, value: x}]
      resources:
        limits: {cpu: 500m, memory: 1Gi}
`;

for (const version of ['1.32', '1.27']) {
  const bin = kubectlBinary(version);
  test(`kubectl ${version}: memory pressure evicts, a CPU limit throttles`, { skip: !bin && `kubectl ${version} is not installed` }, async () => {
    const srv = await startServe(['--speed', '20', '--nodes', '1']);
    const k = (...args: string[]) => kubectl(bin!, srv.kubeconfig, args);
    try {
      const applied = await kubectl(bin!, srv.kubeconfig, ['apply', '-f', '-'], { input: MANIFEST });
      assert.equal(applied.code, 0, applied.stderr);
      const listing = await kubectlUntil(bin!, srv.kubeconfig, ['get', 'pods', '-w'], (out) => /hog-\S+\s+0\/1\s+Evicted\s/.test(out));
      assert.match(listing, /hog-\S+\s+0\/1\s+Evicted\s/);
      const evicted = /(hog-\S+)\s+0\/1\s+Evicted/.exec((await k('get', 'pods')).stdout)![1];
      const pod = (await k('describe', 'pod', evicted)).stdout;
      assert.match(pod, /^Status:\s+Failed$/m);
      assert.match(pod, /^Reason:\s+Evicted$/m);
      assert.match(
        pod,
        /^Message:\s+The node was low on resource: memory\. Threshold quantity: 100Mi, available: 0\. Container hog was using \d+Ki, request is 0, has larger consumption of memory\. ?$/m,
      );
      assert.match(pod, /^\s+DisruptionTarget\s+True\s*$/m);
      assert.match(pod, /Warning\s+Evicted\s+.*kubelet\s+The node was low on resource: memory\./);
      const node = (await k('describe', 'node', 'node-1')).stdout;
      assert.match(node, /^Taints:\s+node\.kubernetes\.io\/memory-pressure:NoSchedule$/m);
      assert.match(node, /^\s+MemoryPressure\s+True\s+.*KubeletHasInsufficientMemory\s+kubelet has insufficient memory available$/m);
      assert.match(node, /topology\.kubernetes\.io\/zone=dorm-1-a/);
      // The replacement cannot land on the tainted node.
      const events = (await k('get', 'events', '--field-selector', 'reason=FailedScheduling')).stdout;
      assert.match(events, /0\/1 nodes are available: 1 node\(s\) had untolerated taint \{node\.kubernetes\.io\/memory-pressure: \}\. preemption: /);
      // mysql wants 2 cores, gets 500m: top shows the limit; it is never restarted for it.
      const top = await k('top', 'pod', 'db');
      assert.equal(top.code, 0, top.stderr);
      assert.match(top.stdout, /^db +500m +\d+Mi +$/m);
      assert.match((await k('get', 'pod', 'db')).stdout, /^db\s+\d\/1\s+Running\s+0\s/m);
    } finally {
      await srv.stop();
    }
  });
}
