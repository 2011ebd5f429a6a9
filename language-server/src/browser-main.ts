// Entry of dist/browser/server.js: the language server in a browser Worker (VS Code for the Web),
// started by extension/src/browser.ts. The same server as main.ts, on the worker's messages, reading
// the workspace through the client (browser-fs.ts). The bundle is built for `platform: 'browser'`:
// scripts/build.mjs swaps node:path and node:url for ./browser-path.ts and provides the few Node
// globals the server and core use (./browser-shims.ts); a Node built-in left in it fails the build.
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { clientFileSystem, browserCodec } from './browser-fs';
import { provideCatalogText } from '../../core/schema/catalog';
import { setDocsRoot } from './convert';
import { provideDeferredModule } from './deferred';
import { isServerAssetsMessage } from './protocol';
import { startServer } from './server';
import { usePathCodec } from './uri';

/** The worker's global scope (the root tsconfig has the DOM library, not the WebWorker one). */
declare const self: Window & { KUBE_DORM_DOCS?: string };

export function run(): void {
  // The files the bundle leaves beside it (SERVER_ASSETS), posted by the client before the first
  // JSON-RPC message; kept from the JSON-RPC reader, which would take them for a malformed message.
  self.addEventListener('message', (e: MessageEvent) => {
    if (!isServerAssetsMessage(e.data)) return;
    e.stopImmediatePropagation();
    const { catalog, cron } = e.data.kubeDormAssets;
    if (typeof catalog === 'string') provideCatalogText(catalog);
    if (typeof cron === 'string') provideDeferredModule('cron', cron);
  });
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
