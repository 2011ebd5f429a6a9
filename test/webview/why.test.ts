// "Why?" in the panel, in real Chromium wired to the real engine (test/webview/harness.ts): a
// Service whose targetPort is not its pods' port, and a room waiting for a ConfigMap key that is not
// there. The chain opens beside the card or the selected room; "Go to line" and "Apply fix" send the
// places and the quick fix the chain carries; Escape closes it and focus goes back; hostile text
// stays text; both languages. KD_SCREENSHOTS=1 also writes docs/images/why.{en,zh-cn}.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { chromiumSuite, REPO_ROOT } from '../support/browser';
import { openPanel, type PanelHarness } from './harness';
import { serviceWrongTargetPort } from '../support/manifests';
import { workloadYaml } from '../support/workload-yaml';

const URI = 'file:///w/app.yaml';
const HOSTILE = '<img src=x onerror=window.__pwned=1>';
const TEXT = `${serviceWrongTargetPort(2)}---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: fast
---
${workloadYaml({ name: 'api', replicas: 1, image: 'nginx:1.25' })}
          env:
            - name: MODE
              valueFrom:
                configMapKeyRef:
                  name: settings
                  key: "${HOSTILE}"
`;
const lineOf = (needle: string) => TEXT.split('\n').findIndex((l) => l.includes(needle));
const colOf = (needle: string, key: string) => TEXT.split('\n')[lineOf(needle)].indexOf(key);

let h: PanelHarness;
const opened: [string, number, number | undefined][] = [];
const fixes: unknown[] = [];
chromiumSuite({
  open: async (browser) => {
    h = await openPanel({
      browser,
      displayName: (u) => u.replace(/^.*\//, ''),
      openLocation: (uri, line, column) => opened.push([uri, line, column]),
      applyFix: (f) => fixes.push(f),
      before: (s) => s.apply([{ uri: URI, text: TEXT }]),
    });
    await h.advance(60_000);
  },
  close: async () => h?.close(),
});

const focused = () => h.page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.why ?? document.activeElement?.id ?? '');
const shot = async (name: string) => {
  if (process.env.KD_SCREENSHOTS) await h.page.locator('#services').screenshot({ path: path.join(REPO_ROOT, 'docs', 'images', name) });
};

test('a Service card: "Why?" opens the chain beside it; Go to line and Apply fix send the chain\u2019s place and quick fix; Escape closes it, focus returns', async () => {
  const { page } = h;
  const why = page.locator('[data-kind="service"][data-name="web"] [data-action="why"]');
  assert.equal(await why.getAttribute('aria-label'), 'Why is Service web not healthy?');
  await why.click();
  await page.waitForSelector('#why');
  await h.settled();
  // Beside the card, focused, labelled.
  assert.equal(await page.evaluate(() => document.getElementById('why')?.previousElementSibling?.getAttribute('data-name')), 'web');
  assert.equal(await focused(), 'why');
  assert.equal(await why.getAttribute('aria-expanded'), 'true');
  assert.equal(await page.locator('#why').getAttribute('aria-label'), 'Why is Service web not healthy?');
  assert.equal(await page.locator('#why [data-field="symptom"]').textContent(), 'Service web sends to port 8080, where nothing listens');
  const steps = page.locator('#why .why-step');
  assert.equal(await steps.count(), 2);
  assert.match((await steps.nth(1).locator('.why-dorm').textContent()) ?? '', /In the dorm: This is the door the dispatch centre sends riders to\./);
  const line = lineOf('targetPort: 8080');
  assert.equal(await steps.nth(1).locator('.why-at code').textContent(), `app.yaml:${line + 1}:${colOf('targetPort: 8080', 'targetPort') + 1}`);
  const go = steps.nth(1).locator('[data-action="why-goto"]');
  assert.equal(await go.textContent(), `Go to line ${line + 1}`);
  assert.equal(await go.getAttribute('aria-label'), `Go to app.yaml, line ${line + 1}, column ${colOf('targetPort: 8080', 'targetPort') + 1}`);
  await go.click();
  const fix = page.locator('#why [data-action="why-fix"]');
  assert.equal(await fix.textContent(), ' Apply fix: Change to 80');
  await fix.click();
  await h.settled();
  assert.deepEqual(opened, [[URI, line, colOf('targetPort: 8080', 'targetPort')]]);
  const value = colOf('targetPort: 8080', '8080');
  assert.deepEqual(fixes, [{ uri: URI, code: 'service-target-port', line, column: value, endLine: line, endColumn: value + 4 }]);
  await shot('why.en.png');
  // Escape closes it; focus goes back to the Service's "Why?".
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#why').count(), 0);
  assert.equal(await focused(), 'Service/default/web');
  assert.equal(await why.getAttribute('aria-expanded'), 'false');
});

