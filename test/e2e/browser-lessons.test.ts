// Lesson 1 in VS Code for the Web's web worker extension host (code-server with the `browser`
// entry, see browser-host.test.ts), from a fresh window with no folder open, as a learner on
// vscode.dev starts: the walkthrough opens the lesson, which opens its own dorm.yaml from the
// extension's storage (vscode.workspace.fs; no workspace, no file the learner made), and its steps
// pass. The scenario is the Node host's (lessons.test.ts), from ./scenarios.ts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useE2E } from './support';
import { WEB_WORKER_HOST, assertInWebWorkerHost, lessonOneFromWalkthrough } from './scenarios';

describe('e2e: lesson 1 in the web worker extension host, from a window with no folder', () => {
  const e2e = useE2E({ files: {}, emptyWindow: true, settings: { 'kubeDorm.language': 'en', ...WEB_WORKER_HOST } });

  it('the walkthrough opens lesson 1 with its own manifest; its steps pass and the lesson completes', { timeout: 300_000 }, async (t) => {
    const { page, extensionDir } = e2e();
    assert.equal(await page.locator('.explorer-folders-view .monaco-list-row').count(), 0, 'no folder is open');
    await lessonOneFromWalkthrough(page, t);
    // dorm.yaml is a document of the extension's storage (on vscode.dev, the browser's IndexedDB): its breadcrumbs say where.
    await page.locator('.tabs-container .tab[aria-label*="dorm.yaml"]').first().click();
    // The items are drawn after the tab switch (the control's first child is its <style>): read them once dorm.yaml's is there.
    // The group is the one whose active tab is dorm.yaml (the lesson view's group may keep the focus).
    const group = page.locator('.editor-group-container:has(.tab.active[aria-label*="dorm.yaml"])').first();
    const items = group.locator('.breadcrumbs-control .monaco-breadcrumb-item');
    await items.filter({ hasText: 'dorm.yaml' }).first().waitFor({ timeout: 30_000 });
    const crumbs = (await items.allTextContents()).join('/');
    assert.match(crumbs, /globalStorage.*kube-dorm\.kube-dorm.*lessons.*pods.*dorm\.yaml/);
    assertInWebWorkerHost(page, extensionDir);
  });
});
