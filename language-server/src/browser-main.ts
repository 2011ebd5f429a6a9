// Entry of dist/browser/server.js: the language server in a browser Worker (VS Code for the Web),
// started by extension/src/browser.ts. The same server as main.ts, on the worker's messages, reading
// the workspace through the client (browser-fs.ts). The bundle is built for `platform: 'browser'`:
// scripts/build.mjs swaps node:path and node:url for ./browser-path.ts and provides the few Node
// globals the server and core use (./browser-shims.ts); a Node built-in left in it fails the build.
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { clientFileSystem, browserCodec } from './browser-fs';
import { expectCatalogText, provideCatalogText } from '../../core/schema/catalog';
import { setDocsRoot } from './convert';
import { provideDeferredModule } from './deferred';
import { EAGER_ASSETS, isServerAssetsMessage, NeedAssetNotification, SERVER_ASSETS, type ServerAssetName } from './protocol';
import { startServer } from './server';
import { usePathCodec } from './uri';

/** The worker's global scope (the root tsconfig has the DOM library, not the WebWorker one). */
declare const self: Window & { KUBE_DORM_DOCS?: string };

/** The assets a message cannot be handled without: the catalog for everything; the cron libraries for a hover (a schedule's words and next runs). */
function assetsNeeded(data: unknown): ServerAssetName[] {
  return (data as { method?: unknown } | null)?.method === 'textDocument/hover' ? ['catalog', 'cron'] : ['catalog'];
}

/**
 * The worker's messages, in order, each held until the assets it needs (assetsNeeded) have been
 * posted by the client (SERVER_ASSETS), and every message after a held one held with it:
 * `initialize` and `initialized` go through at once, so the client starts without waiting for the
 * files; nothing is linted without the schema catalog, which the client posts unasked, and a hover
 * waits for the cron libraries, which the client reads only when asked (NeedAssetNotification):
 * a schedule's check needs none (core/k8s/cron.ts). An asset the client could not read is
 * answered with null: the server then goes on without it.
 */
export function gateUntilAssets(
  scope: Pick<Window, 'addEventListener' | 'dispatchEvent'> & { postMessage(message: unknown): void },
  unreadable: (name: ServerAssetName) => void,
): void {
  expectCatalogText();
  const pending = new Set<string>(Object.keys(SERVER_ASSETS));
  const asked = new Set<string>(EAGER_ASSETS);
  const waits = (data: unknown) => {
    const missing = assetsNeeded(data).filter((a) => pending.has(a));
    for (const name of missing) {
      if (asked.has(name)) continue;
      asked.add(name);
      scope.postMessage({ jsonrpc: '2.0', method: NeedAssetNotification.method, params: { name } });
    }
    return missing.length > 0;
  };
  let held: MessageEvent[] = [];
  let releasing = false;
  const release = () => {
    const ready = held.findIndex((e) => waits(e.data));
    const go = ready < 0 ? held : held.slice(0, ready);
    held = ready < 0 ? [] : held.slice(ready);
    releasing = true;
    for (const e of go) scope.dispatchEvent(new MessageEvent('message', { data: e.data as unknown }));
    releasing = false;
  };
  let started = false;
  scope.addEventListener('message', (e: MessageEvent) => {
    if (isServerAssetsMessage(e.data)) {
      e.stopImmediatePropagation();
      for (const [name, text] of Object.entries(e.data.kubeDormAssets)) {
        if (name === 'catalog' && typeof text === 'string') provideCatalogText(text);
        if (name === 'cron' && typeof text === 'string') provideDeferredModule('cron', text);
        if (text === null && name in SERVER_ASSETS) unreadable(name as ServerAssetName);
        pending.delete(name);
      }
      release();
      return;
    }
    if (releasing) return;
    const method = (e.data as { method?: unknown } | null)?.method;
    if (!started && (method === 'initialize' || method === 'initialized')) return;
    started = true;
    if (!waits(e.data) && !held.length) return;
    e.stopImmediatePropagation();
    held.push(e);
  });
}

export function run(): void {
  // The files the bundle leaves beside it (SERVER_ASSETS), posted by the client as each is read;
  // kept from the JSON-RPC reader, which would take them for a malformed message.
  gateUntilAssets(self, (name) => connection.console.error(`[${name}] the client did not provide ${SERVER_ASSETS[name]}`));
  const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(self), new BrowserMessageWriter(self));
  self.addEventListener('error', (e: ErrorEvent) => connection.console.error(`uncaught: ${(e.error as Error | undefined)?.stack ?? e.message}`));
  self.addEventListener('unhandledrejection', (e: PromiseRejectionEvent) =>
    connection.console.error(`unhandled rejection: ${(e.reason as Error)?.stack ?? String(e.reason)}`),
  );
  usePathCodec(browserCodec);
  // Set by the client before the bundle (the extension's URI): the rules' pages, docs/rules/<code>.md.
  if (self.KUBE_DORM_DOCS) setDocsRoot(self.KUBE_DORM_DOCS);
  startServer(connection, clientFileSystem(connection));
}

run();
