// Incremental re-parsing (core/manifest/incremental.ts through Workspace.set) must give exactly
// what a fresh parse gives: same documents, problems, resources, ranges and lint results.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { lintFile } from '../../core/lint';
import { incrementalParsing } from '../../core/manifest/incremental';
import { rangeOf, type ParsedFile } from '../../core/manifest/parse';
import { Workspace } from '../../core/workspace/index';
import { corpusRoot as CORPUS, corpusSkip, walk } from '../support/corpus';
import { objOf } from '../../core/k8s/guards';

const URI = 'file:///w/m.yaml';

const corpusFiles = (dir: string): string[] => walk(dir, ['.yaml', '.yml']);

function snapshot(ws: Workspace): unknown {
  const f = ws.get(URI) as ParsedFile;
  return {
    docs: f.docs.map((d) => [d.index, d.start, d.end, d.hasErrors, [...d.disabled]]),
    problems: f.problems.map((p) => [p.code, p.range, p.message]),
    resources: f.resources.map((r) => [
      r.kind,
      r.name,
      r.namespace,
      r.basePath,
      JSON.stringify(r.obj),
      rangeOf(r, ['metadata', 'name']),
      rangeOf(r, ['spec'], 'key'),
      rangeOf(r, ['kind'], 'key'),
    ]),
    lint: lintFile(ws, URI).map((d) => [d.code, d.range, d.severity, d.message, d.related]),
  };
}

/** The reference: a whole-stream parse (parseAllDocuments over the whole text), no segments. */
function fresh(text: string): unknown {
  incrementalParsing.enabled = false;
  try {
    const ws = new Workspace();
    ws.set(URI, text);
    return snapshot(ws);
  } finally {
    incrementalParsing.enabled = true;
  }
}

let seed = 42;
const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;

/** A deterministic edit that a person might make: type, delete, or add/remove a document marker. */
function edit(text: string): string {
  const at = rnd(text.length + 1);
  switch (rnd(6)) {
    case 0:
      return text.slice(0, at) + 'x' + text.slice(at);
    case 1:
      return text.slice(0, at) + text.slice(at + 1 + rnd(20));
    case 2: {
      const ls = text.lastIndexOf('\n', at) + 1;
      return text.slice(0, ls) + '---\n' + text.slice(ls);
    }
    case 3: {
      const m = text.indexOf('\n---', at);
      return m < 0 ? text + '\n---\nkind: Pod\n' : text.slice(0, m + 1) + text.slice(m + 4);
    }
    case 4:
      return text.slice(0, at) + '\n  extra: [1, 2\n' + text.slice(at);
    default:
      return text.slice(0, at) + '\n' + text.slice(at);
  }
}

describe('incremental parsing equals a fresh parse', () => {
  test('hand-written cases: edits before, inside and after documents, markers added and removed', () => {
    const a = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: v\n';
    const b = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: b\nstringData:\n  p: q\n  p: r\n';
    const c = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: c\nspec:\n  replica: 1\n';
    const versions = [
      `${a}---\n${b}---\n${c}`,
      `# header\n${a}---\n${b}---\n${c}`,
      `# header\n${a}---\n${b}---\n${c}---\n`,
      `# header\n${a}\n\n---\n${b}---\n# only a comment\n---\n${c}`,
      `# header\n${a}---\n${b.replace('name: b', 'name: bb')}---\n${c}`,
      `${a}${b}---\n${c}`,
      `${a}---\n${b}...\n---\n${c}`,
      `--- # marker with comment\n${a}--- \n${c}`,
      `${a}---\n  bad: [\n---\n${c}`,
      `${a}---\n${b}---\n${c}`,
      '',
      `${a}`,
    ];
    const ws = new Workspace();
    for (const v of versions) {
      ws.set(URI, v);
      assert.deepEqual(snapshot(ws), fresh(v), JSON.stringify(v));
    }
  });

  test('a first parse (segment by segment) equals a whole-stream parse on every corpus file', { skip: corpusSkip }, () => {
    for (const f of corpusFiles(CORPUS)) {
      const text = readFileSync(f, 'utf8');
      const ws = new Workspace();
      ws.set(URI, text);
      assert.deepEqual(snapshot(ws), fresh(text), f);
    }
  });

  test('a file with directives is parsed whole and still right', () => {
    const ws = new Workspace();
    const v1 = '%YAML 1.1\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n';
    ws.set(URI, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: z}\n---\nkind: Pod\n');
    ws.set(URI, v1);
    assert.deepEqual(snapshot(ws), fresh(v1));
  });

  test('a chain of random edits over the concatenated corpus', { skip: corpusSkip }, () => {
    const docs = corpusFiles(CORPUS)
      .slice(0, 60)
      .map((f) => readFileSync(f, 'utf8'));
    let text = docs.join('\n---\n');
    const ws = new Workspace();
    ws.set(URI, text);
    for (let i = 0; i < 40; i++) {
      text = edit(text);
      ws.set(URI, text);
      assert.deepEqual(snapshot(ws), fresh(text), `after edit ${i}`);
    }
  });

  test('an edit in one document decodes only that document: the others keep their decoded objects', () => {
    const a = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: v}\n';
    const b = 'apiVersion: v1\nkind: Secret\nmetadata: {name: b}\nstringData: {k: v}\n';
    const ws = new Workspace();
    const before = ws.set(URI, a + '---\n' + b);
    const [objA, objB] = before.resources.map((r) => r.obj);
    const after = ws.set(URI, a + '---\n' + b.replace('{k: v}', '{k: w}'));
    assert.equal(after.resources[0].obj, objA, 'the unchanged ConfigMap is the same object');
    assert.notEqual(after.resources[1].obj, objB, 'the edited Secret is decoded again');
    assert.equal(objOf(after.resources[1].obj.stringData).k, 'w');
    assert.deepEqual(snapshot(ws), fresh(a + '---\n' + b.replace('{k: v}', '{k: w}')));
  });
});
