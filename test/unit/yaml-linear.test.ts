// Quadratic YAML (issue 20, item 4), without timings: the yaml library's own duplicate-key check
// compares every key of a mapping with every earlier one, reading both keys' `value` each time. Here
// every read of a Scalar's `value` is counted (an accessor on Scalar.prototype: the library assigns
// `this.value` in the constructor, which goes through it), and each way in which the code base reads
// YAML gets a mapping of n and of 2n keys. A linear path reads a few values per key (doubling n
// doubles the count); the library's check reads n² values (doubling n quadruples it).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Scalar } from 'yaml';
import { parseFile } from '../../core/manifest/parse';
import { fastDocPath, readDocument, readDocuments, readYaml } from '../../core/manifest/read-yaml';
import { FAST_DOC_FROM, simpleBlockMapDocument } from '../../core/manifest/fast-doc';
import { lintWorkspaceFile } from '../../core/lint-workspace';
import { Workspace } from '../../core/workspace/index';
import { parseYamlBody } from '../../core/apiserver/body';
import { isKubeDormKubeconfig, mergeKubeconfig } from '../../core/apiserver/kubeconfig';
import { loadKubeconfig } from '../../core/remote/kubeconfig';
import { renderKustomization } from '../../core/kustomize/index';
import { toYaml } from '../../core/kubectl/output';
import { lessonFileDiagnostics } from '../../core/lessons/ws-diagnostics';
import { position } from '../../core/lessons/position';
import { applyFiles, createCluster } from '../../core/cluster/index';
import { KubeApiServer } from '../../core/apiserver/server';
import { requester } from '../support/api-request';

let reads = 0;
const VALUE = Symbol('value');
const own = Object.getOwnPropertyDescriptor(Scalar.prototype, 'value');
Object.defineProperty(Scalar.prototype, 'value', {
  configurable: true,
  get(this: { [VALUE]: unknown }) {
    reads++;
    return this[VALUE];
  },
  set(this: { [VALUE]: unknown }, v: unknown) {
    this[VALUE] = v;
  },
});
after(() => {
  if (own) Object.defineProperty(Scalar.prototype, 'value', own);
  else delete (Scalar.prototype as { value?: unknown }).value;
});

/** `indent` + `k0: v0` … for n keys, one line each, with `k0` written again at the end (one duplicate). */
const keys = (n: number, indent = '  ') => Array.from({ length: n }, (_, i) => `${indent}k${i}: v${i}\n`).join('') + `${indent}k0: again\n`;
const configMap = (n: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n${keys(n)}`;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-yaml-linear-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Every way in which YAML from outside is read: n keys in one mapping. */
const entryPoints: Record<string, (n: number) => unknown> = {
  'readDocuments / readDocument / readYaml': (n) => {
    readDocuments(configMap(n));
    readDocument(configMap(n));
    assert.throws(() => readYaml(configMap(n)), /Map keys must be unique/);
  },
  'parseFile (editor, CLI lint)': (n) => assert.ok(parseFile('file:///big.yaml', configMap(n)).problems.some((p) => p.code === 'duplicate-key')),
  'language server: parse + lint of an open file': (n) => {
    const ws = new Workspace();
    ws.set('file:///w/big.yaml', configMap(n));
    assert.ok(lintWorkspaceFile(ws, 'file:///w/big.yaml').some((d) => d.code === 'duplicate-key'));
  },
  "serve's YAML request body": (n) => assert.throws(() => parseYamlBody(configMap(n)), /Map keys must be unique/),
  'kustomization and patch files': (n) => {
    const files: Record<string, string> = {
      '/k/kustomization.yaml': `resources: [cm.yaml]\ncommonAnnotations:\n${keys(n).replace(/^ {2}k0: again\n/m, '')}patches:\n  - path: p.yaml\n`,
      '/k/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\n',
      '/k/p.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n${keys(n).replace(/^ {2}k0: again\n/m, '')}`,
    };
    const r = renderKustomization({ readFile: (p) => files[p], isDir: (p) => p === '/k' }, '/k');
    assert.equal(Object.keys((r.objects[0].obj as { data: object }).data).length, n);
  },
  "a lesson's files in the workspace": (n) => {
    const ws = new Workspace();
    const uri = 'file:///w/.kube-dorm/lessons/big/lesson.yaml';
    ws.set(uri, `id: big\n${keys(n, '')}`);
    assert.match(JSON.stringify(lessonFileDiagnostics(ws, uri)), /Map keys must be unique/);
    position(`id: big\n${keys(n, '')}`, [`k${n - 1}`]);
  },
  'kubectl -o yaml (a string value that reads as YAML)': (n) =>
    toYaml({ data: { a: `{${Array.from({ length: n }, (_, i) => `k${i}: ${i}`).join(', ')}, k0: 1}` } }),
  'kubeconfig files': (n) => {
    const text = `apiVersion: v1\nkind: Config\npreferences:\n${keys(n)}`;
    assert.equal(isKubeDormKubeconfig(text), false);
    assert.throws(() => mergeKubeconfig(text, 'apiVersion: v1\nkind: Config\n'));
    const file = path.join(tmp, `config-${n}`);
    fs.writeFileSync(file, text);
    return loadKubeconfig({ explicit: file }).catch(() => undefined);
  },
};

