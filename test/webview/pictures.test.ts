// The panel's pictures in real Chromium wired to the real engine (test/webview/harness.ts): the
// head manager's rollout chart growing as a new image rolls out, the dispatch centre with a line
// per room (ready solid, not ready dashed) and the orders of a `request` run down them, lockers /
// notice boards / safes linked to the rooms that use them (a missing one marked), each
// counsellor's room with its DNS name; keyboard, text alternatives in both languages, theme
// colours, and hostile names kept as text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromiumSuite } from '../support/browser';
import { openPanel, postToPage, REAL_CLUSTER, type PanelHarness } from './harness';
import { PICTURES_YAML } from '../support/pictures';
import type { HostMessage } from '../../webview/protocol/panel';

const HOSTILE = '<img src=x onerror=window.__pwned=1>';
let h: PanelHarness;
const chrome = chromiumSuite({
  open: async (browser) => {
    h = await openPanel({ browser, before: (s) => s.apply([{ uri: 'file:///w/pictures.yaml', text: PICTURES_YAML }]) });
    await h.advance(30_000);
  },
  close: async () => h?.close(),
});

const attr = (sel: string, name: string) => h.page.locator(sel).first().getAttribute(name);
const count = (sel: string) => h.page.locator(sel).count();
const CHART = '[data-kind="deployment"][data-name="web"] svg[data-pic="rollout"]';
const SHOP = '[data-kind="service"][data-name="shop"] svg[data-pic="dispatch"]';
const USES = '#uses svg[data-pic="uses"]';

test('rollout chart: four step lines from the samples, the counts now in its text alternative; it grows as a new image rolls out', async () => {
  assert.equal(await count(`${CHART} path[data-series]`), 4);
  assert.equal(await attr(CHART, 'data-now'), 'desired:3,updated:3,ready:3,available:3');
  assert.match((await h.page.locator(`${CHART} > title`).textContent()) ?? '', /^Rollout of web over 0:30: desired 3, updated 3, ready 3, available 3 now$/);
  assert.equal(await attr(CHART, 'tabindex'), '0', 'reachable by keyboard, so its text is read');
  const before = Number(await attr(CHART, 'data-samples'));
  assert.equal(await count(`${CHART} .pic-rev`), 0);
  h.session.exec('set image deployment/web web=nginx:1.28');
  await h.advance(1000);
  // Mid-rollout the chart already shows it: a new revision, fewer updated than desired.
  assert.equal(await count(`${CHART} .pic-rev[data-revision="2"]`), 1);
  assert.match((await attr(CHART, 'data-now')) ?? '', /^desired:3,updated:[12],/);
  for (let i = 0; i < 20; i++) await h.advance(1000);
  const samples = Number(await attr(CHART, 'data-samples'));
  assert.ok(samples >= before + 3, `${before} → ${samples}`);
  assert.equal(await attr(`${CHART} path[data-series="updated"]`, 'data-points'), String(samples));
  assert.equal(await attr(CHART, 'data-now'), 'desired:3,updated:3,ready:3,available:3');
  // After a quiet spell the next burst gets the whole width: it starts 10 s before the change, led by the counts then.
  await h.advance(100_000);
  const quietAt = h.session.cluster.now;
  h.session.exec('scale deployment/web --replicas=5');
  await h.advance(5_000);
  const points = Number(await attr(`${CHART} path[data-series="desired"]`, 'data-points'));
  assert.ok(points >= 2 && points < Number(await attr(CHART, 'data-samples')), `${points} points of ${await attr(CHART, 'data-samples')}`);
  const axis = await h.page.locator(`${CHART} .pic-axis`).allTextContents();
  const fmt = (ms: number) => `${Math.floor(ms / 60_000)}:${String(Math.floor(ms / 1000) % 60).padStart(2, '0')}`;
  assert.ok(axis.includes(fmt(quietAt - 10_000)), `${axis.join(' ')} (quiet from ${quietAt})`);
  assert.equal(await attr(CHART, 'data-now'), 'desired:5,updated:5,ready:5,available:5');
  assert.deepEqual(await h.page.locator('[data-kind="deployment"][data-name="web"] .pic-legend li').allTextContents(), [
    'desired 5',
    'updated 5',
    'ready 5',
    'available 5',
  ]);
  h.session.exec('scale deployment/web --replicas=3');
  await h.advance(10_000);
});

