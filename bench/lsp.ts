// Edit → diagnostics latency over stdio: our bundled server (dist/server.js) against
// yaml-language-server 1.25 validating the same text against a Kubernetes JSON Schema.
//
// Fairness: both servers get a debounce of 0 for the measurement (ours through
// initializationOptions.debounceMs; yaml-language-server's fixed 200 ms validationDelayMs is
// overridden by a two-line preload, bench/yls-nodelay.cjs), so the figures are the work done per
// edit, plus JSON-RPC transport. yaml-language-server cannot download its Kubernetes schema here,
// so it gets a local one built from our catalog in the same shape (bench/k8s-json-schema.ts).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { buildKubernetesJsonSchema, ylsConfiguration } from './k8s-json-schema';
import { corpusRoot, walk } from '../test/support/corpus';

const ROOT = path.resolve(__dirname, '..');
const CORPUS = corpusRoot;
const EDIT_TIMEOUT_MS = 120_000;

export interface Fixture {
  name: string;
  text: string;
  edits: number;
  /** Unmeasured edits first (default 3). */
  warmup?: number;
}

export interface Measurement {
  server: string;
  fixture: string;
  lines: number;
  firstMs: number;
  edits: number;
  p50: number;
  p95: number;
  mean: number;
  max: number;
  diagnostics: number;
}

const corpusFiles = (dir: string): string[] => walk(dir, ['.yaml', '.yml']);

