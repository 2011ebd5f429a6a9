// `npm run bench -- activation`: what opening a YAML file costs before anything is shown.
// The extension's entry bundle (extension/src/extension.ts, built here as `npm run package` builds
// it: minified, `vscode` external) is loaded with require() in fresh Node processes, beside a floor
// bundle of `vscode-languageclient/node` alone built the same way; median of N processes each,
// interleaved. `vscode` resolves to a stub (a node_modules/vscode next to the bundles) that answers
// every property with a class, which is all loading needs. Target: entry ≤ 1.3× the floor.
// The bundles loaded on first use (dist/sim.js: panel, lessons, kubectl terminal) are timed too, as
// what the first simulate or lesson command adds. Then the language servers alone, Node process and
// browser Worker, to their first diagnostics (./activation-lsp.ts), and activation and first
// diagnostics in code-server, in both extension hosts, beside a floor extension (./activation-host.ts).
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { benchActivationInCodeServer, median, type HostActivation } from './activation-host';
import { benchServerHosts } from './activation-lsp';

const ROOT = path.resolve(__dirname, '..');

/** Answers any property access, call or construction (and `extends`) with itself; not a thenable. */
const VSCODE_STUB = `const any = new Proxy(function () {}, {
  get: (_t, k) => (k === 'then' || k === Symbol.toPrimitive || k === Symbol.iterator ? undefined : k === 'prototype' ? {} : any),
  apply: () => any,
  construct: () => ({}),
  // esbuild's \`import * as vscode\` copies own properties onto an object whose prototype is this: answer through it too.
  getPrototypeOf: () => any,
});
module.exports = any;
`;

interface Bundle {
  label: string;
  file: string;
}

async function build(dir: string): Promise<Bundle[]> {
  const opts: esbuild.BuildOptions = {
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    external: ['vscode'],
    absWorkingDir: ROOT,
    logLevel: 'error',
    legalComments: 'none',
  };
  const out: Bundle[] = [];
  const floor = path.join(dir, 'floor.js');
  await esbuild.build({
    ...opts,
    stdin: { contents: "module.exports = require('vscode-languageclient/node');", resolveDir: ROOT, loader: 'js' },
    outfile: floor,
  });
  out.push({ label: 'floor: vscode-languageclient/node alone', file: floor });
  const entry = path.join(dir, 'extension.js');
  await esbuild.build({ ...opts, entryPoints: ['extension/src/extension.ts'], outfile: entry });
  out.push({ label: 'entry: dist/extension.js', file: entry });
  if (existsSync(path.join(ROOT, 'extension/src/sim.ts'))) {
    const sim = path.join(dir, 'sim.js');
    await esbuild.build({ ...opts, entryPoints: ['extension/src/sim.ts'], outfile: sim });
    out.push({ label: 'on first use: dist/sim.js', file: sim });
  }
  return out;
}

/** Milliseconds one fresh Node process takes to require `file` (measured inside the process). */
function requireMs(file: string): number {
  const code = `const t = process.hrtime.bigint(); require(${JSON.stringify(file)}); process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));`;
  return Number(execFileSync(process.execPath, ['-e', code], { encoding: 'utf8' }));
}

function line(label: string, value: string, note = ''): void {
  process.stdout.write(`  ${label.padEnd(44)} ${value}${note ? `  (${note})` : ''}\n`);
}

export async function benchActivation(o: {
  quick: boolean;
}): Promise<{ entryMs: number; floorMs: number; ratio: number; servers: HostActivation[]; hosts?: HostActivation[] }> {
  const load = await benchEntryLoad(o);
  const servers = await benchServerHosts(o);
  return { ...load, servers, hosts: await benchActivationInCodeServer(o) };
}

async function benchEntryLoad(o: { quick: boolean }): Promise<{ entryMs: number; floorMs: number; ratio: number }> {
  const n = o.quick ? 7 : 21;
  const dir = mkdtempSync(path.join(tmpdir(), 'kd-bench-activation-'));
  try {
    mkdirSync(path.join(dir, 'node_modules', 'vscode'), { recursive: true });
    writeFileSync(path.join(dir, 'node_modules', 'vscode', 'index.js'), VSCODE_STUB);
    const bundles = await build(dir);
    for (const b of bundles) requireMs(b.file); // warm the file cache
    const times = new Map<Bundle, number[]>(bundles.map((b) => [b, []]));
    for (let i = 0; i < n; i++) for (const b of bundles) times.get(b)!.push(requireMs(b.file));
    const ms = new Map(bundles.map((b) => [b, median(times.get(b)!)]));
    const [floor, entry] = bundles;
    process.stdout.write(`  require() in a fresh Node process, median of ${n}\n`);
    for (const b of bundles) line(b.label, `${ms.get(b)!.toFixed(1)} ms`, `${(statSync(b.file).size / 1024).toFixed(0)} KiB`);
    const ratio = ms.get(entry)! / ms.get(floor)!;
    line('entry / floor', `${ratio.toFixed(2)}×`, 'target ≤ 1.3×');
    return { entryMs: ms.get(entry)!, floorMs: ms.get(floor)!, ratio };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
