// The side panel for a Chinese-speaking user, in a real VS Code (code-server started with
// `--locale zh-cn`, no kubeDorm.language setting): the command is found in the palette by its
// Chinese title, the panel follows VS Code's display language, and neither the panel's frame nor
// the workbench logs a Content-Security-Policy violation or an error from the webview.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  INSTALL_TIMEOUT_MS,
  ROOT,
  clickUntilShown,
  findWebviewFrame,
  openFile,
  paletteThenPick,
  runCommand,
  startE2E,
  watchConsole,
  type E2EEnv,
} from './support';

const LUXURY = readFileSync(path.join(ROOT, 'examples', 'chapter7-luxury', 'nginx-luxury-edition.yaml'), 'utf8');

describe('e2e: the simulation panel in Chinese (VS Code display language zh-cn)', () => {
  let env: E2EEnv | undefined;
  before(
    async () => {
      env = await startE2E({ files: { 'luxury.yaml': LUXURY }, locale: 'zh-cn' });
    },
    { timeout: INSTALL_TIMEOUT_MS + 5 * 60_000 },
  );
  after(async () => {
    await env?.dispose();
  });

  it('runs "Kube Dorm：模拟清单" from the palette and shows the dorm in Chinese, with no CSP violation', { timeout: 240_000 }, async (t) => {
    assert.ok(env);
    const { page } = env;
    const log = watchConsole(page);
    await openFile(page, 'luxury.yaml');
    // The palette reads "Kube Dorm: 模拟清单" (category and title; VS Code's separator is its own).
    await runCommand(page, '模拟清单');
    const frame = await findWebviewFrame(page, '[data-kind="node"]', 60_000);
    await frame.waitForSelector('[data-kind="pod"][data-status="Running"]', { timeout: 60_000 });
    assert.equal(await frame.getAttribute('html', 'lang'), 'zh-CN');
    assert.match((await frame.textContent('#play')) ?? '', /播放|暂停/);
    // The timeline tells the story in Chinese, next to kubectl's own (English) wording.
    await frame.waitForSelector('[data-kind="event"][data-reason="Scheduled"]', { timeout: 30_000 });
    const story = await frame.$$eval('[data-kind="event"] .story', (els) => els.map((e) => e.textContent ?? ''));
    assert.ok(
      story.some((s) => /[\u4e00-\u9fff]/.test(s)),
      story.join('\n'),
    );
    const kubectl = await frame.textContent('[data-kind="event"][data-reason="Scheduled"] .kubectl-line');
    assert.match(kubectl ?? '', /Successfully assigned/);
    // The dispatch-centre card and controls are in Chinese too.
    const text = (await frame.textContent('body')) ?? '';
    assert.match(text, /楼|房间/);
    t.diagnostic(`console lines seen: ${log.all.length}`);
    const csp = log.all.filter((l) => /Content Security Policy|Refused to (load|execute|apply)/i.test(l));
    assert.deepEqual(csp, [], 'no CSP violation');
    assert.deepEqual(log.fromWebview(), [], 'no error from the panel');
    // The watch itself works: an inline script added to the panel is refused by its CSP, and seen.
    const refused = page.waitForEvent('console', { predicate: (m) => /Content Security Policy/i.test(m.text()), timeout: 10_000 }).catch(() => undefined);
    await frame.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.body.append(s);
    });
    const seen = await refused;
    assert.equal(await frame.evaluate(() => (window as unknown as { __inline?: number }).__inline), undefined, 'the inline script did not run');
    t.diagnostic(`after the deliberate violation: ${log.all.slice(-3).join(' | ')}`);
    assert.ok(seen, 'the deliberate CSP violation reached the console watch');
  });

  it(
    'the Welcome walkthrough is in Chinese (title, steps, the media file of the display language), and its button opens lesson 1 in Chinese beside the dorm',
    { timeout: 180_000 },
    async () => {
      assert.ok(env);
      const { page } = env;
      await page.keyboard.press('Escape');
      await paletteThenPick(page, 'Welcome: Open Walkthrough...', '宿舍', '在宿舍里学 Kubernetes');
      // The first step is open; its media is media/lessons/walkthrough/lesson1.zh-cn.md, drawn in a frame.
      const deadline = Date.now() + 60_000;
      let media = '';
      // The markdown is drawn in a webview frame (not the workbench's, which shows the step titles).
      while (Date.now() < deadline && !media) {
        for (const f of page.frames()) {
          if (f === page.mainFrame()) continue;
          const text = await f.evaluate(() => document.body?.innerText ?? '').catch(() => '');
          if (text.includes('第 1 课：Pod 和它的领导们')) media = text;
        }
        if (!media) await page.waitForTimeout(500);
      }
      assert.match(media, /第 1 课：Pod 和它的领导们/);
      assert.match(media, /住进五间宿舍/);
      assert.doesNotMatch(media, /Pods and their leaders/, 'the English media file is not the one shown');

      // The step's button opens lesson 1 in Chinese, and the side panel names it in Chinese.
      const open1 = page.getByRole('button', { name: '打开第 1 课', exact: true }).first();
      await open1.waitFor({ timeout: 60_000 });
      const viewTab = page.locator('.tabs-container .tab[aria-label*="第 1 课"]').first();
      await clickUntilShown(open1, viewTab);
      const lesson = await findWebviewFrame(page, '[data-kind="lesson"][data-lesson-id="pods"]', 60_000);
      assert.match((await lesson.textContent('h1')) ?? '', /Pod 和它的领导们/);
      assert.equal(await lesson.getAttribute('html', 'lang'), 'zh-CN');
      const dorm = await findWebviewFrame(page, '#owner:not([hidden])', 60_000);
      assert.match((await dorm.textContent('#owner')) ?? '', /第 1 课：Pod 和它的领导们/);
    },
  );
});
