// The panel's webview bundle in real Chromium, wired to the real engine in Node: the page loads
// the same HTML the extension serves (CSP with a nonce, dist/webview/panel.js, media/panel/panel.css)
// from a routed origin, and an `acquireVsCodeApi` shim carries messages both ways through
// page.exposeFunction / window.postMessage to a SimSession (extension/src/panel/session.ts).
// Used by test/webview/*.test.ts and bench/panel.ts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, collectPageErrors, REPO_ROOT } from '../support/browser';
import { SimSession, type SessionOptions } from '../../extension/src/panel/session';
import { panelHtml, makeNonce } from '../../extension/src/panel/html';
import type { HostMessage } from '../../webview/protocol/index';

export const ORIGIN = 'http://kube-dorm.test';

const SHIM = `(() => {
  let state = undefined;
  const api = {
    postMessage: (m) => window.__kdPost(JSON.stringify(m)),
    getState: () => state,
    setState: (s) => { state = s; },
  };
  let taken = false;
  window.acquireVsCodeApi = () => { if (taken) throw new Error('acquireVsCodeApi called twice'); taken = true; return api; };
  window.__kdPosted = [];
})()`;

export interface PanelHarness {
  browser: Browser;
  page: Page;
  session: SimSession;
  errors: string[];
  /** Messages the host posted (for assertions on the protocol). */
  posted: HostMessage[];
  /** Messages the webview sent (raw, before validation). */
  received: unknown[];
  /** ms the host took to build the embedded first state (0 without preload). */
  preloadBuildMs: number;
  /** Wall-clock ms (Date.now) when each posted / received message passed through the bridge. */
  postedAt: number[];
  receivedAt: number[];
  /** Advances simulated time and sends the diff, then waits until the page has handled it. */
  advance(ms: number): Promise<void>;
  /** Waits until every message the page sent has been handled and every host message posted since has reached the page. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions extends Partial<SessionOptions> {
  browser?: Browser;
  viewport?: { width: number; height: number };
  reducedMotion?: 'reduce' | 'no-preference';
  /** Called with the session before the page loads (apply manifests here). */
  before?(s: SimSession): void;
  /** Embed the first state in the HTML, as the extension does (default true); false: the page asks for it with `ready`. */
  preload?: boolean;
}

export async function openPanel(opts: HarnessOptions = {}): Promise<PanelHarness> {
  const js = readFileSync(path.join(REPO_ROOT, 'dist', 'webview', 'panel.js'));
  const css = readFileSync(path.join(REPO_ROOT, 'media', 'panel', 'panel.css'));
  const codiconCss = readFileSync(path.join(REPO_ROOT, 'media', 'panel', 'codicons', 'codicon.css'));
  const codiconTtf = readFileSync(path.join(REPO_ROOT, 'media', 'panel', 'codicons', 'codicon.ttf'));
  const ownBrowser = !opts.browser;
  const browser = opts.browser ?? (await launchChromium());
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1200, height: 900 }, reducedMotion: opts.reducedMotion ?? 'reduce' });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  const posted: HostMessage[] = [];
  const received: unknown[] = [];
  const postedAt: number[] = [];
  const receivedAt: number[] = [];
  let chain: Promise<unknown> = Promise.resolve();
  let closed = false;
  const session = new SimSession({
    ...opts,
    post: (m) => {
      posted.push(m);
      postedAt.push(Date.now());
      // As a string (parsed in the page): playwright moves one string much faster than a large object graph.
      const json = JSON.stringify(m);
      chain = chain.then(() => (closed ? undefined : page.evaluate((x) => window.postMessage(JSON.parse(x), '*'), json).catch(() => {})));
    },
  });
  opts.before?.(session);
  await page.exposeFunction('__kdPost', (json: string) => {
    let m: unknown;
    try {
      m = JSON.parse(json);
    } catch {
      m = json;
    }
    received.push(m);
    receivedAt.push(Date.now());
    session.handle(m);
  });
  // Bindings are delivered in order: once __kdSync answers, every earlier __kdPost was handled.
  await page.exposeFunction('__kdSync', () => true);
  await page.addInitScript(SHIM);
  const nonce = makeNonce();
  const t0 = performance.now();
  const preload = opts.preload === false ? undefined : session.preload();
  const html = panelHtml({ cspSource: ORIGIN, nonce, scriptUri: `${ORIGIN}/dist/webview/panel.js`, styleUri: `${ORIGIN}/media/panel/panel.css`, codiconUri: `${ORIGIN}/media/panel/codicons/codicon.css`, preload });
  const preloadBuildMs = preload ? performance.now() - t0 : 0;
  await page.route(`${ORIGIN}/**`, (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/panel.html') return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    if (url.pathname === '/dist/webview/panel.js') return route.fulfill({ status: 200, contentType: 'text/javascript', body: js });
    if (url.pathname === '/media/panel/panel.css') return route.fulfill({ status: 200, contentType: 'text/css', body: css });
    if (url.pathname === '/media/panel/codicons/codicon.css') return route.fulfill({ status: 200, contentType: 'text/css', body: codiconCss });
    if (url.pathname === '/media/panel/codicons/codicon.ttf') return route.fulfill({ status: 200, contentType: 'font/ttf', body: codiconTtf });
    return route.fulfill({ status: 404, body: 'not found' });
  });
  // Nothing else may be fetched (a hostile name must not make the page load anything).
  await context.route((url) => !url.href.startsWith(ORIGIN), (route) => route.abort());
  await page.goto(`${ORIGIN}/panel.html`);
  await page.waitForSelector('#app[data-ready="true"]');
  const settled = async () => {
    await page.evaluate('window.__kdSync()').catch(() => {});
    let last: Promise<unknown>;
    do {
      last = chain;
      await last;
    } while (last !== chain);
  };
  return {
    browser,
    page,
    session,
    errors,
    posted,
    received,
    preloadBuildMs,
    postedAt,
    receivedAt,
    async advance(ms: number) {
      session.cluster.advance(ms);
      session.flush();
      await settled();
    },
    settled,
    async close() {
      closed = true;
      session.dispose();
      await context.close().catch(() => {});
      if (ownBrowser) await browser.close().catch(() => {});
    },
  };
}

/** Pods in the page as the DOM describes them. */
export async function podsInPage(page: Page): Promise<{ name: string; status: string; node: string }[]> {
  return page.$$eval('[data-kind="pod"]', (els) => els.map((e) => ({ name: e.getAttribute('data-name') ?? '', status: e.getAttribute('data-status') ?? '', node: e.getAttribute('data-node') ?? '' })));
}