test('a broken room and its manager: "Why?" in the selected room\u2019s bar and on the Deployment card; a hostile key name stays text', async () => {
  const { page } = h;
  const room = page.locator('[data-kind="pod"][data-name^="api-"]');
  await room.first().click();
  const why = page.locator('#selection [data-action="why"]');
  await why.focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('#why');
  assert.equal(await page.evaluate(() => document.getElementById('why')?.previousElementSibling?.id), 'selection');
  const last = page.locator('#why .why-step').last();
  assert.equal(
    await last.locator('.why-k8s').textContent(),
    `env.configMapKeyRef reads key "${HOSTILE}" of ConfigMap "settings", which has no such key (it has: mode)`,
  );
  assert.equal(await last.locator('.why-at code').textContent(), `app.yaml:${lineOf('key: "<img') + 1}:${colOf('key: "<img', 'key') + 1}`);
  assert.equal(await page.evaluate(() => (window as any).__pwned ?? document.querySelector('#why img')), null);
  // Close with the button: focus back on the room's "Why?".
  await page.locator('#why [data-action="why-close"]').click();
  assert.match(await focused(), /^Pod\/default\/api-/);
  // The manager: Deployment api is 0/1, so its card has a "Why?" and the chain goes down to the same line.
  await page.locator('[data-kind="deployment"][data-name="api"] .card-head [data-action="why"]').click();
  await page.waitForSelector('#why');
  assert.match((await page.locator('#why [data-field="symptom"]').textContent()) ?? '', /^Deployment api: the rollout has not finished \(0 of 1 pods/);
  assert.equal(
    await page.locator('#why .why-step').last().locator('.why-at code').textContent(),
    `app.yaml:${lineOf('key: "<img') + 1}:${colOf('key: "<img', 'key') + 1}`,
  );
  // Healthy managers have no "Why?".
  assert.equal(await page.locator('[data-kind="deployment"][data-name="web"] .card-head [data-action="why"]').count(), 0);
  await page.keyboard.press('Escape');
  assert.deepEqual(h.errors, []);
});

test('zh-cn: the buttons and the chain in Chinese, with the dorm\u2019s names', async () => {
  const { page } = h;
  await page.selectOption('#language', 'zh-cn');
  await h.settled();
  const why = page.locator('[data-kind="service"][data-name="web"] [data-action="why"]');
  await page.waitForFunction(() => document.querySelector('[data-kind="service"] [data-action="why"]')?.textContent?.includes('为什么？'));
  await why.click();
  await page.waitForSelector('#why');
  assert.equal(await page.locator('#why [data-field="symptom"]').textContent(), 'Service web 把请求发到端口 8080，但那里没有进程监听');
  assert.match((await page.locator('#why .why-step').first().locator('.why-dorm').textContent()) ?? '', /^宿舍里： 外卖调度中心 web 的地址簿里有宿舍/);
  assert.match((await page.locator('#why [data-action="why-fix"]').textContent()) ?? '', /应用修复：改为 80/);
  assert.match((await page.locator('#why [data-action="why-goto"]').textContent()) ?? '', /^跳到第 \d+ 行$/);
  await shot('why.zh-cn.png');
  await page.keyboard.press('Escape');
  assert.deepEqual(h.errors, []);
});

test('a Service with nothing wrong: its "Why?" says so, in words, with no steps', async () => {
  const { page } = h;
  await page.selectOption('#language', 'en');
  h.session.apply([
    { uri: 'file:///w/ok.yaml', text: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: fine\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n' },
  ]);
  await h.advance(5_000);
  await page.locator('[data-kind="service"][data-name="fine"] [data-action="why"]').click();
  await page.waitForSelector('#why .why-none');
  assert.equal(await page.locator('#why .why-none').textContent(), 'Nothing is known to be wrong with fine right now (it may still be starting).');
  assert.equal(await page.locator('#why .why-step').count(), 0);
  await page.keyboard.press('Escape');
  assert.equal(await focused(), 'Service/default/fine');
  assert.deepEqual(h.errors, []);
});
