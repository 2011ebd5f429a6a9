// The fast CST of core/manifest/fast-cst.ts must be the yaml library Parser's own, token for token,
// whenever it answers at all: generated documents of the simple shape (nested block mappings of
// plain `key: value` lines), and the same documents with one character changed (which the fast path
// must either refuse or still read exactly as the Parser does).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Parser, type Document } from 'yaml';
import { FAST_CST_FROM, simpleBlockMapCst } from '../../core/manifest/fast-cst';
import { fastCstPath, readDocument, readDocuments } from '../../core/manifest/read-yaml';
import { parseFile, rangeOf } from '../../core/manifest/parse';

/** A small deterministic PRNG (tests must be reproducible). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WORDS = ['a', 'k0', 'v1', 'apiVersion', 'x.y/z', 'my-key', '1', '0755', 'yes', 'null', 'true', '1.5', '_u', 'A1-b.c'];

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
    const key = WORDS[Math.floor(r() * WORDS.length)];
    pending = i < lines - 1 && r() < 0.25;
    out.push(`${' '.repeat(indent)}${key}:${pending ? '' : ' '.repeat(1 + Math.floor(r() * 2)) + WORDS[Math.floor(r() * WORDS.length)]}`);
  }
  return out.join('\n') + '\n';
}

const MUTATIONS = [' ', '\n', '#', '\t', '\r', '-', '"', "'", ':', '{', '[', '&', '*', '!', '|', '>', '?', '%', '@', '`', '~', ',', 'é'];

const parserCst = (text: string) => [...new Parser().parse(text)];

test('generated simple documents: the fast CST is the Parser’s', () => {
  const r = rng(20);
  let fast = 0;
  for (let i = 0; i < 400; i++) {
    const text = generate(r, 1 + Math.floor(r() * 30));
    const cst = simpleBlockMapCst(text);
    assert.ok(cst, text);
    assert.deepEqual([cst], parserCst(text), text);
    fast++;
  }
  assert.equal(fast, 400);
});

test('one character changed: the fast path refuses, or reads it exactly as the Parser does', () => {
  const r = rng(4);
  let refused = 0;
  for (let i = 0; i < 3000; i++) {
    const base = generate(r, 1 + Math.floor(r() * 12));
    const at = Math.floor(r() * (base.length + 1));
    const ch = MUTATIONS[Math.floor(r() * MUTATIONS.length)];
    const text = r() < 0.5 ? base.slice(0, at) + ch + base.slice(at) : base.slice(0, at) + ch + base.slice(at + 1);
    const cst = simpleBlockMapCst(text);
    if (!cst) refused++;
    else assert.deepEqual([cst], parserCst(text), JSON.stringify(text));
  }
  assert.ok(refused > 1000, `${refused} refused`);
});

/** The Documents of `text` with the fast path on, and with the library's Parser. */
function both<T>(read: () => T): [T, T] {
  const fast = read();
  fastCstPath.enabled = false;
  try {
    return [fast, read()];
  } finally {
    fastCstPath.enabled = true;
  }
}

test('big documents: the same Documents (nodes, ranges, values), errors and messages as through the Parser', () => {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: big', 'data:'];
  for (let i = 0; i < 5000; i++) lines.push(`  k${i}: v${i}`);
  lines.push('  k7: again', 'other:', '    deep:', '      x: 1', '      n: null', '    y: yes', '    z: 0755', 'k:', ' v: 1.5');
  const text = lines.join('\n') + '\n';
  assert.ok(text.length >= FAST_CST_FROM && simpleBlockMapCst(text));
  // Errors compared field by field (their stacks differ).
  const shape = (d: Document.Parsed) => ({
    contents: d.contents,
    range: d.range,
    comments: [d.comment, d.commentBefore],
    schema: d.schema.name,
    options: { ...d.options, lineCounter: undefined },
    errors: d.errors.map((e) => ({ ...e, message: e.message })),
    warnings: d.warnings.length,
  });
  for (const opts of [{ version: '1.1' as const, merge: true, prettyErrors: false }, {}]) {
    const [fast, slow] = both(() => readDocuments(text, opts));
    assert.equal(fast.length, 1);
    assert.deepEqual(fast.map(shape), slow.map(shape));
    assert.equal(fast[0].errors.length, 1);
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
