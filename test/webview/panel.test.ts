// The panel bundle in real Chromium wired to the real engine (test/webview/harness.ts): the seed's
// "nginx luxury edition" comes up, a deleted room is replaced, a bad image crash-loops and is
// rolled back — all by clicking the panel's own controls and reading its DOM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromiumSuite, REPO_ROOT } from '../support/browser';
import { openPanel, podsInPage, type PanelHarness } from './harness';
import { serviceYaml } from '../support/workload-yaml';

const LUXURY_PATH = path.join(REPO_ROOT, 'examples', 'chapter7-luxury', 'nginx-luxury-edition.yaml');
const LUXURY = readFileSync(LUXURY_PATH, 'utf8');
const URI = 'file://' + LUXURY_PATH;
const SERVICE = `${serviceYaml({ name: 'luxury', app: 'nginx-luxury', port: 80 })}
`;

let h: PanelHarness;
const chrome = chromiumSuite({ close: async () => h?.close() });

const running = async (page: PanelHarness['page']) => (await podsInPage(page)).filter((p) => p.status === 'Running');

test('luxury edition: 2 pods reach Running; delete one and see its replacement; a bad image crash-loops and rolls back', async () => {
  h = await openPanel({
    browser: chrome.browser,
    before: (s) =>
      s.apply([
        { uri: URI, text: LUXURY },
        { uri: 'file:///svc.yaml', text: SERVICE },
      ]),
  });
  const { page } = h;
  // The nodes are buildings with the testable attributes.
  assert.deepEqual(await page.$$eval('[data-kind="node"]', (els) => els.map((e) => e.getAttribute('data-name'))), ['node-1', 'node-2', 'node-3']);
  await h.advance(10_000);
  let pods = await running(page);
  assert.equal(pods.length, 2, JSON.stringify(await podsInPage(page)));
  for (const p of pods) {
    assert.match(p.name, /^nginx-luxury-edition-\w+-\w+$/);
    // Each room sits inside the building it runs in.
    assert.equal(
      await page.$eval(`[data-kind="node"][data-name="${p.node}"]`, (b, n) => !!b.querySelector(`[data-kind="pod"][data-name="${n}"]`), p.name),
      true,
    );
  }
  // The dispatch centre lists its two ready rooms.
  assert.deepEqual(
    (await page.$$eval('[data-kind="service"][data-name="luxury"] [data-kind="endpoint"]', (els) => els.map((e) => e.getAttribute('data-name')))).sort(),
    pods.map((p) => p.name).sort(),
  );
  // The timeline tells each event twice.
  const scheduled = await page.$$eval('[data-kind="event"][data-reason="Scheduled"]', (els) =>
    els.map((e) => [e.querySelector('.kubectl-line')?.textContent, e.querySelector('.story')?.textContent]),
  );
  assert.equal(scheduled.length, 2);
  assert.match(String(scheduled[0][0]), /Successfully assigned default\/nginx-luxury-edition/);
  assert.match(String(scheduled[0][1]), /dorm office gave room nginx-luxury-edition-\S+ a place in building node-\d/);

  // Delete one pod from the panel: select its room, click Delete.
  const victim = pods[0].name;
  await page.click(`[data-kind="pod"][data-name="${victim}"]`);
  await page.click('[data-action="delete-pod"]');
  await h.settled();
  await page.waitForSelector(`[data-kind="pod"][data-name="${victim}"][data-status="Terminating"]`);
  await h.advance(40_000);
  pods = await running(page);
  assert.equal(pods.length, 2);
  assert.ok(!pods.some((p) => p.name === victim), 'the deleted room is gone');
  assert.equal(await page.$$eval(`[data-kind="pod"][data-name="${victim}"]`, (e) => e.length), 0);
  const replaced = await page.$$eval('[data-kind="event"][data-reason="SuccessfulCreate"] .story', (els) => els.map((e) => e.textContent ?? ''));
  assert.ok(
    replaced.some((s) => s.includes(`because ${victim} went down`)),
    replaced.join('\n'),
  );

  // A bad image (mysql without its password variable exits at once): CrashLoopBackOff.
  const card = '[data-kind="deployment"][data-name="nginx-luxury-edition"]';
  await page.fill(`${card} input[data-field="image"]`, 'mysql:8.0');
  await page.click(`${card} [data-action="set-image"]`);
  await h.settled();
  await h.advance(30_000);
  const crashing = (await podsInPage(page)).filter((p) => p.status === 'CrashLoopBackOff');
  assert.equal(crashing.length, 1, JSON.stringify(await podsInPage(page)));
  assert.equal((await running(page)).length, 2, 'maxUnavailable keeps the old rooms serving');
  assert.ok(await page.$('[data-kind="event"][data-reason="BackOff"]'));
  // Roll back.
  await page.click(`${card} [data-action="rollback"]`);
  await h.settled();
  await h.advance(30_000);
  const after = await podsInPage(page);
  assert.equal(after.length, 2, JSON.stringify(after));
  assert.ok(after.every((p) => p.status === 'Running'));
  assert.match((await page.textContent('#output')) ?? '', /rolled back/);
  assert.deepEqual(h.errors, []);
});

