// Extension entry in the browser (dist/browser/extension.js, package.json's `browser`): VS Code for
// the Web (vscode.dev, github.dev) and code-server run it in their web worker extension host. No
// Node there: the language server runs in a Worker (dist/browser/server.js) and reads the workspace
// through this side's vscode.workspace.fs (FsRequests); the features load from dist/browser/sim.js
// on first use, fetched the same way and evaluated as VS Code evaluates an extension's module. Those
// files are read through their gzipped copies (./packed.ts).
import * as vscode from 'vscode';
import { LanguageClient, State, type LanguageClientOptions } from 'vscode-languageclient/browser';
import {
  EAGER_ASSETS,
  FsRequests,
  NeedAssetNotification,
  SERVER_ASSETS,
  type FsEntry,
  type FsStat,
  type ServerAssetName,
  type ServerAssetsMessage,
} from '../../language-server/src/protocol';
import { activateIn, deactivate, ENTRY_COMMANDS } from './activate';
import type { ClientTransport } from './client';
import type { FeatureModule } from './lazy';
import { readPacked } from './packed';

export { deactivate, ENTRY_COMMANDS };

/** Where a browser workspace's documents live: the disk of a remote (code-server), GitHub (github.dev), memory, the user's storage (lessons). */
const SCHEMES = ['file', 'vscode-remote', 'vscode-vfs', 'vscode-test-web', 'memfs', 'vscode-userdata'];
export const BROWSER_DOCUMENTS: ClientTransport['documentSelector'] = [
  ...SCHEMES.map((scheme) => ({ scheme, language: 'yaml' })),
  { scheme: 'untitled', language: 'yaml' },
  ...SCHEMES.map((scheme) => ({ scheme, language: 'json' })),
];

