// `npm run bench -- activation`, second part: activation and first diagnostics in code-server, in
// the Node extension host and in the web worker extension host (the `browser` entry, as vscode.dev
// runs it), beside a floor measured in the same run (./floor-extension.ts: a language client and a
// one-diagnostic server, nothing else). Each run is a cold start: a fresh code-server and user-data
// folder with one extension installed (and a probe, active on startup, whose status-bar message
// says the extension host is up), the workbench opened in Chromium, then, once the host is up, a
// YAML file (the corpus's first 300 lines) opened with Quick Open. Timed in the page from the
// Enter that opens it:
//   active            the extension's activate() has resolved (a status-bar message set by a
//                     wrapper around the entry bundle, the same wrapper for ours and the floor);
//   first diagnostic  the status bar's problem count leaves zero.
// Nine runs of each, interleaved (floor, ours; Node, web), and the medians printed with ours/floor:
// a cold start here swings by ±30%, and the ratio of two five-run medians by ±0.12 from one run of
// the bench to the next (1.13× to 1.37× on the same build), so three or five were too few.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import {
  CODE_SERVER_VERSION,
  e2eInstalled,
  installExtension,
  launchBrowser,
  openFile,
  openWorkbench,
  packageVsix,
  packExtension,
  startCodeServer,
} from '../test/e2e/support';
import { FLOOR_ID, HOST_READY, PROBE_ID, writeFloorExtension, writeProbeExtension } from './floor-extension';
import { corpusText, head } from './lsp';

const MARK = 'kd-bench-active';
const OURS_ID = 'kube-dorm.kube-dorm';
export type Host = 'node' | 'web';

/**
 * Replaces the entry `rel` of an installed extension by a wrapper beside it that evaluates the
 * original bundle, then sets a status-bar message once its activate() has resolved. Source
 * concatenation, not require(): the web worker host provides no module but `vscode`.
 */
function wrapEntry(extDir: string, rel: string): string {
  const file = path.join(extDir, rel);
  const wrapped = `const __kdInner = { exports: {} };
(function (module, exports) {
${readFileSync(file, 'utf8')}
})(__kdInner, __kdInner.exports);
exports.activate = (context) => Promise.resolve(__kdInner.exports.activate(context)).then((r) => { require('vscode').window.setStatusBarMessage(${JSON.stringify(MARK)}); return r; });
exports.deactivate = () => __kdInner.exports.deactivate && __kdInner.exports.deactivate();
`;
  const out = path.join(path.dirname(file), 'bench-main.js');
  writeFileSync(out, wrapped);
  return './' + path.relative(extDir, out).split(path.sep).join('/');
}

/** Installs a .vsix and the host-ready probe into their own extensions folder and wraps the .vsix's entries; returns the folder. */
function installWrapped(vsix: string, probe: string, root: string, id: string): string {
  const extensionsDir = path.join(root, `extensions-${id}`);
  const userDataDir = path.join(root, 'install-user-data');
  installExtension(probe, extensionsDir, userDataDir);
  installExtension(vsix, extensionsDir, userDataDir);
  const name = readdirSync(extensionsDir).find((n) => n.toLowerCase().startsWith(`${id.toLowerCase()}-`));
  if (!name) throw new Error(`${id} is not in ${extensionsDir} after install`);
  const extDir = path.join(extensionsDir, name);
  const manifest = JSON.parse(readFileSync(path.join(extDir, 'package.json'), 'utf8')) as { main: string; browser: string };
  manifest.main = wrapEntry(extDir, manifest.main);
  manifest.browser = wrapEntry(extDir, manifest.browser);
  writeFileSync(path.join(extDir, 'package.json'), JSON.stringify(manifest, null, 2));
  return extensionsDir;
}

/** Writes an extension folder with `write` and packs it into `root/<name>.vsix` (vsce's listing kept off the bench's output). */
async function pack(root: string, name: string, write: (dir: string) => unknown): Promise<string> {
  const dir = path.join(root, name);
  await write(dir);
  const log = console.log;
  console.log = () => {};
  try {
    return await packExtension(dir, path.join(root, `${name}.vsix`));
  } finally {
    console.log = log;
  }
}

/** Page code (a string: tsx's keepNames helper does not exist in the page): records when the mark and the first problem appear. */
const OBSERVE = `(() => {
  const b = (window.__kdBench = { t0: 0, active: 0, diag: 0, early: false });
  const bar = document.querySelector('.part.statusbar');
  const check = () => {
    const now = performance.now();
    if (!b.active && (bar.textContent || '').includes(${JSON.stringify(MARK)})) {
      b.active = now;
      b.early = !b.t0;
    }
    const problems = document.getElementById('status.problems');
    const count = problems ? (problems.textContent.match(/\\d+/g) || []).reduce((s, d) => s + Number(d), 0) : 0;
    if (!b.diag && count > 0) b.diag = now;
  };
  new MutationObserver(check).observe(bar, { subtree: true, childList: true, characterData: true, attributes: true });
  check();
})()`;

export interface Sample {
  activeMs: number;
  diagMs: number;
}