async function readsFor(run: (n: number) => unknown, n: number): Promise<number> {
  const before = reads;
  await run(n);
  return reads - before;
}

for (const [name, run] of Object.entries(entryPoints)) {
  test(`${name}: a mapping's keys are compared in linear time`, async () => {
    await readsFor(run, 50); // warm-up: lazily built tables read values too
    const small = await readsFor(run, 1000);
    const large = await readsFor(run, 2000);
    // Quadratic: ≥ n² reads (1,000,000 and 4,000,000, a ratio near 4). Linear: a few per key, a ratio near 2.
    assert.ok(large < 60 * 2000, `${large} value reads for 2,000 keys`);
    assert.ok(large < 2.6 * small, `${small} reads for 1,000 keys, ${large} for 2,000`);
  });
}

// Texts over 64 KiB of plain `key: value` lines are read by core/manifest/fast-doc.ts, not by the
// library's Parser and Composer: the same entry points at 8,000 and 16,000 keys, with that path and without.
for (const fast of [true, false]) {
  test(`large simple files (${fast ? 'fast-doc.ts' : "the library's Parser"}): keys compared in linear time`, async () => {
    const n = 8000;
    assert.ok(configMap(n).length > FAST_DOC_FROM && simpleBlockMapDocument(configMap(n), { uniqueKeys: false }));
    fastDocPath.enabled = fast;
    try {
      for (const name of [
        'readDocuments / readDocument / readYaml',
        'parseFile (editor, CLI lint)',
        'language server: parse + lint of an open file',
        "serve's YAML request body",
      ]) {
        const small = await readsFor(entryPoints[name], n);
        const large = await readsFor(entryPoints[name], 2 * n);
        assert.ok(large < 60 * 2 * n, `${name}: ${large} value reads for ${2 * n} keys`);
        assert.ok(large < 2.6 * small, `${name}: ${small} reads for ${n} keys, ${large} for ${2 * n}`);
      }
    } finally {
      fastDocPath.enabled = true;
    }
  });
}

test("serve: a POSTed YAML ConfigMap's keys are compared in linear time", async () => {
  const c = createCluster({ nodes: 1 });
  applyFiles(c, []);
  const srv = new KubeApiServer(c, { token: 't' });
  const req = requester(await srv.listen(0), 't');
  try {
    const post = async (n: number) => {
      const before = reads;
      const r = await req(
        'POST',
        '/api/v1/namespaces/default/configmaps',
        configMap(n)
          .replace('name: big', `name: big${n}`)
          .replace(/ {2}k0: again\n$/, ''),
        {
          'Content-Type': 'application/yaml',
        },
      );
      assert.equal(r.status, 201);
      return reads - before;
    };
    await post(50);
    const small = await post(1000);
    const large = await post(2000);
    assert.ok(large < 60 * 2000, `${large} value reads for 2,000 keys`);
    assert.ok(large < 2.6 * small, `${small} reads for 1,000 keys, ${large} for 2,000`);
  } finally {
    await srv.close();
  }
});

// A large simple mapping (fast-doc.ts) has its plain value built in the same scan: a key whose name
// was new there is a key unlike every other (equal keys have equal names), so the duplicate-key
// check needs no Set of 80,000 keys for it — one hash table per mapping, not two (at that size,
// every lookup misses the CPU's caches). Counted through Set.prototype.add and Map.prototype.set.
test('large simple mappings: keys known distinct need no Set, and the hash-table work stays linear', () => {
  let inserts = 0;
  const add = Object.getOwnPropertyDescriptor(Set.prototype, 'add')!;
  const set = Object.getOwnPropertyDescriptor(Map.prototype, 'set')!;
  const counted = (original: PropertyDescriptor) => ({
    ...original,
    value(this: object, ...args: unknown[]): unknown {
      inserts++;
      return (original.value as (...a: unknown[]) => unknown).apply(this, args);
    },
  });
  Object.defineProperty(Set.prototype, 'add', counted(add));
  Object.defineProperty(Map.prototype, 'set', counted(set));
  try {
    const count = (text: string) => {
      const before = inserts;
      parseFile('file:///big.yaml', text);
      parseYamlBody(text.replace(/ {2}k0: again\n$/, ''));
      return inserts - before;
    };
    const distinct = (n: number) => configMap(n).replace(/ {2}k0: again\n$/, '');
    count(distinct(1000));
    const small = count(distinct(20_000));
    const large = count(distinct(80_000));
    assert.ok(large < 1000, `${small} inserts for 20,000 keys, ${large} for 80,000`);
    // With a duplicate, the keys are checked one by one: linear still.
    const dupSmall = count(configMap(20_000));
    const dupLarge = count(configMap(80_000));
    assert.ok(dupLarge >= 80_000 && dupLarge <= 4.5 * dupSmall, `${dupSmall} inserts for 20,000 keys, ${dupLarge} for 80,000`);
    assert.ok(parseFile('file:///big.yaml', configMap(80_000)).problems.some((p) => p.code === 'duplicate-key'));
  } finally {
    Object.defineProperty(Set.prototype, 'add', add);
    Object.defineProperty(Map.prototype, 'set', set);
  }
});
