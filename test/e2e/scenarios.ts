// Scenarios the end-to-end suite runs in both extension hosts (Node: editor.test.ts and
// lessons.test.ts; web worker: browser-host.test.ts and browser-lessons.test.ts), written once:
// the quick fix applied from the light bulb, and lesson 1 done from the walkthrough; and how a
// test puts the extension in the web worker host and proves it is there.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, watch } from 'node:fs';
import path from 'node:path';
import type { TestContext } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { ROOT, clickUntilShown, findWebviewFrame, goTo, openFile, paletteThenPick, problemsByFile, waitForProblems } from './support';
import { workloadYaml } from '../support/workload-yaml';

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

// ---------------------------------------------------------------------------------------------
// The web worker extension host

/**
 * User settings that make code-server run Kube Dorm in the web worker extension host (the host of
 * vscode.dev and github.dev): its `browser` entry, dist/browser/*.js; the Node entry is never loaded.
 */
export const WEB_WORKER_HOST: Record<string, unknown> = { 'remote.extensionKind': { 'kube-dorm.kube-dorm': ['web'] } };

/** Command lines of the processes on this machine that mention `needle`. */
export function processesWith(needle: string): string[] {
  const out: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmd.includes(needle)) out.push(`${pid}: ${cmd}`);
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/**
 * Checks from the outside that the extension runs in the web worker host: the page holds that host,
 * and no Node process runs the Node language server (dist/server.js; the browser's is a Worker).
 * Call it once the extension is active.
 */
export function assertInWebWorkerHost(page: Page, extensionDir: string): void {
  assert.deepEqual(processesWith(`${extensionDir}/dist/server.js`), [], 'no Node process runs the language server');
  assert.ok(
    page.frames().some((f) => /webWorkerExtensionHostIframe/.test(f.url())),
    `the page has the web worker extension host: ${page
      .frames()
      .map((f) => f.url())
      .join(', ')}`,
  );
}

/** A Deployment with `replica:` for `replicas:` (line 6): a schema-unknown-field with a "Change to" fix. */
export const TYPO = `${workloadYaml({ name: 'dorm', replicas: 2, replicasKey: 'replica', container: 'web', image: 'nginx:1.27' })}
          resources:
            requests: {cpu: 50m, memory: 64Mi}
            limits: {cpu: 100m, memory: 128Mi}
`;

/** Waits until the file on disk matches (the editor saves asynchronously); returns its text. */
export async function waitForFile(file: string, re: RegExp, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = readFileSync(file, 'utf8');
    if (re.test(text) || Date.now() > deadline) return text;
    await new Promise<void>((resolve) => {
      const w = watch(file, () => {
        w.close();
        resolve();
      });
      setTimeout(() => {
        w.close();
        resolve();
      }, 500);
    });
  }
}

/**
 * In `folder/typo.yaml` (TYPO): Ctrl+. on the typo offers 'Change to "replicas"'; choosing it with
 * the keyboard edits the document, which is saved to disk, and the problem leaves the Problems panel.
 */
