// What the language servers' bundles leave beside them (scripts/build.mjs): the schema catalog
// (dist/catalog.json) and the cron libraries (dist/cron.js, dist/browser/cron.js). The servers answer
// `initialize` without them and use them on first need: the Node server requires them from beside
// itself, the browser server takes the texts its client posts to the Worker first
// (extension/src/browser.ts, SERVER_ASSETS) as it reads them. The .vsix carries them; what the
// browser build reads, it reads through gzipped copies (extension/src/packed.ts), which the .vsix
// carries instead of the browser-only files themselves.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import * as path from 'node:path';
import { fileUri, ROOT, startClient, tempDir, type StartOptions, type TestClient } from './harness';
import { startWorkerServer } from './worker';
import { cronJobYaml } from '../support/workload-yaml';
import { SERVER_ASSETS } from '../../language-server/src/protocol';

const SERVERS = ['dist/server.js', 'dist/browser/server.js'];
const CRON_BUNDLES = ['dist/cron.js', 'dist/browser/cron.js'];
/** Found in cronstrue (a locale method) and luxon (its error messages): in the cron bundles only. */
const CRON_MARKS = ['everyMinuteBetweenX0AndX1', 'Luxon'];

/** A Deployment whose container has a misspelled field (`imagePullPolice`): only the schema catalog knows. */
const TYPO = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: nginx:1.27
          imagePullPolice: Always
