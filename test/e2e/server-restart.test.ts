// Killing the language server mid-edit in a real VS Code (code-server + Chromium, test/e2e/support):
// the extension's language client starts it again, the diagnostics come back for the text as it
// is now, and the edits made while the server was down are still in the editor.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { INSTALL_TIMEOUT_MS, goTo, openFile, startE2E, waitForProblems, type E2EEnv } from './support';
import { webDeployment } from './fixtures';

const WEB = webDeployment('nginx:latest');

/** Pids of node processes running this extension's dist/server.js. */
function serverPids(extensionDir: string): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
      if (cmd.some((a) => a.startsWith(extensionDir) && a.endsWith('dist/server.js'))) out.push(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** The extension's output channel as code-server logged it (for a failure's message). */
function kubeDormOutput(userDataDir: string): string {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/Kube Dorm\.log$/.test(e.name)) found.push(readFileSync(p, 'utf8'));
    }
  };
  try {
    walk(path.join(userDataDir, 'logs'));
  } catch {
    // no logs folder yet
  }
  return found.join('\n').slice(-4000) || '(no output channel log found)';
}

async function waitFor<T>(what: string, f: () => T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = f();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100)); // polling a process list: there is no event to wait on
  }
}

describe('e2e: the language server is killed mid-edit', () => {
  let env: E2EEnv | undefined;
  before(
    async () => {
      env = await startE2E({ files: { 'web.yaml': WEB }, settings: { 'kubeDorm.language': 'en' } });
    },
    { timeout: INSTALL_TIMEOUT_MS + 5 * 60_000 },
  );
  after(async () => {
    await env?.dispose();
  });

  it('the client restarts it; diagnostics follow the edited text; the edits stay in the editor', { timeout: 240_000 }, async () => {
    const page = env!.page;
    await openFile(page, 'web.yaml');
    await waitForProblems(page, (rows) => rows.some((r) => r.code === 'image-latest'));
    const [pid] = await waitFor('the server process', () => {
      const p = serverPids(env!.extensionDir);
      return p.length === 1 ? p : undefined;
    });
    // First half of the edit, then the kill, then the second half while the server is down.
    await goTo(page, 15, 30);
    await page.keyboard.press('End');
    for (let i = 0; i < 'latest'.length; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type('1.27');
    process.kill(pid, 'SIGKILL');
    await goTo(page, 19, 1);
    await page.keyboard.type('  replicsa: 3');
    const t0 = Date.now();
    const [pid2] = await waitFor('a new server process', () => {
      const p = serverPids(env!.extensionDir).filter((x) => x !== pid);
      return p.length ? p : undefined;
    }).catch((e: Error) => {
      e.message += `\n--- the Kube Dorm output channel ---\n${kubeDormOutput(env!.userDataDir)}`;
      throw e;
    });
    assert.notEqual(pid2, pid);
    const rows = await waitForProblems(page, (rs) => rs.some((r) => r.code === 'schema-unknown-field') && !rs.some((r) => r.code === 'image-latest'), 120_000);
    console.log(`# server killed (pid ${pid}); restarted as pid ${pid2}; diagnostics back ${Date.now() - t0} ms after the kill`);
    assert.ok(
      rows.some((r) => r.code === 'schema-unknown-field' && /replicsa/.test(r.message)),
      JSON.stringify(rows),
    );
    const text = await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().innerText();
    assert.match(text.replace(/\u00a0/g, ' '), /image: nginx:1\.27/);
    assert.match(text.replace(/\u00a0/g, ' '), /replicsa: 3/);
  });
});
