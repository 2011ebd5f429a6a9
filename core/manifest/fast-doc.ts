// A fast path for the yaml library on the one shape that gets huge: block mappings of plain
// `key: value` lines (a generated ConfigMap, 80,000 labels). The library's Parser drives several
// nested generators per token and its Composer then walks a token tree with a props object, a
// closure and a result object per node: ~9 objects per line for the CST alone, all alive until the
// Document is built, which made the garbage collector the largest cost of an 80,000-key file. This
// reads such a text in one scan per line and builds the Document's nodes
// directly: a YAMLMap per mapping, a Pair and two plain Scalars per line, with the ranges, types,
// sources and formats the Composer gives them. Scalars are typed by the Document's own schema, as
// the Composer does it (the first default tag whose `test` matches, else the string tag), so
// `yes`, `0755`, `1.5`, `null` read as the library reads them in YAML 1.1 and 1.2, and the empty
// Document around them (options, directives, schema) is made by the library's Composer. The plain
// value (what `toJS()` returns) is built in the same scan, for the first reader to take.
// Anything outside the shape (comments, blank lines, quotes, sequences, flow collections, `---`,
// tabs, CRLF, trailing spaces, a key without a value that does not open a nested mapping, odd
// indentation, keys over 1,024 characters) or an option that changes composing (`compat`,
// `stringKeys`, `keepSourceTokens`, and `uniqueKeys` unless false: read-yaml.ts checks keys itself)
// returns undefined and the library reads the text.
// test/unit/fast-doc.test.ts compares the Documents with the library's on generated documents.
import { Composer, isScalar, Pair, Scalar, YAMLMap, YAMLParseError, type CST, type Document, type ParsedNode, type Schema, type ScalarTag } from 'yaml';

/** Below this size the library's Parser is fast enough, and every document keeps its usual path. */
export const FAST_DOC_FROM = 64 * 1024;

/** A longer implicit key is an error for the Composer (KEY_OVER_1024_CHARS): such lines go to the library. */
const MAX_KEY = 1024;

/** Characters of a plain scalar here: letters, digits, `_` (also first), `.`, `/`, `-`. */
const PLAIN = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z0-9_]/.test(ch)) PLAIN[c] = 2;
  else if (/[./-]/.test(ch)) PLAIN[c] = 1;
}
/** The end of the plain scalar starting at `i` (i when there is none). */
function plainEnd(text: string, i: number): number {
  let c = text.charCodeAt(i);
  if (!(c < 128 && PLAIN[c] === 2)) return i;
  do c = text.charCodeAt(++i);
  while (c < 128 && PLAIN[c] !== 0);
  return i;
}

/** What the library's Composer makes of an empty document: the Document with its options, directives and schema, no contents yet. */
function emptyDocument(opts: ConstructorParameters<typeof Composer>[0]): Document.Parsed {
  const token: CST.Document = { type: 'document', offset: 0, start: [] };
  const [doc] = new Composer<ParsedNode, true>(opts).compose([token]);
  // Its placeholder contents (an empty scalar) are replaced, and with them what the schema said of it (`json`: not a value).
  doc.errors.length = 0;
  doc.warnings.length = 0;
  return doc;
}

/** The string tag, used when no other tag's test matches (the library's `schema[SCALAR]`). */
const SCALAR = Symbol.for('yaml.scalar');

/**
 * The plain scalar `source` at `offset` as the Composer makes it (composeScalar, findScalarTagByTest):
 * `after` is the end of the node with what follows it on its line (range[2]).
 */
type ReadScalar = (source: string, offset: number, after: number, atKey: boolean) => Scalar.Parsed;

function scalarReader(doc: Document.Parsed): ReadScalar {
  const schema = doc.schema as Schema & { [SCALAR]: ScalarTag };
  const scalarTags = schema.tags.filter((t): t is ScalarTag => !t.collection && t.test !== undefined);
  const keyTags = scalarTags.filter((t) => t.default === true || t.default === 'key');
  const valueTags = scalarTags.filter((t) => t.default === true);
  const fallback = schema[SCALAR];
  const options = doc.options;
  // Where a tag's complaint belongs: the scalar being resolved (one function for all, not a closure per scalar).
  let from = 0;
  let to = 0;
  const failed = (message: string) => doc.errors.push(new YAMLParseError([from, to], 'TAG_RESOLVE_FAILED', message));
  return (source, offset, after, atKey) => {
    let tag = fallback;
    for (const t of atKey ? keyTags : valueTags) {
      if (t.test!.test(source)) {
        tag = t;
        break;
      }
    }
    const end = offset + source.length;
    from = offset;
    to = end;
    let scalar: Scalar;
    try {
      const res = tag.resolve(source, failed, options);
      scalar = isScalar(res) ? res : new Scalar(res);
    } catch (error) {
      failed(error instanceof Error ? error.message : String(error));
      scalar = new Scalar(source);
    }
    scalar.range = [offset, end, after];
    scalar.source = source;
    scalar.type = Scalar.PLAIN;
    if (tag.format) scalar.format = tag.format;
    return scalar as Scalar.Parsed;
  };
}

type BlockMap = YAMLMap.Parsed<Scalar.Parsed, ParsedNode>;
/** A new mapping starting at `offset` (its end is set when it closes). */
const newMap = (doc: Document.Parsed, offset: number) => Object.assign(new YAMLMap(doc.schema), { range: [offset, 0, 0] }) as BlockMap;

