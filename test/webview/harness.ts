// The panel's webview bundle in real Chromium, wired to the real engine in Node: the page loads
// the same HTML the extension serves (CSP with a nonce, dist/webview/panel.js, media/panel/panel.css)
// from a loopback HTTP server, and an `acquireVsCodeApi` shim carries messages both ways through
// page.exposeFunction / window.postMessage to a SimSession (extension/src/panel/session.ts).
// Used by test/webview/*.test.ts and bench/panel.ts.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, collectPageErrors, REPO_ROOT } from '../support/browser';
import { SimSession, type SessionOptions } from '../../extension/src/panel/session';
import { webviewHtml, makeNonce } from '../../extension/src/panel/html';
import type { HostMessage, RemoteStatus } from '../../webview/protocol/panel';

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
  /** The page's address (a loopback origin of its own). */
  url: string;
  /** ms the host took to build the embedded first state (0 without preload). */
  preloadBuildMs: number;
  /** Size of the page's HTML (with the embedded first state, if any). */
  htmlBytes: number;
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
  // The page's files come from a loopback HTTP server, as a webview's come from VS Code's resource
  // server; the HTML is built once the session has its manifests (with the first state embedded).
  let html = '';
  const files: Record<string, [string, Buffer | string]> = {
    '/panel.html': ['text/html; charset=utf-8', ''],
    '/dist/webview/panel.js': ['text/javascript', js],
    '/media/panel/panel.css': ['text/css', css],
    '/media/panel/codicons/codicon.css': ['text/css', codiconCss],
    '/media/panel/codicons/codicon.ttf': ['font/ttf', codiconTtf],
  };
  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    // A top-level page asks for a favicon; a webview (an iframe) does not: nothing to see here.
    if (pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const f = files[pathname];
    if (!f) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': f[0], 'cache-control': 'no-store' }).end(f[0].startsWith('text/html') ? html : f[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const t0 = performance.now();
  const preload = opts.preload === false ? undefined : session.preload();
  html = webviewHtml({
    cspSource: origin,
    nonce,
    scriptUri: `${origin}/dist/webview/panel.js`,
    styleUri: `${origin}/media/panel/panel.css`,
    codiconUri: `${origin}/media/panel/codicons/codicon.css`,
    preload,
  });
  const preloadBuildMs = preload ? performance.now() - t0 : 0;
  // Nothing else may be fetched: a request anywhere else (a hostile name that made the page load
  // something) is reported as an error, and the CSP blocks it.
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin + '/') && !u.startsWith('data:')) errors.push(`request outside the panel's origin: ${u.slice(0, 200)}`);
  });
  await page.goto(`${origin}/panel.html`);
  // (the same address is returned as `url`, to check that nothing navigated away)
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
    url: `${origin}/panel.html`,
    preloadBuildMs,
    htmlBytes: Buffer.byteLength(html),
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
      server.close();
      if (ownBrowser) await browser.close().catch(() => {});
    },
  };
}

/** Pods in the page as the DOM describes them. */
export async function podsInPage(page: Page): Promise<{ name: string; status: string; node: string }[]> {
  return page.$$eval('[data-kind="pod"]', (els) =>
    els.map((e) => ({ name: e.getAttribute('data-name') ?? '', status: e.getAttribute('data-status') ?? '', node: e.getAttribute('data-node') ?? '' })),
  );
}

/** The header of a real cluster's panel (a kind cluster, read-only), for tests that show the page one. */
export const REAL_CLUSTER: RemoteStatus = {
  context: 'kind-dev',
  server: 'https://127.0.0.1:6443',
  namespaces: [],
  stale: false,
  down: [],
  missing: [],
  changesAllowed: false,
  denied: [],
};

/** Posts a host message straight to the page (as the extension's postMessage would), bypassing the session. */
export function postToPage(page: Page, m: HostMessage): Promise<void> {
  return page.evaluate((x) => window.postMessage(x, '*'), m);
}
