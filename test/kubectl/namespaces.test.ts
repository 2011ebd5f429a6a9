// Item 15 of issue 12 through the real kubectl: deleting a namespace served by `kube-dorm serve`
// turns it Terminating while its pods stop (nothing new may be created in it), then it is gone;
// `default` cannot be deleted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kubectl, kubectlBinary, startServe } from './support';

const SHOP = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: v1
kind: Pod
metadata:
  name: till
  namespace: shop
  annotations:
    kube-dorm.dev/stop-after: 20s
spec:
  containers:
  - name: till
    image: nginx:1.27
`;

for (const version of ['1.32', '1.27']) {
  test(
    `kubectl ${version}: a deleted namespace is Terminating until its pods are gone; default cannot be deleted`,
    { skip: kubectlBinary(version) ? false : `kubectl.${version} not installed`, timeout: 120_000 },
    async () => {
      const bin = kubectlBinary(version)!;
      const srv = await startServe(['--speed', '1']);
      try {
        const created = await kubectl(bin, srv.kubeconfig, ['apply', '-f', '-'], { input: SHOP });
        assert.equal(created.code, 0, created.stderr);
        const del = await kubectl(bin, srv.kubeconfig, ['delete', 'namespace', 'shop', '--wait=false']);
        assert.equal(del.code, 0, del.stderr);
        assert.match(del.stdout, /namespace "shop" deleted/);
        const phase = await kubectl(bin, srv.kubeconfig, ['get', 'namespace', 'shop', '-o', 'jsonpath={.status.phase}']);
        assert.equal(phase.stdout, 'Terminating', phase.stderr);
        const late = await kubectl(bin, srv.kubeconfig, ['apply', '-f', '-'], {
          input: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: late\n  namespace: shop\n',
        });
        assert.notEqual(late.code, 0);
        assert.match(late.stderr, /configmaps "late" is forbidden: unable to create new content in namespace shop because it is being terminated/);
        const gone = await kubectl(bin, srv.kubeconfig, ['wait', '--for=delete', 'namespace/shop', '--timeout=60s']);
        assert.equal(gone.code, 0, gone.stderr);
        const immortal = await kubectl(bin, srv.kubeconfig, ['delete', 'namespace', 'default']);
        assert.notEqual(immortal.code, 0);
        assert.match(immortal.stderr, /Error from server \(Forbidden\): namespaces "default" is forbidden: this namespace may not be deleted/);
      } finally {
        await srv.stop();
      }
    },
  );
}