/** The corpus as one multi-document file (Helm templates left out: neither server checks them). */
export function corpusText(): string {
  if (!existsSync(CORPUS)) throw new Error(`corpus not found at ${CORPUS} (the benchmark runs in the project's development layout)`);
  const docs: string[] = [];
  for (const f of corpusFiles(CORPUS)) {
    const t = readFileSync(f, 'utf8').replace(/^\uFEFF/, '');
    if (/\{\{/.test(t)) continue;
    docs.push(t.replace(/^---\s*\n/, '').replace(/\s+$/, ''));
  }
  return docs.join('\n---\n') + '\n';
}

/** n copies, with the top-level metadata names suffixed so that the copies are distinct objects. */
export function replicate(text: string, n: number): string {
  const parts = [text];
  for (let i = 1; i < n; i++) parts.push(text.replace(/^(  name: )(["']?)([^"'\s#]+)/gm, `$1$2$3-c${i}`));
  return parts.join('---\n');
}

/** The first whole documents of `text` that make up about `lines` lines. */
export function head(text: string, lines: number): string {
  const docs = text.split(/^---\n/m);
  const out: string[] = [];
  let count = 0;
  for (const d of docs) {
    if (count >= lines) break;
    out.push(d);
    count += d.split('\n').length;
  }
  return out.join('---\n');
}

/** A line near the middle with a plain scalar value: the edits toggle a character at its end. */
function editLine(text: string): { line: number; col: number } {
  const lines = text.split('\n');
  const mid = Math.floor(lines.length / 2);
  for (let d = 0; d < lines.length; d++) {
    for (const i of [mid + d, mid - d]) {
      const l = lines[i];
      if (l !== undefined && /^\s+[a-zA-Z]+: [a-zA-Z][\w-]*$/.test(l)) return { line: i, col: l.length };
    }
  }
  throw new Error('no editable line found');
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

interface ServerSpec {
  name: string;
  argv: string[];
  initializationOptions?: unknown;
  /** Answer to workspace/configuration items. */
  configuration?: (section: string | undefined) => unknown;
  /** Our server stamps publishes with the document version; yaml-language-server does not. */
  versioned: boolean;
}

async function measure(spec: ServerSpec, fx: Fixture, workDir: string): Promise<Measurement> {
  const child = spawn(process.execPath, spec.argv, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr.on('data', () => {});
  const conn: ProtocolConnection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  let onPublish: ((p: PublishDiagnosticsParams) => void) | undefined;
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => onPublish?.(p));
  conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map((it) => spec.configuration?.(it.section) ?? null));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification('window/logMessage', () => {});
  conn.onNotification('telemetry/event', () => {});
  conn.listen();

  const file = path.join(workDir, `${fx.name}.yaml`);
  writeFileSync(file, fx.text);
  const uri = pathToFileURL(file).href;
  const waitPublish = (version: number | undefined) =>
    new Promise<PublishDiagnosticsParams>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${spec.name}: no diagnostics within ${EDIT_TIMEOUT_MS} ms`)), EDIT_TIMEOUT_MS);
      onPublish = (p) => {
        if (p.uri !== uri) return;
        if (spec.versioned && version !== undefined && p.version !== version) return;
        clearTimeout(timer);
        onPublish = undefined;
        resolve(p);
      };
    });

  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: null,
    locale: 'en',
    initializationOptions: spec.initializationOptions,
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
      textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } },
    },
  });
  await conn.sendNotification('initialized', {});
  await conn.sendNotification('workspace/didChangeConfiguration', { settings: null });

  try {
    let version = 1;
    const t0 = performance.now();
    const first = waitPublish(version);
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text: fx.text } });
    let last = await first;
    const firstMs = performance.now() - t0;

    const { line, col } = editLine(fx.text);
    const times: number[] = [];
    // Warm-up edits, not measured: the first few dozen keystrokes run before V8 has optimized the
    // hot paths (in both servers). The small file gets 30; the big ones 3 (each is seconds of work).
    const warmup = fx.warmup ?? 3;
    for (let i = 0; i < fx.edits + warmup; i++) {
      version++;
      const insert = i % 2 === 0;
      const change = insert
        ? { range: { start: { line, character: col }, end: { line, character: col } }, text: 'x' }
        : { range: { start: { line, character: col }, end: { line, character: col + 1 } }, text: '' };
      const done = waitPublish(version);
      const s = performance.now();
      await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      last = await done;
      if (i >= warmup) times.push(performance.now() - s);
      // KD_BENCH_TRACE=1 prints every edit's latency (warm-up included) to stderr.
      if (process.env.KD_BENCH_TRACE) process.stderr.write(`${(performance.now() - s).toFixed(1)} `);
    }
    times.sort((a, b) => a - b);
    return {
      server: spec.name,
      fixture: fx.name,
      lines: fx.text.split('\n').length,
      firstMs,
      edits: times.length,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      mean: times.reduce((a, b) => a + b, 0) / times.length,
      max: times[times.length - 1],
      diagnostics: last.diagnostics.length,
    };
  } finally {
    try {
      await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 5000))]);
      await conn.sendNotification('exit');
    } catch {
      /* already gone */
    }
    setTimeout(() => child.kill(), 2000).unref();
    conn.dispose();
  }
}

/** Time from `initialized` to our `kubeDorm/indexed` notification for a workspace folder (the scan + first check of every file). */
async function measureIndex(server: string, folder: string): Promise<{ ms: number; files: number; resources: number }> {
  const child = spawn(process.execPath, [server, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr.on('data', () => {});
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification('textDocument/publishDiagnostics', () => {});
  conn.onNotification('window/logMessage', () => {});
  let indexed: (p: { files: number; resources: number }) => void = () => {};
  const done = new Promise<{ files: number; resources: number }>((r) => (indexed = r));
  conn.onNotification('kubeDorm/indexed', (p: { files: number; resources: number }) => indexed(p));
  conn.listen();
  const folderUri = pathToFileURL(folder).href;
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: folderUri,
    workspaceFolders: [{ uri: folderUri, name: 'corpus' }],
    capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true } },
  });
  const t0 = performance.now();
  await conn.sendNotification('initialized', {});
  const p = await done;
  const ms = performance.now() - t0;
  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  setTimeout(() => child.kill(), 2000).unref();
  conn.dispose();
  return { ms, ...p };
}

/** Checks that yaml-language-server really validates against the local schema (a typo must be reported). */
async function yamlLsSchemaActive(spec: ServerSpec, workDir: string): Promise<boolean> {
  const text =
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: probe\nspec:\n  replica: 1\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n      containers: [{name: c, image: nginx:1.27}]\n';
  const m = await measure(spec, { name: 'schema-probe', text, edits: 1 }, workDir);
  return m.diagnostics > 0;
}

export interface LspBenchOptions {
  /** Fewer edits, for a quick look. */
  quick?: boolean;
  /** Only our server (no comparison). */
  oursOnly?: boolean;
  /** Only these fixtures. */
  fixtures?: string[];
  /** Extra node arguments for our server (e.g. --cpu-prof). */
  execArgv?: string[];
  log?: (s: string) => void;
}

export async function runLspBench(o: LspBenchOptions = {}): Promise<{ results: Measurement[]; summary: string[] }> {
  const log = o.log ?? ((s: string) => process.stdout.write(s + '\n'));
  const server = path.join(ROOT, 'dist', 'server.js');
  if (!existsSync(server)) throw new Error('dist/server.js is missing: run `node scripts/build.mjs` first');
  const yls = path.join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
  const work = mkdtempSync(path.join(tmpdir(), 'kd-bench-'));
  try {
    const schemaFile = path.join(work, 'kubernetes-all.json');
    writeFileSync(schemaFile, JSON.stringify(buildKubernetesJsonSchema()));
    const schemaUri = pathToFileURL(schemaFile).href;

    const ours: ServerSpec = {
      name: 'kube-dorm',
      argv: [...(o.execArgv ?? []), server, '--stdio'],
      initializationOptions: { debounceMs: 0, scanWorkspace: false },
      versioned: true,
    };
    const theirs: ServerSpec = {
      name: 'yaml-language-server',
      argv: ['--require', path.join(__dirname, 'yls-nodelay.cjs'), yls, '--stdio'],
      versioned: false,
      configuration: ylsConfiguration(schemaUri, { hover: false, completion: false }),
    };

    const corpus = corpusText();
    const q = o.quick;
    const fixtures: Fixture[] = [
      { name: 'file-300-lines', text: head(corpus, 300), edits: q ? 20 : 100, warmup: 30 },
      { name: 'corpus', text: corpus, edits: q ? 5 : 20 },
      { name: 'corpus-x8', text: replicate(corpus, 8), edits: q ? 3 : 8 },
    ].filter((f) => !o.fixtures || o.fixtures.includes(f.name));
    const specs = o.oursOnly ? [ours] : [ours, theirs];

    const active = o.oursOnly || (await yamlLsSchemaActive(theirs, work));
    if (!o.oursOnly)
      log(
        `yaml-language-server ${JSON.parse(readFileSync(path.join(ROOT, 'node_modules', 'yaml-language-server', 'package.json'), 'utf8')).version}: local Kubernetes schema ${active ? 'active (a typo is reported)' : 'NOT active: its figures are for YAML syntax only'}`,
      );

    log(
      `  machine: ${cpus().length} cores, load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')} (other work on the machine shows in the p95 figures)`,
    );
    const idx = await measureIndex(server, CORPUS);
    log(
      `  workspace index: ${idx.files} files, ${idx.resources} resources scanned and checked in ${idx.ms.toFixed(0)} ms (kube-dorm; yaml-language-server has no workspace index)`,
    );

    const results: Measurement[] = [];
    for (const fx of fixtures) {
      for (const spec of specs) {
        const m = await measure(spec, fx, work);
        results.push(m);
        log(
          `  ${m.fixture.padEnd(15)} ${String(m.lines).padStart(6)} lines  ${m.server.padEnd(21)} open ${m.firstMs.toFixed(1).padStart(8)} ms   edit p50 ${m.p50.toFixed(1).padStart(8)} ms  p95 ${m.p95.toFixed(1).padStart(8)} ms  (n=${m.edits}, ${m.diagnostics} diagnostics)`,
        );
      }
    }
    const summary: string[] = [];
    for (const fx of o.oursOnly ? [] : fixtures) {
      const a = results.find((r) => r.fixture === fx.name && r.server === ours.name)!;
      const b = results.find((r) => r.fixture === fx.name && r.server === theirs.name)!;
      summary.push(
        `${fx.name}: kube-dorm p50 ${a.p50.toFixed(1)} ms vs yaml-language-server ${b.p50.toFixed(1)} ms → ratio ${(a.p50 / b.p50).toFixed(3)} (target ≤ 0.1: ${a.p50 / b.p50 <= 0.1 ? 'met' : 'NOT met'})`,
      );
    }
    const small = results.find((r) => r.fixture === 'file-300-lines' && r.server === ours.name);
    if (small) summary.push(`300-line file: kube-dorm p95 ${small.p95.toFixed(1)} ms (target ≤ 10 ms: ${small.p95 <= 10 ? 'met' : 'NOT met'})`);
    for (const s of summary) log(s);
    return { results, summary };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  runLspBench({
    quick: process.argv.includes('--quick'),
    oursOnly: process.argv.includes('--ours-only'),
    fixtures: arg('fixtures')?.split(','),
    execArgv: arg('node-args')?.split(' '),
  }).catch((e) => {
    process.stderr.write(String(e?.stack ?? e) + '\n');
    process.exitCode = 1;
  });
}
