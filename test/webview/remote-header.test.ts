// The panel's header for a real cluster (webview/panel/remote.ts) in real Chromium: drawn only when
// the control state carries `remote`; live vs "stale" with the kinds whose watch is down; the
// namespace filter and "Allow changes" are keyboard-reachable controls that post their messages;
// the simulator-only controls and the ones the rules review denies are not offered; Chinese texts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromiumSuite } from '../support/browser';
import { openPanel, type PanelHarness } from './harness';
import { remotePanelStrings } from '../../core/remote/panel-strings';
import { panelStrings } from '../../core/panel/messages';
import type { HostMessage, RemoteStatus } from '../../webview/protocol/panel';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx:1.27}]
`;

let h: PanelHarness;
chromiumSuite({
  open: async (browser) => {
    h = await openPanel({ browser, preload: false, before: (s) => s.apply([{ uri: 'file:///web.yaml', text: WEB }]) });
    await h.advance(10_000);
  },
  close: async () => h?.close(),
});

const remote = (over: Partial<RemoteStatus> = {}): RemoteStatus => ({
  context: 'kind-dev',
  server: 'https://127.0.0.1:6443',
  version: 'v1.32.0',
  namespaces: ['default', 'kube-system'],
  lastEventAt: Date.now() - 3000,
  stale: false,
  down: [],
  missing: [],
  changesAllowed: false,
  denied: [],
  ...over,
});

/** An init as RemoteSession sends it: the simulated state stands in for the cluster's, with the header's state and texts. */
async function show(r: RemoteStatus | undefined, locale: 'en' | 'zh-cn' = 'en') {
  const init = h.posted.find((m): m is Extract<HostMessage, { type: 'init' }> => m.type === 'init')!;
  const msg = {
    ...init,
    strings: { ...panelStrings(locale), ...remotePanelStrings(locale) },
    control: { ...init.control, locale, ...(r ? { remote: r } : {}) },
  };
  await h.page.evaluate((x) => window.postMessage(JSON.parse(x), '*'), JSON.stringify(msg));
}

test('a simulated cluster has no header; a real one shows context, version and "Live"', async () => {
  const { page } = h;
  assert.equal(await page.isHidden('#remote'), true);
  assert.equal(await page.getAttribute('#app', 'data-remote'), null);
  await show(remote());
  await page.waitForSelector('#remote:not([hidden])');
  assert.match((await page.textContent('.remote-context')) ?? '', /Context: kind-dev · Kubernetes v1\.32\.0/);
  assert.match((await page.textContent('#freshness')) ?? '', /Live · last event \d s ago/);
  assert.equal(await page.getAttribute('#freshness', 'data-stale'), 'false');
  assert.equal(await page.getAttribute('#app', 'data-changes'), 'read-only');
  assert.equal(await page.isVisible('#play'), false, 'the simulator clock is not offered');
  assert.equal(await page.isVisible('[data-kind="deployment"] [data-action="canary"]'), false);
  assert.equal(await page.isVisible('[data-kind="deployment"] [data-action="scale"]'), true);
  assert.match((await page.textContent('#changes-mode')) ?? '', /Read-only/);
});

test('stale names the kinds whose watch is down; denied controls are hidden; missing permissions are listed', async () => {
  const { page } = h;
  await show(remote({ stale: true, down: ['Pod', 'Event'], denied: ['scale'], missing: ['missing permission: list pods'] }));
  await page.waitForSelector('#freshness[data-stale="true"]');
  assert.match((await page.textContent('#freshness')) ?? '', /Stale: the watch of Pod, Event is down/);
  assert.equal(await page.isVisible('[data-kind="deployment"] [data-action="scale"]'), false);
  assert.equal(await page.isVisible('[data-kind="deployment"] [data-action="set-image"]'), true);
  assert.deepEqual(await page.$$eval('#missing li', (els) => els.map((e) => e.textContent)), ['missing permission: list pods']);
});

test('the namespace filter and "Allow changes" are reached with Tab and post their messages', async () => {
  const { page } = h;
  await show(remote());
  await page.waitForSelector('#allow-changes:visible');
  const reach = async (id: string) => {
    await page.focus('body');
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.id)) === id) return true;
    }
    return false;
  };
  assert.ok(await reach('remote-namespace'), 'the namespace select is in the tab order');
  await page.selectOption('#remote-namespace', 'kube-system');
  assert.ok(await reach('allow-changes'), 'Allow changes is in the tab order');
  await page.keyboard.press('Enter');
  await h.settled();
  assert.ok(h.received.some((m) => JSON.stringify(m) === JSON.stringify({ type: 'namespace', namespace: 'kube-system' })));
  assert.ok(h.received.some((m) => JSON.stringify(m) === JSON.stringify({ type: 'allowChanges' })));
  await show(remote({ changesAllowed: true }));
  await page.waitForSelector('#app[data-changes="allowed"]');
  assert.equal(await page.isHidden('#allow-changes'), true);
});

test('in Chinese', async () => {
  const { page } = h;
  await show(remote({ stale: true, down: ['Pod'] }), 'zh-cn');
  await page.waitForSelector('#freshness[data-stale="true"]');
  assert.match((await page.textContent('#freshness')) ?? '', /已过时：Pod 的监视已断开/);
  assert.match((await page.textContent('#changes-mode')) ?? '', /只读/);
  assert.equal(await page.textContent('#allow-changes'), '允许修改…');
  assert.equal(await page.$eval('#remote-namespace option', (o) => o.textContent), '全部命名空间');
  // Back to a simulated cluster: the header goes away.
  await show(undefined);
  await page.waitForSelector('#remote[hidden]', { state: 'attached' });
  assert.equal(await page.getAttribute('#app', 'data-remote'), null);
  assert.deepEqual(h.errors, []);
});
