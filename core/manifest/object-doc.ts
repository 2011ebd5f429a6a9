// A ParsedFile made from a decoded object instead of text. The API server's validation lints the
// object a request decoded (core/cluster/validation.ts); it used to write it out as JSON and parse
// that again as YAML, through the yaml library's slow general path (an 80,000-key ConfigMap: 1.6 s
// of a 1.9 s check). Here the object is read as parseFile read that text — compact JSON with one
// top-level field per line (`{`, `"key": <JSON.stringify(value)>,` …, `}`) — without the text:
//   - the same limits give the same problems: the text's length (file-too-large), brackets nested
//     deeper than MAX_FLOW_DEPTH, a mapping with more than MAX_MAP_KEYS keys;
//   - the same resource (parse.ts' collectResources), whose `obj` is the object itself (read-only
//     for the rules, as a decoded value always is);
//   - a path's range is where that text has it (the document's `pathRange`, used by rangeOf),
//     computed from JSON lengths for the reported paths only, so diagnostics come in the same order.
// There is no text (`text` is empty): locate() finds the one resource at any offset.
// test/unit/object-doc.test.ts compares the diagnostics with those of the text.
import { Document } from 'yaml';
import { collectResources, emptyFile, MAX_FILE_CHARS, MAX_FLOW_DEPTH, type ParsedDoc, type ParsedFile, type RangePart } from './parse';
import { MAX_MAP_KEYS } from './keys';
import { LineIndex } from './lines';
import type { JsonObject, KDiagnostic, ManifestMsg, Path, Range } from './types';

/** Whether JSON.stringify writes this member of an object (it leaves out undefined, functions and symbols). */
const written = (v: unknown) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol';

const isMapValue = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { toJSON?: unknown }).toJSON !== 'function';

/** Characters JSON.stringify escapes (quote, backslash, control characters, lone surrogates). */
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;
const stringLength = (s: string) => (ESCAPED.test(s) ? JSON.stringify(s).length : s.length + 2);

/** The length of a scalar (or an object with toJSON) as JSON.stringify writes it ('null' for what it cannot write). */
function scalarLength(v: unknown): number {
  if (typeof v === 'string') return stringLength(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v).length : 4;
  if (typeof v === 'boolean') return v ? 4 : 5;
  if (typeof v === 'bigint') return String(v).length;
  if (v === null || !written(v)) return 4;
  return JSON.stringify(v)?.length ?? 4;
}

interface Measure {
  /** JSON.stringify(value).length. */
  chars: number;
  /** The deepest bracket nesting (the value's own bracket is 1). */
  depth: number;
  /** How many mappings have more than MAX_MAP_KEYS keys. */
  crowded: number;
  /** Whether JSON.stringify changes something (a member it leaves out or writes as null, a toJSON): see plainJson. */
  unclean: boolean;
}

/** One pass over the value, with a stack of its own: a value nested 100,000 deep is measured, not a stack overflow. */
function measure(value: unknown): Measure {
  const m: Measure = { chars: 0, depth: 0, crowded: 0, unclean: false };
  const values: unknown[] = [value];
  const depths: number[] = [1];
  while (values.length) {
    const v = values.pop();
    const d = depths.pop()!;
    if (Array.isArray(v)) {
      if (d > m.depth) m.depth = d;
      m.chars += 2 + Math.max(0, v.length - 1);
      for (const e of v) {
        if (!written(e)) {
          m.chars += 4;
          m.unclean = true;
        } else {
          values.push(e);
          depths.push(d + 1);
        }
      }
    } else if (isMapValue(v)) {
      if (d > m.depth) m.depth = d;
      let n = 0;
      for (const k in v) {
        if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
        if (!written(v[k])) {
          m.unclean = true;
          continue;
        }
        n++;
        m.chars += stringLength(k) + 1;
        values.push(v[k]);
        depths.push(d + 1);
      }
      m.chars += 2 + Math.max(0, n - 1);
      if (n > MAX_MAP_KEYS) m.crowded++;
    } else {
      m.chars += scalarLength(v);
      if ((typeof v === 'object' && v !== null) || typeof v === 'bigint' || (typeof v === 'number' && !Number.isFinite(v))) m.unclean = true;
    }
  }
  return m;
}

