// Editor intelligence in a real VS Code (code-server + Chromium), as a person uses it: a hover
// that explains a kind in the dorm analogy, and a quick fix (Ctrl+.) that renames a misspelt
// field, after which the problem is gone from the Problems panel.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, watch } from 'node:fs';
import path from 'node:path';
import { INSTALL_TIMEOUT_MS, goTo, openFile, problemsByFile, runCommand, startE2E, waitForProblems, type E2EEnv } from './support';

const TYPO = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: dorm
spec:
  replica: 2
  selector:
    matchLabels:
      app: dorm
  template:
    metadata:
      labels:
        app: dorm
    spec:
      containers:
        - name: web
          image: nginx:1.27
          resources:
            requests: {cpu: 50m, memory: 64Mi}
            limits: {cpu: 100m, memory: 128Mi}
`;

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

/** Waits until the file on disk matches (the editor saves asynchronously); returns its text. */
async function waitForFile(file: string, re: RegExp, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = readFileSync(file, 'utf8');
    if (re.test(text) || Date.now() > deadline) return text;
    await new Promise<void>((resolve) => {
      const w = watch(file, () => {
        w.close();
        resolve();
      });
      setTimeout(() => {
        w.close();
        resolve();
      }, 500);
    });
  }
}

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
    const page = env!.page;
    await openFile(page, 'typo.yaml');
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
    await goTo(page, 6, 4);
    await page.keyboard.press(`${mod}+.`);
    const item = page.locator('.action-widget .monaco-list-row, .context-view .monaco-list-row').filter({ hasText: 'Change to "replicas"' }).first();
    await item.waitFor({ state: 'visible', timeout: 30_000 });
    // Choose it with the keyboard, as a person would: arrow to the row, then Enter.
    const focused = page.locator('.action-widget .monaco-list-row.focused, .context-view .monaco-list-row.focused');
    for (let i = 0; i < 10 && !((await focused.getAttribute('aria-label').catch(() => '')) ?? '').includes('Change to "replicas"'); i++) {
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    // The edit lands in the editor: save it and check the file on disk and the Problems panel.
    await page.locator('.editor-group-container.active .view-lines').filter({ hasText: 'replicas: 2' }).first().waitFor({ timeout: 30_000 });
    await page.keyboard.press(`${mod}+S`);
    const saved = await waitForFile(path.join(env!.folder, 'typo.yaml'), /^ {2}replicas: 2$/m);
    assert.doesNotMatch(saved, /^ {2}replica:/m);
    await waitForProblems(page, (rows) => !(problemsByFile(rows).get('typo.yaml') ?? []).some((r) => r.code === 'schema-unknown-field'));
  });
});
