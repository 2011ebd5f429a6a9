// The lesson view's bundle in real Chromium, wired to the real LessonSession in Node: the page
// loads the same HTML the extension serves (CSP with a nonce, dist/webview/lesson.js,
// media/lessons/lesson.css) from a routed origin; an acquireVsCodeApi shim carries messages both
// ways. Used by test/webview/lesson*.test.ts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, collectPageErrors, REPO_ROOT } from '../support/browser';
import { webviewHtml, makeNonce } from '../../extension/src/panel/html';
import { LessonSession, type LessonSessionHost } from '../../extension/src/lessons/session';
import { loadAllLessons } from '../../core/lessons/index';
import type { LessonHostMessage } from '../../webview/protocol/lesson';

export const ORIGIN = 'http://kube-dorm.test';
export const LESSONS = loadAllLessons((rel) => readFileSync(path.join(REPO_ROOT, 'media', 'lessons', rel), 'utf8'));

const SHIM = `(() => {
  let state = window.__kdInitialState;
  const api = {
    postMessage: (m) => window.__kdPost(JSON.stringify(m)),
    getState: () => state,
    setState: (s) => { state = s; window.__kdSaved = JSON.stringify(s); },
  };
  let taken = false;
  window.acquireVsCodeApi = () => { if (taken) throw new Error('acquireVsCodeApi called twice'); taken = true; return api; };
})()`;

export interface LessonHarness {
  browser: Browser;
  page: Page;
  session: LessonSession;
  errors: string[];
  posted: LessonHostMessage[];
  writes: { file: string; text: string }[];
  opened: string[];
  /** Advances simulated time, evaluates the step and waits until the page has what was posted. */
  advance(ms: number): Promise<void>;
  /** Waits until every message posted so far has been handled by the page (the message task has run). */
  settled(): Promise<void>;
  /** Runs a page action that makes the view post `n` messages, and waits until the host has handled them and the page has the answer. */
  act(fn: () => Promise<unknown>, n?: number): Promise<void>;
  close(): Promise<void>;
}

export async function openLesson(
  lessonId: string,
  opts: { browser?: Browser; host?: Partial<LessonSessionHost>; initialState?: unknown } = {},
): Promise<LessonHarness> {
  const js = readFileSync(path.join(REPO_ROOT, 'dist', 'webview', 'lesson.js'));
  const css = readFileSync(path.join(REPO_ROOT, 'media', 'lessons', 'lesson.css'));
  const ownBrowser = !opts.browser;
  const browser = opts.browser ?? (await launchChromium());
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  const posted: LessonHostMessage[] = [];
  const writes: { file: string; text: string }[] = [];
  const opened: string[] = [];
  let chain: Promise<unknown> = Promise.resolve();
  let closed = false;
  let received = 0;
  const session = new LessonSession(LESSONS, lessonId, {
    ...opts.host,
    post: (m) => {
      posted.push(m);
      const copy = JSON.parse(JSON.stringify(m));
      chain = chain.then(() =>
        closed
          ? undefined
          : page
              .evaluate(
                (x) =>
                  new Promise<void>((r) => {
                    window.postMessage(x, '*');
                    setTimeout(r, 0);
                  }),
                copy,
              )
              .catch(() => {}),
      );
    },
    writeFile: (file, text) => writes.push({ file, text }),
    openFile: (f) => opened.push(f),
  });
  await page.exposeFunction('__kdPost', (json: string) => {
    let m: unknown;
    try {
      m = JSON.parse(json);
    } catch {
      m = json;
    }
    received++;
    session.handle(m);
  });
  await page.addInitScript(`window.__kdInitialState = ${JSON.stringify(opts.initialState ?? null) ?? 'null'} ?? undefined;`);
  await page.addInitScript(SHIM);
  const nonce = makeNonce();
  const html = webviewHtml({
    cspSource: ORIGIN,
    nonce,
    scriptUri: `${ORIGIN}/dist/webview/lesson.js`,
    styleUri: `${ORIGIN}/media/lessons/lesson.css`,
    title: 'Kube Dorm lesson',
  });
  await page.route(`${ORIGIN}/**`, (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/lesson.html') return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    if (url.pathname === '/dist/webview/lesson.js') return route.fulfill({ status: 200, contentType: 'text/javascript', body: js });
    if (url.pathname === '/media/lessons/lesson.css') return route.fulfill({ status: 200, contentType: 'text/css', body: css });
    return route.fulfill({ status: 404, body: 'not found' });
  });
  await context.route(
    (url) => !url.href.startsWith(ORIGIN),
    (route) => route.abort(),
  );
  await page.goto(`${ORIGIN}/lesson.html`);
  await page.waitForSelector('#app[data-ready="true"]');
  const settled = async () => {
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
    writes,
    opened,
    async advance(ms: number) {
      session.run.cluster.advance(ms);
      session.progress();
      await settled();
    },
    settled,
    async act(fn: () => Promise<unknown>, n = 1) {
      const want = received + n;
      await fn();
      const until = Date.now() + 10_000;
      while (received < want && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
      await settled();
    },
    async close() {
      closed = true;
      await context.close().catch(() => {});
      if (ownBrowser) await browser.close().catch(() => {});
    },
  };
}

/** Steps as the DOM describes them. */
export async function stepsInPage(page: Page): Promise<{ id: string; done: string; current: string }[]> {
  return page.$$eval('[data-kind="lesson-step"]', (els) =>
    els.map((e) => ({ id: e.getAttribute('data-step-id') ?? '', done: e.getAttribute('data-done') ?? '', current: e.getAttribute('data-current') ?? '' })),
  );
}
