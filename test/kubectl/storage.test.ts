// Claims through the real kubectl (issue 12, item 10): the cluster has minikube's default
// StorageClass, and a claim naming one that does not exist stays Pending with the
// persistentvolume-controller's ProvisioningFailed event, as `kubectl describe pvc` shows it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kubectl, kubectlBinary, startServe } from './support';

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
