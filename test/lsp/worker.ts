// The language server's browser bundle (dist/browser/server.js) in a Worker of headless Chromium,
// started as extension/src/browser.ts starts it in VS Code for the Web: a Worker made from a blob:
// URL of the bundle, with the rules' pages' root set before it. The test's JSON-RPC connection lives
// in Node; a tiny bridge carries each message over the page to the worker (worker.postMessage) and
// back (page.exposeBinding), as structured-clone messages, the way the browser client exchanges them.
// The server's workspace reads (kubeDorm/fs/*, language-server/src/browser-fs.ts) are answered from
// the disk, as the extension answers them with vscode.workspace.fs.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import {
  AbstractMessageReader,
  AbstractMessageWriter,
  createProtocolConnection,
  type DataCallback,
  type Disposable,
  type Message,
  type MessageReader,
  type MessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { launchChromium } from '../support/browser';
import { FsRequests, SERVER_ASSETS, type ServerAssetName, type ServerAssetsMessage } from '../../language-server/src/protocol';

export const BROWSER_SERVER = path.resolve(__dirname, '..', '..', 'dist', 'browser', 'server.js');
const DOCS = pathToFileURL(path.resolve(__dirname, '..', '..', 'docs', 'rules')).href;

/** What the bridge adds to the page's window. */
interface PageGlobals {
  __kdWorker: Worker;
  /** The texts of the server's assets (SERVER_ASSETS) posted as the worker starts, or null to post none then. */
  __kdAssets: ServerAssetsMessage['kubeDormAssets'] | null;
  __kdFromWorker(json: string): Promise<void>;
  __kdWorkerError(message: string): Promise<void>;
}

/** The worker as TestClient sees a server process: it "exits" when the page terminates it (there is no process.exit in a worker). */
export interface WorkerServer {
  exitCode: number | null;
  on(event: 'exit', listener: (code: number | null) => void): void;
  kill(): void;
}

// One Chromium per test process, shared by its clients (each has its own page) and closed with the last.
let browser: Promise<Browser> | undefined;
let users = 0;
async function acquireBrowser(): Promise<Browser> {
  users++;
  browser ??= launchChromium();
  return browser;
}
/** Keeps the shared Chromium open until the returned function is called (a benchmark's many servers). */
export async function holdBrowser(): Promise<() => Promise<void>> {
  await acquireBrowser();
  return releaseBrowser;
}
async function releaseBrowser(): Promise<void> {
  if (--users > 0 || !browser) return;
  const b = browser;
  browser = undefined;
  await (await b).close().catch(() => {});
}

class PageReader extends AbstractMessageReader implements MessageReader {
  private callback: DataCallback | undefined;
  private readonly early: Message[] = [];
  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    for (const m of this.early.splice(0)) callback(m);
    return { dispose: () => (this.callback = undefined) };
  }
  deliver(m: Message): void {
    if (this.callback) this.callback(m);
    else this.early.push(m);
  }
  error(e: Error): void {
    this.fireError(e);
  }
  close(): void {
    this.fireClose();
  }
}

class PageWriter extends AbstractMessageWriter implements MessageWriter {
  private chain: Promise<unknown> = Promise.resolve();
  constructor(
    private readonly page: Page,
    private readonly onSent: (m: Message) => void,
  ) {
    super();
  }
  write(m: Message): Promise<void> {
    // One evaluate after the other: the worker receives the messages in the order they were written.
    const sent = this.chain.then(() => this.page.evaluate((msg) => (window as unknown as PageGlobals).__kdWorker.postMessage(msg), m));
    this.chain = sent.catch(() => {});
    return sent.then(
      () => this.onSent(m),
      (e: Error) => {
        this.fireError(e, m);
        throw e;
      },
    );
  }
  end(): void {}
}

/** Answers the browser server's kubeDorm/fs/* requests from the disk (file: URIs only, as a folder on disk would be). */
function answerFs(conn: ProtocolConnection): void {
  const file = (uri: string) => {
    if (!uri.startsWith('file:')) throw new Error(`not a file: URI: ${uri}`);
    return fileURLToPath(uri);
  };
  conn.onRequest(FsRequests.stat, ({ uri }) => {
    const st = statSync(file(uri));
    return { isFile: st.isFile(), isDirectory: st.isDirectory(), size: st.size };
  });
  conn.onRequest(FsRequests.readFile, ({ uri }) => readFileSync(file(uri), 'utf8'));
  conn.onRequest(FsRequests.readDir, ({ uri }) =>
    readdirSync(file(uri), { withFileTypes: true }).map((d) => ({ name: d.name, isFile: d.isFile(), isDirectory: d.isDirectory() })),
  );
}

