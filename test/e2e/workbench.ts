// The workbench as a person drives it, for the end-to-end suite: open files and commands from the
// palette, read the Problems panel and the console, find a webview's frame, read the dorm's rooms.
// Everything waits on DOM conditions, never on fixed sleeps.
import path from 'node:path';
import type { Browser, Frame, Locator, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import type { CodeServer } from './support';

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
// ---------------------------------------------------------------------------------------------
// Chromium and the workbench

export function launchBrowser(): Promise<Browser> {
  return launchChromium();
}

/** Opens the workbench for a folder (or, without one, an empty window) and waits until it is ready for input. */
export async function openWorkbench(browser: Browser, server: CodeServer, folder: string | undefined, timeoutMs = 60_000): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  // code-server's `ew=true`: an empty window, not the folder it was started on.
  await page.goto(folder ? `${server.url}/?folder=${encodeURIComponent(folder)}` : `${server.url}/?ew=true`, { timeout: timeoutMs });
  await page.waitForSelector('.monaco-workbench', { timeout: timeoutMs });
  // The explorer lists the folder once the remote file system answers; an empty window shows its activity bar.
  await page.waitForSelector(folder ? '.explorer-folders-view .monaco-list-row' : '.part.activitybar .action-item', { timeout: timeoutMs });
  return page;
}

/**
 * Opens a workspace file with Quick Open (Ctrl+P) and waits until its editor tab is active.
 * `beforeEnter` runs once the file's row is listed, just before Enter opens it (a benchmark's start mark).
 */
