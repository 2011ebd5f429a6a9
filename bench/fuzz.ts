// `npm run fuzz [-- --runs N --seed S --workers W --children C]`: a long fuzzing run through the
// parser, every rule and the CLI.
// Inputs: mutations of the real corpus and the examples, arbitrary strings, and hostile
// constructs (alias bombs, deep nesting, huge scalars, NUL bytes, CRLF/BOM mixes).
// Layers driven per input:
//   - lintFile on a workspace (every input);
//   - `runLint` in-process (every CLI_EVERY-th input: the input is written to a file and linted with
//     text/json/sarif and en/zh-cn in turn; exit code must be 0 or 1, json/sarif must parse);
//   - a few hundred real `node bin/kube-dorm.js lint` child processes (parent only, at the end).
// The runs are split across W worker processes (seed, seed+1, ...), default 2 (both cores).
// Reports inputs tried, crashes, inputs over 1 s, and the slowest input; saves minimised
// failing inputs to bench/results/fuzz-failures/ so they can become regression tests.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { Workspace } from '../core/workspace/index';
import { lintFile } from '../core/lint';
import { runLint } from '../cli/lint';
import { corpusFiles, exampleFiles, repoRoot } from '../test/support/corpus';
import { checkDiagnostics, mutate } from '../test/support/fuzz';
import { scalarText } from '../core/k8s/guards';

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
}

const runs = arg('runs', 1_000_000);
const seed = arg('seed', 1);
const workers = arg('workers', 2);
const workerIndex = arg('worker', -1);
const children = arg('children', 300);
const CLI_EVERY = arg('cli-every', 20);
const seeds = [...corpusFiles(), ...exampleFiles()].filter((f) => f.text.length < 50_000);

export function hostile(kind: number, n: number): string {
  switch (kind % 7) {
    case 0: {
      const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: bomb}', 'a0: &a0 [x, x, x, x, x, x, x, x]'];
      for (let i = 1; i < 4 + (n % 12); i++)
        lines.push(
          `a${i}: &a${i} [${Array(8)
            .fill(`*a${i - 1}`)
            .join(', ')}]`,
        );
      return lines.join('\n');
    }
    case 1:
      return `apiVersion: v1\nkind: ConfigMap\ndata: ${'['.repeat(1000 + (n % 100_000))}`;
    case 2:
      return `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  k: ${'x'.repeat(100_000 + (n % 1_000_000))}\n`;
    case 3:
      return `\uFEFFapiVersion: v1\r\nkind: Pod\nmetadata:\r\n  name: p\r\nspec:\n  containers:\r\n  - name: c\n    image: x\r\n`;
    case 4:
      return `apiVersion: v1\nkind: Pod\nmetadata: {name: "\u0000\u0001"}\n`;
    case 5:
      return `apiVersion: v1\nkind: Pod\n${'  '.repeat(n % 5000)}a: b\n`;
    default:
      return `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${'\ud800'.repeat(1 + (n % 50))}\n`;
  }
}

export const input = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.tuple(fc.nat(seeds.length - 1), fc.array(fc.nat(), { minLength: 1, maxLength: 8 })).map(([i, ops]) => mutate(seeds[i].text, ops)),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 600 }) },
  { weight: 1, arbitrary: fc.tuple(fc.nat(), fc.nat()).map(([k, n]) => hostile(k, n)) },
);

const FORMATS = ['text', 'json', 'sarif'] as const;

/** One in-process CLI run over `file`; throws if the CLI misbehaves. */
export async function cliOnce(dir: string, text: string, n: number): Promise<void> {
  const file = path.join(dir, 'input.yaml');
  writeFileSync(file, text);
  const format = FORMATS[n % 3];
  const lang = n % 2 ? 'zh-cn' : 'en';
  let out = '';
  let err = '';
  const code = await runLint(
    ['--format', format, '--lang', lang, 'input.yaml'],
    { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, cwd: dir, env: {} },
    '0.0.0-fuzz',
  );
  if (code !== 0 && code !== 1) throw new Error(`runLint exit ${code}: ${err.slice(0, 200)}`);
  if (format !== 'text') {
    const parsed = JSON.parse(out);
    if (format === 'sarif' && !Array.isArray(parsed.runs)) throw new Error('sarif without runs');
  }
}

