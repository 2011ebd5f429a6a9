// kubeDorm.kubernetesVersion over real JSON-RPC: the version given at start (initializationOptions)
// and a change of the setting (pulled through workspace/configuration) change the diagnostics, in the
// client's language.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { fileUri, startClient, tempDir, type TestClient } from './harness';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  initContainers:
    - name: log
      image: busybox:1.36
      restartPolicy: Always
      resources: {requests: {cpu: 10m, memory: 16Mi}, limits: {cpu: 20m, memory: 32Mi}}
  containers:
    - name: app
      image: nginx:1.27
      resources: {requests: {cpu: 10m, memory: 16Mi}, limits: {cpu: 20m, memory: 32Mi}}
`;
const FLOW =
  'apiVersion: flowcontrol.apiserver.k8s.io/v1\nkind: FlowSchema\nmetadata:\n  name: fs\nspec:\n  priorityLevelConfiguration:\n    name: global-default\n';
const brief = (ds: { code?: string | number; range: { start: { line: number; character: number } }; severity?: number }[]) =>
  ds.map((d) => [d.code, d.range.start.line, d.range.start.character, d.severity]);

describe('kubeDorm.kubernetesVersion over JSON-RPC', () => {
  const { dir, cleanup } = tempDir();
  const clients: TestClient[] = [];
  after(async () => {
    for (const c of clients) await c.stop();
    cleanup();
  });

  test('changing the setting changes the diagnostics; an unknown version means the default', async () => {
    const client = await startClient({ folder: dir });
    clients.push(client);
    const pod = fileUri(path.join(dir, 'pod.yaml'));
    const flow = fileUri(path.join(dir, 'flow.yaml'));
    const first = client.nextDiagnostics(pod);
    client.open(pod, POD);
    assert.deepEqual(brief(await first), []);
    const firstFlow = client.nextDiagnostics(flow);
    client.open(flow, FLOW);
    assert.deepEqual(brief(await firstFlow), []);

    const old = client.nextDiagnostics(pod, (d) => d.length > 0);
    const oldFlow = client.nextDiagnostics(flow, (d) => d.length > 0);
    await client.changeSettings({ kubernetesVersion: '1.27' });
    const ds = await old;
    assert.deepEqual(brief(ds), [['field-not-in-version', 8, 6, 1]]);
    assert.match(ds[0].message, /Kubernetes 1\.27 does not have it; it was added in Kubernetes 1\.28\./);
    assert.deepEqual(brief(await oldFlow), [['api-version-not-served', 0, 12, 1]]);

    // A version without data (a typo in settings.json) means the default, like a removed setting.
    const cleared = client.nextDiagnostics(pod, (d) => d.length === 0);
    const clearedFlow = client.nextDiagnostics(flow, (d) => d.length === 0);
    await client.changeSettings({ kubernetesVersion: '1.99' });
    await cleared;
    await clearedFlow;
    client.close(pod);
    client.close(flow);
  });

  test('the version in initializationOptions, in Chinese', async () => {
    const client = await startClient({ folder: dir, locale: 'zh-cn', initializationOptions: { kubernetesVersion: '1.28' } });
    clients.push(client);
    const flow = fileUri(path.join(dir, 'flow2.yaml'));
    const d = client.nextDiagnostics(flow);
    client.open(flow, FLOW);
    const ds = await d;
    assert.deepEqual(brief(ds), [['api-version-not-served', 0, 12, 1]]);
    assert.match(
      ds[0].message,
      /Kubernetes 1\.28 还不提供它，从 Kubernetes 1\.29 起才提供。在 1\.28 上请改用 apiVersion "flowcontrol\.apiserver\.k8s\.io\/v1beta3"/,
    );
  });
});
