// Captures the README's screenshots into docs/images/: the editor with problems, the simulation
// panel and a lesson, in English and in Chinese (kubeDorm.language), from the packaged extension
// in code-server, driven by Chromium through the e2e harness (test/e2e/support.ts).
// Usage: node --import tsx scripts/screenshots.ts   (needs `npm run setup:e2e`; takes a few minutes)
// The harness passes functions to the page, so it is type-checked with the DOM library:
/// <reference lib="dom" />
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT, findWebviewFrame, openFile, openProblems, runCommand, startE2E, waitForProblems } from '../test/e2e/support';

const OUT = path.join(ROOT, 'docs', 'images');
const example = (rel: string) => readFileSync(path.join(ROOT, 'examples', rel), 'utf8');

/** The first lesson's title in each language, as its row in "Open Lesson" shows it. */
const LESSON_1: Record<Language, string> = { en: 'Pods and their leaders', 'zh-cn': 'Pod 和它的领导们' };
type Language = 'en' | 'zh-cn';

async function closeEditors(page: Page): Promise<void> {
  await runCommand(page, 'View: Close All Editors');
  await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 30_000 });
}

/** Lets animations and late layout settle before a picture (a screenshot is not a test). */
const settle = (page: Page, ms = 1500) => page.waitForTimeout(ms);

async function capture(page: Page, lang: Language): Promise<void> {
  // The editor: a manifest with deliberate mistakes and the Problems panel under it.
  await openFile(page, 'typos.yaml');
  await openProblems(page);
  await waitForProblems(page, (rows) => rows.some((r) => r.kind === 'error'));
  await settle(page);
  await page.screenshot({ path: path.join(OUT, `editor.${lang}.png`) });
  await runCommand(page, 'View: Toggle Panel Visibility');
  await closeEditors(page);

  // The simulation panel beside the manifest it runs, once every pod is running.
  await openFile(page, 'luxury.yaml');
  await runCommand(page, 'Kube Dorm: Simulate Manifest');
  const panel = await findWebviewFrame(page, '[data-kind="pod"][data-status="Running"]', 90_000);
  await panel.waitForSelector('[data-kind="event"]', { timeout: 30_000 });
  await settle(page, 3000);
  await page.screenshot({ path: path.join(OUT, `panel.${lang}.png`) });
  await closeEditors(page);

  // Lesson 1: editor | lesson | dorm.
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await input.fill('>Kube Dorm: Open Lesson');
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'Kube Dorm: Open Lesson' }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: LESSON_1[lang] }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
  await findWebviewFrame(page, '[data-kind="lesson"][data-lesson-id="pods"]', 60_000);
  await findWebviewFrame(page, '#owner:not([hidden])', 60_000);
  await settle(page, 3000);
  await page.screenshot({ path: path.join(OUT, `lesson.${lang}.png`) });
  await closeEditors(page);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const env = await startE2E({
    files: { 'typos.yaml': example('broken/chapter1-typos.yaml'), 'luxury.yaml': example('chapter7-luxury/nginx-luxury-edition.yaml') },
    settings: { 'kubeDorm.language': 'en' },
  });
  try {
    await capture(env.page, 'en');
    await env.updateSettings({ 'kubeDorm.language': 'zh-cn' });
    await closeEditors(env.page);
    await capture(env.page, 'zh-cn');
  } finally {
    await env.dispose();
  }
  console.log(`screenshots in ${path.relative(ROOT, OUT)}/`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : String(e));
  process.exitCode = 1;
});
