// The lesson view in real Chromium against the real engine: lesson 1 done by pressing the view's
// own buttons and by a (simulated) editor edit; quiz; hints; Show me; language switch; restore of
// the view state; hostile messages refused; no CSP or console errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromiumSuite } from '../support/browser';
import { openLesson, stepsInPage, LESSONS, type LessonHarness } from './lesson-harness';
import { HOSTILE } from '../support/hostile';

const chrome = chromiumSuite();

async function click(h: LessonHarness, selector: string, posts = 1): Promise<void> {
  await h.act(() => h.page.click(selector), posts);
}
const stepSel = (id: string) => `[data-kind="lesson-step"][data-step-id="${id}"]`;

test('lesson 1 in the view: root and step attributes, buttons drive the cluster, steps complete in order', async () => {
  const h = await openLesson('pods', { browser: chrome.browser });
  try {
    const root = await h.page.$('[data-kind="lesson"]');
    assert.equal(await root?.getAttribute('data-lesson-id'), 'pods');
    const ids = LESSONS[0].def.steps.map((s) => s.id);
    assert.deepEqual(
      await stepsInPage(h.page),
      ids.map((id, i) => ({ id, done: 'false', current: String(i === 0) })),
    );
    // Step 1: Open, then Apply (the view's controls).
    await click(h, `${stepSel('move-in')} [data-kind="lesson-control"][data-index="0"]`);
    assert.deepEqual(h.opened, ['dorm.yaml']);
    await click(h, `${stepSel('move-in')} [data-kind="lesson-control"][data-index="1"]`);
    assert.match((await h.page.textContent('[data-kind="lesson-output"]')) ?? '', /deployment\.apps\/dorm created/);
    assert.equal(await h.page.getAttribute(stepSel('move-in'), 'data-done'), 'false', 'pods are not Running yet');
    await h.advance(15_000);
    assert.equal(await h.page.getAttribute(stepSel('move-in'), 'data-done'), 'true');
    assert.equal(await h.page.$$eval('[data-kind="lesson-pod"][data-status="Running"]', (e) => e.length), 5);
    // Step 2: delete a pod with the button.
    await click(h, `${stepSel('refill')} [data-kind="lesson-control"]`);
    await h.advance(15_000);
    assert.equal(await h.page.getAttribute(stepSel('refill'), 'data-done'), 'true');
    // Step 3: the learner edits the file in the editor (the host forwards the text), then applies.
    h.session.setFile('dorm.yaml', h.session.run.files.get('dorm.yaml')!.replace('replicas: 5', 'replicas: 8'));
    await click(h, `${stepSel('scale-up')} [data-kind="lesson-control"][data-index="1"]`);
    await h.advance(15_000);
    assert.equal(await h.page.getAttribute(stepSel('scale-up'), 'data-done'), 'true');
    // Step 4: typed into the kubectl box.
    await h.page.fill('[data-kind="kubectl-input"]', 'kubectl scale deployment/dorm --replicas=3');
    await h.act(() => h.page.press('[data-kind="kubectl-input"]', 'Enter'));
    await h.advance(40_000);
    assert.deepEqual(
      (await stepsInPage(h.page)).map((s) => s.done),
      ['true', 'true', 'true', 'true'],
    );
    await h.page.waitForSelector('[data-kind="lesson-complete"]');
    // Quiz: a wrong answer then the right one, each with its explanation.
    const q = LESSONS[0].def.quiz[0];
    const wrong = (q.answer + 1) % 3;
    await click(h, `[data-quiz-id="${q.id}"] [data-kind="quiz-choice"][data-index="${wrong}"]`);
    await h.page.waitForSelector(`[data-quiz-id="${q.id}"][data-correct="false"]`, { timeout: 5000 });
    await click(h, `[data-quiz-id="${q.id}"] [data-kind="quiz-choice"][data-index="${q.answer}"]`);
    await h.page.waitForSelector(`[data-quiz-id="${q.id}"][data-correct="true"]`, { timeout: 5000 });
    assert.match((await h.page.textContent(`[data-quiz-id="${q.id}"] [data-kind="quiz-explanation"]`)) ?? '', /roommate/);
    assert.deepEqual(h.errors, []);
  } finally {
    await h.close();
  }
});