/**
 * Starts a server bundle (default dist/browser/server.js) in a Worker of a fresh page; returns the
 * connection to it (not yet listening), its handle, and `startedAt` (performance.now() just before
 * the page made the Worker, the bundle already in the page: what a benchmark times from).
 * `assets: false` posts nothing (a server that needs none: the floor's); `'unreadable'` posts the
 * files its bundle leaves beside it (SERVER_ASSETS: the schema catalog, the cron libraries) as null,
 * as the extension posts a file it cannot read; `'later'` posts them only when `postAssets` is called
 * (all of them, or those named).
 */
export async function startWorkerServer(
  bundle = BROWSER_SERVER,
  options: { assets?: boolean | 'unreadable' | 'later' } = {},
): Promise<{
  conn: ProtocolConnection;
  server: WorkerServer;
  page: Page;
  startedAt: number;
  postAssets: (only?: ServerAssetName[]) => Promise<void>;
}> {
  if (!existsSync(bundle)) throw new Error(`${path.relative(process.cwd(), bundle)} is missing: run \`node scripts/build.mjs\` first (npm test does).`);
  const b = await acquireBrowser();
  const context = await b.newContext();
  const page = await context.newPage();
  const listeners: ((code: number | null) => void)[] = [];
  let shutdown = false;
  const server: WorkerServer = {
    exitCode: null,
    on: (_event, listener) => void listeners.push(listener),
    kill: () => void end(null),
  };
  let ended = false;
  const end = async (code: number | null) => {
    if (ended) return;
    ended = true;
    await page.evaluate(() => (window as unknown as Partial<PageGlobals>).__kdWorker?.terminate()).catch(() => {});
    await context.close().catch(() => {});
    await releaseBrowser();
    server.exitCode = code;
    reader.close();
    for (const l of listeners) l(code);
  };
  const reader = new PageReader();
  // As the browser client does on stop: after `exit`, the worker is terminated (exit code 0 when `shutdown` came first, as LSP says).
  const writer = new PageWriter(page, (m) => {
    if ('method' in m && m.method === 'shutdown') shutdown = true;
    if ('method' in m && m.method === 'exit') void end(shutdown ? 0 : 1);
  });
  page.on('pageerror', (e) => reader.error(e));
  await page.route('http://kube-dorm.test/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Kube Dorm LSP worker</title>' }),
  );
  await page.goto('http://kube-dorm.test/');
  await page.exposeBinding('__kdFromWorker', (_source, json: string) => reader.deliver(JSON.parse(json) as Message));
  await page.exposeBinding('__kdWorkerError', (_source, message: string) => reader.error(new Error(`worker: ${message}`)));
  const code = `self.KUBE_DORM_DOCS = ${JSON.stringify(DOCS)};\n${readFileSync(bundle, 'utf8')}`;
  // Inline arrow functions only: tsx's keepNames helper (for named functions) does not exist in the page.
  // The bundle reaches the page first (a blob: URL, as the extension makes one), so `startedAt` times the Worker alone.
  const url = await page.evaluate((source) => URL.createObjectURL(new Blob([source], { type: 'text/javascript' })), code);
  // The files the bundle leaves beside it, posted before any JSON-RPC message as the extension posts them.
  const root = path.resolve(path.dirname(bundle), '..', '..');
  const read = (rel: string) => (options.assets === 'unreadable' ? null : readFileSync(path.join(root, rel), 'utf8'));
  const assets =
    options.assets === false
      ? {}
      : (Object.fromEntries(Object.entries(SERVER_ASSETS).map(([name, rel]) => [name, read(rel)])) as ServerAssetsMessage['kubeDormAssets']);
  await page.evaluate((a) => ((window as unknown as PageGlobals).__kdAssets = a), options.assets === 'later' || options.assets === false ? null : assets);
  const startedAt = performance.now();
  await page.evaluate((src) => {
    const w = new Worker(src, { name: 'Kube Dorm language server' });
    const g = window as unknown as PageGlobals;
    w.onmessage = (e) => void g.__kdFromWorker(JSON.stringify(e.data));
    w.onerror = (e) => void g.__kdWorkerError(String(e.message));
    if (g.__kdAssets !== null) w.postMessage({ kubeDormAssets: g.__kdAssets });
    g.__kdWorker = w;
  }, url);
  const conn = createProtocolConnection(reader, writer);
  answerFs(conn);
  const postAssets = (only?: ServerAssetName[]) => {
    const some = only ? Object.fromEntries(only.map((n) => [n, assets[n]])) : assets;
    return page.evaluate((a) => (window as unknown as PageGlobals).__kdWorker?.postMessage({ kubeDormAssets: a }), some);
  };
  return { conn, server, page, startedAt, postAssets };
}
