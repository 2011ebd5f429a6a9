// The lesson view and its editor as the lesson e2e tests drive them: a step's element, waiting for
// it to be done, pressing a step's button until it is, and selecting a line of the lesson file.
import type { Frame, Page } from 'playwright-core';

export const step = (id: string) => `[data-kind="lesson-step"][data-step-id="${id}"]`;

export async function waitDone(frame: Frame, id: string, timeoutMs = 60_000): Promise<void> {
  await frame.waitForSelector(`${step(id)}[data-done="true"]`, { timeout: timeoutMs });
}

/**
 * Presses a step's button (control `index`, or "Show me") until the step is done: under load a click
 * can land before the view has wired its buttons (the buttons used this way are idempotent).
 */
export async function pressUntilDone(frame: Frame, id: string, button: number | 'show-me', attempts = 4): Promise<void> {
  const sel = button === 'show-me' ? `${step(id)} [data-action="show-me"]` : `${step(id)} [data-kind="lesson-control"][data-index="${button}"]`;
  for (let i = 0; i < attempts - 1; i++) {
    await frame.click(sel);
    if (
      await waitDone(frame, id, 20_000).then(
        () => true,
        () => false,
      )
    )
      return;
  }
  await frame.click(sel);
  await waitDone(frame, id);
}

/** Goes to a 1-based line in the file's editor and selects its text after the indentation. */
export async function selectLine(page: Page, line: number, file: string): Promise<void> {
  // Focus the file's editor: its tab, then the text area of the (now active) group.
  await page.locator(`.tabs-container .tab[aria-label*="${file}"]`).first().click();
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
  // "Go to Line/Column" through the palette (':' prefix): the browser may keep Ctrl+G for itself,
  // and then the digits would be typed into the file.
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
}