interface Summary {
  seed: number;
  tried: number;
  cliRuns: number;
  crashes: number;
  over1s: number;
  slowest: { ms: number; sample: string };
  secs: number;
  failure?: string;
  error?: string;
  retimed: { ms: number; bestMs: number; file: string }[];
}

async function worker(wSeed: number, wRuns: number): Promise<Summary> {
  const ws = new Workspace();
  // A background workspace so cross-resource rules have something to look at.
  for (const f of exampleFiles()) ws.set(f.uri, f.text);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kd-fuzz-'));
  let tried = 0;
  let cliRuns = 0;
  let slowest = { ms: 0, sample: '' };
  let over1s = 0;
  // The slowest inputs, kept whole: saved and re-timed alone at the end (a slow input during the run
  // may only have met a busy machine or a GC pause).
  const slow: { ms: number; text: string }[] = [];
  const started = process.hrtime.bigint();
  const result = await fc.check(
    fc.asyncProperty(input, async (text) => {
      tried++;
      const t0 = process.hrtime.bigint();
      ws.set('file:///fuzz/input.yaml', text);
      const diags = lintFile(ws, 'file:///fuzz/input.yaml');
      checkDiagnostics(text, diags, 'fuzz');
      if (tried % CLI_EVERY === 0) {
        cliRuns++;
        await cliOnce(dir, text, cliRuns);
      }
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (ms > slowest.ms) slowest = { ms, sample: text.slice(0, 120) };
      if (ms > 1000) over1s++;
      if (ms > 250 && (slow.length < 20 || ms > slow[slow.length - 1].ms)) {
        slow.push({ ms, text });
        slow.sort((a, b) => b.ms - a.ms);
        slow.length = Math.min(slow.length, 20);
      }
      if (tried % 100_000 === 0) process.stderr.write(`  [seed ${wSeed}] ${tried.toLocaleString('en-US')} inputs, slowest ${slowest.ms.toFixed(1)} ms\n`);
    }),
    { numRuns: wRuns, seed: wSeed, endOnFailure: false },
  );
  rmSync(dir, { recursive: true, force: true });
  const secs = Number(process.hrtime.bigint() - started) / 1e9;
  const retimed: Summary['retimed'] = [];
  const slowDir = path.join(repoRoot, 'bench', 'results', 'fuzz-slow');
  slow.slice(0, 5).forEach((x, i) => {
    let best = Infinity;
    for (let k = 0; k < 3; k++) {
      ws.set('file:///fuzz/input.yaml', ''); // so that the timed set parses again
      lintFile(ws, 'file:///fuzz/input.yaml');
      const t0 = process.hrtime.bigint();
      ws.set('file:///fuzz/input.yaml', x.text);
      lintFile(ws, 'file:///fuzz/input.yaml');
      best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
    }
    mkdirSync(slowDir, { recursive: true });
    const file = path.join(slowDir, `seed-${wSeed}-${i + 1}.yaml`);
    writeFileSync(file, x.text);
    retimed.push({ ms: x.ms, bestMs: best, file: path.relative(repoRoot, file) });
  });
  const s: Summary = { seed: wSeed, tried, cliRuns, crashes: result.failed ? 1 : 0, over1s, slowest, secs, retimed };
  if (result.failed && result.counterexample) {
    const out = path.join(repoRoot, 'bench', 'results', 'fuzz-failures');
    mkdirSync(out, { recursive: true });
    const file = path.join(out, `seed-${wSeed}.yaml`);
    writeFileSync(file, String(result.counterexample[0]));
    s.failure = file;
    s.error = (result.errorInstance instanceof Error ? result.errorInstance.message : scalarText(result.errorInstance)).split('\n')[0];
  }
  return s;
}

function runChild(args: string[], opts: { cwd?: string } = {}): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const p = spawn(process.execPath, args, { cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - t0 }));
  });
}

