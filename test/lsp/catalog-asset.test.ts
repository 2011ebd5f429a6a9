// The schema catalog is an asset beside the bundles (dist/catalog.json, scripts/build.mjs), not part
// of them: the language servers answer `initialize` without it and parse it afterwards, the Node
// server requiring it from beside itself, the browser server taking the text its client posts to the
// Worker first (extension/src/browser.ts). The .vsix carries it.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileUri, ROOT, startClient, tempDir, type TestClient } from './harness';

const CATALOG = path.join(ROOT, 'dist', 'catalog.json');
const SERVERS = ['dist/server.js', 'dist/browser/server.js'];

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

const clients: TestClient[] = [];
const dirs: (() => void)[] = [];
after(async () => {
  await Promise.all(clients.map((c) => c.stop()));
  for (const cleanup of dirs) cleanup();
});

async function typoCodes(o: Parameters<typeof startClient>[0]): Promise<{ client: TestClient; codes: unknown[] }> {
  const client = await startClient(o);
  clients.push(client);
  assert.equal(client.initializeResult.serverInfo?.name, 'kube-dorm', 'initialize answered');
  const uri = fileUri(path.join(ROOT, 'test', 'fixtures', 'typo.yaml'));
  client.open(uri, TYPO);
  const diags = await client.nextDiagnostics(uri);
  return { client, codes: diags.map((d) => d.code) };
}

test('the server bundles do not carry the schema catalog: dist/catalog.json beside them is the generated one', () => {
  const generated = readFileSync(path.join(ROOT, 'core', 'schema', 'generated', 'catalog.json'), 'utf8');
  const { source, docs } = JSON.parse(generated) as { source: string; docs: string[] };
  const longest = docs.reduce((a, b) => (b.length > a.length ? b : a), '');
  for (const rel of SERVERS) {
    const text = readFileSync(path.join(ROOT, rel), 'utf8');
    assert.ok(!text.includes(source), `${rel} does not carry the catalog (its source line)`);
    assert.ok(!text.includes(JSON.stringify(longest).slice(1, 200)), `${rel} does not carry the catalog (its longest description)`);
  }
  assert.ok(readFileSync(path.join(ROOT, 'dist', 'server.js'), 'utf8').includes('require("./catalog.json")'), 'the Node server requires it from beside itself');
  assert.equal(readFileSync(CATALOG, 'utf8'), generated);
});

test('every file the bundles read beside themselves is packed into the .vsix', async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- vsce as scripts/package.mjs uses it
  const vsce = require('@vscode/vsce') as { listFiles(o: { cwd: string; packageManager: unknown }): Promise<string[]>; PackageManager: { None: unknown } };
  const packed = new Set((await vsce.listFiles({ cwd: ROOT, packageManager: vsce.PackageManager.None })).map((f) => f.replace(/\\/g, '/')));
  const beside = new Set(['dist/catalog.json']); // the browser client reads it (extension/src/browser.ts)
  for (const rel of ['dist/extension.js', 'dist/sim.js', 'dist/server.js'])
    for (const [, file] of readFileSync(path.join(ROOT, rel), 'utf8').matchAll(/require\("\.\/([^"]+)"\)/g)) beside.add(`dist/${file}`);
  assert.ok(beside.has('dist/catalog.json'));
  for (const f of beside) {
    assert.ok(existsSync(path.join(ROOT, f)), `${f} is built`);
    assert.ok(packed.has(f), `${f} is in the .vsix (.vscodeignore)`);
  }
});

test('the Node server answers initialize without the catalog beside it; with it, the first lint checks the schema', { timeout: 60_000 }, async () => {
  const { dir, cleanup } = tempDir('kd-catalog-asset-');
  dirs.push(cleanup);
  const alone = path.join(dir, 'server.js');
  copyFileSync(path.join(ROOT, 'dist', 'server.js'), alone);
  const without = await typoCodes({ command: [alone, '--stdio'] });
  assert.ok(!without.codes.includes('schema-unknown-field'), `no schema check without the catalog: ${without.codes.join(', ')}`);
  assert.ok(
    without.client.logs.some((l) => /schema catalog missing/.test(l)),
    `the missing catalog is logged: ${without.client.logs.join(' | ').slice(0, 500)}`,
  );
  const withIt = await typoCodes({});
  assert.ok(withIt.codes.includes('schema-unknown-field'), withIt.codes.join(', '));
  assert.deepEqual(withIt.client.logs, []);
});

test(
  'the browser server answers initialize without the catalog; posted by its client first, the first lint checks the schema',
  { timeout: 120_000 },
  async () => {
    const without = await typoCodes({ host: 'worker', catalog: false });
    assert.ok(!without.codes.includes('schema-unknown-field'), `no schema check without the catalog: ${without.codes.join(', ')}`);
    assert.ok(
      without.client.logs.some((l) => /did not provide dist\/catalog\.json/.test(l)),
      `the missing catalog is logged: ${without.client.logs.join(' | ').slice(0, 500)}`,
    );
    const withIt = await typoCodes({ host: 'worker' });
    assert.ok(withIt.codes.includes('schema-unknown-field'), withIt.codes.join(', '));
    // The catalog's message is not a JSON-RPC message: the server's reader never sees it (no error logged).
    assert.deepEqual(withIt.client.logs, []);
  },
);