/**
 * The value as JSON.parse(JSON.stringify(v)) gives it, without the text, for the rare object that is
 * not plain JSON already (a member set to undefined by a patch): the rules must not see what the
 * stored JSON will not have. (Nesting is within MAX_FLOW_DEPTH here.)
 */
function plainJson(v: unknown): unknown {
  if (Array.isArray(v)) return v.map((e) => (written(e) ? plainJson(e) : null));
  if (isMapValue(v)) {
    const out: JsonObject = {};
    for (const k of members(v)) Object.defineProperty(out, k, { value: plainJson(v[k]), writable: true, enumerable: true, configurable: true });
    return out;
  }
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  const s = JSON.stringify(v);
  return s === undefined ? null : (JSON.parse(s) as unknown);
}

/** The written members of a mapping, in JSON.stringify's order. */
function members(o: JsonObject): string[] {
  return Object.keys(o).filter((k) => written(o[k]));
}

/**
 * The text's layout, worked out on demand and remembered per collection, for one file (its
 * tables go with it: the object itself is stored by the API server and lives on):
 * `length` — JSON.stringify(v).length (a path's range adds up the lengths of what comes before it);
 * `offset` — where a child starts relative to its collection's bracket: a key's start for a
 * mapping, an item's for a sequence.
 */
interface Layout {
  length(v: unknown): number;
  offset(c: JsonObject | unknown[], seg: string | number): number;
}

function layout(): Layout {
  const lengths = new WeakMap<object, number>();
  const offsets = new WeakMap<object, Map<string, number> | number[]>();
  const length = (v: unknown): number => {
    if (!Array.isArray(v) && !isMapValue(v)) return scalarLength(v);
    let n = lengths.get(v);
    if (n === undefined) {
      if (Array.isArray(v)) {
        n = 1 + Math.max(1, v.length);
        for (const e of v) n += written(e) ? length(e) : 4;
      } else {
        const keys = members(v);
        n = 1 + Math.max(1, keys.length);
        for (const k of keys) n += stringLength(k) + 1 + length(v[k]);
      }
      lengths.set(v, n);
    }
    return n;
  };
  const offset = (c: JsonObject | unknown[], seg: string | number): number => {
    let l = offsets.get(c);
    if (!l) {
      let at = 1;
      if (Array.isArray(c)) {
        l = c.map((e) => {
          const here = at;
          at += (written(e) ? length(e) : 4) + 1;
          return here;
        });
      } else {
        const m = new Map<string, number>();
        for (const k of members(c)) {
          m.set(k, at);
          at += stringLength(k) + 1 + length(c[k]) + 1;
        }
        l = m;
      }
      offsets.set(c, l);
    }
    return Array.isArray(l) ? l[seg as number] : l.get(seg as string)!;
  };
  return { length, offset };
}

/** Where a node is in the text: its line, and its first and last character there. */
interface At {
  line: number;
  from: number;
  to: number;
}

/** The root, one top-level field per line: its first line is `{`. */
const ROOT: At = { line: 0, from: 0, to: 1 };

/**
 * The range of `path` as parse.ts' rangeInDoc gives it for the text (findNode's walk: last key
 * found, a list item's `name` key for a missing child of it, the key or the value by `part`).
 */
