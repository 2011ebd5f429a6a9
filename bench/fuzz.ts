// `npm run fuzz [-- --runs N --seed S]`: a long fuzzing run through the parser and every rule.
// Inputs: mutations of the real corpus and the examples, arbitrary strings, and hostile
// constructs (alias bombs, deep nesting, huge scalars, NUL bytes, CRLF/BOM mixes).
// Reports inputs tried, crashes, inputs over 1 s, and the slowest input; saves minimised
// failing inputs to bench/results/fuzz-failures/ so they can become regression tests.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { Workspace } from '../core/workspace/index';
import { lintFile } from '../core/lint';
import { corpusFiles, exampleFiles, repoRoot } from '../test/support/corpus';
import { checkDiagnostics, mutate } from '../test/support/fuzz';

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
}

const runs = arg('runs', 1_000_000);
const seed = arg('seed', 1);
const seeds = [...corpusFiles(), ...exampleFiles()].filter((f) => f.text.length < 50_000);

function hostile(kind: number, n: number): string {
  switch (kind % 7) {
    case 0: {
      const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: bomb}', 'a0: &a0 [x, x, x, x, x, x, x, x]'];
      for (let i = 1; i < 4 + (n % 12); i++) lines.push(`a${i}: &a${i} [${Array(8).fill(`*a${i - 1}`).join(', ')}]`);
      return lines.join('\n');
    }
    case 1: return `apiVersion: v1\nkind: ConfigMap\ndata: ${'['.repeat(1000 + (n % 100_000))}`;
    case 2: return `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  k: ${'x'.repeat(100_000 + (n % 1_000_000))}\n`;
    case 3: return `\uFEFFapiVersion: v1\r\nkind: Pod\nmetadata:\r\n  name: p\r\nspec:\n  containers:\r\n  - name: c\n    image: x\r\n`;
    case 4: return `apiVersion: v1\nkind: Pod\nmetadata: {name: "\u0000\u0001"}\n`;
    case 5: return `apiVersion: v1\nkind: Pod\n${'  '.repeat(n % 5000)}a: b\n`;
    default: return `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${'\ud800'.repeat(1 + (n % 50))}\n`;
  }
}

const input = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.nat(seeds.length - 1), fc.array(fc.nat(), { minLength: 1, maxLength: 8 })).map(([i, ops]) => mutate(seeds[i].text, ops)) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 600 }) },
  { weight: 1, arbitrary: fc.tuple(fc.nat(), fc.nat()).map(([k, n]) => hostile(k, n)) },
);

const ws = new Workspace();
// A background workspace so cross-resource rules have something to look at.
for (const f of exampleFiles()) ws.set(f.uri, f.text);

let tried = 0;
let slowest = { ms: 0, sample: '' };
let over1s = 0;
const started = process.hrtime.bigint();
const failures: string[] = [];
const out = path.join(repoRoot, 'bench', 'results', 'fuzz-failures');

const result = fc.check(
  fc.property(input, (text) => {
    tried++;
    const t0 = process.hrtime.bigint();
    ws.set('file:///fuzz/input.yaml', text);
    const diags = lintFile(ws, 'file:///fuzz/input.yaml');
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (ms > slowest.ms) slowest = { ms, sample: text.slice(0, 120) };
    if (ms > 1000) over1s++;
    checkDiagnostics(text, diags, 'fuzz');
    if (tried % 100_000 === 0) process.stderr.write(`  ${tried.toLocaleString('en-US')} inputs, slowest ${slowest.ms.toFixed(1)} ms\n`);
  }),
  { numRuns: runs, seed, endOnFailure: false },
);

if (result.failed && result.counterexample) {
  mkdirSync(out, { recursive: true });
  const file = path.join(out, `seed-${seed}.yaml`);
  writeFileSync(file, String(result.counterexample[0]));
  failures.push(file);
}
const secs = Number(process.hrtime.bigint() - started) / 1e9;
console.log(`fuzz: ${tried.toLocaleString('en-US')} inputs in ${secs.toFixed(1)} s (seed ${seed})`);
console.log(`fuzz: crashes ${result.failed ? 1 : 0}, inputs over 1 s: ${over1s}, slowest ${slowest.ms.toFixed(1)} ms (${JSON.stringify(slowest.sample.slice(0, 60))})`);
if (result.failed) {
  console.log(`fuzz: FAILED: ${String(result.errorInstance ?? '').split('\n')[0]}\n  minimised input saved to ${failures[0]}`);
  process.exitCode = 1;
}