export async function openFile(page: Page, relPath: string, timeoutMs = 30_000, beforeEnter?: () => Promise<unknown>): Promise<void> {
  const base = path.basename(relPath);
  await page
    .locator('.monaco-workbench')
    .click({ position: { x: 5, y: 5 }, force: true })
    .catch(() => {});
  await page.keyboard.press(`${mod}+P`);
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: timeoutMs });
  await input.fill(relPath);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: base }).first().waitFor({ timeout: timeoutMs });
  await beforeEnter?.();
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab.active[aria-label*="${base}"]`).waitFor({ timeout: timeoutMs });
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().waitFor({ timeout: timeoutMs });
}

/** Runs a command from the palette (F1) by its title, as a person would. */
export async function runCommand(page: Page, title: string, timeoutMs = 30_000): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  // A focus change that lands late (a webview tab just clicked) can close the palette right after
  // it opened: open it again, a few times, until the title is typed into it.
  for (let i = 1; ; i++) {
    await page.keyboard.press('F1');
    try {
      await input.waitFor({ state: 'visible', timeout: timeoutMs });
      await input.fill(`>${title}`, { timeout: 5_000 });
      break;
    } catch (e) {
      if (i >= 4) throw e;
      await page.keyboard.press('Escape');
    }
  }
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ timeout: timeoutMs });
  await row.click();
  await input.waitFor({ state: 'hidden', timeout: timeoutMs });
}

/**
 * Opens the command palette on `title` and runs it (Enter on the focused row). The palette is
 * opened again while the row is missing: right after start-up, or on a loaded machine, the
 * workbench may not list a freshly installed extension's commands yet.
 */
export async function runPaletteCommand(page: Page, title: string, attempts = 6): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const row = page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title }).first();
  for (let i = 1; ; i++) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const shown = await row.waitFor({ timeout: 10_000 }).then(
      () => true,
      () => false,
    );
    if (shown) break;
    if (i >= attempts) throw new Error(`the command palette never listed "${title}"`);
  }
  await page.keyboard.press('Enter');
}

/** Waits for a quick-pick row with this text to be the focused one, then presses Enter. */
export async function pickRow(page: Page, text: string): Promise<void> {
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: text }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
}

/** Runs a palette command that opens a quick pick of its own (runCommand waits for the palette to close). */
export async function paletteThenPick(page: Page, title: string, pick: string, rowText: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await pickRow(page, title);
  // The command's own quick pick replaces the palette's rows.
  await page.locator('.quick-input-list .monaco-list-row', { hasText: rowText }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.insertText(pick);
  await pickRow(page, rowText);
}

/**
 * Clicks `button` until `shown` appears, four tries: a click while the view is still laying itself
 * out (the walkthrough's step buttons) can be lost.
 */
export async function clickUntilShown(button: Locator, shown: Locator): Promise<void> {
  for (let i = 0; i < 4; i++) {
    await button.click();
    if (
      await shown.waitFor({ timeout: 15_000 }).then(
        () => true,
        () => false,
      )
    )
      return;
  }
}

/** Replaces the user settings through the settings.json editor, saves it and closes the editor. */
export async function editUserSettings(page: Page, settings: Record<string, unknown>, timeoutMs = 30_000): Promise<void> {
  await runCommand(page, 'Preferences: Open User Settings (JSON)', timeoutMs);
  const tab = page.locator('.tabs-container .tab.active[aria-label*="settings.json"]');
  await tab.waitFor({ timeout: timeoutMs });
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
  await page.keyboard.press(`${mod}+A`);
  // insertText types no keys, so auto-closing quotes and brackets do not garble the JSON.
  await page.keyboard.insertText(JSON.stringify(settings, null, 2));
  await page.keyboard.press(`${mod}+S`);
  await page.locator('.tabs-container .tab.active.dirty[aria-label*="settings.json"]').waitFor({ state: 'detached', timeout: timeoutMs });
  await runCommand(page, 'View: Close Editor', timeoutMs);
  await tab.waitFor({ state: 'detached', timeout: timeoutMs });
}

/** One row of the Problems panel. */
export interface ProblemRow {
  /** 'error' | 'warning' | 'info' for a problem, 'file' for a file header row, '' otherwise. */
  kind: string;
  /** The row's accessible label (VS Code puts severity, message, position and source in it). */
  label: string;
  /** For a problem: its message, source, code and "[Ln L, Col C]"; for a file row, `message` is the file name. */
  message: string;
  source: string;
  code: string;
  position: string;
}

/** Opens the Problems panel (Ctrl+Shift+M) if it is not showing. */
export async function openProblems(page: Page, timeoutMs = 30_000): Promise<void> {
  if (
    await page
      .locator('.markers-panel')
      .isVisible()
      .catch(() => false)
  )
    return;
  await runCommand(page, 'View: Focus Problems', timeoutMs).catch(async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press(`${mod}+Shift+M`);
  });
  await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: timeoutMs });
}

// Code that runs in the page is given as a string: tsx compiles test files with esbuild's keepNames,
// which wraps named functions in a `__name(...)` helper that does not exist in the browser.
const READ_PROBLEMS = `[...document.querySelectorAll('.markers-panel .monaco-list-row')].map((r) => {
  const text = (sel) => (r.querySelector(sel)?.textContent ?? '').trim();
  const icon = r.querySelector('.marker-icon')?.className ?? '';
  const kind = /\\berror\\b/.test(icon) ? 'error' : /\\bwarning\\b/.test(icon) ? 'warning'
    : /\\binfo\\b/.test(icon) ? 'info' : r.querySelector('.file-icon') ? 'file' : '';
  return {
    kind,
    label: r.getAttribute('aria-label') ?? '',
    message: kind === 'file' ? text('.label-name') : text('.marker-message'),
    source: text('.marker-source'),
    code: text('.marker-code'),
    position: text('.marker-line'),
  };
})`;

/** Reads the rows of the Problems panel as they are now (only rendered rows: the list is virtual). */
export async function readProblems(page: Page): Promise<ProblemRow[]> {
  return page.evaluate<ProblemRow[]>(READ_PROBLEMS);
}

/**
 * Opens the Problems panel and waits until its rows satisfy `ok` (re-read on every DOM change);
 * returns those rows, or throws with the last rows seen.
 */
export async function waitForProblems(page: Page, ok: (rows: ProblemRow[]) => boolean, timeoutMs = 60_000): Promise<ProblemRow[]> {
  await openProblems(page, timeoutMs);
  const deadline = Date.now() + timeoutMs;
  let rows: ProblemRow[] = [];
  for (;;) {
    rows = await readProblems(page);
    if (ok(rows)) return rows;
    const left = deadline - Date.now();
    if (left <= 0) break;
    // Wait for the next change of the panel's DOM (or a short poll interval, whichever first).
    await page
      .waitForFunction(
        (before) => {
          const el = document.querySelector('.markers-panel');
          return !!el && el.textContent !== before;
        },
        await page.locator('.markers-panel').textContent(),
        { timeout: Math.min(left, 2000), polling: 'raf' },
      )
      .catch(() => {});
  }
  throw new Error(`the Problems panel never matched; last rows:\n${rows.map((r) => `  [${r.kind}] ${r.code} ${r.label}`).join('\n')}`);
}

/**
 * Every console line of the workbench and its frames (webviews included), and the page errors.
 * fromWebview(): the errors that came from a webview's frame (its URL is under .../webview/...),
 * and warnings there that name this extension: what its HTML, CSP and script are responsible for.
 */
export function watchConsole(page: Page): { all: string[]; fromWebview(): string[] } {
  const all: string[] = [];
  const webview: string[] = [];
  page.on('console', (m) => {
    const url = m.location()?.url ?? '';
    const line = `[${m.type()}] ${m.text()} (${url})`;
    all.push(line);
    // Errors from a webview's frames; warnings only when they name this extension (VS Code's own
    // webview host warns about its iframe sandbox on every webview).
    const fromWebview = /webview|vscode-resource|vscode-cdn/i.test(url + m.text());
    if (fromWebview && (m.type() === 'error' || (m.type() === 'warning' && /kube-dorm|kubeDorm/.test(m.text())))) webview.push(line);
  });
  page.on('pageerror', (e) => all.push(`[uncaught] ${e.message}`));
  return { all, fromWebview: () => [...webview] };
}

/**
 * Finds the frame of a webview whose document has `selector` (webviews are nested iframes:
 * the outer host frame and the inner `#active-frame` holding the extension's HTML).
 */
