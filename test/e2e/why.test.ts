// "Why?" in a real VS Code (code-server + Chromium, the packaged extension): simulate a manifest
// whose Service sends to a port nothing listens on, click "Why?" on its card in the panel, then
// "Go to line": the editor's cursor lands on the targetPort line and column; the editor shows the
// CodeLens; "Apply fix" runs the editor's quick fix, which changes the line.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { serviceWrongTargetPort } from '../support/manifests';
import { findWebviewFrame, openFile, parsePosition, runCommand, useE2E, waitForPods } from './support';

const BROKEN = serviceWrongTargetPort(1);
const LINE = BROKEN.split('\n').findIndex((l) => l.includes('targetPort: 8080')) + 1;
const COLUMN = BROKEN.split('\n')[LINE - 1].indexOf('targetPort') + 1;

describe('e2e: "Why?" in a real VS Code', () => {
  const e2e = useE2E({ files: { 'broken.yaml': BROKEN }, settings: { 'kubeDorm.language': 'en' } });

  it('panel "Why?" → "Go to line" puts the cursor on the line to change; the lens says why; "Apply fix" fixes it', { timeout: 240_000 }, async (t) => {
    const { page } = e2e();
    await openFile(page, 'broken.yaml');
    await runCommand(page, 'Kube Dorm: Simulate Manifest');
    const frame = await findWebviewFrame(page, '[data-kind="service"][data-name="web"] [data-action="why"]', 60_000);
    await waitForPods(frame, (ps) => ps.length === 1 && ps[0].status === 'Running');
    await frame.click('[data-kind="service"][data-name="web"] [data-action="why"]');
    await frame.waitForSelector('#why .why-step');
    assert.equal(await frame.textContent('#why [data-field="symptom"]'), 'Service web sends to port 8080, where nothing listens');
    // Move the cursor elsewhere first, so the jump is the panel's doing.
    await page.locator('.editor-group-container .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Home');
    await frame.click('#why .why-step:last-child [data-action="why-goto"]');
    const status = page.locator('[id="status.editor.selection"]');
    await page.waitForFunction(
      (want) =>
        /Ln\s+(\d+),\s*Col\s+(\d+)/
          .exec(document.getElementById('status.editor.selection')?.textContent ?? '')
          ?.slice(1)
          .join(':') === want,
      `${LINE}:${COLUMN}`,
      { timeout: 30_000 },
    );
    assert.deepEqual(parsePosition((await status.textContent()) ?? ''), { line: LINE, column: COLUMN });
    // The editor's lens on the Service's first line (recomputed about once a second).
    const lens = page.locator('.monaco-editor .codelens-decoration', { hasText: 'Service web sends to port 8080' });
    await lens.first().waitFor({ timeout: 30_000 });
    t.diagnostic(`lens: ${await lens.first().textContent()}`);
    // "Apply fix": the editor's quick fix for service-target-port changes the line to the port the pods listen on.
    await frame.click('#why [data-action="why-fix"]');
    await page
      .waitForFunction(
        () => [...document.querySelectorAll('.monaco-editor .view-line')].some((l) => /targetPort:\s80\s*$/.test(l.textContent ?? '')),
        undefined,
        {
          timeout: 30_000,
        },
      )
      .catch(async (e: Error) => {
        const lines = await page.$$eval('.monaco-editor .view-line', (ls) => ls.map((l) => l.textContent ?? ''));
        const toasts = await page.$$eval('.notifications-toasts .notification-list-item-message', (ls) => ls.map((l) => l.textContent ?? ''));
        throw new Error(`${e.message}\nlines: ${JSON.stringify(lines)}\nnotifications: ${JSON.stringify(toasts)}`);
      });
  });
});