function rangeInObject(root: JsonObject, fields: string[], l: Layout, path: Path, part: RangePart): Range {
  let node: unknown = root;
  let nodeAt = ROOT;
  let key: At | undefined;
  let lastKey: At | undefined;
  let depth = 0;
  let lastWasIndex = false;
  let fieldIndex: Map<string, number> | undefined;
  for (const seg of path) {
    if (isMapValue(node)) {
      const k = String(seg);
      if (!Object.prototype.hasOwnProperty.call(node, k) || !written(node[k])) break;
      const value = node[k];
      if (node === root) {
        fieldIndex ??= new Map(fields.map((f, i) => [f, i]));
        const line = fieldIndex.get(k)! + 1;
        const kl = stringLength(k);
        key = { line, from: 0, to: kl };
        nodeAt = { line, from: kl + 2, to: kl + 2 + l.length(value) };
      } else {
        const from = nodeAt.from + l.offset(node, k);
        const kl = stringLength(k);
        key = { line: nodeAt.line, from, to: from + kl };
        nodeAt = { line: nodeAt.line, from: from + kl + 1, to: from + kl + 1 + l.length(value) };
      }
      lastKey = key;
      node = value;
      lastWasIndex = false;
    } else if (Array.isArray(node) && typeof seg === 'number') {
      if (!Number.isInteger(seg) || seg < 0 || seg >= node.length) break;
      const item: unknown = node[seg];
      const from = nodeAt.from + l.offset(node, seg);
      key = undefined;
      nodeAt = { line: nodeAt.line, from, to: from + (written(item) ? l.length(item) : 4) };
      node = item;
      lastWasIndex = true;
    } else break;
    depth++;
  }
  let n: At | undefined;
  if (depth === path.length) n = part === 'value' ? nodeAt : (key ?? nodeAt);
  else {
    // A missing child of a list item belongs on the item's `name` entry or its first key.
    if (lastWasIndex && isMapValue(node)) {
      const keys = members(node);
      const k = keys.includes('name') ? 'name' : keys[0];
      if (k !== undefined) {
        const from = nodeAt.from + l.offset(node, k);
        lastKey = { line: nodeAt.line, from, to: from + stringLength(k) };
      }
    }
    n = lastKey ?? nodeAt;
  }
  return { start: { line: n.line, character: n.from }, end: { line: n.line, character: n.to } };
}

/**
 * The file parseFile would make of `value` written as compact JSON with one top-level field per
 * line, and that text's length (`chars`, for size limits), without writing the text.
 */
export function objectFile(uri: string, decoded: JsonObject): { file: ParsedFile; chars: number } {
  const fields = members(decoded);
  const m = measure(decoded);
  // `{` `\n` … `\n` `}`, and `"key": value` lines joined by `,\n`: one more character per field for `: `, one per line break.
  const chars = fields.length ? m.chars + 2 * fields.length + 1 : 4;
  const lines = new LineIndex('');
  const file = emptyFile(uri, '', lines);
  file.looksLikeKubernetes = fields.includes('apiVersion') || fields.includes('kind');

  const problem = (code: string, message: ManifestMsg, severity: KDiagnostic['severity'] = 'error') =>
    file.problems.push({ uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, severity, code, message });
  if (chars > MAX_FILE_CHARS) {
    file.tooLarge = true;
    problem('file-too-large', { id: 'file-too-large', args: { size: Math.round(chars / 1024 / 1024), max: MAX_FILE_CHARS / 1024 / 1024 } }, 'info');
    return { file, chars };
  }
  // The text's brackets: its own `{` is the value's.
  if (m.depth > MAX_FLOW_DEPTH) {
    problem('yaml-syntax', { id: 'yaml-too-deep', args: { max: MAX_FLOW_DEPTH } });
    return { file, chars };
  }
  const value = m.unclean ? (plainJson(decoded) as JsonObject) : decoded;
  const text = layout();
  const doc: ParsedDoc = {
    index: 0,
    file,
    // No nodes: the rules read `obj`, and ranges come from paths.
    yaml: new Document() as Document.Parsed,
    start: 0,
    end: 0,
    hasErrors: m.crowded > 0,
    resources: [],
    disabled: new Set(),
    pathRange: (path, part) => rangeInObject(value, fields, text, path, part),
  };
  file.docs.push(doc);
  for (let i = 0; i < m.crowded; i++) problem('yaml-syntax', { id: 'yaml-too-many-keys', args: { max: MAX_MAP_KEYS } });
  if (!doc.hasErrors) collectResources(file, doc, value, []);
  return { file, chars };
}
