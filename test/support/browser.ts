// Debian's Chromium driven by playwright-core, for the webview and e2e suites (see
// /work/shared/guide/testing.md). Playwright's own browser downloads cannot work on these
// machines; /usr/bin/chromium comes from `bash scripts/install-e2e.sh --browser-only`, which
// ensureChromium() runs by itself when the browser is missing (root or sudo for apt-get).
//
//   const browser = await launchChromium();
//   const page = await browser.newPage();
//   const errors = collectPageErrors(page);      // console errors, uncaught exceptions, CSP reports
//   ...
//   assert.deepEqual(errors, []);
//   await browser.close();                        // in after(), also on failure
//
// A test file that shares one browser among its tests: `const chrome = chromiumSuite({ open, close })`.
import { spawnSync } from 'node:child_process';
import { after, before } from 'node:test';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type LaunchOptions, type Page } from 'playwright-core';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const CHROMIUM = process.env.KUBE_DORM_CHROMIUM ?? '/usr/bin/chromium';
/** Without the networking flags Chromium floods the closed network with refused connections. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Installs Debian's chromium (and a CJK font) unless it is there; throws with the reason if it cannot. */
export function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  const r = spawnSync('bash', [path.join(REPO_ROOT, 'scripts', 'install-e2e.sh'), '--browser-only'], {
    cwd: REPO_ROOT,
    // The test runner reads the test process's stdout; keep the installer's output on stderr.
    stdio: ['ignore', 2, 2],
    timeout: 10 * 60_000,
  });
  if (r.status !== 0 || !existsSync(CHROMIUM)) {
    throw new Error(`cannot install chromium (scripts/install-e2e.sh --browser-only: status ${r.status}${r.error ? `, ${r.error.message}` : ''})`);
  }
}

/** Launches headless Chromium (installing it first if needed). */
export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  ensureChromium();
  return chromium.launch({ executablePath: CHROMIUM, headless: true, ...options, args: [...CHROMIUM_ARGS, ...(options.args ?? [])] });
}

/**
 * One Chromium for the tests of a file: launched before them (then `open` runs with it, e.g. to
 * open a panel harness), closed after them, also when one failed (`close` first, for what `open`
 * opened). Read `.browser` inside a test or a hook, not at module load.
 */
export function chromiumSuite(hooks: { open?: (browser: Browser) => Promise<void>; close?: () => Promise<void> } = {}): { readonly browser: Browser } {
  let browser: Browser | undefined;
  before(async () => {
    browser = await launchChromium();
    await hooks.open?.(browser);
  });
  after(async () => {
    await hooks.close?.();
    await browser?.close();
  });
  return {
    get browser(): Browser {
      if (!browser) throw new Error('Chromium is not launched yet: read .browser inside a test');
      return browser;
    },
  };
}

/**
 * Collects what would be red in a developer console: console errors (including Content Security
 * Policy violations, which Chromium reports there) and uncaught exceptions. The array fills as
 * the page runs; assert on it at the end of a test.
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  return errors;
}