/** One cold start: code-server with one extension, the workbench, then the YAML file opened. */
async function coldRun(browser: Browser, root: string, folder: string, extensionsDir: string, id: string, host: Host): Promise<Sample> {
  const run = mkdtempSync(path.join(root, 'run-'));
  const settings = { 'kubeDorm.language': 'en', ...(host === 'web' ? { 'remote.extensionKind': { [id]: ['web'], [PROBE_ID]: ['web'] } } : {}) };
  const server = await startCodeServer({ folder, extensionsDir, userDataDir: path.join(run, 'user-data'), settings });
  try {
    const page = await openWorkbench(browser, server, folder, 180_000);
    try {
      // The extension host has started (the probe, active on startup, said so) and nothing has opened a YAML file yet.
      await page.locator('.part.statusbar', { hasText: HOST_READY }).waitFor({ timeout: 120_000 });
      await page.evaluate(OBSERVE);
      await openFile(page, 'manifest.yaml', 180_000, () => page.evaluate('window.__kdBench.t0 = performance.now()'));
      await page.waitForFunction('window.__kdBench.active > 0 && window.__kdBench.diag > 0', undefined, { timeout: 180_000 });
      const b = await page.evaluate<{ t0: number; active: number; diag: number; early: boolean }>('({ ...window.__kdBench })');
      if (b.early) throw new Error(`${id} (${host}) was active before the YAML file was opened`);
      if (host === 'web' && !page.frames().some((f) => /webWorkerExtensionHostIframe/.test(f.url())))
        throw new Error('no web worker extension host in the page');
      return { activeMs: b.active - b.t0, diagMs: b.diag - b.t0 };
    } finally {
      await page.context().close();
    }
  } catch (e) {
    if (e instanceof Error) e.message += `\n--- code-server output ---\n${server.log().slice(-3000)}`;
    throw e;
  } finally {
    await server.stop();
    rmSync(run, { recursive: true, force: true });
  }
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Prints two figures (rows) for both hosts side by side: for each host the floor's median, ours
 * and ours/floor; then the target.
 */
export function printSideBySide(hostTitles: [string, string], rs: HostActivation[], rowLabels: [string, string]): void {
  const ms = (x: number) => `${x.toFixed(0)} ms`.padStart(8);
  const cells = (r: HostActivation, k: keyof Sample) => `${ms(r.floor[k])} ${ms(r.ours[k])} ${`${(r.ours[k] / r.floor[k]).toFixed(2)}×`.padStart(7)}`;
  const w = 25;
  const out = (s: string) => process.stdout.write(`  ${s}\n`);
  out(`${''.padEnd(28)}${hostTitles.map((t) => `  ${t.padEnd(w)}`).join('')}`);
  out(`${''.padEnd(28)}${rs.map(() => `  ${'floor'.padStart(8)} ${'ours'.padStart(8)} ${'ratio'.padStart(7)}`).join('')}`);
  (['activeMs', 'diagMs'] as const).forEach((k, i) => out(`${rowLabels[i].padEnd(28)}${rs.map((r) => `  ${cells(r, k)}`).join('')}`));
  out('target: ours ≤ 1.3× the floor');
}

export interface HostActivation {
  host: Host;
  floor: Sample;
  ours: Sample;
}

export async function benchActivationInCodeServer(o: { quick: boolean }): Promise<HostActivation[] | undefined> {
  if (!e2eInstalled()) {
    process.stdout.write('  in code-server: skipped (code-server or Chromium missing: npm run setup:e2e)\n');
    return undefined;
  }
  const n = o.quick ? 1 : 9;
  const root = mkdtempSync(path.join(tmpdir(), 'kd-bench-codeserver-'));
  let browser: Browser | undefined;
  try {
    const folder = path.join(root, 'workspace');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'manifest.yaml'), head(corpusText(), 300));
    const probe = await pack(root, 'probe', writeProbeExtension);
    const ours = installWrapped(packageVsix(), probe, root, OURS_ID);
    const floor = installWrapped(await pack(root, 'floor', writeFloorExtension), probe, root, FLOOR_ID);
    browser = await launchBrowser();
    const samples = new Map<string, Sample[]>();
    for (let i = 0; i < n; i++) {
      for (const host of ['node', 'web'] as const) {
        for (const [who, dir, id] of [['floor', floor, FLOOR_ID] as const, ['ours', ours, OURS_ID] as const]) {
          const s = await coldRun(browser, root, folder, dir, id, host).catch((e: Error) => {
            // A shared machine under load sometimes misses a deadline: one more cold start, reported.
            process.stderr.write(`  run ${i + 1}/${n} ${host} ${who} failed, once more: ${e.message.split('\n')[0]}\n`);
            return coldRun(browser!, root, folder, dir, id, host);
          });
          process.stderr.write(`  run ${i + 1}/${n} ${host} ${who}: active ${s.activeMs.toFixed(0)} ms, first diagnostic ${s.diagMs.toFixed(0)} ms\n`);
          samples.set(`${host}/${who}`, [...(samples.get(`${host}/${who}`) ?? []), s]);
        }
      }
    }
    const med = (key: string): Sample => {
      const ss = samples.get(key)!;
      return { activeMs: median(ss.map((s) => s.activeMs)), diagMs: median(ss.map((s) => s.diagMs)) };
    };
    const out: HostActivation[] = (['node', 'web'] as const).map((host) => ({ host, floor: med(`${host}/floor`), ours: med(`${host}/ours`) }));
    process.stdout.write(`  in code-server ${CODE_SERVER_VERSION}, from opening a 300-line YAML file; median of ${n} cold start(s) each, interleaved\n`);
    printSideBySide(['Node extension host', 'web worker extension host'], out, ['active', 'first diagnostic']);
    return out;
  } finally {
    await browser?.close().catch(() => {});
    rmSync(root, { recursive: true, force: true });
  }
}