/** A file of the extension: through the editor's file system, else fetched (an https: extension on vscode.dev). */
export async function readExtensionFile(context: vscode.ExtensionContext, rel: string): Promise<Uint8Array> {
  const uri = vscode.Uri.joinPath(context.extensionUri, ...rel.split('/'));
  try {
    return await vscode.workspace.fs.readFile(uri);
  } catch (e) {
    if (!/^https?$/.test(uri.scheme)) throw e;
    const res = await fetch(uri.toString(true));
    if (!res.ok) throw new Error(`${rel}: HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  }
}

/** A file of the extension that the build also writes gzipped (scripts/build.mjs), read through that copy. */
const readPackedFile = (context: vscode.ExtensionContext, rel: string): Promise<Uint8Array> => readPacked((r) => readExtensionFile(context, r), rel);

const fsStat = async (uri: string): Promise<FsStat> => {
  const st = await vscode.workspace.fs.stat(vscode.Uri.parse(uri));
  return { isFile: (st.type & vscode.FileType.File) !== 0, isDirectory: (st.type & vscode.FileType.Directory) !== 0, size: st.size };
};
const fsReadDir = async (uri: string): Promise<FsEntry[]> =>
  (await vscode.workspace.fs.readDirectory(vscode.Uri.parse(uri))).map(([name, type]) => ({
    name,
    isFile: (type & vscode.FileType.File) !== 0,
    isDirectory: (type & vscode.FileType.Directory) !== 0,
  }));
const fsReadFile = async (uri: string): Promise<string> => new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(uri)));

/**
 * The worker as the client's message reader and writer see it. Messages go as JSON: the settings
 * VS Code hands out are proxies, which a Worker's structured clone refuses ("could not be cloned"),
 * while Node's IPC channel serializes them to JSON anyway.
 */
function jsonPort(worker: Worker): Worker {
  return {
    set onmessage(listener: Worker['onmessage']) {
      worker.onmessage = listener;
    },
    addEventListener: (type: string, listener: EventListener) => worker.addEventListener(type, listener),
    removeEventListener: (type: string, listener: EventListener) => worker.removeEventListener(type, listener),
    postMessage: (message: unknown) => worker.postMessage(JSON.parse(JSON.stringify(message)) as unknown),
  } as unknown as Worker;
}

/**
 * What a server Worker first runs: it waits for the server's bundle (a blob: URL) and evaluates it;
 * the messages posted meanwhile wait in the Worker's queue for the server's own listeners. So the
 * Worker starts while the bundle is still being read.
 */
const BOOTSTRAP = `self.onmessage = (e) => { if (e.data && typeof e.data.kubeDormServer === 'string') { self.onmessage = null; importScripts(e.data.kubeDormServer); } };`;

/** The server's Worker, started at once, and its bundle and the files its first lint needs, being read. */
interface ServerFiles {
  worker: Worker;
  code: Promise<Uint8Array>;
  assets: [ServerAssetName, Promise<Uint8Array>][];
}
/** Starts the Worker and begins reading the server's files, all at once. */
function readServerFiles(context: vscode.ExtensionContext): ServerFiles {
  const files: ServerFiles = {
    worker: new Worker(URL.createObjectURL(new Blob([BOOTSTRAP], { type: 'text/javascript' })), { name: 'Kube Dorm language server' }),
    code: readPackedFile(context, 'dist/browser/server.js'),
    // What every lint needs beside the bundle, read with it; the others when the server asks.
    assets: EAGER_ASSETS.map((n) => [n, readPackedFile(context, SERVER_ASSETS[n])]),
  };
  // Awaited by the client, which reports a failure; until then not an unhandled rejection.
  for (const p of [files.code, ...files.assets.map(([, a]) => a)]) p.catch(() => undefined);
  return files;
}
/** The first client's files, their reads begun first thing in activate() (before the registrations). */
let firstFiles: ServerFiles | undefined;

/** The language server in a Worker, from its bundle (a blob: URL works wherever the extension is served from). */
async function createClient(context: vscode.ExtensionContext, id: string, name: string, options: LanguageClientOptions): Promise<LanguageClient> {
  const files = firstFiles ?? readServerFiles(context);
  firstFiles = undefined;
  const { worker } = files;
  let code: Uint8Array;
  try {
    code = await files.code;
  } catch (e) {
    worker.terminate();
    throw e;
  }
  // The server links the rules' pages (docs/rules/<code>.md) beside the extension, wherever it is.
  const prelude = `self.KUBE_DORM_DOCS = ${JSON.stringify(vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules').toString())};\n`;
  worker.postMessage({ kubeDormServer: URL.createObjectURL(new Blob([prelude, code as Uint8Array<ArrayBuffer>], { type: 'text/javascript' })) });
  // The files the bundle leaves beside it are posted as each arrives (null: unreadable); the server
  // holds each message that needs one back until then (language-server/src/browser-main.ts).
  const post = (n: ServerAssetName, read: Promise<Uint8Array>) =>
    void read.then(
      (bytes) => worker.postMessage({ kubeDormAssets: { [n]: new TextDecoder().decode(bytes) } } satisfies ServerAssetsMessage),
      (e: unknown) => {
        console.error(`Kube Dorm: ${SERVER_ASSETS[n]}: ${String((e as Error)?.message ?? e)}`);
        worker.postMessage({ kubeDormAssets: { [n]: null } } satisfies ServerAssetsMessage);
      },
    );
  for (const [n, read] of files.assets) post(n, read);
  const client = new LanguageClient(id, name, options, jsonPort(worker));
  // The cron libraries serve only a hover on a schedule: read when the server holds one for them.
  client.onNotification(NeedAssetNotification, ({ name }) => {
    if (Object.prototype.hasOwnProperty.call(SERVER_ASSETS, name) && !EAGER_ASSETS.includes(name)) post(name, readPackedFile(context, SERVER_ASSETS[name]));
  });
  client.onDidChangeState((e) => {
    // The client asks the server to exit but a Worker only ends when terminated (a restart makes a new one).
    if (e.newState === State.Stopped) worker.terminate();
  });
  client.onRequest(FsRequests.stat, ({ uri }) => fsStat(uri));
  client.onRequest(FsRequests.readDir, ({ uri }) => fsReadDir(uri));
  client.onRequest(FsRequests.readFile, ({ uri }) => fsReadFile(uri));
  return client;
}

/** dist/browser/sim.js, evaluated like VS Code's web worker host evaluates an extension (CommonJS, `vscode` the only module). */
async function loadFeatures(context: vscode.ExtensionContext): Promise<FeatureModule> {
  const code = new TextDecoder().decode(await readPackedFile(context, 'dist/browser/sim.js'));
  const module = { exports: {} as FeatureModule };
  const require = (m: string) => {
    if (m === 'vscode') return vscode;
    throw new Error(`Kube Dorm: ${m} is not available in the browser`);
  };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the extension's own bundle, read from its own folder
  new Function('module', 'exports', 'require', `${code}\n//# sourceURL=kube-dorm/dist/browser/sim.js`)(module, module.exports, require);
  return module.exports;
}

export function activate(context: vscode.ExtensionContext): Promise<void> {
  firstFiles = readServerFiles(context);
  return activateIn(context, {
    transport: { documentSelector: BROWSER_DOCUMENTS, create: (id, name, options) => createClient(context, id, name, options) },
    loadFeatures: () => loadFeatures(context),
  });
}
