// The Documents of core/manifest/fast-doc.ts must be the yaml library's own (Parser and Composer),
// node for node — values, types, ranges, sources, formats, errors — whenever it answers at all:
// generated documents of the simple shape (nested block mappings of plain `key: value` lines) under
// several schemas and options, and the same documents with one character changed (which the fast
// path must either refuse or still read exactly as the library does).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isMap, parseDocument, visit, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';
import { FAST_DOC_FROM, simpleBlockMapDocument, takePlainValue } from '../../core/manifest/fast-doc';
import { fastDocPath, readDocument, readDocuments } from '../../core/manifest/read-yaml';
import { parseFile, rangeOf } from '../../core/manifest/parse';

/** A small deterministic PRNG (tests must be reproducible). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WORDS = [
  'a',
  'k0',
  'v1',
  'apiVersion',
  'x.y/z',
  'my-key',
  '1',
  '0755',
  'yes',
  'null',
  'true',
  '1.5',
  '_u',
  'A1-b.c',
  '__proto__',
  'toString',
  'constructor',
];
// Scalars that some schema reads as something other than a string.
const TYPED = [
  'True',
  'NO',
  'on',
  'Off',
  'y',
  'N',
  'Null',
  'NULL',
  '2001-12-14',
  '2001-12-14t21.59.43',
  '0x1F',
  '0o17',
  '0b101',
  '1_000',
  '1e3',
  '12e03',
  '1.5e-3',
  '685230',
  '0',
  '00',
  '1.',
  '3.14_15',
  '12345678901234567890',
];
const ALL_WORDS = [...WORDS, ...TYPED];

function generate(r: () => number, lines: number): string {
  const out: string[] = [];
  const indents = [0];
  let pending = false;
  for (let i = 0; i < lines; i++) {
    let indent: number;
    if (pending) indent = indents[indents.length - 1] + 1 + Math.floor(r() * 4);
    else {
      if (indents.length > 1 && r() < 0.2) indents.length = 1 + Math.floor(r() * (indents.length - 1));
      indent = indents[indents.length - 1];
    }
    if (pending) indents.push(indent);
    const key = ALL_WORDS[Math.floor(r() * ALL_WORDS.length)];
    pending = i < lines - 1 && r() < 0.25;
    out.push(`${' '.repeat(indent)}${key}:${pending ? '' : ' '.repeat(1 + Math.floor(r() * 2)) + ALL_WORDS[Math.floor(r() * ALL_WORDS.length)]}`);
  }
  return out.join('\n') + '\n';
}

const MUTATIONS = [' ', '\n', '#', '\t', '\r', '-', '"', "'", ':', '{', '[', '&', '*', '!', '|', '>', '?', '%', '@', '`', '~', ',', 'é'];

type Options = ParseOptions & DocumentOptions & SchemaOptions;
/** The option sets the comparisons run under: read-yaml's callers' (YAML 1.1 with merge keys; the 1.2 default) and schemas that type scalars differently. */
const OPTIONS: Options[] = (
  [
    { version: '1.1', merge: true },
    {},
    { schema: 'json' },
    { schema: 'failsafe' },
    { version: '1.1', intAsBigInt: true, prettyErrors: false },
    { schema: 'yaml-1.1', customTags: ['timestamp'] },
  ] as Options[]
).map((o) => ({ ...o, uniqueKeys: false, prettyErrors: false }));

/** A Document as compared: everything the Composer sets (errors field by field: their stacks differ). */
const shape = (d: Document.Parsed) => ({
  contents: d.contents,
  range: d.range,
  comments: [d.comment, d.commentBefore],
  directives: d.directives,
  schema: d.schema.name,
  options: { ...d.options, lineCounter: undefined },
  errors: d.errors.map((e) => ({ ...e, message: e.message })),
  warnings: d.warnings.map((e) => ({ ...e, message: e.message })),
});

/** How many fast Documents came with their plain value (the others: a key toJS names by stringifying it, a Date). */
let plainValues = 0;

/** Asserts that the fast Document is the library's, including every mapping's (non-enumerable) schema, and so is its plain value. */
function assertSame(fast: Document.Parsed, text: string, opts: Options): void {
  const lib = parseDocument(text, opts);
  assert.deepEqual(shape(fast), shape(lib), JSON.stringify(text));
  visit(fast, { Map: (_, m) => assert.ok(isMap(m) && m.schema === fast.schema) });
  const taken = takePlainValue(fast);
  if (!taken) return;
  plainValues++;
  assert.deepEqual(taken.value, lib.toJS({ maxAliasCount: 100 }), JSON.stringify(text));
  assert.equal(takePlainValue(fast), undefined, 'taken once');
}