`;
/** A CronJob whose schedule has a day of week out of range (cron-parser's bounds); hovered once fixed (cronstrue). */
const CRON = (dow: string) => cronJobYaml(`0 7 * * ${dow}`);

const clients: TestClient[] = [];
const dirs: (() => void)[] = [];
after(async () => {
  await Promise.all(clients.map((c) => c.stop()));
  for (const cleanup of dirs) cleanup();
});

async function started(o: StartOptions): Promise<TestClient> {
  const client = await startClient(o);
  clients.push(client);
  assert.equal(client.initializeResult.serverInfo?.name, 'kube-dorm', 'initialize answered');
  return client;
}

async function codesOf(client: TestClient, name: string, text: string): Promise<unknown[]> {
  const uri = fileUri(path.join(ROOT, 'test', 'fixtures', name));
  client.open(uri, text);
  return (await client.nextDiagnostics(uri)).map((d) => d.code);
}

/** With its assets, a server checks the schema and the schedule and describes the schedule, logging nothing. */
async function assertAssetsUsed(client: TestClient): Promise<void> {
  assert.ok((await codesOf(client, 'typo.yaml', TYPO)).includes('schema-unknown-field'), 'the schema checked');
  assert.ok((await codesOf(client, 'cron.yaml', CRON('1-9'))).includes('cronjob-schedule-invalid'), 'the schedule checked');
  const uri = fileUri(path.join(ROOT, 'test', 'fixtures', 'cron-ok.yaml'));
  client.open(uri, CRON('1-5'));
  const hover = await client.conn.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', {
    textDocument: { uri },
    position: { line: 5, character: 14 },
  });
  assert.match(hover?.contents.value ?? '', /At 07:00, Monday through Friday/, 'the schedule described');
  // The assets' message is not a JSON-RPC message: the server's reader never sees it (no error logged).
  assert.deepEqual(client.logs, []);
}

test('the server bundles carry neither the schema catalog nor the cron libraries: the files beside them do', () => {
  const generated = readFileSync(path.join(ROOT, 'core', 'schema', 'generated', 'catalog.json'), 'utf8');
  const { source, docs } = JSON.parse(generated) as { source: string; docs: string[] };
  const longest = docs.reduce((a, b) => (b.length > a.length ? b : a), '');
  for (const rel of SERVERS) {
    const text = readFileSync(path.join(ROOT, rel), 'utf8');
    assert.ok(!text.includes(source), `${rel} does not carry the catalog (its source line)`);
    assert.ok(!text.includes(JSON.stringify(longest).slice(1, 200)), `${rel} does not carry the catalog (its longest description)`);
    for (const mark of CRON_MARKS) assert.ok(!text.includes(mark), `${rel} does not carry the cron libraries (${mark})`);
  }
  const node = readFileSync(path.join(ROOT, 'dist', 'server.js'), 'utf8');
  for (const file of ['catalog.json', 'cron.js']) assert.ok(node.includes(`require("./${file}")`), `the Node server requires ${file} from beside itself`);
  assert.equal(readFileSync(path.join(ROOT, 'dist', 'catalog.json'), 'utf8'), generated);
  for (const rel of CRON_BUNDLES) {
    const text = readFileSync(path.join(ROOT, rel), 'utf8');
    for (const mark of CRON_MARKS) assert.ok(text.includes(mark), `${rel} carries the cron libraries (${mark})`);
  }
});

test('every file the bundles read beside themselves is packed into the .vsix', async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- vsce as scripts/package.mjs uses it
  const vsce = require('@vscode/vsce') as { listFiles(o: { cwd: string; packageManager: unknown }): Promise<string[]>; PackageManager: { None: unknown } };
  const packed = new Set((await vsce.listFiles({ cwd: ROOT, packageManager: vsce.PackageManager.None })).map((f) => f.replace(/\\/g, '/')));
  // The Node bundles require theirs from beside themselves.
  const beside = new Set<string>();
  for (const rel of ['dist/extension.js', 'dist/sim.js', 'dist/server.js'])
    for (const [, file] of readFileSync(path.join(ROOT, rel), 'utf8').matchAll(/require\("\.\/([^"]+)"\)/g)) beside.add(`dist/${file}`);
  for (const f of ['dist/catalog.json', 'dist/cron.js']) assert.ok(beside.has(f), f);
  for (const f of beside) {
    assert.ok(existsSync(path.join(ROOT, f)), `${f} is built`);
    assert.ok(packed.has(f), `${f} is in the .vsix (.vscodeignore)`);
  }
  // The browser client reads these (extension/src/browser.ts) through their gzipped copies.
  const browserReads = ['dist/browser/server.js', 'dist/browser/sim.js', ...Object.values(SERVER_ASSETS)];
  assert.deepEqual(Object.values(SERVER_ASSETS).sort(), ['dist/browser/cron.js', 'dist/catalog.json']);
  for (const f of browserReads) {
    assert.ok(existsSync(path.join(ROOT, `${f}.gz`)), `${f}.gz is built`);
    assert.ok(gunzipSync(readFileSync(path.join(ROOT, `${f}.gz`))).equals(readFileSync(path.join(ROOT, f))), `${f}.gz is ${f}, gzipped`);
    assert.ok(packed.has(`${f}.gz`), `${f}.gz is in the .vsix (.vscodeignore)`);
  }
  for (const f of ['dist/browser/server.js', 'dist/browser/sim.js', 'dist/browser/cron.js'])
    assert.ok(!packed.has(f), `${f} is not in the .vsix twice (its .gz is)`);
  assert.ok(packed.has('dist/browser/extension.js'), 'the browser entry is in the .vsix as it is (VS Code loads it)');
});

test('the Node server answers initialize with nothing beside it; with its files, it checks the schema and schedules', { timeout: 60_000 }, async () => {
  const { dir, cleanup } = tempDir('kd-server-assets-');
  dirs.push(cleanup);
  const alone = path.join(dir, 'server.js');
  copyFileSync(path.join(ROOT, 'dist', 'server.js'), alone);
  const without = await started({ command: [alone, '--stdio'] });
  const codes = await codesOf(without, 'typo.yaml', TYPO);
  assert.ok(!codes.includes('schema-unknown-field'), `no schema check without the catalog: ${codes.join(', ')}`);
  assert.ok(
    without.logs.some((l) => /schema catalog missing/.test(l)),
    `the missing catalog is logged: ${without.logs.join(' | ').slice(0, 500)}`,
  );
  await assertAssetsUsed(await started({}));
});

test(
  'the browser server goes on without the assets its client could not read; posted, its assets check the schema and schedules',
  { timeout: 120_000 },
  async () => {
    const without = await started({ host: 'worker', assets: 'unreadable' });
    const codes = await codesOf(without, 'typo.yaml', TYPO);
    assert.ok(!codes.includes('schema-unknown-field'), `no schema check without the catalog: ${codes.join(', ')}`);
    assert.ok(
      without.logs.some((l) => /did not provide dist\/catalog\.json/.test(l)),
      `the missing catalog is logged: ${without.logs.join(' | ').slice(0, 500)}`,
    );
    await assertAssetsUsed(await started({ host: 'worker' }));
  },
);

type Published = { uri: string; diagnostics: { code?: unknown }[] };

/**
 * A browser server whose client has posted nothing yet (`postAssets` posts them), initialized: what
 * it publishes for a document, what it logs and which assets it asks for are recorded as they come.
 */
async function serverAwaitingAssets() {
  const started = await startWorkerServer(undefined, { assets: 'later' });
  const { conn } = started;
  const waiting = new Map<string, (p: Published) => void>();
  const logs: string[] = [];
  const asked: string[] = [];
  const askedOnce = new Promise<void>((resolve) =>
    conn.onNotification('kubeDorm/needAsset', (p: { name: string }) => {
      asked.push(p.name);
      resolve();
    }),
  );
  conn.onNotification('textDocument/publishDiagnostics', (p: Published) => {
    waiting.get(p.uri)?.(p);
    waiting.delete(p.uri);
  });
  conn.onNotification('window/logMessage', (p: { message: string }) => void logs.push(p.message));
  conn.listen();
  const init = await conn.sendRequest<{ serverInfo?: { name: string } }>('initialize', { processId: null, rootUri: null, capabilities: {} });
  await conn.sendNotification('initialized', {});
  return {
    ...started,
    init,
    logs,
    asked,
    askedOnce,
    /** Opens `name` (under test/fixtures) with `text`; the promise is its first publish. */
    async open(name: string, text: string): Promise<{ uri: string; published: Promise<Published> }> {
      const uri = fileUri(path.join(ROOT, 'test', 'fixtures', name));
      const published = new Promise<Published>((resolve) => waiting.set(uri, resolve));
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
      return { uri, published };
    },
  };
}

test('the browser server answers initialize before its assets arrive; a document opened meanwhile is linted with them', { timeout: 120_000 }, async () => {
  const s = await serverAwaitingAssets();
  try {
    assert.equal(s.init.serverInfo?.name, 'kube-dorm', 'initialize answered with no asset posted');
    const { published } = await s.open('typo.yaml', TYPO);
    await s.postAssets();
    const codes = (await published).diagnostics.map((d) => String(d.code));
    assert.ok(codes.includes('schema-unknown-field'), `the first lint had the catalog: ${codes.join(', ')}`);
    assert.deepEqual(s.logs, []);
  } finally {
    s.conn.dispose();
    s.server.kill();
  }
});

test(
  "the browser server checks a CronJob's schedule with the catalog alone; a hover on the schedule waits for the cron libraries",
  { timeout: 120_000 },
  async () => {
    const s = await serverAwaitingAssets();
    try {
      const bad = await s.open('cron.yaml', CRON('1-9'));
      // The client posts the catalog unasked, the cron libraries when the server asks (extension/src/browser.ts).
      await s.postAssets(['catalog']);
      const codes = (await bad.published).diagnostics.map((d) => d.code);
      assert.ok(codes.includes('cronjob-schedule-invalid'), `the schedule checked before the cron libraries came: ${String(codes)}`);
      assert.deepEqual(s.asked, [], 'nothing asked for to lint');
      const ok = await s.open('cron-ok.yaml', CRON('1-5'));
      await ok.published;
      const got: { hover?: { contents: { value: string } } | null } = {};
      const hover = s.conn
        .sendRequest<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: ok.uri }, position: { line: 5, character: 14 } })
        .then((h) => (got.hover = h));
      await s.askedOnce;
      // Half a second more: far longer than the server takes to answer a hover it can answer.
      await new Promise((r) => setTimeout(r, 500));
      assert.ok(!('hover' in got), 'the hover waits for the cron libraries');
      assert.deepEqual(s.asked, ['cron'], 'the server asked for them, once, when the hover needed them');
      await s.postAssets(['cron']);
      await hover;
      assert.match(got.hover?.contents.value ?? '', /At 07:00, Monday through Friday/, 'the schedule described once they came');
    } finally {
      s.conn.dispose();
      s.server.kill();
    }
  },
);
