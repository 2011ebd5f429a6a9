// Quadratic YAML (issue 20, item 4): the duplicate-key check compared every key with every earlier
// key of its mapping, so 80,000 keys in one mapping blocked `serve` for 28 s and one keystroke in the
// editor for 60 s. Duplicate keys are now found with one Set per mapping, in the parser shared by the
// linter, the language server and `serve`; a mapping may have at most MAX_MAP_KEYS keys. These tests
// assert behaviour (keys decoded, duplicates found, the bound enforced); the time is in `npm run bench`.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../core/manifest/parse';
import { isObj } from '../../core/k8s/guards';
import { MAX_MAP_KEYS } from '../../core/manifest/keys';
import { lintFile } from '../../core/lint';
import { Workspace } from '../../core/workspace/index';
import { t } from '../../core/i18n/index';
import { ensureBuilt, startClient } from '../lsp/harness';
import { serveInProcess } from './serve-support';

const cleanups: (() => unknown)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** A ConfigMap whose `data` has `n` keys (`k0: v0` …), with the keys of `dups` written a second time at the end. */
export function bigConfigMap(n: number, dups: number[] = []): string {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: big', 'data:'];
  for (let i = 0; i < n; i++) lines.push(`  k${i}: v${i}`);
  for (const d of dups) lines.push(`  k${d}: again`);
  return lines.join('\n') + '\n';
}

test('an 80,000-key mapping parses: every key decoded, each duplicate reported once, last value wins', () => {
  const f = parseFile('file:///big.yaml', bigConfigMap(80_000, [7, 79_999]));
  assert.equal(f.resources.length, 1);
  const data = f.resources[0].obj.data;
  assert.ok(isObj(data));
  assert.equal(Object.keys(data).length, 80_000);
  assert.equal(data.k7, 'again');
  assert.equal(data.k123, 'v123');
  const dups = f.problems.filter((p) => p.code === 'duplicate-key');
  assert.deepEqual(
    dups.map((p) => [t(p.message, 'en'), p.range.start.line]),
    [
      ['Duplicate key "k7": the same key appears twice in one mapping; only the last value is used.', 80_005],
      ['Duplicate key "k79999": the same key appears twice in one mapping; only the last value is used.', 80_006],
    ],
  );
  // The same semantics as the yaml library's check: 1 and "1" differ, two nulls are the same key.
  const mixed = parseFile('file:///m.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: m}\ndata:\n  1: a\n  "1": b\n  ~: c\n  null: d\n');
  assert.deepEqual(
    mixed.problems.filter((p) => p.code === 'duplicate-key').map((p) => p.range.start.line),
    [7],
  );
});

test('more keys than the bound in one mapping: one clear error, the document is not decoded', () => {
  const f = parseFile('file:///huge.yaml', bigConfigMap(MAX_MAP_KEYS + 1));
  const errs = f.problems.filter((p) => p.severity === 'error');
  assert.equal(errs.length, 1);
  assert.equal(t(errs[0].message, 'en'), `More than ${MAX_MAP_KEYS} keys in one mapping: document not checked. No real manifest needs this many.`);
  assert.match(t(errs[0].message, 'zh-cn'), /单个映射中的键超过 100000 个/);
  assert.equal(f.resources.length, 0);
  // The linter reports it (and nothing is silently skipped).
  const ws = new Workspace();
  ws.set('file:///huge.yaml', bigConfigMap(MAX_MAP_KEYS + 1));
  assert.equal(lintFile(ws, 'file:///huge.yaml').filter((d) => d.severity === 'error').length, 1);
});

test('serve: an 80,000-key YAML body is stored; a duplicate key and a mapping over the bound are refused', async () => {
  const { srv, req } = await serveInProcess();
  cleanups.push(() => srv.close());
  const YAML = { 'Content-Type': 'application/yaml' };
  const created = await req('POST', '/api/v1/namespaces/default/configmaps', bigConfigMap(80_000), YAML);
  assert.equal(created.status, 201, created.text.slice(0, 300));
  assert.equal(Object.keys(created.json.data).length, 80_000);
  const dup = await req('POST', '/api/v1/namespaces/default/configmaps', bigConfigMap(10, [3]).replace('name: big', 'name: dup'), YAML);
  assert.equal(dup.status, 400, dup.text.slice(0, 300));
  assert.match(dup.json.message, /Map keys must be unique/);
  const over = await req('POST', '/api/v1/namespaces/default/configmaps', bigConfigMap(MAX_MAP_KEYS + 1).replace('name: big', 'name: over'), YAML);
  assert.equal(over.status, 400, over.text.slice(0, 300));
  assert.match(over.json.message, new RegExp(`more than ${MAX_MAP_KEYS} keys in one mapping`));
  // A JSON body is parsed as JSON; the mapping bound still holds for what the server stores.
  const data = Object.fromEntries(Array.from({ length: MAX_MAP_KEYS + 1 }, (_, i) => [`k${i}`, 'v']));
  const json = await req('POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'json-over' }, data });
  assert.equal(json.status, 422, json.text.slice(0, 300));
  assert.match(json.json.message, /ConfigMap "json-over" is invalid: the object could not be validated: More than 100000 keys in one mapping/);
  assert.equal((await req('GET', '/api/v1/namespaces/default/configmaps/json-over')).status, 404);
});

test('language server: an 80,000-key document with two duplicate keys gets exactly two duplicate-key diagnostics', async () => {
  ensureBuilt();
  const c = await startClient({ initializationOptions: { scanWorkspace: false, debounceMs: 0 } });
  cleanups.push(() => c.stop());
  const uri = 'file:///big/cm.yaml';
  c.open(uri, bigConfigMap(80_000, [1, 2]));
  const diags = await c.nextDiagnostics(uri);
  assert.deepEqual(
    diags.filter((d) => d.code === 'duplicate-key').map((d) => d.range.start.line),
    [80_005, 80_006],
  );
});