export async function findWebviewFrame(page: Page, selector: string, timeoutMs = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const found = await frame.$(selector).catch(() => null);
      if (found) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no webview frame has ${selector}`);
    await page.waitForEvent('framenavigated', { timeout: 1000 }).catch(() => {});
  }
}

/** Groups Problems rows under the file header row above them (file name → its problem rows). */
export function problemsByFile(rows: ProblemRow[]): Map<string, ProblemRow[]> {
  const out = new Map<string, ProblemRow[]>();
  let current: ProblemRow[] | undefined;
  for (const r of rows) {
    if (r.kind === 'file') out.set(r.message, (current = out.get(r.message) ?? []));
    else if (current && r.kind) current.push(r);
  }
  return out;
}

/** "[Ln 12, Col 7]" → { line: 12, column: 7 } (1-based, as shown), or undefined. */
export function parsePosition(position: string): { line: number; column: number } | undefined {
  const m = /Ln\s+(\d+),\s*Col\s+(\d+)/.exec(position);
  return m ? { line: Number(m[1]), column: Number(m[2]) } : undefined;
}

/** Moves the cursor to a 1-based line and column with "Go to Line/Column..." (the browser keeps Ctrl+G). */
export async function goTo(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
}

/** Reads every room of the dorm panel from its data attributes. */
const POD_STATES = `[...document.querySelectorAll('[data-kind="pod"]')].map((e) => ({ name: e.getAttribute('data-name'), status: e.getAttribute('data-status'), node: e.getAttribute('data-node'), owner: e.getAttribute('data-owner') }))`;

/** The rooms the dorm panel draws, polled until `ok` holds (or the time is up, which throws). */
export async function waitForPods(frame: Frame, ok: (pods: { name: string; status: string; node: string; owner: string }[]) => boolean, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let pods: { name: string; status: string; node: string; owner: string }[] = [];
  for (;;) {
    pods = await frame.evaluate<typeof pods>(POD_STATES);
    if (ok(pods)) return pods;
    if (Date.now() > deadline) throw new Error(`pods never matched: ${JSON.stringify(pods)}`);
    await frame
      .waitForFunction(`(${POD_STATES}).map((p) => p.name + p.status).join() !== ${JSON.stringify(pods.map((p) => p.name + p.status).join())}`, undefined, {
        timeout: Math.min(5000, Math.max(100, deadline - Date.now())),
        polling: 200,
      })
      .catch(() => {});
  }
}
