// A roommate at its CPU limit in the panel, in real Chromium wired to the real engine
// (test/webview/harness.ts): the simulator throttles a container that wants more than limits.cpu
// (`kubectl top` shows it at the limit); the dorm draws that roommate's power limiter full to its
// limit mark, with a text alternative in English and Chinese, in the theme's colours; a limiter
// under its limit is drawn empty, a roommate without limits.cpu has none.
// KD_SCREENSHOTS=1 also writes docs/images/limiter.{en,zh-cn}.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { chromiumSuite, REPO_ROOT } from '../support/browser';
import { openPanel, postToPage, REAL_CLUSTER, type PanelHarness } from './harness';
import { DARK_PLUS } from '../../scripts/screenshots-pictures';
import type { HostMessage } from '../../webview/protocol/panel';

const pod = (name: string, container: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
    - ${container}
`;
const BUSY = 'image: busybox:1.36\n      command: [sh, -c, "while true; do :; done"]';
const TEXT = [
  // A loop that never sleeps wants a whole core: held at 200m.
  pod('hog', `name: hog\n      ${BUSY}\n      resources: {limits: {cpu: 200m}}`),
  // An idle nginx (~1m) never reaches its 500m.
  pod('calm', 'name: calm\n      image: nginx:1.27\n      resources: {limits: {cpu: 500m}}'),
  pod('free', `name: free\n      ${BUSY}`),
].join('---\n');

let h: PanelHarness;
chromiumSuite({
  open: async (browser) => {
    h = await openPanel({ browser, before: (s) => s.apply([{ uri: 'file:///w/limits.yaml', text: TEXT }]) });
    await h.advance(20_000);
  },
  close: async () => h?.close(),
});

const limiter = (room: string) => `[data-kind="pod"][data-name="${room}"] [data-kind="limiter"]`;
const attr = (sel: string, name: string) => h.page.locator(sel).first().getAttribute(name);
/** The gauge's inner width and its fill's, in CSS pixels. */
const gauge = (sel: string) =>
  h.page.locator(sel).evaluate((e) => [e.clientWidth, (e.querySelector('.limiter-fill') as HTMLElement).getBoundingClientRect().width].map(Math.round));
test('a roommate held at its CPU limit: its power limiter is drawn full to the limit, said in its label and the room\u2019s', async () => {
  assert.match(h.session.exec('top pod hog --containers').output, /^hog +hog +200m /m, 'the simulator throttles it at 200m');
  assert.equal(await attr(limiter('hog'), 'data-throttled'), 'true');
  const label = 'Power limiter of hog: at its limit of 200m CPU, throttled (it runs slower, never cut off)';
  assert.equal(await attr(limiter('hog'), 'aria-label'), label);
  assert.equal(await attr(limiter('hog'), 'role'), 'img');
  assert.equal(await attr('[data-kind="pod"][data-name="hog"]', 'aria-label'), `hog: Running 1/1; ${label}`);
  const [inner, fill] = await gauge(limiter('hog'));
  assert.ok(inner > 0 && fill === inner, `full to the limit mark: ${fill} of ${inner}`);
  // Under its limit: an empty gauge, said so; without limits.cpu: no limiter at all.
  assert.equal(await attr(limiter('calm'), 'data-throttled'), 'false');
  assert.equal(await attr(limiter('calm'), 'aria-label'), 'Power limiter of calm: 500m CPU, not reached');
  assert.deepEqual((await gauge(limiter('calm')))[1], 0);
  assert.equal(await attr('[data-kind="pod"][data-name="calm"]', 'aria-label'), 'calm: Running 1/1');
  assert.equal(await h.page.locator(limiter('free')).count(), 0);
});

test('theme: the limiter takes VS Code\u2019s colours (the warning colour at the limit; high contrast borders)', async () => {
  const colours = await h.page.evaluate(
    ([hog, calm]) => {
      const root = document.documentElement.style;
      root.setProperty('--vscode-charts-orange', 'rgb(1, 2, 3)');
      root.setProperty('--vscode-descriptionForeground', 'rgb(4, 5, 6)');
      // The throttled gauge's fill, the empty gauge's outline (inline: no named helpers in a page function).
      const normal = [
        getComputedStyle(document.querySelector(`${hog} .limiter-fill`)!).backgroundColor,
        getComputedStyle(document.querySelector(calm)!).borderTopColor,
      ];
      document.body.classList.add('vscode-high-contrast');
      root.setProperty('--vscode-contrastBorder', 'rgb(7, 8, 9)');
      root.setProperty('--vscode-contrastActiveBorder', 'rgb(10, 11, 12)');
      const contrast = [
        getComputedStyle(document.querySelector(`${hog} .limiter-fill`)!).backgroundColor,
        getComputedStyle(document.querySelector(calm)!).borderTopColor,
      ];
      document.body.classList.remove('vscode-high-contrast');
      return [...normal, ...contrast];
    },
    [limiter('hog'), limiter('calm')],
  );
  assert.deepEqual(colours, ['rgb(1, 2, 3)', 'rgb(4, 5, 6)', 'rgb(10, 11, 12)', 'rgb(7, 8, 9)']);
});

test('zh-cn: the limiter\u2019s text alternative follows the language', async () => {
  await h.page.selectOption('#language', 'zh-cn');
  await h.settled();
  assert.equal(await attr(limiter('hog'), 'aria-label'), 'hog 的限电器：顶在 CPU 限额 200m，被限流（运行变慢，但不会断电）');
  assert.equal(await attr(limiter('calm'), 'aria-label'), 'calm 的限电器：CPU 500m，没有顶到');
  await h.page.selectOption('#language', 'en');
  await h.settled();
  assert.deepEqual(h.errors, []);
});

test('a real cluster\u2019s panel does not claim a limiter is not reached: it cannot know (dashed, said so)', async () => {
  const post = (m: HostMessage) => postToPage(h.page, m);
  const remote = REAL_CLUSTER;
  await post({ type: 'diff', events: [], control: { ...h.session.control(), remote } });
  await h.page.waitForSelector(`${limiter('calm')}.unknown`);
  assert.equal(
    await attr(limiter('calm'), 'aria-label'),
    'Power limiter of calm: 500m CPU (whether it holds the roommate back is known only in the simulator)',
  );
  assert.equal(await h.page.locator(limiter('calm')).evaluate((e) => getComputedStyle(e).borderTopStyle), 'dashed');
  await post({ type: 'diff', events: [], control: h.session.control() });
  await h.page.waitForSelector(`${limiter('calm')}:not(.unknown)`);
  assert.equal(await attr(limiter('calm'), 'aria-label'), 'Power limiter of calm: 500m CPU, not reached');
});

test(
  'screenshots (KD_SCREENSHOTS=1): docs/images/limiter.{en,zh-cn}.png under Dark+',
  { skip: !process.env.KD_SCREENSHOTS && 'KD_SCREENSHOTS is not set' },
  async () => {
    await h.page.evaluate((vars) => {
      for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
      document.body.classList.add('vscode-dark');
    }, DARK_PLUS);
    for (const lang of ['en', 'zh-cn']) {
      await h.page.selectOption('#language', lang);
      await h.settled();
      await h.page.locator('#campus').screenshot({ path: path.join(REPO_ROOT, 'docs', 'images', `limiter.${lang}.png`) });
    }
  },
);
