// The packaged extension (dist/kube-dorm.vsix, installed as a user would) in a real VS Code
// (code-server 4.100.3 = VS Code 1.100) driven by Debian's Chromium: opening broken manifests
// shows kube-dorm's diagnostics in the Problems panel. Installs code-server + Chromium first when
// they are missing (scripts/install-e2e.sh), so `npm test` works on a fresh machine.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { INSTALL_TIMEOUT_MS, ROOT, openFile, parsePosition, problemsByFile, startE2E, waitForProblems, type E2EEnv, type ProblemRow } from './support';
import { SELECTOR_MISMATCH_LABELS_LINE, WORKSPACE_FILES } from './fixtures';

const hasCode = (rows: ProblemRow[] | undefined, code: string) => (rows ?? []).some((r) => r.code === code);

describe('e2e: kube-dorm diagnostics in a real VS Code (code-server + Chromium)', () => {
  let env: E2EEnv | undefined;

  before(
    async () => {
      env = await startE2E({
        files: WORKSPACE_FILES,
        settings: { 'kubeDorm.language': 'en' },
      });
    },
    { timeout: INSTALL_TIMEOUT_MS + 5 * 60_000 },
  );

  after(async () => {
    await env?.dispose();
  });

  it('installs the packaged extension with its bundles and without its sources', (t) => {
    assert.ok(env);
    t.diagnostic(`timings (ms): ${JSON.stringify(env.timings)}`);
    for (const f of [
      'package.json',
      'dist/extension.js',
      'dist/server.js',
      'dist/catalog.json',
      'dist/cron.js',
      'dist/browser/cron.js.gz',
      'LICENSE.txt',
      'readme.md',
    ]) {
      assert.ok(existsSync(path.join(env.extensionDir, f)), `${f} is in the installed extension`);
    }
    // Localization and the rule pages travel with the extension (whatever of them the repo has).
    for (const f of [
      'package.nls.json',
      'package.nls.zh-cn.json',
      'l10n/bundle.l10n.zh-cn.json',
      'docs/rules/selector-mismatch.md',
      'docs/rules/yaml-syntax.md',
    ]) {
      if (existsSync(path.join(ROOT, f))) assert.ok(existsSync(path.join(env.extensionDir, f)), `${f} is in the installed extension`);
    }
    for (const f of ['node_modules', 'core', 'test', 'extension/src', 'language-server', 'tsconfig.json', '.cache']) {
      assert.ok(!existsSync(path.join(env.extensionDir, f)), `${f} is not shipped`);
    }
  });

  it('reports selector-mismatch on the template labels of a Deployment', { timeout: 120_000 }, async () => {
    assert.ok(env);
    await openFile(env.page, 'deploy.yaml');
    const rows = await waitForProblems(env.page, (rs) => hasCode(problemsByFile(rs).get('deploy.yaml'), 'selector-mismatch'));
    const row = problemsByFile(rows)
      .get('deploy.yaml')!
      .find((r) => r.code === 'selector-mismatch')!;
    assert.equal(row.kind, 'error');
    assert.equal(row.source, 'kube-dorm');
    assert.match(row.message, /selector/i);
    assert.match(row.message, /labels/i);
    assert.equal(parsePosition(row.position)?.line, SELECTOR_MISMATCH_LABELS_LINE, `on the template's labels key: ${row.position}`);
  });

  it('reports yaml-syntax for a file that does not parse', { timeout: 120_000 }, async () => {
    assert.ok(env);
    await openFile(env.page, 'broken.yaml');
    const rows = await waitForProblems(env.page, (rs) => hasCode(problemsByFile(rs).get('broken.yaml'), 'yaml-syntax'));
    const row = problemsByFile(rows)
      .get('broken.yaml')!
      .find((r) => r.code === 'yaml-syntax')!;
    assert.equal(row.kind, 'error');
    assert.equal(row.source, 'kube-dorm');
    // The well-formed Deployment keeps its own diagnostics: one broken file does not hide the others.
    assert.ok(hasCode(problemsByFile(rows).get('deploy.yaml'), 'selector-mismatch'));
  });

  it('re-renders the messages in Chinese when kubeDorm.language changes to zh-cn', { timeout: 120_000 }, async () => {
    assert.ok(env);
    const cjk = /[\u4e00-\u9fff]/;
    const mismatch = (rs: ProblemRow[]) =>
      problemsByFile(rs)
        .get('deploy.yaml')
        ?.find((r) => r.code === 'selector-mismatch');
    const before = mismatch(await waitForProblems(env.page, (rs) => !!mismatch(rs)));
    assert.ok(before && !cjk.test(before.message), `English first: ${before?.message}`);
    await env.updateSettings({ 'kubeDorm.language': 'zh-cn' });
    const rows = await waitForProblems(env.page, (rs) => cjk.test(mismatch(rs)?.message ?? ''));
    const after = mismatch(rows)!;
    assert.equal(after.source, 'kube-dorm');
    assert.equal(parsePosition(after.position)?.line, SELECTOR_MISMATCH_LABELS_LINE);
    // The other file is re-rendered too, not only the one in the editor.
    assert.ok(
      problemsByFile(rows)
        .get('broken.yaml')
        ?.some((r) => r.code === 'yaml-syntax'),
    );
  });
});
