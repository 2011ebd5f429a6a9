// The floor of `npm run bench -- activation` in code-server: the least an extension that lints YAML
// through a language server can do. It activates on YAML, starts a vscode-languageclient client
// and a vscode-languageserver server that publishes one diagnostic when a document opens — in the
// Node host a Node process over IPC, in the web worker host a Worker made from a blob, as ours
// does. Written into a temporary folder and bundled at bench time as `npm run package` bundles ours
// (minified, `vscode` external), then packed and installed like any extension.
import * as esbuild from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

export const FLOOR_ID = 'kube-dorm-bench.activation-floor';
/** A second extension in every run, active at startup: its status-bar message says the extension host is up. */
export const PROBE_ID = 'kube-dorm-bench.host-ready';
export const HOST_READY = 'kd-bench-host-ready';

const NODE_CLIENT = `const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');
let client;
exports.activate = async (context) => {
  const module = context.asAbsolutePath('dist/server.js');
  client = new LanguageClient('floor', 'Floor', { run: { module, transport: TransportKind.ipc }, debug: { module, transport: TransportKind.ipc } }, { documentSelector: [{ language: 'yaml' }] });
  await client.start();
};
exports.deactivate = () => client && client.stop();
`;

const BROWSER_CLIENT = `const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/browser');
let client;
exports.activate = async (context) => {
  const code = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'dist', 'browser', 'server.js'));
  const worker = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })), { name: 'floor language server' });
  client = new LanguageClient('floor', 'Floor', { documentSelector: [{ language: 'yaml' }] }, worker);
  await client.start();
};
exports.deactivate = () => client && client.stop();
`;

/** The server: one diagnostic on the first line of every document that opens. */
const server = (connection: string) => `${connection}
connection.onInitialize(() => ({ capabilities: { textDocumentSync: 1 } }));
connection.onDidOpenTextDocument(({ textDocument }) => {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
  connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [{ range, severity: 2, source: 'floor', message: 'floor' }] });
});
connection.listen();
`;
const NODE_SERVER = server(`const { createConnection } = require('vscode-languageserver/node');
const connection = createConnection();`);
const BROWSER_SERVER = server(`const { createConnection, BrowserMessageReader, BrowserMessageWriter } = require('vscode-languageserver/browser');
const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));`);

function writeManifest(dir: string, id: string, displayName: string, description: string, fields: Record<string, unknown>): void {
  mkdirSync(path.join(dir, 'dist', 'browser'), { recursive: true });
  const [publisher, name] = id.split('.');
  const manifest = {
    name,
    publisher,
    displayName,
    description,
    version: '0.0.1',
    license: 'MIT',
    engines: { vscode: '^1.90.0' },
    files: ['dist', 'README.md'],
    ...fields,
  };
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(path.join(dir, 'README.md'), `# ${displayName}\n\n${description}\n`);
}

/** Writes the host-ready probe: active on startup, in either host, it only sets a status-bar message. */
export function writeProbeExtension(dir: string): void {
  writeManifest(dir, PROBE_ID, 'Host ready', 'Says in the status bar that the extension host has started.', {
    activationEvents: ['*'],
    main: './dist/probe.js',
    browser: './dist/probe.js',
  });
  writeFileSync(
    path.join(dir, 'dist', 'probe.js'),
    `exports.activate = () => { require('vscode').window.setStatusBarMessage(${JSON.stringify(HOST_READY)}); };\n`,
  );
}

/** Writes the floor extension's folder (package.json, README, four bundles) into `dir`. */
export async function writeFloorExtension(dir: string): Promise<void> {
  writeManifest(dir, FLOOR_ID, 'Activation floor', 'A language client and a one-diagnostic server: what activating on YAML costs at least.', {
    activationEvents: ['onLanguage:yaml'],
    main: './dist/extension.js',
    browser: './dist/browser/extension.js',
  });
  const common: esbuild.BuildOptions = { bundle: true, minify: true, absWorkingDir: ROOT, logLevel: 'error', legalComments: 'none' };
  const node: esbuild.BuildOptions = { ...common, platform: 'node', target: 'node18', format: 'cjs', external: ['vscode'] };
  const browser: esbuild.BuildOptions = { ...common, platform: 'browser', target: 'es2022' };
  const out = (rel: string) => path.join(dir, 'dist', rel);
  const stdin = (contents: string) => ({ contents, resolveDir: ROOT, loader: 'js' as const });
  await Promise.all([
    esbuild.build({ ...node, stdin: stdin(NODE_CLIENT), outfile: out('extension.js') }),
    esbuild.build({ ...node, stdin: stdin(NODE_SERVER), outfile: out('server.js') }),
    esbuild.build({ ...browser, format: 'cjs', external: ['vscode'], stdin: stdin(BROWSER_CLIENT), outfile: out('browser/extension.js') }),
    esbuild.build({ ...browser, format: 'iife', stdin: stdin(BROWSER_SERVER), outfile: out('browser/server.js') }),
  ]);
}
