// A small LSP client for tests: spawns the BUNDLED server (dist/server.js) and talks JSON-RPC to it
// the way an editor does. Waits are on notifications (with a generous safety timeout that fails
// the test with a clear message), never on sleeps. `host: 'worker'` runs the browser bundle
// (dist/browser/server.js) in a Worker of headless Chromium instead (./worker.ts); the suites that
// loop over LSP_HOSTS run the same scenarios against both.
import { spawn } from 'node:child_process';
import { describe } from 'node:test';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

import { startWorkerServer } from './worker';

export const ROOT = path.resolve(__dirname, '..', '..');
/** Where the server runs: a Node process (dist/server.js) or a browser Worker (dist/browser/server.js, as in VS Code for the Web). */
export type LspHost = 'node' | 'worker';
export const LSP_HOSTS: readonly LspHost[] = ['node', 'worker'];

/** `describe(name, ...)` once per host, named `name [host]`: the same scenarios against both servers. */
export function describeEachHost(name: string, body: (host: LspHost) => void): void {
  for (const host of LSP_HOSTS) describe(`${name} [${host}]`, () => body(host));
}
export const SERVER = path.join(ROOT, 'dist', 'server.js');
const SAFETY_MS = 20000;

export function ensureBuilt(): void {
  if (!existsSync(SERVER)) throw new Error('dist/server.js is missing: run `node scripts/build.mjs` first (npm test does).');
}

export function tempDir(prefix = 'kd-lsp-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const fileUri = (p: string) => pathToFileURL(p).href;

/** Writes `files` (relative path → text) under `dir`, creating folders. */
export function writeTree(dir: string, files: Record<string, string>): void {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    writeFileSync(path.join(dir, p), text);
  }
}

interface Waiter {
  pred: () => boolean;
  resolve: () => void;
}

export interface StartOptions {
  folder?: string;
  locale?: string;
  initializationOptions?: Record<string, unknown>;
  /** Answer to workspace/configuration for section kubeDorm. */
  settings?: Record<string, unknown>;
  transport?: 'stdio' | 'ipc';
  /** Command to run instead of `node dist/server.js` (e.g. the CLI's `lsp --stdio`). */
  command?: string[];
  /** false: return right after `initialized`, while the workspace scan runs (await `client.indexed`). */
  waitForIndex?: boolean;
  /** Default 'node'; 'worker' ignores `transport` and `command`. */
  host?: LspHost;
  /** 'worker' only: 'unreadable' posts its assets (schema catalog, cron libraries) as the client does files it cannot read. */
  assets?: 'unreadable';
}

/** The server as the client sees it: a child process, or the Worker (./worker.ts). */
export interface ServerHandle {
  exitCode: number | null;
  on(event: 'exit', listener: (code: number | null) => void): unknown;
  kill(): unknown;
}

