// "Kube Dorm: Connect to Cluster" in a real VS Code (code-server + Chromium), against `kube-dorm
// serve` standing in for a real API server: the panel draws its pods; the controls refuse until
// changes are allowed (a modal naming the context); `kubectl scale` from outside shows in the
// panel; stopping serve turns the header "stale"; starting it again recovers in the same panel.
// A CRD installed in the cluster (not in the workspace) checks a custom resource in the Problems panel.
// Every wait polls a DOM condition or process output with a generous deadline (no fixed sleeps).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Frame } from 'playwright-core';
import { INSTALL_TIMEOUT_MS, ROOT, findWebviewFrame, freePort, openFile, runCommand, startE2E, waitForPods, type E2EEnv } from './support';
import { waitForProblems } from './workbench';
import { webDeployment } from './fixtures';
import { kubectl, kubectlBinary } from '../kubectl/support';

const WEB = webDeployment('nginx:1.27');
const CRDS = readFileSync(path.join(ROOT, 'test', 'fixtures', 'crd', 'crds.yaml'), 'utf8');
const WIDGET = 'apiVersion: dorm.example.com/v1\nkind: Widget\nmetadata:\n  name: desk\nspec:\n  size: small\n  replicas: 20\n';

const KUBECTL = kubectlBinary('default');

/** `kube-dorm serve` from the built CLI, on a fixed port with kept credentials (a restart accepts the same kubeconfig). */
function startServe(dir: string, port: number): Promise<ChildProcess> {
  const proc = spawn(
    process.execPath,
    [
      path.join(ROOT, 'bin', 'kube-dorm.js'),
      'serve',
      path.join(dir, 'web.yaml'),
      '--port',
      String(port),
      '--kubeconfig',
      path.join(dir, 'kubeconfig'),
      '--credentials-dir',
      path.join(dir, 'credentials'),
      '--test-hooks',
      '--lang',
      'en',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 120_000);
    proc.on('exit', (code) => reject(new Error(`serve exited (${code}):\n${out}`)));
    proc.stdout.on('data', () => {
      if (out.includes('kubeconfig: ')) {
        clearTimeout(timer);
        resolve(proc);
      }
    });
  });
}

const stopServe = (p: ChildProcess | undefined) =>
  new Promise<void>((resolve) => {
    if (!p || p.exitCode !== null) return resolve();
    p.once('exit', () => resolve());
    p.kill('SIGTERM');
  });