interface Open {
  map: BlockMap;
  indent: number;
  /** The mapping's plain value, built with it. */
  obj: Record<string, unknown>;
  /** Whether a key's name came again (in the plain value: the duplicate-key check then looks at the keys). */
  repeated: boolean;
}
/** A mapping ends where the next line (or the text) starts: that offset ends its range, as its last value's. */
const close = (o: Open, at: number) => (o.map.range = [o.map.range[0], at, at]);

/** A key's name in a plain object, as toJS gives it (stringifyKey), or undefined for any other key (a timestamp reads as a Date): toJS names those. */
function jsKey(v: unknown): string | undefined {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return undefined;
}
/**
 * Sets `key` as toJS does (addPairToJSMap: defined, never assigned), and says whether the object
 * had it already. Assigning is the same for any other name: an own key is a writable data property
 * by then, and Object.prototype's only setter is `__proto__`. One lookup for a new name, not `in`'s
 * two (own, then the prototype's): every lookup in a 80,000-key object misses the CPU's caches.
 */
function setKey(obj: Record<string, unknown>, key: string, value: unknown): boolean {
  const had = Object.hasOwn(obj, key);
  if (!had && key === '__proto__') Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  else obj[key] = value;
  return had;
}

/** Mappings made here whose keys all have distinct names in the plain value: distinct keys (equal keys have equal names). */
const distinctKeys = new WeakSet<YAMLMap>();

/** Whether `map` was made here with keys known to be distinct (the duplicate-key check can skip it: keys.ts). */
export const hasDistinctKeys = (map: YAMLMap): boolean => distinctKeys.has(map);

/** The plain values built with the Documents, until taken (takePlainValue). */
const plainValues = new WeakMap<Document.Parsed, unknown>();

/**
 * The plain value of a Document made here, as its `toJS()` gives it (no aliases, merge keys or
 * tags here: mappings of scalars' values), built in the same scan. Taken once, right after reading,
 * before anyone can change the Document: a second call, or any other Document, gets undefined.
 */
export function takePlainValue(doc: Document.Parsed): { value: unknown } | undefined {
  if (!plainValues.has(doc)) return undefined;
  const value = plainValues.get(doc);
  plainValues.delete(doc);
  return { value };
}

/** The Document the library would read from `text` (parseDocument or parseAllDocuments' only one), or undefined when `text` is not of the simple shape. */
export function simpleBlockMapDocument(text: string, opts: ConstructorParameters<typeof Composer>[0]): Document.Parsed | undefined {
  if (!text.endsWith('\n') || !/^[A-Za-z0-9_]/.test(text)) return undefined;
  const doc = emptyDocument(opts);
  // Options that change composing; uniqueKeys is read-yaml's own check, made after this (keys.ts).
  if (doc.schema.compat || doc.options.stringKeys || doc.options.keepSourceTokens || doc.options.uniqueKeys !== false) return undefined;
  const read = scalarReader(doc);
  const root = newMap(doc, 0);
  const open: Open[] = [{ map: root, indent: 0, obj: {}, repeated: false }];
  /** Every mapping, for the duplicate-key check (distinctKeys). */
  const maps: Open[] = [open[0]];
  /** Whether every key has a plain name (else toJS makes the plain value). */
  let plain = true;
  /** The pair whose key ended its line with `:`: the next line must open its nested mapping. */
  let pending: { pair: Pair<Scalar.Parsed, ParsedNode>; indent: number; obj: Record<string, unknown>; owner: Open; name: string | undefined } | undefined;
  let at = 0;
  while (at < text.length) {
    // One line: indentation, a plain key, and either `: value` or `:` alone (a nested mapping follows).
    let ko = at;
    while (text.charCodeAt(ko) === 32) ko++;
    const co = plainEnd(text, ko);
    if (co === ko || co - ko > MAX_KEY || text.charCodeAt(co) !== 58) return undefined;
    let vo = co + 1;
    while (text.charCodeAt(vo) === 32) vo++;
    const ve = vo > co + 1 ? plainEnd(text, vo) : vo;
    if (text.charCodeAt(ve) !== 10 || (ve === vo && vo !== co + 1)) return undefined;
    const n = ko - at;
    if (pending) {
      // `key:` then a deeper line: a nested mapping starting at this key.
      if (n <= pending.indent) return undefined;
      const map = newMap(doc, ko);
      const obj = {};
      pending.pair.value = map;
      if (plain && setKey(pending.obj, pending.name!, obj)) pending.owner.repeated = true;
      const o: Open = { map, indent: n, obj, repeated: false };
      open.push(o);
      maps.push(o);
    } else {
      while (open.length > 1 && n < open[open.length - 1].indent) close(open.pop()!, at);
      if (n !== open[open.length - 1].indent) return undefined;
    }
    const top = open[open.length - 1];
    const key = read(text.slice(ko, co), ko, co, true);
    const name = jsKey(key.value);
    if (name === undefined) plain = false;
    const pair = new Pair<Scalar.Parsed, ParsedNode>(key);
    top.map.items.push(pair);
    if (ve === vo) {
      pending = { pair, indent: n, obj: top.obj, owner: top, name };
    } else {
      pending = undefined;
      const value = read(text.slice(vo, ve), vo, ve + 1, false);
      pair.value = value;
      if (plain && setKey(top.obj, name!, value.value)) top.repeated = true;
    }
    at = ve + 1;
  }
  if (pending) return undefined;
  for (const o of open) close(o, text.length);
  doc.contents = root;
  doc.range = [0, text.length, text.length];
  if (plain) {
    plainValues.set(doc, open[0].obj);
    for (const o of maps) if (!o.repeated) distinctKeys.add(o.map);
  }
  return doc;
}
