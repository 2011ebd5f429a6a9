// Runs the extension-host suite (test/electron/suite) in a desktop VS Code downloaded by
// @vscode/test-electron, for machines that can download VS Code:
//
//   node --import tsx test/electron/run.ts            (VS Code VSCODE_VERSION, cached in .vscode-test/)
//   VSCODE_EXECUTABLE=/path/to/code node --import tsx test/electron/run.ts
//
// On Linux without a display, run it under `xvfb-run -a`. test/electron/electron.test.ts wraps this
// for `npm test` and skips (with the reason) where VS Code cannot be downloaded.
import { downloadAndUnzipVSCode, runTests, SilentReporter } from '@vscode/test-electron';
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WORKSPACE_FILES } from '../e2e/fixtures';

export const ROOT = path.resolve(__dirname, '..', '..');
/** The VS Code the suite runs on: the same as code-server 4.100.3's, and within engines.vscode. */
export const VSCODE_VERSION = process.env.VSCODE_VERSION ?? '1.100.3';
export const CACHE = path.join(ROOT, '.vscode-test');

/** Downloads VS Code (or reuses the cached copy); rejects quickly when the download site is unreachable. */
export function downloadVSCode(idleTimeoutMs = 10_000): Promise<string> {
  if (process.env.VSCODE_EXECUTABLE) return Promise.resolve(process.env.VSCODE_EXECUTABLE);
  return downloadAndUnzipVSCode({ version: VSCODE_VERSION, cachePath: CACHE, timeout: idleTimeoutMs, reporter: new SilentReporter() });
}

/** Bundles the suite for the extension host (CommonJS, `vscode` external). */
export async function buildSuite(): Promise<string> {
  const outfile = path.join(ROOT, 'out', 'electron', 'suite', 'index.js');
  await build({
    entryPoints: [path.join(ROOT, 'test', 'electron', 'suite', 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return outfile;
}

export async function main(): Promise<void> {
  const vscodeExecutablePath = await downloadVSCode();
  // The extension under development is the repository itself: package.json → dist/extension.js.
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  const extensionTestsPath = await buildSuite();
  const tmp = mkdtempSync(path.join(tmpdir(), 'kube-dorm-electron-'));
  const workspace = path.join(tmp, 'workspace');
  mkdirSync(workspace, { recursive: true });
  for (const [name, text] of Object.entries(WORKSPACE_FILES)) writeFileSync(path.join(workspace, name), text);
  const userData = path.join(tmp, 'user-data');
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({ 'kubeDorm.language': 'en', 'workbench.startupEditor': 'none' }));
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--user-data-dir', userData],
    });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
