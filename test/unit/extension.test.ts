// extension/src/extension.ts and lazy.ts: activation registers every contributed command and both
// restorable webviews without loading the features behind them (simulator, lessons, kubectl
// terminal); the first command or restore loads them once and reaches the real handler; the
// walkthrough's context keys come back without loading the lessons. `vscode` is
// test/support/fake-vscode; the language client is a stub that starts at once.
import { fake, alias, memento } from '../support/fake-vscode';
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

class StubLanguageClient {
  onDidChangeState = () => ({ dispose() {} });
  onNotification = () => ({ dispose() {} });
  start = async () => {};
  stop = async () => {};
  dispose = async () => {};
}
const State = { Stopped: 1, Running: 2, Starting: 3 };
alias('vscode-languageclient/node', { LanguageClient: StubLanguageClient, State, TransportKind: { ipc: 1 } });
alias('vscode-languageclient', { State });

/* eslint-disable @typescript-eslint/no-require-imports */
const { activate, deactivate, ENTRY_COMMANDS } = require('../../extension/src/extension') as typeof import('../../extension/src/extension');
const { LazyFeatures, LESSONS_DONE_KEY } = require('../../extension/src/lazy') as typeof import('../../extension/src/lazy');
/* eslint-enable @typescript-eslint/no-require-imports */

const ROOT = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const contributed: string[] = pkg.contributes.commands.map((c: { command: string }) => c.command);
const storage = mkdtempSync(path.join(tmpdir(), 'kd-extension-test-'));
after(() => rmSync(storage, { recursive: true, force: true }));

/** Source files of the features, loaded so far in this process. */
const featureModules = () =>
  Object.keys(require.cache)
    .filter((f) => f.startsWith(ROOT + path.sep))
    .map((f) => path.relative(ROOT, f).split(path.sep).join('/'))
    .filter((f) => /^(core|extension\/src\/(panel|lessons|kubectl))\//.test(f));

function context(state: Record<string, unknown> = {}) {
  return {
    subscriptions: [] as { dispose(): unknown }[],
    extensionPath: ROOT,
    extension: { packageJSON: pkg },
    globalState: memento(state),
    globalStorageUri: { fsPath: storage },
    asAbsolutePath: (p: string) => path.join(ROOT, p),
  };
}
const dispose = (ctx: ReturnType<typeof context>) => {
  for (const d of ctx.subscriptions.splice(0)) d.dispose();
};

/** The features from source (dist/sim.js is their bundle), counting loads. */
function sourceLoader() {
  const loader = () => {
    loader.loads++;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- what the entry loads on first use, loaded the same way
    return require('../../extension/src/sim') as typeof import('../../extension/src/sim');
  };
  loader.loads = 0;
  return loader;
}

test('activation registers every contributed command and both webview serializers, and loads no feature code', async () => {
  fake.reset();
  const ctx = context({ [LESSONS_DONE_KEY]: ['pods'] });
  await activate(ctx as never);
  for (const id of contributed) assert.ok(fake.commands.has(id), `${id} is registered at activation`);
  assert.ok(fake.commands.has('kubeDorm.showReferences'), 'the code lenses\u2019 references command');
  assert.deepEqual([...fake.serializers.keys()].sort(), ['kubeDorm.lesson', 'kubeDorm.simulation']);
  assert.deepEqual(featureModules(), [], 'nothing of the simulator, lessons or kubectl terminal is loaded');
  // The walkthrough's step for a complete lesson is ticked from what the lessons saved.
  assert.equal(fake.contexts.get('kubeDorm.lessonDone.pods'), true);
  assert.equal(fake.contexts.has('kubeDorm.lessonDone.rollout'), false);
  dispose(ctx);
  await deactivate();
  assert.equal(fake.commands.size, 0, 'every registration is disposed with the extension');
});

test('the features implement every contributed command the entry does not', () => {
  fake.reset();
  const ctx = context();
  const seen = new Set<string>();
  const views = new Set<string>();
  sourceLoader()().activateFeatures(ctx as never, {
    registerCommand: (id) => (seen.add(id), { dispose() {} }),
    registerWebviewPanelSerializer: (v) => (views.add(v), { dispose() {} }),
    clusterChanged: () => undefined,
  });
  dispose(ctx);
  assert.deepEqual([...seen].sort(), contributed.filter((c) => !ENTRY_COMMANDS.has(c)).sort());
  assert.deepEqual([...views].sort(), ['kubeDorm.lesson', 'kubeDorm.simulation']);
});

test('the first command loads the features once and runs the real handler; a restore reaches the real serializer', async () => {
  fake.reset();
  const ctx = context();
  const load = sourceLoader();
  const features = new LazyFeatures(ctx as never, load);
  features.registerAll(ENTRY_COMMANDS);
  assert.equal(load.loads, 0);
  await fake.commands.get('kubeDorm.sim.play')!();
  assert.equal(load.loads, 1);
  assert.match(fake.messages[0], /No simulation is running/, 'the panel\u2019s own handler answered');
  await fake.commands.get('kubeDorm.sim.step')!();
  assert.equal(load.loads, 1, 'loaded once');
  // Restores reach the lessons' and the panel's own serializers (which then need a real webview).
  const reached = (e: Error) => !/cannot restore/.test(e.message);
  await assert.rejects(fake.serializers.get('kubeDorm.lesson')!.deserializeWebviewPanel({}, { lessonId: 'pods' }), reached);
  await assert.rejects(fake.serializers.get('kubeDorm.simulation')!.deserializeWebviewPanel({}, { files: [] }), reached);
  assert.equal(load.loads, 1);
  dispose(ctx);
});

test('progress saved before the lessons kept their ids: the lessons load after activation and set the walkthrough keys', async () => {
  fake.reset();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadAllLessons } = require('../../core/lessons/index') as typeof import('../../core/lessons/index');
  const lessons = loadAllLessons((rel) => readFileSync(path.join(ROOT, 'media', 'lessons', rel), 'utf8'));
  const pods = lessons.find((l) => l.def.id === 'pods')!;
  const ctx = context({ 'kubeDorm.lessonProgress': { v: 1, lessons: { pods: { steps: pods.def.steps.map((s) => s.id), quiz: {} } } } });
  const load = sourceLoader();
  const features = new LazyFeatures(ctx as never, load);
  features.restoreWalkthrough();
  assert.equal(load.loads, 0, 'not during activation');
  for (let i = 0; i < 50 && ctx.globalState.get(LESSONS_DONE_KEY) === undefined; i++) await new Promise((r) => setTimeout(r, 10));
  assert.equal(load.loads, 1);
  assert.equal(fake.contexts.get('kubeDorm.lessonDone.pods'), true);
  assert.equal(fake.contexts.get('kubeDorm.lessonDone.rollout'), false);
  assert.deepEqual(ctx.globalState.get(LESSONS_DONE_KEY), ['pods']);
  dispose(ctx);
});

test('no progress: activation loads nothing for the walkthrough', async () => {
  fake.reset();
  const load = sourceLoader();
  new LazyFeatures(context() as never, load).restoreWalkthrough();
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(load.loads, 0);
  assert.equal(fake.contexts.size, 0);
});