test('dispatch centre: a solid line to each ready room, a dashed one to the room not ready; a request runs its orders down them and counts them', async () => {
  assert.equal(await count(`${SHOP} .pic-link.ready`), 3);
  assert.equal(await count(`${SHOP} .pic-link.notready`), 1);
  assert.equal(await h.page.locator(`${SHOP} .pic-link.notready`).evaluate((e) => getComputedStyle(e).strokeDasharray), '4px, 3px');
  assert.equal(
    await h.page
      .locator(`${SHOP} .pic-link.ready`)
      .first()
      .evaluate((e) => getComputedStyle(e).strokeDasharray),
    'none',
  );
  assert.equal(await attr(SHOP, 'aria-label'), 'Dispatch centre shop: orders go to 3 ready rooms; 1 rooms get none (not ready)');
  const slow = h.page.locator(`${SHOP} [data-kind="pic-room"].notready`);
  assert.match((await slow.getAttribute('aria-label')) ?? '', /^Room slow-\S+ takes no orders \(not ready\)/);
  await h.page.click('[data-kind="service"][data-name="shop"] [data-action="request"]');
  await h.settled();
  const served = await h.page.locator(`${SHOP} [data-kind="served-count"]`).allTextContents();
  assert.equal(
    served.filter(Boolean).reduce((n, s) => n + Number(s.slice(1)), 0),
    5,
    `5 orders counted: ${served.join(' ')}`,
  );
  assert.equal(await count(`${SHOP} .pic-link.served`), 3, 'each ready room answered');
  assert.equal(await count(`${SHOP} .pic-link.notready.served`), 0);
  assert.equal(await count(`${SHOP} [data-kind="order"]`), 0, 'reduced motion: no dot runs');
  // Another Service's picture is left alone.
  assert.equal(await count('[data-kind="service"][data-name="tutors"] .pic-link.served'), 0);
});

test('dispatch centre with motion allowed: each answered room gets an order running down its line', async () => {
  const moving = await openPanel({
    browser: chrome.browser,
    reducedMotion: 'no-preference',
    before: (s) => s.apply([{ uri: 'file:///w/pictures.yaml', text: PICTURES_YAML }]),
  });
  try {
    await moving.advance(30_000);
    await moving.page.click('[data-kind="service"][data-name="shop"] [data-action="request"]');
    await moving.settled();
    assert.equal(await moving.page.locator(`${SHOP} circle[data-kind="order"] animateMotion`).count(), 3);
    assert.deepEqual(moving.errors, []);
  } finally {
    await moving.close();
  }
});

test('lockers, notice boards and safes: each linked to the rooms that use it, a missing one marked; names only', async () => {
  const things = await h.page
    .locator(`${USES} [data-kind="pic-thing"]`)
    .evaluateAll((els) =>
      els.map((e) => [e.getAttribute('data-thing'), e.getAttribute('data-name'), e.getAttribute('data-rooms'), e.getAttribute('data-missing')]),
    );
  assert.deepEqual(things, [
    ['PersistentVolumeClaim', 'data', '1', 'false'],
    ['Volume', 'scratch', '1', 'false'],
    ['ConfigMap', 'nowhere', '1', 'true'],
    ['ConfigMap', 'settings', '1', 'false'],
    ['Secret', 'creds', '1', 'false'],
  ]);
  const links = await h.page
    .locator(`${USES} .pic-link`)
    .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-thing')}→${e.getAttribute('data-room')} ${e.getAttribute('class')}`));
  assert.deepEqual(links.sort(), [
    'ConfigMap/default/nowhere→Pod/default/reader pic-link volume',
    'ConfigMap/default/settings→Pod/default/user pic-link envFrom',
    'PersistentVolumeClaim/default/data→Pod/default/user pic-link volume',
    'Secret/default/creds→Pod/default/user pic-link env',
    'Volume/Pod/default/reader/scratch→Pod/default/reader pic-link volume',
  ]);
  assert.equal(await attr(`${USES} [data-kind="pic-thing"][data-thing="Secret"]`, 'aria-label'), 'Safe creds (Secret), used by 1 rooms');
  assert.equal(await attr(`${USES} [data-kind="pic-thing"][data-name="nowhere"]`, 'aria-label'), 'Notice board nowhere (ConfigMap), used by 1 rooms (missing)');
  assert.equal(
    await attr(`${USES} [data-kind="pic-thing"][data-thing="PersistentVolumeClaim"]`, 'aria-label'),
    'Locker data (PersistentVolumeClaim, Bound), used by 1 rooms',
  );
  // A room's own volume (emptyDir) is its own locker; Enter on it shows that room.
  assert.equal(
    await attr(`${USES} [data-kind="pic-thing"][data-thing="Volume"]`, 'aria-label'),
    "Locker scratch (volume, emptyDir): room reader's own, gone with the room",
  );
  await h.page.focus(`${USES} [data-kind="pic-thing"][data-thing="Volume"]`);
  await h.page.keyboard.press('Enter');
  assert.equal(await h.page.locator('#selection .sel-name').textContent(), 'reader');
  assert.ok(!(await h.page.locator('#uses').innerHTML()).includes('hunter2'), 'no Secret value in the picture');
  // Enter on a thing opens its card; on a room shows it in the dorm.
  await h.page.focus(`${USES} [data-kind="pic-thing"][data-thing="Secret"]`);
  await h.page.keyboard.press('Enter');
  assert.equal(await h.page.evaluate(() => document.activeElement?.getAttribute('data-name')), 'creds');
  const playing = h.session.control().playing;
  await h.page.focus(`${USES} [data-kind="pic-room"][data-name="reader"]`);
  await h.page.keyboard.press(' ');
  assert.equal(await h.page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.kind), 'pod');
  assert.equal(await h.page.locator('#selection .sel-name').textContent(), 'reader');
  await h.settled();
  assert.equal(h.session.control().playing, playing, 'Space on a picture node did not also play or pause');
});