/** The text of an element of the frame once `ok` holds for it (polled; the deadline only stops a hung run). */
async function waitText(frame: Frame, selector: string, ok: (text: string) => boolean, what: string, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = (await frame.textContent(selector).catch(() => null)) ?? '';
    if (ok(text)) return text;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; ${selector} says: ${text}`);
    await frame.waitForTimeout(200);
  }
}

describe('e2e: the panel on a real cluster (kube-dorm serve)', { skip: !KUBECTL && 'kubectl not installed' }, () => {
  let env: E2EEnv | undefined;
  let serve: ChildProcess | undefined;
  let port = 0;
  const dir = mkdtempSync(path.join(tmpdir(), 'kd-e2e-cluster-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  const k = (...args: string[]) => kubectl(KUBECTL!, kubeconfig, args);

  before(
    async () => {
      port = await freePort();
      writeFileSync(path.join(dir, 'web.yaml'), WEB);
      writeFileSync(path.join(dir, 'crds.yaml'), CRDS);
      serve = await startServe(dir, port);
      env = await startE2E({ files: { 'web.yaml': WEB, 'widget.yaml': WIDGET }, settings: { 'kubeDorm.language': 'en', 'kubeDorm.kubeconfig': kubeconfig } });
    },
    { timeout: INSTALL_TIMEOUT_MS + 5 * 60_000 },
  );
  after(async () => {
    await env?.dispose();
    await stopServe(serve);
    rmSync(dir, { recursive: true, force: true });
  });

  it('connects, refuses changes until allowed, follows kubectl, goes stale and recovers', { timeout: 600_000 }, async (t) => {
    const page = env!.page;
    assert.equal((await k('apply', '-f', path.join(dir, 'crds.yaml'))).code, 0, 'the CRDs are installed in the cluster');
    // A YAML file activates the extension (as a learner's manifest would).
    await openFile(page, 'web.yaml');
    const t0 = Date.now();
    await runCommand(page, 'Kube Dorm: Connect to Cluster', 60_000);
    const frame = await findWebviewFrame(page, '#remote:not([hidden])', 120_000);
    t.diagnostic(`command → panel with the cluster: ${Date.now() - t0} ms`);
    await waitText(frame, '.remote-context', (s) => s.includes('kube-dorm'), 'the context in the header');
    await waitForPods(frame, (ps) => ps.length === 2, 120_000);
    assert.equal(await frame.getAttribute('#app', 'data-changes'), 'read-only');

    // Lint follows the cluster: the CRD installed there (and only there) checks widget.yaml.
    const rows = await waitForProblems(page, (rs) => rs.some((r) => r.code.includes('schema-constraint')), 120_000);
    const row = rows.find((r) => r.code.includes('schema-constraint'))!;
    assert.match(row.message, /spec\.replicas: Invalid value: 20/);
    assert.equal(await frame.$('#play:visible'), null, 'the simulator’s clock controls are not offered');

    // Read-only: the control says what it would run and changes nothing.
    const card = '[data-kind="deployment"][data-name="web"]';
    await frame.fill(`${card} input[type="number"]`, '4');
    await frame.click(`${card} [data-action="scale"]`);
    const refusal = await waitText(frame, '#output', (s) => /read-only/.test(s), 'the read-only refusal');
    assert.match(refusal, /kubectl scale deployment\/web --replicas=4 -n default --context kube-dorm/);
    assert.equal((await k('get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas}')).stdout, '2');

    // kubectl from outside shows in the panel.
    const t1 = Date.now();
    const scaled = await k('scale', 'deployment/web', '--replicas=3');
    assert.equal(scaled.code, 0, scaled.stderr);
    await waitForPods(frame, (ps) => ps.length === 3, 120_000);
    t.diagnostic(`kubectl scale → 3 rooms in the panel: ${Date.now() - t1} ms`);

    // Allow changes: a modal naming the context; then the control acts.
    await frame.click('#allow-changes');
    const allow = page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Allow changes to kube-dorm' });
    await allow.waitFor({ timeout: 60_000 });
    assert.match((await page.textContent('.monaco-dialog-box')) ?? '', /"kube-dorm"/);
    await allow.click();
    await frame.waitForSelector('#app[data-changes="allowed"]', { timeout: 60_000 });
    await frame.fill(`${card} input[type="number"]`, '4');
    await frame.click(`${card} [data-action="scale"]`);
    await waitText(frame, '#output', (s) => s.includes('deployment.apps/web scaled'), 'the scale answer');
    await waitForPods(frame, (ps) => ps.length === 4, 120_000);
    assert.equal((await k('get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas}')).stdout, '4');

    // serve stops: the header says stale (never a silently frozen picture).
    const t2 = Date.now();
    await stopServe(serve);
    await frame.waitForSelector('#freshness[data-stale="true"]', { timeout: 120_000 });
    t.diagnostic(`serve stopped → "stale": ${Date.now() - t2} ms`);
    assert.match((await frame.textContent('#freshness')) ?? '', /Stale/);

    // serve starts again (a fresh cluster with web.yaml: 2 replicas): the same panel recovers.
    serve = await startServe(dir, port);
    await frame.waitForSelector('#freshness[data-stale="false"]', { timeout: 180_000 });
    await waitForPods(frame, (ps) => ps.length === 2, 180_000);
    assert.equal((await k('scale', 'deployment/web', '--replicas=1')).code, 0);
    await waitForPods(frame, (ps) => ps.length === 1, 120_000);
  });
});
