// The browser build (package.json's `browser`: dist/browser/*.js) in a real VS Code's web worker
// extension host, the host vscode.dev and github.dev have. code-server runs an extension there when
// the user setting `remote.extensionKind` says `web` for it; the Node entry is then never loaded.
// The test proves where it runs from the outside: Kube Dorm's diagnostics appear while no Node
// process runs its language server (dist/server.js) and the page holds the web worker host, then
// runs the Problems, hover, quick fix, Simulate Manifest and kubectl terminal scenarios there (the
// quick fix is the Node host's scenario, from ./scenarios.ts; lesson 1: browser-lessons.test.ts).
import { describe, it } from 'node:test';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { LUXURY, findWebviewFrame, goTo, openFile, problemsByFile, runCommand, useE2E, waitForPods, waitForProblems } from './support';
import { WORKSPACE_FILES } from './fixtures';
import { TYPO, WEB_WORKER_HOST, assertInWebWorkerHost, quickFixReplicas } from './scenarios';
import { cronJobYaml } from '../support/workload-yaml';

/** A CronJob whose schedule names day of week 9: cron-parser's bounds say no. */
const CRON_OUT_OF_RANGE = cronJobYaml('0 7 * * 1-9', { resources: true });
const CRON_WEEKDAYS = cronJobYaml('0 7 * * 1-5', { resources: true });

describe('e2e: the browser build in the web worker extension host (code-server + Chromium)', () => {
  const e2e = useE2E({
    files: { ...WORKSPACE_FILES, 'luxury.yaml': LUXURY, 'typo.yaml': TYPO, 'cron-ok.yaml': CRON_WEEKDAYS },
    settings: {
      'kubeDorm.language': 'en',
      ...WEB_WORKER_HOST,
      // xterm's DOM renderer, so the terminal's text is in the page.
      'terminal.integrated.gpuAcceleration': 'off',
    },
  });

  it('runs in the web worker host: diagnostics in the Problems panel with no Node language server', { timeout: 180_000 }, async () => {
    const { page, extensionDir } = e2e();
    await openFile(page, 'broken.yaml');
    const rows = await waitForProblems(page, (rs) => (problemsByFile(rs).get('broken.yaml') ?? []).some((r) => r.source === 'kube-dorm'));
    const row = problemsByFile(rows)
      .get('broken.yaml')!
      .find((r) => r.source === 'kube-dorm')!;
    assert.equal(row.code, 'yaml-syntax');
    assertInWebWorkerHost(page, extensionDir);
  });

  it('the workspace scan reads files through the client: a closed file has its problems too', { timeout: 120_000 }, async () => {
    const { page } = e2e();
    // deploy.yaml was never opened: its diagnostics come from the scan, which read it with vscode.workspace.fs.
    await waitForProblems(page, (rs) => (problemsByFile(rs).get('deploy.yaml') ?? []).some((r) => r.code === 'selector-mismatch'));
  });

  it('a schedule is checked without the cron libraries; hovering one has the server ask for them', { timeout: 180_000 }, async () => {
    const { page, folder } = e2e();
    // core/k8s/cron.ts checks a schedule by itself; only the hover's words and next runs need
    // dist/browser/cron.js, which the client reads when the server asks (kubeDorm/needAsset).
    const file = path.join(folder, 'cron.yaml');
    writeFileSync(file, CRON_OUT_OF_RANGE);
    await waitForProblems(page, (rs) => (problemsByFile(rs).get('cron.yaml') ?? []).some((r) => r.code === 'cronjob-schedule-invalid'));
    // Gone again, so that the Problems panel's rows stay those the other scenarios look for.
    rmSync(file);
    await waitForProblems(page, (rs) => !problemsByFile(rs).has('cron.yaml'));
    // In the workspace from the start (it has no problems): Quick Open may not list a file created meanwhile.
    await openFile(page, 'cron-ok.yaml');
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
    await goTo(page, CRON_WEEKDAYS.split('\n').findIndex((l) => l.includes('schedule:')) + 1, 16);
    await runCommand(page, 'Show or Focus Hover');
    const hover = page.locator('.monaco-hover .hover-contents, .monaco-hover .rendered-markdown').filter({ hasText: 'Monday through Friday' }).first();
    await hover.waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(await hover.innerText(), /At 07:00, Monday through Friday/);
    await page.keyboard.press('Escape');
    await runCommand(page, 'View: Close Editor');
  });

  it('hovering a kind explains it in the dorm analogy', { timeout: 120_000 }, async () => {
    const { page } = e2e();
    await openFile(page, 'luxury.yaml');
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
    const line = LUXURY.split('\n').findIndex((l) => l.startsWith('kind: Deployment')) + 1;
    await goTo(page, line, 9);
    await runCommand(page, 'Show or Focus Hover');
    const hover = page.locator('.monaco-hover .hover-contents, .monaco-hover .rendered-markdown').filter({ hasText: 'head manager' }).first();
    await hover.waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(await hover.innerText(), /Deployment/);
    await page.keyboard.press('Escape');
  });

  it(
    'Simulate Manifest opens the panel (features loaded from dist/browser/sim.js); the kubectl terminal runs the built-in kubectl',
    { timeout: 240_000 },
    async () => {
      const { page } = e2e();
      await openFile(page, 'luxury.yaml');
      await runCommand(page, 'Kube Dorm: Simulate Manifest');
      const frame = await findWebviewFrame(page, '[data-kind="node"]', 90_000);
      await waitForPods(frame, (ps) => ps.length === 2 && ps.every((p) => p.status === 'Running'), 90_000);

      await runCommand(page, 'Kube Dorm: Open kubectl Terminal');
      const rowsText = page.locator('.terminal-wrapper.active .xterm-rows, .terminal .xterm-rows').first();
      await rowsText.waitFor({ timeout: 30_000 });
      // Page code goes as strings (tsx's keepNames helper does not exist in the page).
      const terminalHas = (re: RegExp) => `${re}.test(document.querySelector('.xterm-rows')?.textContent ?? '')`;
      await page.waitForFunction(terminalHas(/built-in kubectl/), undefined, { timeout: 30_000 });
      await page.keyboard.type('get deployments');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => /nginx-luxury-edition\s+2\/2/.test(document.querySelector('.xterm-rows')?.textContent ?? ''), undefined, {
        timeout: 30_000,
      });
    },
  );

  it('Ctrl+. offers "Change to \\"replicas\\"": applying it changes the document and clears the problem', { timeout: 180_000 }, async () => {
    const { page, folder } = e2e();
    await quickFixReplicas(page, folder);
  });
});
