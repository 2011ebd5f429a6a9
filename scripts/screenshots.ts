// Captures the README's screenshots into docs/images/: the editor with problems, the simulation
// panel and a lesson, in English and in Chinese (kubeDorm.language), from the packaged extension
// in code-server, driven by Chromium through the e2e harness (test/e2e/support.ts).
// Usage: node --import tsx scripts/screenshots.ts [en] [zh-cn]   (needs `npm run setup:e2e`; a few minutes)
//        node --import tsx scripts/screenshots.ts pictures [en] [zh-cn]   (the panel's pictures only, in
//        Chromium without code-server: scripts/screenshots-pictures.ts)
// The harness passes functions to the page, so it is type-checked with the DOM library:
/// <reference lib="dom" />
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { capturePictures } from './screenshots-pictures';
import { ROOT, findWebviewFrame, openFile, openProblems, runCommand, startE2E, waitForProblems } from '../test/e2e/support';

const OUT = path.join(ROOT, 'docs', 'images');
const example = (rel: string) => readFileSync(path.join(ROOT, 'examples', rel), 'utf8');

type Language = 'en' | 'zh-cn';
/** What the palette shows in each display language (package.nls*.json), and lesson 1's row in "Open Lesson". */
const TITLES: Record<Language, { simulate: string; openLesson: string; lesson1: string }> = {
  en: { simulate: 'Kube Dorm: Simulate Manifest', openLesson: 'Kube Dorm: Open Lesson', lesson1: 'Pods and their leaders' },
  'zh-cn': { simulate: '模拟清单', openLesson: 'Kube Dorm：打开课程', lesson1: 'Pod 和它的领导们' },
};

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
  await runCommand(page, TITLES[lang].simulate);
  const panel = await findWebviewFrame(page, '[data-kind="pod"][data-status="Running"]', 90_000);
  await panel.waitForSelector('[data-kind="event"]', { timeout: 30_000 });
  await settle(page, 3000);
  await page.screenshot({ path: path.join(OUT, `panel.${lang}.png`) });
  await closeEditors(page);

  // Lesson 1: editor | lesson | dorm.
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${TITLES[lang].openLesson}`);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: TITLES[lang].openLesson }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: TITLES[lang].lesson1 }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
  await findWebviewFrame(page, '[data-kind="lesson"][data-lesson-id="pods"]', 60_000);
  await findWebviewFrame(page, '#owner:not([hidden])', 60_000);
  await settle(page, 3000);
  await page.screenshot({ path: path.join(OUT, `lesson.${lang}.png`) });
  await closeEditors(page);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const only = process.argv.slice(2).filter((a): a is Language => a === 'en' || a === 'zh-cn');
  if (process.argv.includes('pictures')) {
    for (const lang of only.length ? only : (['en', 'zh-cn'] as const)) console.log(path.relative(ROOT, await capturePictures(OUT, lang)));
    return;
  }
  // One code-server per language: Chinese needs VS Code's display language (--locale) for the
  // extension's own titles, not only the kubeDorm.language setting.
  for (const lang of only.length ? only : (['en', 'zh-cn'] as const)) {
    const env = await startE2E({
      files: { 'typos.yaml': example('broken/chapter1-typos.yaml'), 'luxury.yaml': example('chapter7-luxury/nginx-luxury-edition.yaml') },
      settings: { 'kubeDorm.language': lang },
      ...(lang === 'en' ? {} : { locale: lang }),
    });
    try {
      await capture(env.page, lang);
    } finally {
      await env.dispose();
    }
  }
  console.log(`screenshots in ${path.relative(ROOT, OUT)}/`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : String(e));
  process.exitCode = 1;
});
