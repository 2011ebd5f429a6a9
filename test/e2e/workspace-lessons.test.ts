// Lessons anyone can write, in a real VS Code (code-server + Chromium, the packaged extension): a
// workspace's .kube-dorm/lessons/tour (as `kube-dorm lesson new` writes it) is listed by "Kube Dorm:
// Open Lesson" after the built-in lessons and opens in the lesson view with its starter file; a
// lesson whose files do not validate is listed with its problem count and opens its lesson.yaml.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { INSTALL_TIMEOUT_MS, findWebviewFrame, pickRow, runPaletteCommand, startE2E, type E2EEnv } from './support';
import { scaffoldLesson } from '../../core/lessons/scaffold';

const files: Record<string, string> = { 'README.md': '# my lessons\n' };
for (const [rel, text] of Object.entries(scaffoldLesson('tour', 1))) files[`.kube-dorm/lessons/tour/${rel}`] = text;
for (const [rel, text] of Object.entries(scaffoldLesson('broken', 2)))
  files[`.kube-dorm/lessons/broken/${rel}`] = rel === 'lesson.yaml' ? text.replace(/check: \{ pods: [^\n]*count: 2 \} \}/, 'check: { podz: {} }') : text;

// A lesson without its Chinese texts cannot be read at all: it is listed as such, not as "1 problem".
files['.kube-dorm/lessons/half/lesson.yaml'] = scaffoldLesson('half', 3)['lesson.yaml'];

describe('e2e: workspace lessons in a real VS Code', () => {
  let env: E2EEnv | undefined;
  before(
    async () => {
      env = await startE2E({ files, settings: { 'kubeDorm.language': 'en' } });
    },
    { timeout: INSTALL_TIMEOUT_MS + 5 * 60_000 },
  );
  after(async () => {
    await env?.dispose();
  });

  it('Open Lesson lists the workspace lessons after the built-in ones; a valid one opens, an invalid one says why', { timeout: 240_000 }, async () => {
    assert.ok(env);
    const { page } = env;
    const openPick = async () => {
      await runPaletteCommand(page, 'Kube Dorm: Open Lesson');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Pods and their leaders' }).first().waitFor({ timeout: 30_000 });
    };
    await openPick();
    // The list is virtualised (ten built-in lessons fill it): the first rows are the built-in ones;
    // ArrowUp from the first row wraps to the last, which shows the end of the list.
    const top = await page.locator('.quick-input-list .monaco-list-row').allTextContents();
    assert.match(top[0], /Lesson 1: Pods and their leaders/, JSON.stringify(top));
    await page.keyboard.press('ArrowUp');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'workspace lesson' }).first().waitFor({ timeout: 30_000 });
    const rows = await page.locator('.quick-input-list .monaco-list-row').allTextContents();
    const tour = rows.findIndex((r) => /Lesson 1: tour/.test(r));
    const lastBuiltIn = rows.findIndex((r) => /Lesson 10: /.test(r));
    assert.ok(lastBuiltIn >= 0 && tour > lastBuiltIn, `built-in lessons first, then the workspace's: ${JSON.stringify(rows)}`);
    assert.match(rows[tour], /workspace lesson \(\.kube-dorm\/lessons\/tour\)/);
    // The quick pick is virtualised: filter to see the broken lesson's row.
    await page.keyboard.insertText('broken');
    const broken = page.locator('.quick-input-list .monaco-list-row', { hasText: 'broken' }).first();
    await broken.waitFor({ timeout: 30_000 });
    assert.match((await broken.textContent()) ?? '', /broken: 1 problem\(s\) in its files \(see Problems\)/);
    await page.keyboard.press('Escape');
    await openPick();
    await page.keyboard.insertText('half');
    const half = page.locator('.quick-input-list .monaco-list-row', { hasText: 'half' }).first();
    await half.waitFor({ timeout: 30_000 });
    assert.match((await half.textContent()) ?? '', /half: cannot be read \(.*en\.yaml/);
    await page.keyboard.press('Escape');
    await openPick();
    await page.keyboard.insertText('broken');
    await pickRow(page, 'broken');
    await page.locator('.tabs-container .tab.active[aria-label*="lesson.yaml"]').waitFor({ timeout: 30_000 });

    await openPick();
    await page.keyboard.insertText('tour');
    await pickRow(page, 'Lesson 1: tour');
    const frame = await findWebviewFrame(page, '[data-kind="lesson"][data-lesson-id="tour"]', 60_000);
    await page.locator('.tabs-container .tab[aria-label*="rooms.yaml"]').first().waitFor({ timeout: 30_000 });
    assert.deepEqual(await frame.$$eval('[data-kind="lesson-step"]', (els) => els.map((e) => e.getAttribute('data-step-id'))), ['move-in', 'one-more-room']);
  });
});