/** `children` real `node bin/kube-dorm.js lint` runs, two at a time. */
async function childRuns(n: number): Promise<{ runs: number; crashes: number; slowestMs: number; failures: string[] }> {
  const samples = fc.sample(input, { numRuns: n, seed: seed + 1000 });
  const base = mkdtempSync(path.join(os.tmpdir(), 'kd-fuzz-cli-'));
  const bin = path.join(repoRoot, 'bin', 'kube-dorm.js');
  let crashes = 0;
  let slowestMs = 0;
  const failures: string[] = [];
  let next = 0;
  const one = async () => {
    while (next < samples.length) {
      const i = next++;
      const dir = path.join(base, String(i));
      mkdirSync(dir);
      writeFileSync(path.join(dir, 'input.yaml'), samples[i]);
      const format = FORMATS[i % 3];
      const r = await runChild([bin, 'lint', '--format', format, '--lang', i % 2 ? 'zh-cn' : 'en', 'input.yaml'], { cwd: dir });
      slowestMs = Math.max(slowestMs, r.ms);
      let ok = (r.code === 0 || r.code === 1) && !/\bat .*\.js:\d+/.test(r.stderr);
      if (ok && format !== 'text') {
        try {
          JSON.parse(r.stdout);
        } catch {
          ok = false;
        }
      }
      if (!ok) {
        crashes++;
        const out = path.join(repoRoot, 'bench', 'results', 'fuzz-failures');
        mkdirSync(out, { recursive: true });
        const f = path.join(out, `child-${seed}-${i}.yaml`);
        writeFileSync(f, samples[i]);
        failures.push(`${f} (exit ${r.code}: ${r.stderr.split('\n')[0]})`);
      }
    }
  };
  await Promise.all([one(), one()]);
  rmSync(base, { recursive: true, force: true });
  return { runs: samples.length, crashes, slowestMs, failures };
}

async function main(): Promise<void> {
  if (workerIndex >= 0) {
    // Worker: one JSON summary line on stdout.
    process.stdout.write(JSON.stringify(await worker(seed, runs)) + '\n');
    return;
  }
  const started = Date.now();
  const per = Math.ceil(runs / workers);
  const self = path.join(repoRoot, 'bench', 'fuzz.ts');
  const procs = Array.from(
    { length: workers },
    (_, w) =>
      new Promise<Summary>((resolve, reject) => {
        const p = spawn(
          process.execPath,
          ['--import', 'tsx', self, '--worker', String(w), '--seed', String(seed + w), '--runs', String(per), '--cli-every', String(CLI_EVERY)],
          { stdio: ['ignore', 'pipe', 'inherit'] },
        );
        let out = '';
        p.stdout.on('data', (d) => (out += d));
        p.on('close', (code) => {
          const line = out.trim().split('\n').pop() ?? '';
          try {
            resolve(JSON.parse(line));
          } catch {
            reject(new Error(`worker ${w} exited ${code} without a summary: ${out.slice(-300)}`));
          }
        });
      }),
  );
  const sums = await Promise.all(procs);
  const tried = sums.reduce((a, s) => a + s.tried, 0);
  const cliRuns = sums.reduce((a, s) => a + s.cliRuns, 0);
  const crashes = sums.reduce((a, s) => a + s.crashes, 0);
  const over1s = sums.reduce((a, s) => a + s.over1s, 0);
  const slowest = sums.map((s) => s.slowest).sort((a, b) => b.ms - a.ms)[0];
  console.log(
    `fuzz: ${tried.toLocaleString('en-US')} inputs (${cliRuns.toLocaleString('en-US')} also through runLint in-process) in ${((Date.now() - started) / 1000).toFixed(1)} s, ${workers} workers (seeds ${sums.map((s) => s.seed).join(', ')})`,
  );
  console.log(`fuzz: crashes ${crashes}, inputs over 1 s: ${over1s}, slowest ${slowest.ms.toFixed(1)} ms (${JSON.stringify(slowest.sample.slice(0, 60))})`);
  for (const s of sums)
    for (const r of s.retimed)
      console.log(`fuzz: slow input (seed ${s.seed}) ${r.ms.toFixed(0)} ms in the run, ${r.bestMs.toFixed(0)} ms alone (best of 3): ${r.file}`);
  for (const s of sums) if (s.failure) console.log(`fuzz: FAILED (seed ${s.seed}): ${s.error}\n  minimised input saved to ${s.failure}`);
  if (children > 0) {
    const c = await childRuns(children);
    console.log(`fuzz: ${c.runs} real \`node bin/kube-dorm.js lint\` runs: crashes ${c.crashes}, slowest ${c.slowestMs} ms (process included)`);
    for (const f of c.failures) console.log(`  child failure: ${f}`);
    if (c.crashes) process.exitCode = 1;
  }
  if (crashes) process.exitCode = 1;
}

if (require.main === module)
  main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
