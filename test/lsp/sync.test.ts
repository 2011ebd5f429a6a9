// WorkspaceSync against an in-memory file system whose reads the test answers by hand: file events
// racing slow disk reads, in a fixed order, with no sleeps. The publisher is the server's real one;
// what it sends is recorded.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { PublishDiagnosticsParams } from 'vscode-languageserver';
import { lintParsed } from '../../core/lint';
import { Workspace } from '../../core/workspace/index';
import { DiagnosticsPublisher } from '../../language-server/src/diagnostics';
import type { DirEntry, FileStat, FileSystem } from '../../language-server/src/file-system';
import { makeGuard } from '../../language-server/src/guard';
import { OpenDocuments } from '../../language-server/src/open-documents';
import type { IndexedParams } from '../../language-server/src/protocol';
import { WorkspaceSync } from '../../language-server/src/sync';
import { DB_SECRET, DEPLOY_WITH_SECRET_REF } from '../support/manifests';

const enoent = (p: string) => Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });

/**
 * Files by absolute POSIX path; folders exist while they hold a file. While `hold` is set, every
 * readFile answers only when the test releases it, with the content the file had when it was asked
 * (a slow disk); stat and readDir answer at once.
 */
class MemoryFs implements FileSystem {
  readonly files = new Map<string, string>();
  hold = false;
  private held: { path: string; answer: () => void }[] = [];
  private waiters: { n: number; resolve: () => void }[] = [];

  write(p: string, text: string): void {
    this.files.set(p, text);
  }

  /** Removes a file or a folder with everything in it. */
  remove(p: string): void {
    for (const f of [...this.files.keys()]) if (f === p || f.startsWith(p + '/')) this.files.delete(f);
  }

  rename(a: string, b: string): void {
    const text = this.files.get(a)!;
    this.files.delete(a);
    this.files.set(b, text);
  }

  private isDir(p: string): boolean {
    return [...this.files.keys()].some((f) => f.startsWith(p + '/'));
  }

  async stat(p: string): Promise<FileStat> {
    const text = this.files.get(p);
    if (text !== undefined) return { isFile: true, size: text.length };
    if (this.isDir(p)) return { isFile: false, size: 0 };
    throw enoent(p);
  }

  readFile(p: string): Promise<string> {
    const text = this.files.get(p);
    if (text === undefined) return Promise.reject(enoent(p));
    if (!this.hold) return Promise.resolve(text);
    return new Promise((resolve) => {
      this.held.push({ path: p, answer: () => resolve(text) });
      for (const w of this.waiters.filter((x) => this.held.length >= x.n)) w.resolve();
    });
  }

  async readDir(p: string): Promise<DirEntry[]> {
    if (!this.isDir(p)) throw enoent(p);
    const names = new Map<string, boolean>();
    for (const f of this.files.keys()) {
      if (!f.startsWith(p + '/')) continue;
      const [name, ...rest] = f.slice(p.length + 1).split('/');
      names.set(name, rest.length > 0 || names.get(name) === true);
    }
    return [...names].map(([name, isDirectory]) => ({ name, isDirectory, isFile: !isDirectory }));
  }

  /** Resolves once `n` reads are waiting to be answered. */
  waitForHeld(n: number): Promise<void> {
    if (this.held.length >= n) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ n, resolve }));
  }

  /** Answers the waiting reads, oldest first. */
  releaseAll(): void {
    const held = this.held;
    this.held = [];
    for (const h of held) h.answer();
  }

  /** Answers the newest waiting read only. */
  releaseNewest(): void {
    this.held.pop()!.answer();
  }
}

const ROOT = '/ws';
const uriOf = (p: string) => `file://${p}`;

