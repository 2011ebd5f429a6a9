// Issue 12 (resources: disk), through the real kubectl 1.32 and 1.27 against `kube-dorm serve`: a
// room that fills its emptyDir past its sizeLimit is evicted with the kubelet's message; a pod
// writing 80Gi on a 100Gi node puts the node under DiskPressure — `describe node` shows the
// condition and the disk-pressure taint, the pod is evicted, and the scheduler refuses new rooms
// with kube-scheduler's taint wording.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kubectl, kubectlBinary, kubectlUntil, startServe } from './support';

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: cache
spec:
  replicas: 1
  selector:
    matchLabels: {app: cache}
  template:
    metadata:
      labels: {app: cache}
      annotations:
        kube-dorm.dev/emptydir.scratch: 2Gi
    spec:
      containers:
        - name: cache
          image: nginx:1.27
          volumeMounts: [{name: scratch, mountPath: /cache}]
      volumes:
        - name: scratch
          emptyDir: {sizeLimit: 1Gi}
---
apiVersion: v1
kind: Pod
metadata:
  name: filler
  annotations:
    kube-dorm.dev/disk: 80Gi
spec:
  containers:
    - name: logs
      image: nginx:1.27
`;

for (const version of ['1.32', '1.27']) {
  const bin = kubectlBinary(version);
  test(
    `kubectl ${version}: an emptyDir over its sizeLimit and a full disk evict; DiskPressure taints the node`,
    { skip: !bin && `kubectl ${version} is not installed` },
    async () => {
      const srv = await startServe(['--speed', '5', '--nodes', '1']);
      const { kubeconfig } = srv;
      const k = (...args: string[]) => kubectl(bin!, kubeconfig, args);
      try {
        assert.equal((await kubectl(bin!, kubeconfig, ['apply', '-f', '-'], { input: MANIFEST })).stderr, '');
        await kubectlUntil(bin!, kubeconfig, ['get', 'pods', '-w'], (out) => /filler\s+0\/1\s+Evicted\s/.test(out));
        const pods = (await k('get', 'pods')).stdout;
        const cache = /(cache-\S+)\s+0\/1\s+Evicted/.exec(pods)![1];
        const evicted = (await k('describe', 'pod', cache)).stdout;
        assert.match(evicted, /^Reason:\s+Evicted$/m);
        assert.match(evicted, /^Message:\s+Usage of EmptyDir volume "scratch" exceeds the limit "1Gi"\. ?$/m);
        assert.match(evicted, /Warning\s+Evicted\s+.*kubelet\s+Usage of EmptyDir volume "scratch" exceeds the limit "1Gi"\./);
        const filler = (await k('describe', 'pod', 'filler')).stdout;
        assert.match(
          filler,
          /^Message:\s+The node was low on resource: ephemeral-storage\. Threshold quantity: 15Gi, available: 10Gi\. Container logs was using 80Gi, request is 0, has larger consumption of ephemeral-storage\. ?$/m,
        );
        const node = (await k('describe', 'node', 'node-1')).stdout;
        assert.match(node, /^Taints:\s+node\.kubernetes\.io\/disk-pressure:NoSchedule$/m);
        assert.match(node, /^\s+DiskPressure\s+True\s+.*KubeletHasDiskPressure\s+kubelet has disk pressure$/m);
        assert.match(node, /^\s+PIDPressure\s+False\s+.*KubeletHasSufficientPID\s+kubelet has sufficient PID available$/m);
        const events = await kubectlUntil(bin!, srv.kubeconfig, ['get', 'events', '--field-selector', 'reason=FailedScheduling', '-w'], (out) =>
          /disk-pressure/.test(out),
        );
        assert.match(events, /0\/1 nodes are available: 1 node\(s\) had untolerated taint \{node\.kubernetes\.io\/disk-pressure: \}\. preemption: /);
      } finally {
        await srv.stop();
      }
    },
  );
}
