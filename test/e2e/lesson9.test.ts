// Lesson 9 (blue-green and canary) in a real VS Code (code-server + Chromium, the packaged extension):
// the learner opens it with "Kube Dorm: Open Lesson", applies the two colours, sends orders that only
// blue answers, switches the dispatch centre to green by typing in the editor, and lets "Show me" do
// the rollback and the canary, whose share of 8 orders (2, a quarter) the lesson view prints.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, findWebviewFrame, pickRow, runPaletteCommand, useE2E, waitForPods } from './support';
import { pressUntilDone, selectLine, step, waitDone } from './scenarios';

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
const BLUE_GREEN = readFileSync(path.join(ROOT, 'media', 'lessons', '09-blue-green', 'files', 'blue-green.yaml'), 'utf8');
const count = (text: string | null, re: RegExp) => (text ?? '').match(re)?.length ?? 0;

describe('e2e: lesson 9 in a real VS Code', () => {
  const env = useE2E({ files: { 'README.md': '# my project\n' }, settings: { 'kubeDorm.language': 'en' } });

  it('blue-green by hand in the editor, then rollback and canary by "Show me"; the checks follow the cluster', { timeout: 420_000 }, async () => {
    const { page } = env();
    await runPaletteCommand(page, 'Kube Dorm: Open Lesson');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Pods and their leaders' }).first().waitFor({ timeout: 30_000 });
    await page.keyboard.insertText('Lesson 9');
    await pickRow(page, 'Blue-green and canary');
    const frame = await findWebviewFrame(page, '[data-kind="lesson"][data-lesson-id="blue-green"]', 60_000);
    await page.locator('.tabs-container .tab.active[aria-label*="blue-green.yaml"]').waitFor({ timeout: 30_000 });
    const output = () => frame.textContent('[data-kind="lesson-output"]');

    // Apply both colours; the side panel draws six rooms.
    await pressUntilDone(frame, 'two-colours', 1);
    const dorm = await findWebviewFrame(page, '#owner:not([hidden])', 60_000);
    await waitForPods(dorm, (pods) => pods.filter((p) => p.status === 'Running').length === 6);

    // Orders go to blue only.
    await pressUntilDone(frame, 'blue-serves', 0);
    assert.equal(count(await output(), /web-blue-/g), 6);

    // Type the switch: the Service's selector (its first `colour: blue`) becomes green, save, Apply, send.
    await selectLine(page, BLUE_GREEN.split('\n').findIndex((l) => l.trim() === 'colour: blue') + 1, 'blue-green.yaml');
    await page.keyboard.insertText('colour: green');
    await page.keyboard.press(`${mod}+S`);
    for (let i = 0; i < 4 && !(await frame.$(`${step('to-green')}[data-done="true"]`)); i++) {
      await frame.click(`${step('to-green')} [data-kind="lesson-control"][data-index="1"]`);
      await frame.click(`${step('to-green')} [data-kind="lesson-control"][data-index="2"]`);
      await waitDone(frame, 'to-green', 20_000).catch(() => {});
    }
    await waitDone(frame, 'to-green', 5_000);
    assert.equal(count(await output(), /web-green-/g), 6);

    // Rollback and the canary, by "Show me": the rollback edits the open file back to blue.
    await pressUntilDone(frame, 'back-to-blue', 'show-me');
    // Monaco draws spaces as no-break spaces (\s matches both) and only the lines in view (the Service is at the top).
    const text = await page.locator('.editor-group-container .monaco-editor .view-lines').first().textContent();
    assert.match(text ?? '', /colour:\s+blue\s*ports:/, "the Service's selector (followed by its ports) says blue again");
    await pressUntilDone(frame, 'canary', 'show-me');
    const out = await output();
    assert.equal(count(out, /→ web-canary-/g), 2, out ?? '');
    assert.equal(count(out, /→ web-blue-/g), 6, out ?? '');
    await pressUntilDone(frame, 'bigger-share', 'show-me');
    await frame.waitForSelector('[data-kind="lesson-complete"]', { timeout: 10_000 });
  });
});