function setup() {
  const fs = new MemoryFs();
  const ws = new Workspace();
  const open = new OpenDocuments();
  const documents = new Map<string, { version: number; getText(): string }>();
  const sent: PublishDiagnosticsParams[] = [];
  const errors: string[] = [];
  const logError = (where: string, e: unknown) => errors.push(`${where}: ${String(e)}`);
  const guard = makeGuard(logError);
  const diagnostics = new DiagnosticsPublisher({
    ws,
    open,
    version: (uri) => documents.get(uri)?.version,
    lintOptions: () => ({}),
    locale: () => 'en',
    related: () => true,
    send: (p) => sent.push(p),
    guard,
  });
  const indexed: IndexedParams[] = [];
  const sync = new WorkspaceSync({
    ws,
    fs,
    diagnostics,
    progress: { begin: async () => ({ report() {}, done() {} }), indexed: (p) => indexed.push(p) },
    open,
    documents,
    guard,
    logError,
  });
  sync.setFolders([ROOT]);
  /** Opens a document as the editor does. */
  const openDoc = (uri: string, text: string, version = 1) => {
    const doc = { uri, version, getText: () => text };
    documents.set(uri, doc);
    sync.didOpen(doc);
  };
  const closeDoc = (uri: string) => {
    documents.delete(uri);
    return sync.didClose(uri);
  };
  /** The codes the linter reports for `uri` with the workspace as it stands. */
  const codes = (uri: string) => lintParsed(ws, ws.get(uri)!, {}).map((d) => d.code);
  const done = () => {
    sync.shutdown();
    diagnostics.shutdown();
    assert.deepEqual(errors, []);
  };
  return { fs, ws, sync, sent, indexed, openDoc, closeDoc, codes, done };
}

describe('WorkspaceSync: the scan', () => {
  test('indexes manifests under the folders, skipping node_modules, .git and JSON that is not Kubernetes', async () => {
    const { fs, ws, sync, indexed, done } = setup();
    fs.write('/ws/secret.yaml', DB_SECRET);
    fs.write('/ws/app/deploy.yml', DEPLOY_WITH_SECRET_REF);
    fs.write('/ws/node_modules/pkg/x.yaml', DB_SECRET);
    fs.write('/ws/.git/x.yaml', DB_SECRET);
    fs.write('/ws/package.json', '{"name": "x"}');
    fs.write('/ws/notes.txt', DB_SECRET);
    await sync.scan();
    assert.deepEqual([...ws.uris()].sort(), [uriOf('/ws/app/deploy.yml'), uriOf('/ws/secret.yaml')]);
    assert.deepEqual(
      indexed.map((p) => [p.files, p.resources]),
      [[2, 2]],
    );
    done();
  });
});

describe('WorkspaceSync: file events racing slow disk reads', () => {
  test('the read for "created" lands after the file was opened, closed and deleted: the file stays gone', async () => {
    const { fs, ws, sync, sent, openDoc, closeDoc, codes, done } = setup();
    const dep = uriOf('/ws/deploy.yaml');
    const sec = uriOf('/ws/secret.yaml');
    openDoc(dep, DEPLOY_WITH_SECRET_REF);
    assert.ok(codes(dep).includes('secret-ref-missing'));
    // As an editor applying a "create file" fix and then undoing it.
    fs.hold = true;
    fs.write('/ws/secret.yaml', DB_SECRET);
    const created = sync.fileChanged(sec);
    await fs.waitForHeld(1);
    openDoc(sec, DB_SECRET);
    assert.ok(!codes(dep).includes('secret-ref-missing'));
    fs.remove('/ws/secret.yaml');
    const closed = closeDoc(sec);
    sync.fileDeleted(sec);
    fs.releaseAll();
    await Promise.all([created, closed]);
    assert.equal(ws.has(sec), false, 'the deleted Secret came back from a stale read');
    assert.ok(codes(dep).includes('secret-ref-missing'));
    assert.deepEqual(sent.filter((p) => p.uri === sec).at(-1)?.diagnostics, []);
    done();
  });

  test('the read for "close" lands after the file was reopened: the editor\'s text stays', async () => {
    const { fs, ws, openDoc, closeDoc, done } = setup();
    const a = uriOf('/ws/a.yaml');
    fs.write('/ws/a.yaml', 'on: disk\n');
    openDoc(a, 'first: open\n');
    fs.hold = true;
    const closed = closeDoc(a);
    await fs.waitForHeld(1);
    openDoc(a, 'second: open\n', 2);
    fs.releaseAll();
    await closed;
    assert.equal(ws.get(a)?.text, 'second: open\n');
    done();
  });

  test('the read for "changed" lands after the file was renamed: the old name does not come back', async () => {
    const { fs, ws, sync, done } = setup();
    const a = uriOf('/ws/a.yaml');
    const b = uriOf('/ws/b.yaml');
    fs.write('/ws/a.yaml', DB_SECRET);
    await sync.fileChanged(a);
    assert.ok(ws.has(a));
    fs.hold = true;
    fs.write('/ws/a.yaml', DB_SECRET + '# edited\n');
    const changed = sync.fileChanged(a);
    await fs.waitForHeld(1);
    fs.rename('/ws/a.yaml', '/ws/b.yaml');
    sync.fileRenamed(a, b);
    fs.releaseAll();
    await changed;
    assert.deepEqual([...ws.uris()], [b]);
    done();
  });
});

