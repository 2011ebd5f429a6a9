// Reusable parts of the end-to-end suite: the packaged extension in a real VS Code (code-server),
// driven by Debian's Chromium through playwright-core. See /work/shared/guide/testing.md.
//
//   const env = await startE2E({ files: { 'deploy.yaml': '...' } });   // install, pack, start, open
//   await openFile(env.page, 'deploy.yaml');
//   const rows = await waitForProblems(env.page, (rs) => rs.some((r) => r.code === 'selector-mismatch'));
//   await env.dispose();                                                 // always, in after()
//
// Everything waits on DOM conditions or process output, never on fixed sleeps.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { after, before } from 'node:test';
import { CHROMIUM } from '../support/browser';

export { CHROMIUM, CHROMIUM_ARGS, collectPageErrors } from '../support/browser';
export * from './workbench';
import { editUserSettings, launchBrowser, openWorkbench } from './workbench';

export const ROOT = path.resolve(__dirname, '..', '..');
export const CODE_SERVER_VERSION = '4.100.3';
export const CODE_SERVER_DIR = process.env.KUBE_DORM_CODE_SERVER_DIR ?? path.join(ROOT, '.cache', 'code-server');
export const CODE_SERVER_ENTRY = path.join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
/** Generous: the first install on a fresh machine compiles native modules (1–4 min here). */
export const INSTALL_TIMEOUT_MS = 15 * 60_000;

// ---------------------------------------------------------------------------------------------
// Installation and packaging

export function e2eInstalled(): boolean {
  return existsSync(path.join(CODE_SERVER_DIR, `.installed-${CODE_SERVER_VERSION}`)) && existsSync(CODE_SERVER_ENTRY) && existsSync(CHROMIUM);
}

/** Runs scripts/install-e2e.sh unless code-server and Chromium are already there. */
export function ensureE2EInstalled(): void {
  if (e2eInstalled()) return;
  const r = spawnSync('bash', [path.join(ROOT, 'scripts', 'install-e2e.sh'), CODE_SERVER_DIR, CODE_SERVER_VERSION], {
    cwd: ROOT,
    // The test runner reads the test process's stdout; keep the installer's chatter on stderr.
    stdio: ['ignore', 2, 2],
    timeout: INSTALL_TIMEOUT_MS,
  });
  if (r.status !== 0 || !e2eInstalled()) {
    throw new Error(`scripts/install-e2e.sh failed (status ${r.status}${r.error ? `, ${r.error.message}` : ''})`);
  }
}

/** Everything the .vsix is built from: sources, build scripts, manifest, docs, locked dependencies. */
const PACKAGE_INPUTS = [
  'package.json',
  'package-lock.json',
  'package.nls.json',
  'package.nls.zh-cn.json',
  '.vscodeignore',
  'README.md',
  'LICENSE',
  'scripts/build.mjs',
  'scripts/package.mjs',
  'scripts/gen-schema.mjs',
  'core',
  'extension/src',
  'language-server/src',
  'webview',
  'l10n',
  'docs/rules',
  'media',
];

/** A hash of the package inputs (paths, sizes and contents), to tell whether a built .vsix is fresh. */
export function packageInputsHash(): string {
  const h = createHash('sha256');
  const visit = (rel: string) => {
    const abs = path.join(ROOT, rel);
    if (!existsSync(abs)) return;
    const st = statSync(abs);
    if (st.isDirectory()) {
      for (const name of readdirSync(abs).sort()) if (name !== 'generated') visit(path.join(rel, name));
    } else {
      h.update(`${rel}\0${st.size}\0`);
      h.update(readFileSync(abs));
    }
  };
  for (const rel of PACKAGE_INPUTS) visit(rel);
  return h.digest('hex');
}

/**
 * Builds the production bundles and packs dist/kube-dorm.vsix (scripts/package.mjs), unless the
 * package there was built from the same inputs (so several e2e files in one run pack once).
 * KUBE_DORM_VSIX, when it names an existing package, is used as it is (a package built elsewhere).
 */
export function packageVsix(): string {
  const given = process.env.KUBE_DORM_VSIX;
  if (given && existsSync(given)) return path.resolve(given);
  const out = path.join(ROOT, 'dist', 'kube-dorm.vsix');
  const stamp = `${out}.inputs`;
  const hash = packageInputsHash();
  if (existsSync(out) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return out;
  rmSync(stamp, { force: true });
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'package.mjs'), '--out', out], {
    cwd: ROOT,
    stdio: ['ignore', 2, 2],
    timeout: 5 * 60_000,
  });
  if (r.status !== 0 || !existsSync(out)) throw new Error(`scripts/package.mjs failed (status ${r.status})`);
  writeFileSync(stamp, hash);
  return out;
}

