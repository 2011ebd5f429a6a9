// kubeDorm.kubernetesVersion over real JSON-RPC: the version given at start (initializationOptions)
// and a change of the setting (pulled through workspace/configuration) change the diagnostics, in the
// client's language, and hover and completion follow it.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { fileUri, startClient, tempDir, type TestClient } from './harness';
import { flowSchema, sidecarPod } from '../support/manifests';

const POD = sidecarPod({ resources: true });
const FLOW = flowSchema();
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
    const cleared = client.nextDiagnostics(pod, (d) => !d.some((x) => x.code === 'field-not-in-version'));
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

  const labels = (r: unknown): string[] => ((Array.isArray(r) ? r : (r as { items: { label: string }[] }).items) as { label: string }[]).map((i) => i.label);
  const POD_SPEC = sidecarPod();

  test('completion leaves out fields and apiVersions newer than the target; hover says when a field arrived', async () => {
    const client = await startClient({ folder: dir, initializationOptions: { kubernetesVersion: '1.27' } });
    clients.push(client);
    const pod = fileUri(path.join(dir, 'pod3.yaml'));
    const typing = fileUri(path.join(dir, 'pod3-typing.yaml'));
    const first = client.nextDiagnostics(pod);
    client.open(pod, POD_SPEC);
    client.open(typing, `${POD_SPEC}  host\n`);
    await first;
    const at = (line: number, character: number, uri = pod) => ({ textDocument: { uri }, position: { line, character } });
    // spec.host…: hostNetwork and hostPID are there in 1.27, hostUsers too; hostnameOverride arrived in 1.34.
    const old = labels(await client.conn.sendRequest('textDocument/completion', at(12, 6, typing)));
    assert.ok(old.includes('hostNetwork') && old.includes('hostUsers'), old.join(','));
    assert.ok(!old.includes('hostnameOverride') && !old.includes('resources'), old.join(','));
    const hover: { contents: { value: string } } = await client.conn.sendRequest('textDocument/hover', at(8, 8));
    assert.match(hover.contents.value, /Added in Kubernetes 1\.28; your target is 1\.27 \(`kubeDorm\.kubernetesVersion`\)/);
    const image: { contents: { value: string } } = await client.conn.sendRequest('textDocument/hover', at(7, 8));
    assert.doesNotMatch(image.contents.value, /Added in Kubernetes/);

    // apiVersion of a FlowSchema on 1.28: the betas it serves, not v1 (1.29).
    const cleared = client.nextDiagnostics(pod, (d) => !d.some((x) => x.code === 'field-not-in-version'));
    await client.changeSettings({ kubernetesVersion: '1.28' });
    await cleared;
    const flow = fileUri(path.join(dir, 'flow3.yaml'));
    client.open(flow, 'kind: FlowSchema\napiVersion: \n');
    const avs = labels(await client.conn.sendRequest('textDocument/completion', at(1, 12, flow)));
    assert.deepEqual(avs.filter((v) => v.startsWith('flowcontrol')).sort(), ['flowcontrol.apiserver.k8s.io/v1beta2', 'flowcontrol.apiserver.k8s.io/v1beta3']);

    // The newest: everything is offered, and nothing is said to be newer.
    const beta = fileUri(path.join(dir, 'flow4.yaml'));
    const served = client.nextDiagnostics(beta);
    client.open(beta, FLOW.replace('/v1\n', '/v1beta3\n'));
    assert.deepEqual(brief(await served), []);
    const removed = client.nextDiagnostics(beta, (d) => d.length > 0);
    await client.changeSettings({ kubernetesVersion: '1.36' });
    assert.deepEqual(brief(await removed), [['api-version-removed', 0, 12, 1]]);
    const now = labels(await client.conn.sendRequest('textDocument/completion', at(12, 6, typing)));
    assert.ok(now.includes('hostnameOverride') && now.includes('resources'), now.join(','));
    const later: { contents: { value: string } } = await client.conn.sendRequest('textDocument/hover', at(8, 8));
    assert.doesNotMatch(later.contents.value, /Added in Kubernetes/);
    client.close(beta);
    client.close(flow);
    client.close(typing);
    client.close(pod);
  });

  test('the hover on a newer field in Chinese', async () => {
    const client = await startClient({ folder: dir, locale: 'zh-cn', initializationOptions: { kubernetesVersion: '1.27' } });
    clients.push(client);
    const pod = fileUri(path.join(dir, 'pod4.yaml'));
    const first = client.nextDiagnostics(pod);
    client.open(pod, POD_SPEC);
    await first;
    const hover: { contents: { value: string } } = await client.conn.sendRequest('textDocument/hover', {
      textDocument: { uri: pod },
      position: { line: 8, character: 8 },
    });
    assert.match(hover.contents.value, /在 Kubernetes 1\.28 中加入；你的目标版本是 1\.27/);
  });
});
