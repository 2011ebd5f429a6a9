// core/manifest/object-doc.ts reads a decoded object as parseFile read it written as compact JSON
// with one top-level field per line, without the text. Here both are linted and must say the same,
// diagnostic for diagnostic — code, message, data, severity, and the range (hence the order) — for
// every resource of the examples, the corpus fixtures, the rule snippets (and the full corpus when
// it is there), and for hand-made objects that stress the JSON layout (escapes, nesting, arrays with
// holes, missing paths). The limits give the same problems and the text's length is the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Scalar } from 'yaml';
import { validate } from '../../core/cluster/validation';
import type { KObject } from '../../core/cluster/store';
import { resourceForKind } from '../../core/k8s/registry';
import { lintFile } from '../../core/lint';
import { objectFile } from '../../core/manifest/object-doc';
import { MAX_FLOW_DEPTH, parseFile, rangeOf } from '../../core/manifest/parse';
import type { JsonObject, KDiagnostic } from '../../core/manifest/types';
import { Workspace } from '../../core/workspace/index';
import { corpusFiles, corpusSkip, exampleFiles, fixtureCorpusFiles } from '../support/corpus';
import { snippetFiles } from './rules-snippets';

/** The text the API server's validation used to lint: `{`, one `"key": value` line per field, `}`. */
const compact = (o: JsonObject) =>
  `{\n${Object.entries(o)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`)
    .join(',\n')}\n}`;

const URI = 'kube-dorm-api:///things/x.json';

function lintText(o: JsonObject): KDiagnostic[] {
  const ws = new Workspace();
  ws.set(URI, compact(o));
  return lintFile(ws, URI);
}

function lintObject(o: JsonObject): KDiagnostic[] {
  const ws = new Workspace();
  ws.setParsed(objectFile(URI, o).file);
  return lintFile(ws, URI);
}

function same(o: JsonObject, label: string): number {
  const a = lintText(o);
  const b = lintObject(o);
  assert.deepEqual(b, a, label);
  assert.equal(objectFile(URI, o).chars, compact(o).length, label);
  return a.length;
}

/** Every resource of the files, as the JSON a request would carry. */
function objectsOf(files: { uri: string; text: string }[]): { label: string; o: JsonObject }[] {
  return files.flatMap((f) =>
    parseFile(f.uri, f.text).resources.map((r, i) => ({ label: `${f.uri} #${i}`, o: JSON.parse(JSON.stringify(r.obj)) as JsonObject })),
  );
}

test('every resource of the examples, fixtures and rule snippets: the same diagnostics as its text', () => {
  // The project's own files only: the full corpus, which may be absent, has the next test.
  const objects = objectsOf([...exampleFiles(), ...fixtureCorpusFiles(), ...snippetFiles()]);
  assert.ok(objects.length > 50, `${objects.length} objects`);
  let diags = 0;
  for (const { label, o } of objects) diags += same(o, label);
  // Most rules have their say somewhere in there.
  assert.ok(diags > 100, `${diags} diagnostics`);
});

test('every resource of the full corpus: the same diagnostics as its text', { skip: corpusSkip }, () => {
  for (const { label, o } of objectsOf(corpusFiles())) same(o, label);
});

test('escapes, nesting, holes and odd keys are laid out as JSON.stringify writes them', () => {
  const tricky: JsonObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'q"uo\\te', labels: { 'a\nb': 'tab\there', ünï: 'ok', '': 'empty', '\ud800': 'lone' }, annotations: { x: 'é'.repeat(40) } },
    spec: {
      replicas: -1.5,
      skipped: undefined,
      selector: { matchLabels: { app: 'a' } },
      template: {
        metadata: { labels: { app: 'b', n: 5 } },
        spec: {
          containers: [
            { image: 'nginx', ports: [{ containerPort: 99999, name: 'x'.repeat(30) }], env: [{ name: 'E' }, { name: 'E', value: 1 }] },
            { name: 'side"car', image: '', resources: { limits: { cpu: '1' }, requests: { cpu: '2' } }, stuff: [null, [], {}, [[1]]] },
          ],
          volumes: [],
          bogus: { deep: { deeper: [true, false, null] } },
        },
      },
    },
    status: { x: 1 },
  };
  assert.ok(same(tricky, 'tricky') > 3);
  // Every range rangeOf gives, for paths found, missing, and through list items.
  const a = new Workspace();
  a.set(URI, compact(tricky));
  const b = new Workspace();
  b.setParsed(objectFile(URI, tricky).file);
  const ra = a.get(URI)!.resources[0];
  const rb = b.get(URI)!.resources[0];
  const c = ['spec', 'template', 'spec', 'containers'];
  const paths = [
    [],
    ['kind'],
    ['metadata', 'labels', 'a\nb'],
    ['metadata', 'labels', '\ud800'],
    ['metadata', 'nope', 'x'],
    ['spec', 'skipped'],
    [...c, 0, 'ports', 0, 'containerPort'],
    [...c, 0, 'missing'],
    [...c, 1, 'missing'],
    [...c, 1, 'stuff', 0],
    [...c, 1, 'stuff', 2, 'x'],
    [...c, 1, 'stuff', 3, 0, 0],
    [...c, 5],
    [...c, '0'],
    ['spec', 'template', 'spec', 'volumes', 0],
    ['status'],
  ];
  for (const p of paths)
    for (const part of ['key', 'value', 'keyOrValue'] as const) assert.deepEqual(rangeOf(rb, p, part), rangeOf(ra, p, part), `${JSON.stringify(p)} ${part}`);
});

