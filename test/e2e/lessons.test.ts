// Lessons in a real VS Code (code-server + Chromium), the packaged extension installed as a user
// would: a newcomer opens lesson 1 from the "Learn Kubernetes in the dorm" walkthrough, follows its
// steps by pressing the lesson view's buttons and typing in the editor, and sees the lesson
// complete (and the walkthrough step tick); then opens lesson 7 with "Kube Dorm: Open Lesson" and
// does its quick-fix step with the editor's light bulb menu.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { INSTALL_TIMEOUT_MS, ROOT, findWebviewFrame, pickRow, runPaletteCommand, startE2E, type E2EEnv } from './support';
import { lessonOneFromWalkthrough, selectLine, step, waitDone } from './scenarios';

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
const LUXURY = readFileSync(path.join(ROOT, 'media', 'lessons', '07-secrets-limits', 'files', 'luxury.yaml'), 'utf8');

describe('e2e: lessons in a real VS Code', () => {
  let env: E2EEnv | undefined;
  before(
    async () => {
      env = await startE2E({ files: { 'README.md': '# my project\n' }, settings: { 'kubeDorm.language': 'en' } });
    },
    { timeout: INSTALL_TIMEOUT_MS + 5 * 60_000 },
  );
  after(async () => {
    await env?.dispose();
  });

  it('a newcomer does lesson 1 from the walkthrough: buttons in the lesson view and the side panel, typing in the editor', { timeout: 300_000 }, async (t) => {
    assert.ok(env);
    await lessonOneFromWalkthrough(env.page, t);
  });

  it("lesson 7's quick-fix step: the light bulb moves the password into a Secret", { timeout: 240_000 }, async () => {
    assert.ok(env);
    const { page } = env;
    // Close whatever the walkthrough left focused, then open the palette.
    await runPaletteCommand(page, 'Kube Dorm: Open Lesson');
    // Lesson 1 is first in the list, with its progress.
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Pods and their leaders' }).first().waitFor({ timeout: 30_000 });
    assert.match((await rows.first().textContent()) ?? '', /Lesson 1: Pods and their leaders.*complete/);
    await page.keyboard.insertText('Lesson 7');
    await pickRow(page, 'Secret and resource limits');
    const frame = await findWebviewFrame(page, '[data-kind="lesson"][data-lesson-id="secrets-limits"]', 60_000);
    await page.locator('.tabs-container .tab.active[aria-label*="luxury.yaml"]').waitFor({ timeout: 30_000 });
    // Put the cursor on the plain-text password, open the quick fixes and pick the Secret one.
    const line = LUXURY.split('\n').findIndex((l) => l.includes('value: dorm-wifi-2024')) + 1;
    await selectLine(page, line, 'luxury.yaml');
    await page.keyboard.press('End');
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'into Secret' }).first();
    const focused = page.locator('.action-widget .monaco-list-row.focused', { hasText: 'into Secret' }).first();
    const done = () => frame.$(`${step('into-the-safe')}[data-done="true"]`);
    // Open the light bulb menu (Ctrl+.) once the diagnostic is there, move onto the fix and press
    // Enter, as a keyboard user would; a menu that closes before the choice lands is opened again.
    for (let i = 0; i < 15 && !(await done()); i++) {
      await page.keyboard.press(`${mod}+.`);
      if (
        !(await fix.waitFor({ timeout: 3000 }).then(
          () => true,
          () => false,
        ))
      ) {
        await page.keyboard.press('Escape');
        continue;
      }
      for (
        let j = 0;
        j < 5 &&
        !(await focused.waitFor({ timeout: 1000 }).then(
          () => true,
          () => false,
        ));
        j++
      )
        await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await frame.waitForSelector(`${step('into-the-safe')}[data-done="true"]`, { timeout: 5000 }).catch(() => {});
    }
    await waitDone(frame, 'into-the-safe', 30_000);
    const text = await page.locator('.editor-group-container .monaco-editor .view-lines').first().textContent();
    assert.match(text ?? '', /secretKeyRef/);
  });
});