test('while the cluster runs, a state that only moves the clock keeps the buttons under the pointer (a click in progress is not lost)', async () => {
  const h = await openLesson('pods', { browser: chrome.browser });
  try {
    await click(h, `${stepSel('move-in')} [data-kind="lesson-control"][data-index="1"]`);
    const apply = await h.page.$(`${stepSel('move-in')} [data-kind="lesson-control"][data-index="1"]`);
    const states = h.posted.filter((m) => m.type === 'state').length;
    // Pods are starting: each tick posts a state whose clock and rooms moved, the steps did not.
    await h.advance(100);
    await h.advance(100);
    await h.advance(100);
    assert.ok(h.posted.filter((m) => m.type === 'state').length > states, 'the ticks posted states');
    assert.match((await h.page.textContent('[data-kind="lesson-pod"]')) ?? '', /ContainerCreating/, 'the cluster picture follows them');
    assert.equal(await apply!.evaluate((e) => e.isConnected), true, 'the Apply button was not replaced');
    await h.advance(15_000);
    assert.equal(await h.page.getAttribute(stepSel('move-in'), 'data-done'), 'true', 'a step that completes redraws the steps');
    assert.equal(await apply!.evaluate((e) => e.isConnected), false);
    assert.deepEqual(h.errors, []);
  } finally {
    await h.close();
  }
});

test('Show me does the step (and hands file edits to the editor); hints come one at a time and are remembered', async () => {
  const progress: string[][] = [];
  const h = await openLesson('secrets-limits', { browser: chrome.browser, host: { onProgress: (_id, steps) => progress.push(steps) } });
  try {
    assert.equal(await h.page.$$eval(`${stepSel('into-the-safe')} [data-kind="hint"]`, (e) => e.length), 0);
    await click(h, `${stepSel('into-the-safe')} [data-action="hint"]`, 0);
    await click(h, `${stepSel('into-the-safe')} [data-action="hint"]`, 0);
    assert.equal(await h.page.$$eval(`${stepSel('into-the-safe')} [data-kind="hint"]`, (e) => e.length), 2);
    const saved = JSON.parse(await h.page.evaluate(() => (window as any).__kdSaved));
    assert.deepEqual(saved, { lessonId: 'secrets-limits', hints: { 'into-the-safe': 2 } });
    await click(h, `${stepSel('into-the-safe')} [data-action="show-me"]`);
    assert.equal(await h.page.getAttribute(stepSel('into-the-safe'), 'data-done'), 'true');
    assert.equal(h.writes.length, 1);
    assert.match(h.writes[0].text, /secretKeyRef/);
    assert.deepEqual(progress.at(-1), ['into-the-safe']);
    // The view state comes back after a reload: hints stay revealed.
    const h2 = await openLesson('secrets-limits', { browser: chrome.browser, initialState: saved });
    try {
      assert.equal(await h2.page.$$eval(`${stepSel('into-the-safe')} [data-kind="hint"]`, (e) => e.length), 2);
    } finally {
      await h2.close();
    }
    assert.deepEqual(h.errors, []);
  } finally {
    await h.close();
  }
});

test('language: Chinese texts and frame strings, switchable in the view', async () => {
  const h = await openLesson('service', { browser: chrome.browser, host: { displayLanguage: 'zh-cn' } });
  try {
    assert.equal(await h.page.textContent('h1'), LESSONS[2].text['zh-cn'].title);
    assert.match((await h.page.textContent(`${stepSel('dispatch-centre')} [data-action="show-me"]`)) ?? '', /演示/);
    assert.equal(await h.page.getAttribute('html', 'lang'), 'zh-CN');
    await h.act(() => h.page.selectOption('select.lang', 'en'));
    assert.equal(await h.page.textContent('h1'), LESSONS[2].text.en.title);
    assert.equal(h.session.localeChoice, 'en');
    assert.deepEqual(h.errors, []);
  } finally {
    await h.close();
  }
});

test('hostile messages are refused and nothing from lesson text becomes markup', async () => {
  const h = await openLesson('pods', { browser: chrome.browser });
  try {
    for (const m of [
      { type: 'control', step: 'move-in', index: 'x' },
      { type: 'kubectl' },
      { type: 'openLesson', id: '../../x' },
      { type: 'eval', code: '1' },
      'junk',
      null,
    ])
      h.session.handle(m);
    await h.settled();
    assert.match((await h.page.textContent('[data-kind="lesson-output"]')) ?? '', /ignored/);
    assert.equal(h.session.run.history.length, 0);
    // Pods named with 50 hostile strings (the panel's list) are shown as text: nothing executes.
    HOSTILE.forEach((name, i) => {
      h.session.run.cluster.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: name.replace(/\//g, '\u2215') || `empty-${i}`, labels: { i: String(i) } },
        spec: { containers: [{ name: 'a', image: 'nginx:1.27' }] },
      });
    });
    await h.advance(1000);
    assert.equal(await h.page.$$eval('img, script:not([nonce]), iframe, svg, object, embed', (e) => e.length), 0);
    assert.equal(await h.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
    // ...and they are really on screen, as text.
    assert.ok(((await h.page.textContent('body')) ?? '').includes('<script>window.__pwned=1<\u2215script>'), 'the hostile pod names are displayed');
    assert.deepEqual(h.errors, []);
  } finally {
    await h.close();
  }
});