test('a real cluster’s panel does not call a notice board missing: it does not watch ConfigMaps, Secrets or claims', async () => {
  const post = (m: HostMessage) => postToPage(h.page, m);
  const nowhere = `${USES} [data-kind="pic-thing"][data-name="nowhere"]`;
  const remote = REAL_CLUSTER;
  await post({ type: 'diff', events: [], control: { ...h.session.control(), remote } });
  await h.page.waitForSelector(`${nowhere}[data-missing="false"]`);
  assert.equal(await attr(nowhere, 'aria-label'), 'Notice board nowhere (ConfigMap), used by 1 rooms');
  await post({ type: 'diff', events: [], control: h.session.control() });
  await h.page.waitForSelector(`${nowhere}[data-missing="true"]`);
});

test("counsellors' rooms carry their DNS names; other rooms none", async () => {
  for (const n of [0, 1])
    assert.equal(await h.page.locator(`[data-kind="pod"][data-name="db-${n}"] [data-kind="dns"]`).textContent(), `db-${n}.tutors.default.svc.cluster.local`);
  assert.equal(await count('[data-kind="pod"][data-group^="Deployment/"] [data-kind="dns"]'), 0);
});

test('keyboard: Tab reaches the charts and every picture node, each with a visible focus ring', async () => {
  // VS Code's theme gives the focus colour (the harness page has no theme of its own).
  await h.page.evaluate(() => document.documentElement.style.setProperty('--vscode-focusBorder', 'rgb(0, 95, 184)'));
  await h.page.locator('#play').focus();
  const seen = new Set<string>();
  for (let i = 0; i < 150; i++) {
    await h.page.keyboard.press('Tab');
    const d = await h.page.evaluate(() => {
      const a = document.activeElement;
      const pic = a?.closest('svg[data-pic]');
      if (!a || !pic) return '';
      const ring = `${getComputedStyle(a).outlineStyle} ${getComputedStyle(a).outlineColor}`;
      return `${pic.getAttribute('data-pic')}:${a.getAttribute('data-kind') ?? 'svg'}:${ring}`;
    });
    if (d) seen.add(d);
  }
  for (const want of ['rollout:svg', 'dispatch:pic-room', 'uses:pic-thing', 'uses:pic-room'])
    assert.ok(seen.has(`${want}:solid rgb(0, 95, 184)`), [...seen].join(' | '));
});