/** Installs any .vsix into an extensions folder the way a user would (code-server --install-extension). */
export function installExtension(vsix: string, extensionsDir: string, userDataDir: string): void {
  const r = spawnSync(
    process.execPath,
    [CODE_SERVER_ENTRY, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'],
    { encoding: 'utf8', timeout: 2 * 60_000 },
  );
  if (r.status !== 0) throw new Error(`--install-extension ${path.basename(vsix)} failed: ${r.stdout}\n${r.stderr}`);
}

/** Packs an extension folder into the .vsix `out` with vsce. */
export async function packExtension(dir: string, out: string): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- vsce is ESM-hostile and only needed when a .vsix is packed
  const vsce = require('@vscode/vsce') as { createVSIX(o: Record<string, unknown>): Promise<void> };
  await vsce.createVSIX({ cwd: dir, packagePath: out, dependencies: false, allowMissingRepository: true, skipLicense: true, allowStarActivation: true });
  return out;
}

/** Installs Kube Dorm's .vsix into an extensions folder; returns the installed extension's folder. */
export function installVsix(vsix: string, extensionsDir: string, userDataDir: string): string {
  installExtension(vsix, extensionsDir, userDataDir);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the manifest as the .vsix carries it
  const pkg = require(path.join(ROOT, 'package.json')) as { publisher: string; name: string; version: string };
  const dir = path.join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
  if (!existsSync(path.join(dir, 'package.json'))) throw new Error(`the extension is not in ${dir} after install`);
  return dir;
}

/**
 * Installs test/e2e/zh-language-pack (a language pack that declares zh-cn and translates nothing):
 * VS Code takes a display language only from an installed language pack, and the real one comes
 * from the Marketplace, which this machine does not reach. Kube Dorm's own Chinese is then what
 * the test sees.
 */
export async function installTestLanguagePack(root: string, extensionsDir: string, userDataDir: string): Promise<void> {
  const out = await packExtension(path.join(ROOT, 'test', 'e2e', 'zh-language-pack'), path.join(root, 'zh-language-pack.vsix'));
  installExtension(out, extensionsDir, userDataDir);
  // The server finds language packs through languagepacks.json in its user data folder, which VS
  // Code writes when a pack is installed from the UI (not from the command line): write the same.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a manifest read as data
  const pack = require(path.join(ROOT, 'test', 'e2e', 'zh-language-pack', 'package.json')) as { publisher: string; name: string; version: string };
  const dir = path.join(extensionsDir, `${pack.publisher}.${pack.name}-${pack.version}`);
  const translations = path.join(dir, 'translations', 'main.i18n.json');
  if (!existsSync(translations)) throw new Error(`the language pack is not in ${dir} after install`);
  const entry = {
    hash: createHash('md5').update(`${pack.publisher}.${pack.name}@${pack.version}`).digest('hex'),
    extensions: [{ extensionIdentifier: { id: `${pack.publisher}.${pack.name}` }, version: pack.version }],
    translations: { vscode: translations },
    label: '中文(简体)',
  };
  writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify({ 'zh-cn': entry }, null, 2));
}