test('generated simple documents: the fast Document is the library’s, under each schema', () => {
  const r = rng(20);
  for (let i = 0; i < 400; i++) {
    const text = generate(r, 1 + Math.floor(r() * 30));
    const opts = OPTIONS[i % OPTIONS.length];
    const doc = simpleBlockMapDocument(text, opts);
    assert.ok(doc, text);
    assertSame(doc, text, opts);
  }
  assert.ok(plainValues > 300, `${plainValues} plain values`);
});

test('one character changed: the fast path refuses, or reads it exactly as the library does', () => {
  const r = rng(4);
  let refused = 0;
  for (let i = 0; i < 3000; i++) {
    const base = generate(r, 1 + Math.floor(r() * 12));
    const at = Math.floor(r() * (base.length + 1));
    const ch = MUTATIONS[Math.floor(r() * MUTATIONS.length)];
    const text = r() < 0.5 ? base.slice(0, at) + ch + base.slice(at) : base.slice(0, at) + ch + base.slice(at + 1);
    const opts = OPTIONS[i % OPTIONS.length];
    const doc = simpleBlockMapDocument(text, opts);
    if (!doc) refused++;
    else assertSame(doc, text, opts);
  }
  assert.ok(refused > 1000, `${refused} refused`);
});

test('options the fast path does not reproduce, and keys the Composer reports as too long, go to the library', () => {
  const text = 'a: b\nc:\n  d: e\n';
  for (const o of [{ compat: 'core' as const }, { stringKeys: true }, { keepSourceTokens: true }, {}]) assert.equal(simpleBlockMapDocument(text, o), undefined);
  const long = (n: number) => `${'k'.repeat(n)}: v\n`;
  assertSame(simpleBlockMapDocument(long(1024), OPTIONS[0])!, long(1024), OPTIONS[0]);
  assert.equal(simpleBlockMapDocument(long(1025), OPTIONS[0]), undefined);
  assert.equal(parseDocument(long(1025), OPTIONS[0]).errors[0].code, 'KEY_OVER_1024_CHARS');
});

/** The Documents of `text` with the fast path on, and with the library's Parser. */
function both<T>(read: () => T): [T, T] {
  const fast = read();
  fastDocPath.enabled = false;
  try {
    return [fast, read()];
  } finally {
    fastDocPath.enabled = true;
  }
}

test('big documents: the same Documents (nodes, ranges, values), errors and messages as through the Parser', () => {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: big', 'data:'];
  for (let i = 0; i < 5000; i++) lines.push(`  k${i}: v${i}`);
  lines.push('  k7: again', 'other:', '    deep:', '      x: 1', '      n: null', '    y: yes', '    z: 0755', 'k:', ' v: 1.5');
  const text = lines.join('\n') + '\n';
  assert.ok(text.length >= FAST_DOC_FROM && simpleBlockMapDocument(text, OPTIONS[0]));
  for (const opts of [{ version: '1.1' as const, merge: true, prettyErrors: false }, {}, { schema: 'json' as const }]) {
    const [fast, slow] = both(() => readDocuments(text, opts));
    assert.equal(fast.length, 1);
    assert.deepEqual(fast.map(shape), slow.map(shape));
    assert.equal(fast[0].errors.filter((e) => e.code === 'DUPLICATE_KEY').length, 1);
    const [one, oneSlow] = both(() => readDocument(text, opts));
    assert.deepEqual(shape(one), shape(oneSlow));
  }
  const [pretty] = both(() => readDocument(text));
  assert.match(pretty.errors[0].message, /^Map keys must be unique at line 5006, column 3:/);
  // The same ParsedFile for the linter: resources, problems with their ranges.
  const [f, g] = both(() => parseFile('file:///big.yaml', text));
  assert.deepEqual(f.problems, g.problems);
  assert.deepEqual(
    f.resources.map((r) => r.obj),
    g.resources.map((r) => r.obj),
  );
  assert.deepEqual(rangeOf(f.resources[0], ['data', 'k4999'], 'key'), rangeOf(g.resources[0], ['data', 'k4999'], 'key'));
});