test('theme: the pictures take VS Code\u2019s colours (light, dark, high contrast alike)', async () => {
  const stroke = await h.page.evaluate((sel) => {
    document.documentElement.style.setProperty('--vscode-charts-blue', 'rgb(1, 2, 3)');
    document.body.classList.add('vscode-high-contrast');
    document.documentElement.style.setProperty('--vscode-contrastBorder', 'rgb(4, 5, 6)');
    const s = getComputedStyle(document.querySelector(`${sel} path[data-series="updated"]`)!).stroke;
    const room = getComputedStyle(document.querySelector('svg[data-pic="dispatch"] [data-kind="pic-room"] rect')!).stroke;
    document.body.classList.remove('vscode-high-contrast');
    return [s, room];
  }, CHART);
  assert.deepEqual(stroke, ['rgb(1, 2, 3)', 'rgb(4, 5, 6)']);
});

test('zh-cn: the text alternatives and legend follow the language', async () => {
  await h.page.selectOption('#language', 'zh-cn');
  await h.settled();
  assert.match((await attr(SHOP, 'aria-label')) ?? '', /^外卖调度中心 shop：订单送往 3 间就绪的房间/);
  assert.match((await attr(`${USES} [data-kind="pic-thing"][data-thing="Secret"]`, 'aria-label')) ?? '', /^保险箱 creds（Secret）/);
  assert.match((await attr(`${USES} [data-kind="pic-thing"][data-thing="ConfigMap"]`, 'aria-label')) ?? '', /^公告板 /);
  assert.match((await attr(`${USES} [data-kind="pic-thing"][data-thing="PersistentVolumeClaim"]`, 'aria-label')) ?? '', /^储物柜 data/);
  assert.equal(await h.page.locator('[data-kind="deployment"][data-name="web"] .pic-legend li').first().textContent(), '期望 3');
  assert.match((await attr('[data-kind="pod"][data-name="db-0"] [data-kind="dns"]', 'title')) ?? '', /^DNS 名称：db-0\.tutors/);
  await h.page.selectOption('#language', 'en');
  await h.settled();
});

test('hostile names in every picture stay text: nothing runs, nothing is injected', async () => {
  const c = h.session.cluster;
  // Behind the API server's back, as a real cluster's odd objects might reach the panel.
  c.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: HOSTILE },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'evil' } },
      template: { metadata: { labels: { app: 'evil', tier: 'shop' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } },
    },
  });
  c.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: HOSTILE }, spec: { selector: { app: 'evil' }, ports: [{ port: 80 }] } });
  c.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `p${HOSTILE}` },
    spec: {
      containers: [{ name: 'c', image: 'nginx:1.27', envFrom: [{ secretRef: { name: HOSTILE } }] }],
      volumes: [{ name: 'v', configMap: { name: HOSTILE } }],
    },
  });
  await h.advance(10_000);
  const report = await h.page.evaluate((name) => {
    const pics = [...document.querySelectorAll('svg[data-pic]')];
    return {
      pwned: (window as { __pwned?: unknown }).__pwned ?? null,
      imgs: document.querySelectorAll('img').length,
      handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).length,
      // Every SVG in the page is one of the pictures, and a picture holds only what the panel draws.
      strays: document.querySelectorAll('svg:not([data-pic])').length,
      foreign: pics
        .flatMap((p) => [...p.querySelectorAll('*')].map((e) => e.tagName))
        .filter((t) => !['title', 'path', 'text', 'g', 'rect', 'circle', 'animateMotion'].includes(t)),
      chartTitle: document.querySelector(`[data-kind="deployment"][data-name="${CSS.escape(name)}"] svg[data-pic="rollout"] > title`)?.textContent ?? '',
      counter: document.querySelector(`[data-kind="service"][data-name="${CSS.escape(name)}"] svg[data-pic="dispatch"]`)?.getAttribute('aria-label') ?? '',
      things: [...document.querySelectorAll('#uses [data-kind="pic-thing"]')].map((e) => e.getAttribute('data-name')).filter((n) => n === name).length,
    };
  }, HOSTILE);
  assert.equal(report.pwned, null);
  assert.equal(report.imgs, 0);
  assert.equal(report.handlers, 0);
  assert.equal(report.strays, 0);
  assert.deepEqual(report.foreign, []);
  assert.ok(report.chartTitle.startsWith(`Rollout of ${HOSTILE}`), report.chartTitle);
  assert.ok(report.counter.startsWith(`Dispatch centre ${HOSTILE}`), report.counter);
  assert.equal(report.things, 2, 'the safe and the notice board of that name, both missing');
  assert.deepEqual(h.errors, []);
});