// ---------------------------------------------------------------------------------------------
// code-server

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface CodeServer {
  url: string;
  port: number;
  proc: ChildProcess;
  /** Everything code-server printed so far (for failure messages). */
  log(): string;
  /** Resolves with the first match of `re` in code-server's output (already printed or to come). */
  waitForOutput(re: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  folder: string;
  extensionsDir: string;
  userDataDir: string;
  /** User settings.json; merged over quiet defaults (English UI, no welcome page, no trust prompt). */
  settings?: Record<string, unknown>;
  /** Display language of the workbench (e.g. 'zh-cn' needs a language pack; default 'en'). */
  locale?: string;
  timeoutMs?: number;
}

export const QUIET_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/** Starts code-server on 127.0.0.1 with a free port; resolves once it serves HTTP. */
export async function startCodeServer(opts: CodeServerOptions): Promise<CodeServer> {
  const port = await freePort();
  const userDir = path.join(opts.userDataDir, 'User');
  mkdirSync(userDir, { recursive: true });
  writeFileSync(path.join(userDir, 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...opts.settings }, null, 2));
  const args = [
    CODE_SERVER_ENTRY,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--locale',
    opts.locale ?? 'en',
    '--user-data-dir',
    opts.userDataDir,
    '--extensions-dir',
    opts.extensionsDir,
    opts.folder,
  ];
  // Its own process group, so stop() ends the extension host and language server with it.
  const proc = spawn(process.execPath, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CS_DISABLE_FILE_DOWNLOADS: '1' } });
  // If this process dies without calling stop(), do not leave code-server behind.
  const killOnExit = () => {
    try {
      process.kill(-proc.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  process.once('exit', killOnExit);
  proc.once('exit', () => process.off('exit', killOnExit));
  let out = '';
  proc.stdout.on('data', (b: Buffer) => (out += b.toString()));
  proc.stderr.on('data', (b: Buffer) => (out += b.toString()));
  const url = `http://127.0.0.1:${port}`;

  const stop = async (): Promise<void> => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((r) => proc.once('exit', () => r()));
    try {
      process.kill(-proc.pid!, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-proc.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, 5000);
    await exited;
    clearTimeout(timer);
    // Children that ignored SIGTERM (extension host, language server) go with the group.
    try {
      process.kill(-proc.pid!, 'SIGKILL');
    } catch {
      /* the group is empty */
    }
  };

  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  try {
    await new Promise<void>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`code-server exited (${code}) before listening:\n${out}`));
      proc.once('exit', onExit);
      const check = () => {
        if (/HTTP server listening on/.test(out)) {
          proc.off('exit', onExit);
          resolve();
        } else if (Date.now() > deadline) {
          proc.off('exit', onExit);
          reject(new Error(`code-server did not listen within the timeout:\n${out}`));
        } else {
          proc.stdout.once('data', check);
          // Re-check on a timer too, so a deadline passes even when nothing is printed.
          setTimeout(check, 250).unref();
        }
      };
      check();
    });
  } catch (err) {
    await stop();
    throw err;
  }
  const waitForOutput = (re: RegExp, timeoutMs = 60_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const done = (err?: Error, m?: RegExpMatchArray) => {
        clearTimeout(timer);
        proc.stdout.off('data', check);
        proc.stderr.off('data', check);
        proc.off('exit', onExit);
        if (err) reject(err);
        else resolve(m!);
      };
      const check = () => {
        const m = out.match(re);
        if (m) done(undefined, m);
      };
      const onExit = () => done(new Error(`code-server exited before printing ${re}`));
      const timer = setTimeout(() => done(new Error(`code-server did not print ${re} within ${timeoutMs} ms`)), timeoutMs);
      proc.stdout.on('data', check);
      proc.stderr.on('data', check);
      proc.once('exit', onExit);
      // Listeners are attached first, so a line printed meanwhile is not missed.
      setImmediate(check);
    });
  return { url, port, proc, log: () => out, waitForOutput, stop };
}

// ---------------------------------------------------------------------------------------------
// One call to get a workbench with the packaged extension and a workspace of given files

export interface E2EEnv {
  root: string;
  folder: string;
  server: CodeServer;
  browser: Browser;
  page: Page;
  vsix: string;
  extensionDir: string;
  userDataDir: string;
  /** Milliseconds spent in each phase (for reports and bench/, never for assertions). */
  timings: Record<string, number>;
  /**
   * Merges `patch` into the user settings as a person would: Preferences: Open User Settings (JSON),
   * replace the text, save, close. (Writing the file from outside reaches the workbench but not the
   * extension host's configuration in code-server 4.100.)
   */
  updateSettings(patch: Record<string, unknown>): Promise<void>;
  dispose(): Promise<void>;
}

export interface E2EOptions {
  /** Workspace files, relative path → content. */
  files: Record<string, string>;
  settings?: Record<string, unknown>;
  locale?: string;
  /** Open the workbench as a window with no folder (a fresh vscode.dev tab); `files` still go to `folder`, which stays closed. */
  emptyWindow?: boolean;
}