test('controls: play/pause/step and speed drive host time; requests light up the rooms that answered; safe values only on reveal', async () => {
  const page = h.page;
  await page.click('#play'); // running → paused? The session starts playing.
  await h.settled();
  assert.equal(h.session.playing, false);
  const t0 = h.session.cluster.now;
  await page.click('#step');
  await h.settled();
  assert.equal(h.session.cluster.now, t0 + 1000);
  // The page renders the host's diff asynchronously: wait for the DOM, then assert.
  await page.waitForSelector(`#time[data-t="${t0 + 1000}"]`, { timeout: 10_000 });
  assert.equal(await page.getAttribute('#time', 'data-t'), String(t0 + 1000));
  await page.selectOption('#speed', '10');
  await h.settled();
  assert.equal(h.session.speed, 10);
  // Keyboard: "." steps.
  await page.focus('#time').catch(() => {});
  await page.keyboard.press('.');
  await h.settled();
  assert.equal(h.session.cluster.now, t0 + 2000);

  await page.click('[data-kind="service"][data-name="luxury"] [data-action="request"]');
  await h.settled();
  // (Selector waits, not waitForFunction: the page's CSP rightly forbids evaluating strings.)
  await page.locator('#output', { hasText: 'request 1 →' }).waitFor({ timeout: 10_000 });
  const out = (await page.textContent('#output')) ?? '';
  assert.match(out, /request 1 → nginx-luxury-edition-\S+ \(/);
  assert.ok((await page.$$('[data-kind="pod"][data-answered]')).length >= 1);

  const secret = '[data-kind="secret"][data-name="nginx-secrets"]';
  assert.equal(await page.textContent(`${secret} .secret-value[data-key="admin-pass"]`), '••••••');
  assert.ok(!(await page.content()).includes('change-me'));
  await page.click(`${secret} [data-action="reveal"][data-key="admin-pass"]`);
  await h.settled();
  await page.locator(`${secret} .secret-value[data-key="admin-pass"]`, { hasText: 'change-me' }).waitFor({ timeout: 10_000 });
  assert.equal(await page.textContent(`${secret} .secret-value[data-key="admin-pass"]`), 'change-me');
  assert.equal(await page.textContent(`${secret} .secret-value[data-key="admin-user"]`), '••••••', 'only the clicked value is revealed');

  // The kubectl get view shows the same state as text.
  await page.click('#view-table');
  await h.settled();
  await page.waitForSelector('table[data-table="Pod"]');
  const rows = await page.$$eval('table[data-table="Pod"] tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
  assert.equal(rows.length, 2);
  assert.ok(rows.every((r) => r[2] === 'Running'));
  await page.click('#view-dorm');

  // Nodes: fail one building → NotReady after 40 s.
  await page.click('[data-kind="node"][data-name="node-1"] [data-action="fail"]');
  await h.settled();
  await h.advance(45_000);
  await page.waitForSelector('[data-kind="node"][data-name="node-1"][data-status="NotReady"]', { timeout: 10_000 });
  assert.equal(await page.getAttribute('[data-kind="node"][data-name="node-1"]', 'data-status'), 'NotReady');
  // Language switch re-renders the panel in Chinese.
  await page.selectOption('#language', 'zh-cn');
  await h.settled();
  await page.waitForSelector('html[lang="zh-CN"]', { timeout: 10_000 });
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.match((await page.textContent('#play')) ?? '', /播放/);
  assert.ok((await page.$$eval('[data-kind="event"] .story', (els) => els.map((e) => e.textContent ?? ''))).some((s) => /楼管阿姨|宿舍办公室/.test(s)));
  // Every webview message the host received passed validation.
  assert.ok(!h.posted.some((m) => m.type === 'output' && /does not accept|不接受/.test(m.text)));
  assert.deepEqual(h.errors, []);
});

test('a refused manifest: the panel quotes the API server and offers to open the line to fix', async () => {
  const broken = LUXURY.replace('memory: "128Mi"', 'memory: "128Mo"');
  h.session.apply([{ uri: URI, text: broken }]);
  await h.settled();
  const refusal = await h.page.waitForSelector('[data-kind="refusal"]');
  const line = Number(await refusal.getAttribute('data-line'));
  const expected = broken.split('\n').findIndex((l) => l.includes('128Mo')) + 1;
  assert.equal(line, expected);
  assert.match((await refusal.textContent()) ?? '', new RegExp(`nginx-luxury-edition\\.yaml:${expected}:`));
  const opened: [string, number][] = [];
  (h.session as any).opts.openLocation = (uri: string, l: number) => opened.push([uri, l]);
  await refusal.$('button').then((b) => b!.click());
  await h.settled();
  await h.page.waitForTimeout(0);
  assert.deepEqual(opened, [[URI, expected - 1]]);
  assert.deepEqual(h.errors, []);
});

test('dispatch centres are linked to their rooms: marks on the rooms, lit up from the card, a chip shows its room; a big Service says "+N"', async () => {
  const big = (n: number) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: many }
spec:
  replicas: ${n}
  selector: { matchLabels: { app: many } }
  template:
    metadata: { labels: { app: many } }
    spec: { containers: [{ name: web, image: nginx:1.27 }] }
---
apiVersion: v1
kind: Service
metadata: { name: many }
spec: { selector: { app: many }, ports: [{ port: 80 }] }
`;
  const p = await openPanel({
    browser: chrome.browser,
    nodes: 4,
    viewport: { width: 1200, height: 900 },
    before: (s) =>
      s.apply([
        { uri: URI, text: LUXURY },
        { uri: 'file:///svc.yaml', text: SERVICE },
        { uri: 'file:///many.yaml', text: big(30) },
      ]),
  });
  try {
    await p.advance(20_000);
    const page = p.page;
    // Every running room of the luxury edition carries the Service's name; the other rooms do not.
    const lux = await page.$$eval('[data-kind="pod"][data-owner^="nginx-luxury-edition"]', (els) =>
      els.map((e) => [e.getAttribute('data-services'), e.classList.contains('served'), e.getAttribute('title')]),
    );
    assert.equal(lux.length, 2);
    for (const [svc, served, title] of lux) {
      assert.equal(svc, 'luxury');
      assert.equal(served, true);
      assert.match(String(title), /dispatch centre \(Service\): luxury/);
    }
    // Pointing at the luxury card lights up exactly its two rooms.
    await page.hover('[data-kind="service"][data-name="luxury"]');
    assert.equal(await page.$$eval('.room.linked', (els) => els.length), 2);
    assert.deepEqual(await page.$$eval('.room.linked', (els) => [...new Set(els.map((e) => e.getAttribute('data-services')))]), ['luxury']);
    await page.mouse.move(0, 0);
    assert.equal(await page.$$eval('.room.linked', (els) => els.length), 0);
    // 30 rooms behind "many": 24 chips and "+6 more"; the chips are buttons that show the room.
    const manyCard = '[data-kind="service"][data-name="many"]';
    assert.equal(await page.$$eval(`${manyCard} [data-kind="endpoint"]`, (e) => e.length), 24);
    assert.equal((await page.textContent(`${manyCard} [data-kind="endpoint-more"]`))?.trim(), '+6 more');
    const chip = await page.$(`${manyCard} [data-kind="endpoint"]`);
    const name = await chip!.getAttribute('data-name');
    await chip!.focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector(`[data-kind="pod"][data-name="${name}"].selected`);
    assert.equal(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.getAttribute('data-name')), name, 'the room has the focus');
    assert.equal((await page.textContent('#selection .sel-name'))?.trim(), name);
    // Scale "many" to 0: its rooms lose the mark, the card says no ready room.
    await page.fill(`[data-kind="deployment"][data-name="many"] input[type="number"]`, '0');
    await page.click('[data-kind="deployment"][data-name="many"] [data-action="scale"]');
    await p.settled();
    await p.advance(60_000);
    assert.equal(await page.$$eval('[data-kind="pod"][data-services~="many"]', (e) => e.length), 0);
    assert.equal(await page.getAttribute(`${manyCard} .endpoints`, 'data-ready'), '0');
    assert.deepEqual(p.errors, []);
  } finally {
    await p.close();
  }
});

test('the first state: embedded in the page (drawn before the script says ready) or, without it, asked for; the same rooms either way', async () => {
  const apply = (s: PanelHarness['session']) => {
    s.apply([
      { uri: URI, text: LUXURY },
      { uri: 'file:///svc.yaml', text: SERVICE },
    ]);
    s.cluster.advance(10_000);
  };
  const embedded = await openPanel({ browser: chrome.browser, before: apply });
  const asked = await openPanel({ browser: chrome.browser, before: apply, preload: false });
  try {
    assert.equal(await embedded.page.getAttribute('#app', 'data-init'), 'embedded');
    assert.equal(await asked.page.getAttribute('#app', 'data-init'), 'message');
    // With the state embedded, the host posted no init: only what changed after the page's ready.
    assert.ok(!embedded.posted.some((m) => m.type === 'init'));
    assert.equal(asked.posted.filter((m) => m.type === 'init').length, 1);
    const rooms = async (h: PanelHarness) => (await podsInPage(h.page)).map((p) => `${p.name} ${p.status} ${p.node}`).sort();
    assert.deepEqual(await rooms(embedded), await rooms(asked));
    assert.equal((await rooms(embedded)).length, 2);
    assert.deepEqual(embedded.errors, []);
  } finally {
    await embedded.close();
    await asked.close();
  }
});

test('a request lights up the room that answered from what the host names, not from the output text: the same pod name in another namespace stays dark, in Chinese too', async () => {
  const pod = (ns: string) => `apiVersion: v1
kind: Pod
metadata: { name: web, namespace: ${ns}, labels: { app: web } }
spec: { containers: [{ name: web, image: nginx:1.27, ports: [{ containerPort: 80 }] }] }
`;
  const files = [
    { uri: 'file:///ns.yaml', text: 'apiVersion: v1\nkind: Namespace\nmetadata: { name: other }\n' },
    {
      uri: 'file:///web.yaml',
      text: `${pod('default')}---\n${pod('other')}---\napiVersion: v1\nkind: Service\nmetadata: { name: web }\nspec: { selector: { app: web }, ports: [{ port: 80 }] }\n`,
    },
  ];
  const p = await openPanel({ browser: chrome.browser, before: (s) => s.apply(files) });
  try {
    await p.advance(15_000);
    const page = p.page;
    const room = (ns: string) => `[data-kind="pod"][data-name="web"][data-namespace="${ns}"]`;
    await page.waitForSelector(`${room('default')}[data-status="Running"]`);
    await page.waitForSelector(`${room('other')}[data-status="Running"]`);
    await page.selectOption('#language', 'zh-cn');
    await p.settled();
    await page.waitForSelector('html[lang="zh-CN"]');
    await page.click('[data-kind="service"][data-name="web"] [data-action="request"]');
    await p.settled();
    await page.locator('#output', { hasText: '请求 1 → web（' }).waitFor({ timeout: 10_000 });
    await page.waitForSelector(`${room('default')}[data-answered="1"]`);
    assert.equal(await page.getAttribute(room('other'), 'data-answered'), null, 'the namesake in another namespace did not answer');
    assert.deepEqual(p.errors, []);
  } finally {
    await p.close();
  }
});
