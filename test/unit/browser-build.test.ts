// The browser build's parts that run without a browser: the check that fails a browser bundle
// importing a Node built-in (scripts/browser-bundle.mjs, what build.mjs runs on dist/browser/*),
// the real browser entries passing it, the browser server's URI ⇄ path codec, and the shims that
// stand in for node:path and Node's Buffer (compared with Node's own).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { URI } from 'vscode-uri';
import { browserCodec } from '../../language-server/src/browser-fs';
import { join, pathToFileURL } from '../../language-server/src/browser-path';
import { Buffer as ShimBuffer, clearImmediate as shimClear, setImmediate as shimImmediate } from '../../language-server/src/browser-shims';

const ROOT = path.resolve(__dirname, '..', '..');
// esbuild's service process would keep this test file's process alive after its last test.
after(() => esbuild.stop());
type BundleModule = {
  browserOptions: (root: string) => esbuild.BuildOptions;
  nodeImportsOf: (meta: esbuild.Metafile) => string[];
  NODE_BUILTINS: string[];
};
const load = () => import(path.join(ROOT, 'scripts', 'browser-bundle.mjs')) as Promise<BundleModule>;

async function nodeImports(entry: string, external: string[] = []): Promise<string[]> {
  const { browserOptions, nodeImportsOf, NODE_BUILTINS } = await load();
  const r = await esbuild.build({
    ...browserOptions(ROOT),
    bundle: true,
    write: false,
    logLevel: 'silent',
    format: 'cjs',
    entryPoints: [entry],
    outfile: 'out.js',
    external: [...external, ...NODE_BUILTINS],
  });
  return nodeImportsOf(r.metafile!);
}

test('a browser bundle that imports a Node built-in is reported, with the chain of imports that brings it in', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kd-browser-build-'));
  try {
    writeFileSync(
      path.join(dir, 'leaf.ts'),
      "import { readFileSync } from 'node:fs';\nimport * as os from 'os';\nexport const f = () => readFileSync(os.tmpdir());\n",
    );
    writeFileSync(path.join(dir, 'entry.ts'), "import { f } from './leaf';\nexport const g = f;\n");
    const found = await nodeImports(path.join(dir, 'entry.ts'));
    assert.equal(found.length, 2, found.join('\n'));
    assert.match(found[0], /entry\.ts → .*leaf\.ts → node:fs$/);
    assert.match(found[1], /leaf\.ts → os$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the browser entries (extension, features, language server) import no Node built-in', { timeout: 120_000 }, async () => {
  assert.deepEqual(await nodeImports('language-server/src/browser-main.ts'), []);
  assert.deepEqual(await nodeImports('extension/src/browser.ts', ['vscode']), []);
  assert.deepEqual(await nodeImports('extension/src/browser-sim.ts', ['vscode']), []);
  // The Node entries do import them (the check is not vacuous on this code).
  assert.ok((await nodeImports('extension/src/sim.ts', ['vscode'])).some((c) => c.endsWith('node:fs')));
});

test('the browser codec maps every scheme to a path of its own and back', () => {
  for (const uri of [
    'file:///home/me/dorm/deploy.yaml',
    'vscode-vfs://github/kube-dorm/kube-dorm/examples/a%20b.yaml',
    'vscode-remote://localhost%3A8080/work/x.yaml',
    'vscode-userdata:/User/globalStorage/kube-dorm.kube-dorm/lessons/pods/pod.yaml',
  ]) {
    const p = browserCodec.toPath(URI.parse(uri))!;
    assert.ok(p.startsWith('/'), p);
    assert.equal(browserCodec.toUri(p), URI.parse(uri).toString(), uri);
    // The scan joins names under a folder's path: still the same file system.
    assert.equal(
      browserCodec.toUri(join(p, '..', 'sibling.yaml')),
      URI.parse(uri)
        .with({ path: path.posix.join(URI.parse(uri).path, '..', 'sibling.yaml') })
        .toString(),
    );
  }
  assert.equal(browserCodec.toPath(URI.parse('untitled:Untitled-1')), undefined, 'an unsaved document has no file to read');
});

test('the node:path stand-in joins as Node does, and keeps a URI’s scheme and authority', () => {
  for (const parts of [
    ['/a/b', '../c', './d.yaml'],
    ['/', '..', 'docs', 'rules'],
    ['a', 'b/', '/c'],
    ['/x//y', ''],
  ]) {
    assert.equal(join(...parts), path.posix.join(...parts), parts.join(' '));
  }
  assert.equal(join('vscode-remote://host:1/ext/docs/rules', 'selector-mismatch.md'), 'vscode-remote://host:1/ext/docs/rules/selector-mismatch.md');
  assert.equal(pathToFileURL('https://x.dev/e/docs/rules/a.md').href, 'https://x.dev/e/docs/rules/a.md');
  assert.equal(pathToFileURL('/docs/rules/a b.md').href, 'file:///docs/rules/a%20b.md');
});

test('the Buffer stand-in converts UTF-8 and base64 as Node’s Buffer does', () => {
  for (const s of ['', 'dorm', '宿舍 → 楼管', 'a\u0000b', '🐳'.repeat(3)]) {
    assert.equal(ShimBuffer.from(s, 'utf8').toString('base64'), Buffer.from(s, 'utf8').toString('base64'), s);
    assert.deepEqual([...ShimBuffer.from(s)], [...Buffer.from(s)], s);
    assert.equal(ShimBuffer.from(Buffer.from(s).toString('base64'), 'base64').toString('utf8'), s);
  }
  // Node's decoder is lenient: missing padding, line breaks, URL-safe letters.
  for (const b64 of ['aGVsbG8', 'aGVs\nbG8=', '-_8=', 'YQ'])
    assert.equal(ShimBuffer.from(b64, 'base64').toString('hex'), Buffer.from(b64, 'base64').toString('hex'), b64);
  assert.equal(ShimBuffer.concat([ShimBuffer.from('ab'), ShimBuffer.from('c')]).toString(), 'abc');
});

test('setImmediate’s stand-in runs callbacks in order after the current task, and clearImmediate cancels one', async () => {
  const seen: number[] = [];
  shimImmediate(() => seen.push(1));
  const id = shimImmediate(() => seen.push(2));
  shimImmediate((n) => seen.push(n as number), 3);
  shimClear(id);
  assert.deepEqual(seen, []);
  await new Promise<void>((r) => shimImmediate(() => r()));
  assert.deepEqual(seen, [1, 3]);
});