export async function startE2E(opts: E2EOptions): Promise<E2EEnv> {
  const timings: Record<string, number> = {};
  const phase = async <T>(name: string, f: () => T | Promise<T>): Promise<T> => {
    const t0 = Date.now();
    try {
      return await f();
    } finally {
      timings[name] = Date.now() - t0;
    }
  };
  const root = mkdtempSync(path.join(tmpdir(), 'kube-dorm-e2e-'));
  const folder = path.join(root, 'workspace');
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = path.join(root, 'extensions');
  for (const [rel, text] of Object.entries(opts.files)) {
    const p = path.join(folder, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  for (const dir of [folder, extensionsDir]) mkdirSync(dir, { recursive: true });

  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  const dispose = async () => {
    await browser?.close().catch(() => {});
    await server?.stop().catch(() => {});
    rmSync(root, { recursive: true, force: true });
  };
  try {
    await phase('install', () => ensureE2EInstalled());
    const vsix = await phase('package', () => packageVsix());
    const extensionDir = await phase('installVsix', () => installVsix(vsix, extensionsDir, userDataDir));
    if (opts.locale === 'zh-cn') await phase('languagePack', () => installTestLanguagePack(root, extensionsDir, userDataDir));
    server = await phase('startCodeServer', () => startCodeServer({ folder, extensionsDir, userDataDir, settings: opts.settings, locale: opts.locale }));
    browser = await phase('launchBrowser', () => launchBrowser());
    const page = await phase('workbench', () => openWorkbench(browser!, server!, opts.emptyWindow ? undefined : folder));
    let settings: Record<string, unknown> = { ...QUIET_SETTINGS, ...opts.settings };
    const updateSettings = async (patch: Record<string, unknown>) => {
      settings = { ...settings, ...patch };
      await editUserSettings(page, settings);
    };
    return { root, folder, server, browser, page, vsix, extensionDir, userDataDir, timings, updateSettings, dispose };
  } catch (err) {
    const log = server?.log() ?? '';
    await dispose();
    if (log && err instanceof Error) err.message += `\n--- code-server output ---\n${log.slice(-4000)}`;
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// Extension-host tests (the @vscode/test-electron suite) run in code-server's extension host

export interface ExtensionTestsResult {
  exitCode: number;
  /** What the extension host logged (console.*), as the workbench received it. */
  console: string[];
}

/**
 * Starts code-server on a workspace of `files` with an extension under development and an
 * extension-tests module (exporting run()), as `code --extensionDevelopmentPath --extensionTestsPath`
 * would on the desktop; resolves with the extension host's exit code (0 when run() resolved).
 */
export async function runExtensionTestsInCodeServer(opts: {
  extensionDevelopmentPath: string;
  extensionTestsPath: string;
  files: Record<string, string>;
  settings?: Record<string, unknown>;
  timeoutMs?: number;
}): Promise<ExtensionTestsResult> {
  ensureE2EInstalled();
  const root = mkdtempSync(path.join(tmpdir(), 'kube-dorm-exthost-'));
  const folder = path.join(root, 'workspace');
  for (const [rel, text] of Object.entries(opts.files)) {
    const p = path.join(folder, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startCodeServer({
      folder,
      extensionsDir: path.join(root, 'extensions'),
      userDataDir: path.join(root, 'user-data'),
      settings: opts.settings,
    });
    browser = await launchBrowser();
    const page = await (await browser.newContext()).newPage();
    const logs: string[] = [];
    page.on('console', (m) => logs.push(m.text()));
    // In the browser workbench, the paths are URIs of the remote (code-server) file system.
    const remote = (p: string) => `vscode-remote://127.0.0.1:${server!.port}${path.resolve(p)}`;
    const payload = [
      ['extensionDevelopmentPath', remote(opts.extensionDevelopmentPath)],
      ['extensionTestsPath', remote(opts.extensionTestsPath)],
    ];
    const exited = server.waitForOutput(/Extension Host Process exited with code: (\d+)/, opts.timeoutMs ?? 120_000);
    await page.goto(`${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const m = await exited;
    // Keep what the suite printed, without the workbench's "%c INFO color: ..." prefix.
    const console = logs.map((l) => l.replace(/^%c\s*\w+\s+color:\s*#\w+\s*/, ''));
    return { exitCode: Number(m[1]), console };
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop().catch(() => {});
    rmSync(root, { recursive: true, force: true });
  }
}

/** The course's chapter-7 Deployment, opened in the panel tests. */
export const LUXURY = readFileSync(path.join(ROOT, 'examples', 'chapter7-luxury', 'nginx-luxury-edition.yaml'), 'utf8');

/**
 * One code-server for a describe block: started before its tests, disposed after them. The getter
 * returns it, and fails the test that asks when it did not start.
 */
export function useE2E(opts: E2EOptions): () => E2EEnv {
  let env: E2EEnv | undefined;
  before(
    async () => {
      env = await startE2E(opts);
    },
    { timeout: INSTALL_TIMEOUT_MS + 5 * 60_000 },
  );
  after(async () => {
    await env?.dispose();
  });
  return () => {
    if (!env) throw new Error('code-server did not start');
    return env;
  };
}