describe('WorkspaceSync: file events racing the workspace scan', () => {
  test('a folder deleted while the scan is reading its files is not indexed', async () => {
    const { fs, ws, sync, openDoc, codes, done } = setup();
    fs.write('/ws/secrets/secret.yaml', DB_SECRET);
    fs.hold = true;
    const scanning = sync.scan();
    await fs.waitForHeld(1);
    fs.remove('/ws/secrets');
    sync.fileDeleted(uriOf('/ws/secrets'));
    fs.releaseAll();
    await scanning;
    assert.equal(ws.has(uriOf('/ws/secrets/secret.yaml')), false, 'a Secret from the deleted folder was indexed');
    const dep = uriOf('/ws/deploy.yaml');
    openDoc(dep, DEPLOY_WITH_SECRET_REF);
    assert.ok(codes(dep).includes('secret-ref-missing'));
    done();
  });

  test('a file changed on disk while the scan reads it keeps the newer content', async () => {
    const { fs, ws, sync, done } = setup();
    const a = uriOf('/ws/a.yaml');
    fs.write('/ws/a.yaml', 'version: old\n');
    fs.hold = true;
    const scanning = sync.scan();
    await fs.waitForHeld(1);
    fs.write('/ws/a.yaml', 'version: new\n');
    const changed = sync.fileChanged(a);
    await fs.waitForHeld(2);
    fs.releaseNewest(); // the event's read answers first, the scan's older read after it
    await changed;
    fs.releaseAll();
    await scanning;
    assert.equal(ws.get(a)?.text, 'version: new\n');
    done();
  });
});

describe('WorkspaceSync: a burst of disk changes', () => {
  const deployment = (i: number, image: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web-${i}}\nspec:\n  selector: {matchLabels: {app: web-${i}}}\n  template:\n    metadata: {labels: {app: web-${i}}}\n    spec: {containers: [{name: web, image: "${image}"}]}\n`;

  test('200 files changed at once (a branch switch): each is checked against the final workspace, walking the workspace a bounded number of times', async () => {
    const { fs, ws, sync, sent, done } = setup();
    const n = 200;
    for (let i = 0; i < n; i++) fs.write(`/ws/web-${i}.yaml`, deployment(i, 'nginx:1.27'));
    await sync.scan();
    // Every cross-resource index is rebuilt from the workspace's file list: count the walks.
    let walks = 0;
    const uris = ws.uris.bind(ws);
    ws.uris = () => (walks++, uris());
    const from = sent.length;
    for (let i = 0; i < n; i++) fs.write(`/ws/web-${i}.yaml`, deployment(i, 'nginx:latest'));
    await Promise.all(Array.from({ length: n }, (_, i) => sync.fileChanged(uriOf(`/ws/web-${i}.yaml`))));
    const latest = (i: number) =>
      sent
        .slice(from)
        .filter((p) => p.uri === uriOf(`/ws/web-${i}.yaml`))
        .at(-1)
        ?.diagnostics.some((d) => d.code === 'image-latest');
    // The re-check runs in the background, yielding between slices: wait for it without a clock.
    for (let spins = 0; spins < 100_000 && !Array.from({ length: n }, (_, i) => latest(i)).every(Boolean); spins++) await new Promise((r) => setImmediate(r));
    assert.deepEqual(
      Array.from({ length: n }, (_, i) => i).filter((i) => !latest(i)),
      [],
      'files whose new problem was never published',
    );
    // Checked once each against the final workspace, the walks do not grow with the files changed
    // (one file at a time against a workspace each change altered walked it at least n times).
    assert.ok(walks < n / 4, `the workspace's file list was walked ${walks} times for ${n} changed files`);
    done();
  });
});