export class TestClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly publishes: PublishDiagnosticsParams[] = [];
  readonly progress: { token: unknown; value: any }[] = [];
  readonly logs: string[] = [];
  readonly notifications: { method: string; params: any }[] = [];
  settings: Record<string, unknown>;
  initializeResult!: InitializeResult;
  /** Resolves with the kubeDorm/indexed notification (the workspace scan finished). */
  indexed!: Promise<unknown>;
  private waiters: Waiter[] = [];
  exitCode: number | null = null;
  readonly exited: Promise<number | null>;

  constructor(
    readonly child: ServerHandle,
    readonly conn: ProtocolConnection,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
    this.exited = new Promise((r) =>
      child.on('exit', (code) => {
        this.exitCode = code;
        r(code);
        this.check();
      }),
    );
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p);
      this.publishes.push(p);
      this.check();
    });
    conn.onNotification('$/progress', (p: any) => {
      this.progress.push(p);
      this.check();
    });
    conn.onNotification('window/logMessage', (p: any) => {
      this.logs.push(String(p?.message));
    });
    conn.onUnhandledNotification((m) => {
      this.notifications.push({ method: m.method, params: m.params });
      this.check();
    });
    conn.onRequest('workspace/configuration', (p: any) => (p.items ?? []).map((it: any) => (it.section === 'kubeDorm' ? this.settings : null)));
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('client/unregisterCapability', () => null);
    conn.onRequest('window/workDoneProgress/create', () => null);
    conn.listen();
  }

  private check(): void {
    const ready = this.waiters.filter((w) => w.pred());
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve();
  }

  /** Resolves once `pred` holds (checked now and after every message from the server). */
  waitUntil(what: string, pred: () => boolean, safetyMs = SAFETY_MS): Promise<void> {
    if (pred()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `timed out waiting for ${what}; last diagnostics: ${JSON.stringify([...this.diagnostics.values()].map((d) => [d.uri, d.version, d.diagnostics.map((x) => [x.code, x.severity, x.message.slice(0, 30)])]))}; server log: ${this.logs.slice(-5).join(' | ')}`,
            ),
          ),
        safetyMs,
      );
      this.waiters.push({
        pred,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  /** Waits for the NEXT publish for `uri` (after this call) that satisfies `pred`. */
  async nextDiagnostics(uri: string, pred: (d: Diagnostic[], p: PublishDiagnosticsParams) => boolean = () => true): Promise<Diagnostic[]> {
    const from = this.publishes.length;
    let found: PublishDiagnosticsParams | undefined;
    await this.waitUntil(`diagnostics for ${uri}`, () => {
      for (let i = from; i < this.publishes.length; i++) {
        const p = this.publishes[i];
        if (p.uri === uri && pred(p.diagnostics, p)) {
          found = p;
          return true;
        }
      }
      return false;
    });
    return found!.diagnostics;
  }

  /** Diagnostics currently shown for `uri` (after the last publish), or [] if none. */
  current(uri: string): Diagnostic[] {
    return this.diagnostics.get(uri)?.diagnostics ?? [];
  }

  notification(method: string, safetyMs = SAFETY_MS): Promise<any> {
    const from = this.notifications.length;
    let found: any;
    return this.waitUntil(
      method,
      () => {
        for (let i = from; i < this.notifications.length; i++)
          if (this.notifications[i].method === method) {
            found = this.notifications[i].params;
            return true;
          }
        return false;
      },
      safetyMs,
    ).then(() => found);
  }

  open(uri: string, text: string, languageId = 'yaml', version = 1): void {
    void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, text: string): void {
    void this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  close(uri: string): void {
    void this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  watched(changes: { uri: string; type: 1 | 2 | 3 }[]): void {
    void this.conn.sendNotification('workspace/didChangeWatchedFiles', { changes });
  }

  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.conn.sendNotification('workspace/didChangeConfiguration', { settings: { kubeDorm: settings } });
  }

  async stop(): Promise<number | null> {
    if (this.exitCode === null && this.child.exitCode === null) {
      try {
        await this.conn.sendRequest('shutdown');
        await this.conn.sendNotification('exit');
      } catch {
        this.child.kill();
      }
    }
    const code = await this.exited;
    this.conn.dispose();
    return code;
  }
}

/** The server `o` asks for, started, and the connection to it (not yet listening). */
async function startServerFor(o: StartOptions): Promise<{ child: ServerHandle; conn: ProtocolConnection }> {
  if (o.host === 'worker') {
    const { server, conn } = await startWorkerServer(undefined, { assets: o.assets });
    return { child: server, conn };
  }
  ensureBuilt();
  const transport = o.transport ?? 'stdio';
  const cmd = o.command ?? [SERVER, transport === 'ipc' ? '--node-ipc' : '--stdio'];
  const child = spawn(process.execPath, cmd, {
    cwd: ROOT,
    stdio: transport === 'ipc' ? ['pipe', 'pipe', 'pipe', 'ipc'] : ['pipe', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', (b) => {
    if (process.env.KD_DEBUG) process.stderr.write(b);
  });
  const conn =
    transport === 'ipc'
      ? createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child))
      : createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  return { child, conn };
}

export async function startClient(o: StartOptions = {}): Promise<TestClient> {
  const { child, conn } = await startServerFor(o);
  const client = new TestClient(child, conn, o.settings ?? {});
  const folder = o.folder;
  client.initializeResult = await conn.sendRequest('initialize', {
    processId: process.pid,
    locale: o.locale ?? 'en',
    rootUri: folder ? fileUri(folder) : null,
    workspaceFolders: folder ? [{ uri: fileUri(folder), name: path.basename(folder) }] : null,
    initializationOptions: { debounceMs: 20, ...o.initializationOptions },
    capabilities: {
      window: { workDoneProgress: true },
      workspace: {
        configuration: true,
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: true },
        workspaceFolders: true,
        fileOperations: { didCreate: true, didRename: true, didDelete: true },
      },
      textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true } },
    },
  });
  client.indexed = client.notification('kubeDorm/indexed');
  await conn.sendNotification('initialized', {});
  if (o.waitForIndex !== false) await client.indexed;
  return client;
}
