// extension/src/client.ts: the language client's bookkeeping across server restarts. The real
// LanguageClient needs VS Code's extension host, so a fake with the same event registration
// (onDidChangeState, onNotification, start/stop/dispose) stands in for vscode-languageclient (made
// by the transport, as the Node and browser entries make theirs), and test/support/fake-vscode for `vscode`.
import { fake, alias, memento } from '../support/fake-vscode';
import { test } from 'node:test';
import assert from 'node:assert/strict';

const State = { Stopped: 1, Running: 2, Starting: 3 } as const;
type Listener = (...args: any[]) => void;

/** Every listener added to any fake client and not yet disposed. */
const live = new Set<{ client: FakeLanguageClient; kind: string; fn: Listener }>();
const clients: FakeLanguageClient[] = [];

class FakeLanguageClient {
  disposed = false;
  constructor(...args: unknown[]) {
    void args;
    clients.push(this);
  }
  private listen(kind: string, fn: Listener) {
    const entry = { client: this, kind, fn };
    live.add(entry);
    return { dispose: () => void live.delete(entry) };
  }
  private fire(kind: string, ...args: unknown[]) {
    for (const l of [...live]) if (l.client === this && l.kind === kind) l.fn(...args);
  }
  onDidChangeState(fn: Listener) {
    return this.listen('state', fn);
  }
  onNotification(type: { method: string }, fn: Listener) {
    return this.listen(type.method, fn);
  }
  notify(method: string, params: unknown) {
    this.fire(method, params);
  }
  async start() {
    this.fire('state', { oldState: State.Stopped, newState: State.Starting });
    await new Promise((r) => setTimeout(r, 1));
    this.fire('state', { oldState: State.Starting, newState: State.Running });
  }
  async stop() {
    await new Promise((r) => setTimeout(r, 1));
    this.fire('state', { oldState: State.Running, newState: State.Stopped });
  }
  async dispose() {
    this.disposed = true;
  }
}
alias('vscode-languageclient', { State });

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { KubeDormClient } = require('../../extension/src/client') as typeof import('../../extension/src/client');

function makeClient() {
  fake.reset();
  live.clear();
  clients.length = 0;
  const context = { asAbsolutePath: (p: string) => p, extension: { packageJSON: { contributes: { commands: [] } } }, globalState: memento() };
  const output = { appendLine: () => {}, show: () => {} };
  return new KubeDormClient(context as never, output as never, { documentSelector: [], create: () => new FakeLanguageClient() as never });
}

test('restarting the server N times leaves the listeners of one client, not 2 per restart', async () => {
  const c = makeClient();
  await c.start();
  assert.equal(live.size, 2, 'a state listener and the indexed notification');
  for (let i = 0; i < 10; i++) await c.restart();
  assert.equal(clients.length, 11);
  assert.equal(live.size, 2, `live listeners after 10 restarts: ${live.size}`);
  assert.ok(
    [...live].every((l) => l.client === clients.at(-1)),
    'only the current client is listened to',
  );
  // The current client still drives the status bar item.
  clients.at(-1)!.notify('kubeDorm/indexed', { files: 3, resources: 7, ms: 12 });
  assert.match(fake.statusItems[0].text, /^\$\(check\)/);
  await c.dispose();
  assert.equal(live.size, 0, 'disposing drops every listener');
});

test('two restarts asked at once run one after the other: one client is left alive', async () => {
  const c = makeClient();
  await c.start();
  await Promise.all([c.restart(), c.restart()]);
  assert.deepEqual(
    clients.map((x) => x.disposed),
    [true, true, false],
  );
  assert.equal(live.size, 2);
  await c.dispose();
});