export async function quickFixReplicas(page: Page, folder: string): Promise<void> {
  await openFile(page, 'typo.yaml');
  await waitForProblems(page, (rows) => (problemsByFile(rows).get('typo.yaml') ?? []).some((r) => r.code === 'schema-unknown-field'));
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
  await goTo(page, 6, 4);
  await page.keyboard.press(`${mod}+.`);
  const item = page.locator('.action-widget .monaco-list-row, .context-view .monaco-list-row').filter({ hasText: 'Change to "replicas"' }).first();
  await item.waitFor({ state: 'visible', timeout: 30_000 });
  // Choose it with the keyboard, as a person would: arrow to the row, then Enter.
  const focused = page.locator('.action-widget .monaco-list-row.focused, .context-view .monaco-list-row.focused');
  for (let i = 0; i < 10 && !((await focused.getAttribute('aria-label').catch(() => '')) ?? '').includes('Change to "replicas"'); i++) {
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  // The edit lands in the editor: save it and check the file on disk and the Problems panel.
  await page.locator('.editor-group-container.active .view-lines').filter({ hasText: 'replicas: 2' }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press(`${mod}+S`);
  const saved = await waitForFile(path.join(folder, 'typo.yaml'), /^ {2}replicas: 2$/m);
  assert.doesNotMatch(saved, /^ {2}replica:/m);
  await waitForProblems(page, (rows) => !(problemsByFile(rows).get('typo.yaml') ?? []).some((r) => r.code === 'schema-unknown-field'));
}

// ---------------------------------------------------------------------------------------------
// Lessons

export const step = (id: string) => `[data-kind="lesson-step"][data-step-id="${id}"]`;
const DORM = readFileSync(path.join(ROOT, 'media', 'lessons', '01-pods', 'files', 'dorm.yaml'), 'utf8');

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

/** Goes to a 1-based line in the active editor and selects its text after the indentation. */
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

/**
 * A newcomer does lesson 1 from the "Learn Kubernetes in the dorm" walkthrough: the lesson view
 * opens with its own dorm.yaml (from the extension's storage, not the workspace), then the four
 * steps by the lesson view's and the side panel's buttons and typing in the editor; the lesson
 * completes and the walkthrough step ticks.
 */
export async function lessonOneFromWalkthrough(page: Page, t: TestContext): Promise<void> {
  await paletteThenPick(page, 'Welcome: Open Walkthrough...', 'Learn Kubernetes', 'Learn Kubernetes in the dorm');
  // The walkthrough's first step is open; its button runs kubeDorm.openLesson("pods").
  const open1 = page.getByRole('button', { name: 'Open lesson 1', exact: true }).first();
  await open1.waitFor({ timeout: 60_000 });
  const t0 = Date.now();
  // A click while the walkthrough is still laying itself out can be lost: retry until the view's tab shows.
  const viewTab = page.locator('.tabs-container .tab[aria-label*="Kube Dorm: Lesson 1"]').first();
  await clickUntilShown(open1, viewTab);
  const frame = await findWebviewFrame(page, '[data-kind="lesson"][data-lesson-id="pods"]', 60_000);
  t.diagnostic(`walkthrough button → lesson view: ${Date.now() - t0} ms`);
  await page.locator('.tabs-container .tab[aria-label*="dorm.yaml"]').first().waitFor({ timeout: 30_000 });
  assert.deepEqual(await frame.$$eval('[data-kind="lesson-step"]', (els) => els.map((e) => e.getAttribute('data-done'))), ['false', 'false', 'false', 'false']);

  // Step 1: Apply (button 1 of the step).
  await pressUntilDone(frame, 'move-in', 1);
  // The side panel opened beside the lesson and draws the lesson's cluster as the dorm.
  const dorm = await findWebviewFrame(page, '#owner:not([hidden])', 60_000);
  assert.match((await dorm.textContent('#owner')) ?? '', /Lesson 1: Pods and their leaders/);
  await dorm.waitForFunction(() => document.querySelectorAll('[data-kind="pod"][data-status="Running"]').length === 5, undefined, { timeout: 60_000 });
  // Step 2 in the side panel: pick a room, press its Delete button; the auntie refills it.
  const victim = await dorm.getAttribute('[data-kind="pod"][data-status="Running"]', 'data-name');
  await dorm.click(`[data-kind="pod"][data-name="${victim}"]`);
  await dorm.click('#selection [data-action="delete-pod"]');
  await waitDone(frame, 'refill');
  assert.equal(
    await dorm.$$eval(`[data-kind="pod"][data-name="${victim}"][data-status="Running"]`, (e) => e.length),
    0,
    'the deleted room is not running any more',
  );
  // Step 3: type replicas: 8 in the editor, save, press Apply.
  await page.locator('.tabs-container .tab[aria-label*="dorm.yaml"]').first().click();
  await selectLine(page, DORM.split('\n').findIndex((l) => l.trim() === 'replicas: 5') + 1, 'dorm.yaml');
  await page.keyboard.insertText('replicas: 8');
  await page.keyboard.press(`${mod}+S`);
  await frame.click(`${step('scale-up')} [data-kind="lesson-control"][data-index="1"]`);
  await waitDone(frame, 'scale-up');
  // Step 4 in the side panel: the Deployment card's replica count and its Scale button.
  const card = '[data-kind="deployment"][data-name="dorm"]';
  await dorm.fill(`${card} input[type="number"]`, '3');
  await dorm.click(`${card} [data-action="scale"]`);
  await waitDone(frame, 'scale-down', 90_000);
  await frame.waitForSelector('[data-kind="lesson-complete"]', { timeout: 10_000 });
  assert.deepEqual(await frame.$$eval('[data-kind="lesson-step"]', (els) => els.map((e) => e.getAttribute('data-done'))), ['true', 'true', 'true', 'true']);
  // The walkthrough step completed through its completionEvent (onContext:kubeDorm.lessonDone.pods).
  await paletteThenPick(page, 'Welcome: Open Walkthrough...', 'Learn Kubernetes', 'Learn Kubernetes in the dorm');
  await page
    .locator('.getting-started-step', { hasText: 'Lesson 1: Pods and their leaders' })
    .locator('.codicon-getting-started-step-checked')
    .first()
    .waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('.getting-started-step .codicon-getting-started-step-checked').count(), 1, 'only lesson 1 is ticked');
}