/** `{"x": {"x": … }}` nested `depth` levels below the object. */
function nested(depth: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = { x: v };
  return v;
}

test('the limits give the same problems: nesting too deep, too many keys in one mapping', () => {
  const codes = (ds: KDiagnostic[]) => ds.map((d) => [d.code, d.message]);
  const deepAs = (depth: number) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'd' }, x: nested(depth) }) as JsonObject;
  // (Between these, the yaml library composing the text could run out of stack, depending on the caller's.)
  for (const depth of [500, MAX_FLOW_DEPTH, 1_500]) {
    const o = deepAs(depth);
    assert.deepEqual(codes(lintObject(o)), codes(lintText(o)), `depth ${depth}`);
    assert.equal(objectFile(URI, o).chars, compact(o).length);
  }
  // The brackets counted: the object's own, then one per level below `x`.
  assert.deepEqual(codes(lintObject(deepAs(MAX_FLOW_DEPTH - 1))), [['schema-unknown-field', { id: 'schema-unknown-field', args: { path: 'x' } }]]);
  assert.equal(lintObject(deepAs(MAX_FLOW_DEPTH))[0].message.id, 'yaml-too-deep');
  // Deeper than JSON.stringify goes (the text could not even be written): measured all the same.
  const deep = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'd' }, x: nested(200_000) } as JsonObject;
  assert.deepEqual(
    lintObject(deep).map((d) => d.message),
    [{ id: 'yaml-too-deep', args: { max: MAX_FLOW_DEPTH } }],
  );
  const data = Object.fromEntries(Array.from({ length: 100_001 }, (_, i) => [`k${i}`, 'v']));
  const o = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'wide' }, data } as JsonObject;
  const d = lintObject(o);
  assert.deepEqual(
    d.map((x) => x.code),
    ['yaml-syntax'],
  );
  assert.deepEqual(codes(d), codes(lintText(o)));
  assert.equal(objectFile(URI, o).chars, compact(o).length);
});

test("the API server's validation lints the object itself: it makes no YAML node", () => {
  // Every Scalar the yaml library makes sets its `value` (counted through an accessor, as in yaml-linear.test.ts).
  let scalars = 0;
  const own = Object.getOwnPropertyDescriptor(Scalar.prototype, 'value');
  const VALUE = Symbol('value');
  Object.defineProperty(Scalar.prototype, 'value', {
    configurable: true,
    get(this: { [VALUE]: unknown }) {
      return this[VALUE];
    },
    set(this: { [VALUE]: unknown }, v: unknown) {
      scalars++;
      this[VALUE] = v;
    },
  });
  try {
    const data = Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`k${i}`, `v${i}`]));
    const cm = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cm', namespace: 'default', labels: { app: 'a' } },
      data,
      bogus: 1,
    } as unknown as KObject;
    assert.deepEqual(validate(cm, resourceForKind('ConfigMap')!, false), ['unknown field "bogus"']);
    assert.equal((cm as unknown as JsonObject).bogus, undefined);
    assert.equal(scalars, 0);
    // (Reading its text made a Scalar per key and per value.)
    lintText({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data });
    assert.ok(scalars > 4_000, `${scalars}`);
  } finally {
    if (own) Object.defineProperty(Scalar.prototype, 'value', own);
    else delete (Scalar.prototype as { value?: unknown }).value;
  }
});
