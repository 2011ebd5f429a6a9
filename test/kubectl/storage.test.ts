// Claims through the real kubectl (issue 12, item 10): the cluster has minikube's default
// StorageClass, and a claim naming one that does not exist stays Pending with the
// persistentvolume-controller's ProvisioningFailed event, as `kubectl describe pvc` shows it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kubectl, kubectlBinary, kubectlUntil, startServe } from './support';

const CLAIM = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  storageClassName: fast
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
`;

for (const version of ['1.32', '1.27']) {
  test(
    `kubectl ${version}: the default StorageClass, and a claim Pending on a missing one with ProvisioningFailed`,
    { skip: kubectlBinary(version) ? false : `kubectl.${version} not installed`, timeout: 120_000 },
    async () => {
      const bin = kubectlBinary(version)!;
      const srv = await startServe(['--speed', '1']);
      try {
        const sc = await kubectl(bin, srv.kubeconfig, ['get', 'storageclass']);
        assert.equal(sc.code, 0, sc.stderr);
        assert.match(sc.stdout, /^standard \(default\)\s+k8s\.io\/minikube-hostpath\s+Delete\s+Immediate\s/m);
        const r = await kubectl(bin, srv.kubeconfig, ['apply', '-f', '-'], { input: CLAIM });
        assert.equal(r.code, 0, r.stderr);
        const d = await kubectl(bin, srv.kubeconfig, ['describe', 'pvc', 'data']);
        assert.equal(d.code, 0, d.stderr);
        assert.match(d.stdout, /^Status:\s+Pending$/m);
        assert.match(d.stdout, /Warning\s+ProvisioningFailed\s+\S+\s+persistentvolume-controller\s+storageclass\.storage\.k8s\.io "fast" not found/);
      } finally {
        await srv.stop();
      }
    },
  );
}

const LATE = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: local
provisioner: rancher.io/local-path
volumeBindingMode: WaitForFirstConsumer
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: late
spec:
  storageClassName: local
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
`;

const CONSUMER = `apiVersion: v1
kind: Pod
metadata:
  name: user
spec:
  containers:
    - name: app
      image: nginx:1.27
      volumeMounts: [{name: data, mountPath: /data}]
  volumes:
    - name: data
      persistentVolumeClaim: {claimName: late}
`;

for (const version of ['1.32', '1.27']) {
  test(
    `kubectl ${version}: a WaitForFirstConsumer claim waits for its first pod, then binds on the pod's node`,
    { skip: kubectlBinary(version) ? false : `kubectl.${version} not installed`, timeout: 120_000 },
    async () => {
      const bin = kubectlBinary(version)!;
      const srv = await startServe(['--speed', '1']);
      const k = (...args: string[]) => kubectl(bin, srv.kubeconfig, args);
      try {
        const r = await kubectl(bin, srv.kubeconfig, ['apply', '-f', '-'], { input: LATE });
        assert.equal(r.code, 0, r.stderr);
        assert.match((await k('get', 'pvc', 'late')).stdout, /^late\s+Pending\s+local\s/m);
        const d = await k('describe', 'pvc', 'late');
        assert.equal(d.code, 0, d.stderr);
        assert.match(d.stdout, /^Status:\s+Pending$/m);
        assert.match(d.stdout, /Normal\s+WaitForFirstConsumer\s+\S+\s+persistentvolume-controller\s+waiting for first consumer to be created before binding/);
        const p = await kubectl(bin, srv.kubeconfig, ['apply', '-f', '-'], { input: CONSUMER });
        assert.equal(p.code, 0, p.stderr);
        await kubectlUntil(bin, srv.kubeconfig, ['get', 'pvc', 'late', '-w'], (out) => /late\s+Bound\s+pvc-/.test(out));
        const node = (await k('get', 'pod', 'user', '-o', 'jsonpath={.spec.nodeName}')).stdout.trim();
        assert.match(node, /^node-\d$/);
        const bound = await k('describe', 'pvc', 'late');
        assert.match(bound.stdout, /^Status:\s+Bound$/m);
        assert.match(bound.stdout, new RegExp(`volume\\.kubernetes\\.io/selected-node: ${node}`));
        assert.match(bound.stdout, /^Used By:\s+user$/m);
      } finally {
        await srv.stop();
      }
    },
  );
}
