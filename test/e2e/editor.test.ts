// Editor intelligence in a real VS Code (code-server + Chromium), as a person uses it: a hover
// that explains a kind in the dorm analogy, and a quick fix (Ctrl+.) that renames a misspelt
// field, after which the problem is gone from the Problems panel.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { INSTALL_TIMEOUT_MS, goTo, openFile, problemsByFile, runCommand, startE2E, waitForProblems, type E2EEnv } from './support';
import { TYPO, quickFixReplicas } from './scenarios';

describe('e2e: hover and quick fix in a real VS Code', () => {
  let env: E2EEnv | undefined;

  before(
    async () => {
      env = await startE2E({ files: { 'typo.yaml': TYPO }, settings: { 'kubeDorm.language': 'en' } });
    },
    { timeout: INSTALL_TIMEOUT_MS + 5 * 60_000 },
  );
  after(async () => {
    await env?.dispose();
  });

  it('hovering the kind explains it with the Kubernetes docs and the dorm analogy', { timeout: 120_000 }, async () => {
    const page = env!.page;
    await openFile(page, 'typo.yaml');
    // Wait until the server has checked the file (its diagnostics are in), then hover.
    await waitForProblems(page, (rows) => (problemsByFile(rows).get('typo.yaml') ?? []).some((r) => r.code === 'schema-unknown-field'));
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
    await goTo(page, 2, 9);
    await runCommand(page, 'Show or Focus Hover');
    const hover = page.locator('.monaco-hover .hover-contents, .monaco-hover .rendered-markdown').filter({ hasText: 'head manager' }).first();
    await hover.waitFor({ state: 'visible', timeout: 30_000 });
    const text = await hover.innerText();
    assert.match(text, /Deployment/);
    assert.match(text, /head manager/);
    await page.keyboard.press('Escape');
  });

  it('Ctrl+. offers "Change to \\"replicas\\"", and applying it clears the problem', { timeout: 120_000 }, async () => {
    await quickFixReplicas(env!.page, env!.folder);
  });
});
