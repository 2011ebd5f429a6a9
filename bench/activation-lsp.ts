// `npm run bench -- activation`, the language servers alone: from starting the server to its first
// diagnostics on the 300-line YAML file, for the Node bundle (dist/server.js, a process over stdio,
// as the Node host starts it) and the browser bundle (dist/browser/server.js, a Worker made from a
// blob: URL in headless Chromium, as the web worker host starts it; test/lsp/worker.ts), each beside
// the floor's one-diagnostic server for that host (./floor-extension.ts) measured in the same run:
//   initialized       start (spawn / new Worker) → `initialize` answered and `initialized` sent
//   first diagnostic  didOpen of the file → the first publishDiagnostics with a diagnostic for it
// Runs are interleaved (floor, ours; Node, browser); medians with ours/floor.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { holdBrowser, startWorkerServer } from '../test/lsp/worker';
import { writeFloorExtension } from './floor-extension';
import { median, printSideBySide, type Host, type Sample } from './activation-host';
import { corpusText, head } from './lsp';

const ROOT = path.resolve(__dirname, '..');

interface Started {
  conn: ProtocolConnection;
  t0: number;
  stop(): void;
}

function startNode(bundle: string): Started {
  const t0 = performance.now();
  const child = spawn(process.execPath, [bundle, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  return { conn, t0, stop: () => (conn.dispose(), child.kill()) };
}

/** `assets`: post the files the bundle leaves beside it to the worker first, as the extension does (ours; the floor has none). */
async function startWorker(bundle: string, assets: boolean): Promise<Started> {
  const { conn, server, startedAt } = await startWorkerServer(bundle, { assets });
  return { conn, t0: startedAt, stop: () => (conn.dispose(), server.kill()) };
}

/** One cold server: initialize as the extension's client does, open the file, wait for its first diagnostic. */
async function sample(host: Host, bundle: string, text: string, ours: boolean): Promise<Sample> {
  const s = host === 'node' ? startNode(bundle) : await startWorker(bundle, ours);
  const uri = pathToFileURL(path.join(tmpdir(), 'kd-bench', 'manifest.yaml')).href;
  try {
    const first = new Promise<number>((resolve) =>
      s.conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: unknown[] }) => {
        if (p.uri === uri && p.diagnostics.length) resolve(performance.now());
      }),
    );
    s.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    for (const m of ['client/registerCapability', 'client/unregisterCapability', 'window/workDoneProgress/create']) s.conn.onRequest(m, () => null);
    s.conn.listen();
    await s.conn.sendRequest('initialize', {
      processId: null,
      locale: 'en',
      rootUri: null,
      workspaceFolders: null,
      initializationOptions: { language: 'en' },
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    });
    await s.conn.sendNotification('initialized', {});
    const ready = performance.now();
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const diag = await first;
    return { activeMs: ready - s.t0, diagMs: diag - ready };
  } finally {
    s.stop();
  }
}

export async function benchServerHosts(o: { quick: boolean }): Promise<{ host: Host; floor: Sample; ours: Sample }[]> {
  const n = o.quick ? 3 : 9;
  const root = mkdtempSync(path.join(tmpdir(), 'kd-bench-servers-'));
  const release = await holdBrowser();
  try {
    const floorDir = path.join(root, 'floor');
    await writeFloorExtension(floorDir);
    const bundles: Record<Host, { floor: string; ours: string }> = {
      node: { floor: path.join(floorDir, 'dist', 'server.js'), ours: path.join(ROOT, 'dist', 'server.js') },
      web: { floor: path.join(floorDir, 'dist', 'browser', 'server.js'), ours: path.join(ROOT, 'dist', 'browser', 'server.js') },
    };
    const text = head(corpusText(), 300);
    const samples = new Map<string, Sample[]>();
    // One warm-up of each (the file cache), not counted.
    for (const host of ['node', 'web'] as const) for (const who of ['floor', 'ours'] as const) await sample(host, bundles[host][who], text, who === 'ours');
    for (let i = 0; i < n; i++)
      for (const host of ['node', 'web'] as const)
        for (const who of ['floor', 'ours'] as const) {
          const key = `${host}/${who}`;
          samples.set(key, [...(samples.get(key) ?? []), await sample(host, bundles[host][who], text, who === 'ours')]);
        }
    const med = (key: string): Sample => {
      const ss = samples.get(key)!;
      return { activeMs: median(ss.map((s) => s.activeMs)), diagMs: median(ss.map((s) => s.diagMs)) };
    };
    const out = (['node', 'web'] as const).map((host) => ({ host, floor: med(`${host}/floor`), ours: med(`${host}/ours`) }));
    process.stdout.write(`  language server alone, the 300-line file; median of ${n} cold servers each, interleaved\n`);
    printSideBySide(['Node process (stdio)', 'browser Worker (Chromium)'], out, ['start → initialized', 'didOpen → first diagnostic']);
    return out;
  } finally {
    await release();
    rmSync(root, { recursive: true, force: true });
  }
}
