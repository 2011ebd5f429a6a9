// The @vscode/test-electron suite (test/electron/run.ts) inside `npm test`: it runs where a desktop
// VS Code can be downloaded (or VSCODE_EXECUTABLE names one) and a display exists, and is skipped,
// with the reason printed, everywhere else: these machines reach the npm registry only, so the
// download fails within a second. The same suite also runs here, in code-server's extension host
// (VS Code 1.100's, in Node, as on the desktop), so it is exercised on every machine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { buildSuite, downloadVSCode, ROOT, VSCODE_VERSION } from './run';
import { INSTALL_TIMEOUT_MS, runExtensionTestsInCodeServer } from '../e2e/support';
import { WORKSPACE_FILES } from '../e2e/fixtures';

function hasCommand(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

test('extension-host suite in desktop VS Code (@vscode/test-electron)', { timeout: 20 * 60_000 }, async (t) => {
  if (process.env.KUBE_DORM_SKIP_ELECTRON) {
    t.skip('KUBE_DORM_SKIP_ELECTRON is set');
    return;
  }
  let executable: string;
  try {
    executable = await downloadVSCode(10_000);
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    t.diagnostic(`VS Code ${VSCODE_VERSION} cannot be downloaded here: ${reason}`);
    t.skip(`VS Code ${VSCODE_VERSION} cannot be downloaded (${reason}); the same suite runs in code-server's extension host in the next test`);
    return;
  }
  const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  if (headless && !hasCommand('xvfb-run')) {
    t.skip('no display and no xvfb-run to provide one');
    return;
  }
  const args = ['--import', 'tsx', path.join(ROOT, 'test', 'electron', 'run.ts')];
  const [cmd, argv] = headless ? ['xvfb-run', ['-a', process.execPath, ...args]] : [process.execPath, args];
  const child = spawn(cmd, argv, { cwd: ROOT, env: { ...process.env, VSCODE_EXECUTABLE: executable }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 0, `the extension-host suite failed:\n${out.slice(-6000)}`);
});

test('the same extension-host suite in code-server (VS Code 1.100 extension host)', { timeout: INSTALL_TIMEOUT_MS + 5 * 60_000 }, async (t) => {
  // The extension under development is the repository itself: package.json → dist/extension.js.
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  const extensionTestsPath = await buildSuite();
  const r = await runExtensionTestsInCodeServer({
    extensionDevelopmentPath: ROOT,
    extensionTestsPath,
    files: WORKSPACE_FILES,
    settings: { 'kubeDorm.language': 'en' },
  });
  const report = r.console.filter((l) => /^(not )?ok - |\d+ passed, \d+ failed/.test(l));
  for (const l of report) t.diagnostic(l);
  // In code-server the extension host exits with 0 even when run() rejects (the failure goes to the
  // workbench), so the suite's own summary line is what tells pass from fail.
  assert.equal(r.exitCode, 0, `the extension host exited with ${r.exitCode}:\n${r.console.slice(-60).join('\n')}`);
  assert.ok(
    report.some((l) => /^\d+ passed, 0 failed$/.test(l)),
    `the suite reported its result:\n${r.console.slice(-60).join('\n')}`,
  );
});
