// Hover and completion latency over stdio on the corpus as one file (~7,300 lines): our bundled
// server against yaml-language-server 1.25 with hover and completion on and the same local
// Kubernetes schema, in the same run. Target (issue #3): our p95 ≤ 20 ms for both.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { buildKubernetesJsonSchema, ylsConfiguration } from './k8s-json-schema';
import { corpusText } from './lsp';

const ROOT = path.resolve(__dirname, '..');
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

interface Spec {
  name: string;
  argv: string[];
  initializationOptions?: unknown;
  configuration?: (section: string | undefined) => unknown;
}

interface Result {
  server: string;
  request: string;
  n: number;
  p50: number;
  p95: number;
  nonEmpty: number;
}

/** Positions of keys a learner hovers or completes at: container and workload fields. */
function positions(text: string, limit: number): { line: number; character: number }[] {
  const out: { line: number; character: number }[] = [];
  text.split('\n').forEach((l, line) => {
    const m = /^(\s+(?:- )?)(image|replicas|containerPort|imagePullPolicy|ports|resources|selector|serviceName|schedule|restartPolicy):/.exec(l);
    if (m) out.push({ line, character: m[1].length + 1 });
  });
  const step = Math.max(1, Math.floor(out.length / limit));
  return out.filter((_, i) => i % step === 0).slice(0, limit);
}

async function run(spec: Spec, uri: string, text: string, pts: { line: number; character: number }[], warmup: number): Promise<Result[]> {
  const child = spawn(process.execPath, spec.argv, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr.on('data', () => {});
  const conn: ProtocolConnection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map((it) => spec.configuration?.(it.section) ?? null));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification('textDocument/publishDiagnostics', () => {});
  conn.onNotification('window/logMessage', () => {});
  conn.onNotification('telemetry/event', () => {});
  conn.listen();
  try {
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      locale: 'en',
      initializationOptions: spec.initializationOptions,
      capabilities: {
        workspace: { configuration: true },
        textDocument: {
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } },
        },
      },
    });
    await conn.sendNotification('initialized', {});
    await conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const results: Result[] = [];
    for (const method of ['textDocument/hover', 'textDocument/completion']) {
      const times: number[] = [];
      let nonEmpty = 0;
      for (let i = 0; i < pts.length + warmup; i++) {
        const position = pts[i % pts.length];
        const s = performance.now();
        const r = await conn.sendRequest<unknown>(method, { textDocument: { uri }, position });
        const ms = performance.now() - s;
        if (i < warmup) continue;
        times.push(ms);
        const items = Array.isArray(r) ? r : (r as { items?: unknown[] } | null)?.items;
        if (method === 'textDocument/hover' ? r : items?.length) nonEmpty++;
      }
      times.sort((a, b) => a - b);
      results.push({
        server: spec.name,
        request: method.replace('textDocument/', ''),
        n: times.length,
        p50: percentile(times, 50),
        p95: percentile(times, 95),
        nonEmpty,
      });
    }
    return results;
  } finally {
    await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 5000))]).catch(() => {});
    conn.sendNotification('exit').catch(() => {});
    setTimeout(() => child.kill(), 2000).unref();
    conn.dispose();
  }
}

export async function benchEditor(o: { quick?: boolean } = {}): Promise<Result[]> {
  const log = (s: string) => process.stdout.write(s + '\n');
  const work = mkdtempSync(path.join(tmpdir(), 'kd-bench-editor-'));
  try {
    const text = corpusText();
    const file = path.join(work, 'corpus.yaml');
    writeFileSync(file, text);
    const uri = pathToFileURL(file).href;
    const schemaFile = path.join(work, 'kubernetes-all.json');
    writeFileSync(schemaFile, JSON.stringify(buildKubernetesJsonSchema()));
    const schemaUri = pathToFileURL(schemaFile).href;
    const pts = positions(text, o.quick ? 20 : 60);
    const ours: Spec = {
      name: 'kube-dorm',
      argv: [path.join(ROOT, 'dist', 'server.js'), '--stdio'],
      initializationOptions: { debounceMs: 0, scanWorkspace: false },
    };
    const yls: Spec = {
      name: 'yaml-language-server',
      argv: [
        '--require',
        path.join(__dirname, 'yls-nodelay.cjs'),
        path.join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'),
        '--stdio',
      ],
      configuration: ylsConfiguration(schemaUri, { hover: true, completion: true }),
    };
    log(
      `  ${text.split('\n').length} lines, ${pts.length} positions per request, load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
    const all: Result[] = [];
    for (const spec of [ours, yls]) {
      for (const r of await run(spec, uri, text, pts, 10)) {
        all.push(r);
        log(
          `  ${r.request.padEnd(11)} ${r.server.padEnd(21)} p50 ${r.p50.toFixed(1).padStart(7)} ms  p95 ${r.p95.toFixed(1).padStart(7)} ms  (n=${r.n}, ${r.nonEmpty} non-empty answers)`,
        );
      }
    }
    for (const req of ['hover', 'completion']) {
      const a = all.find((r) => r.server === 'kube-dorm' && r.request === req)!;
      const b = all.find((r) => r.server === 'yaml-language-server' && r.request === req)!;
      log(
        `${req}: kube-dorm p95 ${a.p95.toFixed(1)} ms (target ≤ 20 ms: ${a.p95 <= 20 ? 'met' : 'NOT met'}); p50 ratio to yaml-language-server ${(a.p50 / b.p50).toFixed(3)}`,
      );
    }
    return all;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchEditor({ quick: process.argv.includes('--quick') }).catch((e) => {
    process.stderr.write(String(e?.stack ?? e) + '\n');
    process.exitCode = 1;
  });
}
