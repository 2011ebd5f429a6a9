// "Kube Dorm: Simulate Manifest" in a real VS Code (code-server + Chromium), the packaged extension
// installed as a user would: open the seed's luxury edition, run the command from the palette,
// find the pods in the panel's frame, change the image in the editor, save, see the rollout.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LUXURY, findWebviewFrame, openFile, runCommand, useE2E, waitForPods, watchConsole } from './support';

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

describe('e2e: the simulation panel in a real VS Code', () => {
  const e2e = useE2E({ files: { 'luxury.yaml': LUXURY }, settings: { 'kubeDorm.language': 'en' } });

  it('simulates the open manifest from the palette; saving a new image rolls the pods over', { timeout: 240_000 }, async (t) => {
    const env = e2e();
    const { page } = env;
    const log = watchConsole(page);
    await openFile(page, 'luxury.yaml');
    const t0 = Date.now();
    await runCommand(page, 'Kube Dorm: Simulate Manifest');
    const frame = await findWebviewFrame(page, '[data-kind="node"]', 60_000);
    t.diagnostic(`command → panel with buildings: ${Date.now() - t0} ms`);
    assert.equal(await frame.getAttribute('#app', 'data-init'), 'embedded', 'the first state came in the page');
    assert.deepEqual(await frame.$$eval('[data-kind="node"]', (els) => els.map((e) => e.getAttribute('data-name'))), ['node-1', 'node-2', 'node-3']);
    const first = await waitForPods(frame, (ps) => ps.length === 2 && ps.every((p) => p.status === 'Running'));
    const oldRs = first[0].owner;
    assert.ok(first.every((p) => p.owner === oldRs && /^node-\d$/.test(p.node)));
    assert.ok(await frame.$('[data-kind="event"][data-reason="Scheduled"]'));

    // Change the image in the editor and save: the panel re-applies and the Deployment rolls over.
    // Go to the image line (Ctrl+G), select the line's text and type the new image, as a person would.
    const line = LUXURY.split('\n').findIndex((l) => l.includes('image: nginx:1.27')) + 1;
    await page.locator('.editor-group-container .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+G');
    await page.keyboard.insertText(String(line));
    await page.keyboard.press('Enter');
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.insertText('image: nginx:1.28');
    await page.keyboard.press(`${mod}+S`);
    const rolled = await waitForPods(frame, (ps) => ps.length === 2 && ps.every((p) => p.status === 'Running' && p.owner !== oldRs), 90_000);
    t.diagnostic(`after save: ${JSON.stringify(rolled)}`);
    const scaling = await frame.$$eval('[data-kind="event"][data-reason="ScalingReplicaSet"] .kubectl-line', (els) => els.map((e) => e.textContent ?? ''));
    assert.ok(
      scaling.some((s) => s.includes(`Scaled down replica set ${oldRs}`)),
      scaling.join('\n'),
    );
    assert.match((await frame.textContent('[data-kind="deployment"][data-name="nginx-luxury-edition"]')) ?? '', /nginx:1\.28/);
    // Hide the panel (another editor in its group) and show it again: VS Code unloads a hidden
    // webview and loads its HTML again, which carries the state as it was when hidden, so the
    // rollout's history is still there (a fresh cluster would have no old ReplicaSet to scale down).
    const simTab = page.locator('.tabs-container .tab[aria-label*="Kube Dorm: Simulation"]').first();
    const tBefore = Number(await frame.getAttribute('#time', 'data-t'));
    await simTab.click();
    await runCommand(page, 'File: New Untitled Text File');
    await page.waitForFunction(() => !document.querySelector('.tabs-container .tab.active[aria-label*="Kube Dorm: Simulation"]'));
    await simTab.click();
    const again = await findWebviewFrame(page, '[data-kind="pod"][data-status="Running"]', 60_000);
    assert.equal(await again.getAttribute('#app', 'data-init'), 'embedded', 'the page drew the state embedded in its HTML, set when it was hidden');
    const back = await again.$$eval('[data-kind="event"][data-reason="ScalingReplicaSet"] .kubectl-line', (els) => els.map((e) => e.textContent ?? ''));
    assert.ok(
      back.some((s) => s.includes(`Scaled down replica set ${oldRs}`)),
      `history kept after hide/show:\n${back.join('\n')}`,
    );
    assert.ok(Number(await again.getAttribute('#time', 'data-t')) >= tBefore, 'virtual time did not go back');
    assert.deepEqual((await waitForPods(again, (ps) => ps.length === 2)).map((p) => p.owner).sort(), rolled.map((p) => p.owner).sort());
    // Neither the panel's CSP nor its script complained while it loaded and updated.
    assert.deepEqual(
      log.all.filter((l) => /Content Security Policy|Refused to (load|execute|apply)/i.test(l)),
      [],
    );
    assert.deepEqual(log.fromWebview(), []);
  });

  it('comes back after a window reload (panel serializer) with the same manifest simulated', { timeout: 180_000 }, async () => {
    const env = e2e();
    const { page } = env;
    await runCommand(page, 'Developer: Reload Window');
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    const frame = await findWebviewFrame(page, '[data-kind="pod"]', 90_000);
    // A fresh cluster with the saved file applied: the pods run nginx 1.28 from the start.
    const pods = await waitForPods(frame, (ps) => ps.length === 2 && ps.every((p) => p.status === 'Running'));
    assert.equal(new Set(pods.map((p) => p.owner)).size, 1);
    assert.match((await frame.textContent('[data-kind="deployment"][data-name="nginx-luxury-edition"]')) ?? '', /nginx:1\.28/);
  });
});
