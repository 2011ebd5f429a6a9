// A fast path for the yaml library's Parser on the one shape that gets huge: block mappings of plain
// `key: value` lines (a generated ConfigMap, 80,000 labels). The library's Parser drives several
// nested generators per token and costs ~60% of reading such a file; this builds the same CST (the
// concrete syntax tree the library's Composer turns into a Document) in one scan of each line. The Composer still does everything else — scalar types, ranges, errors — so the Document is
// the library's own. Anything outside the shape (comments, blank lines, quotes, sequences, flow
// collections, `---`, tabs, CRLF, trailing spaces, a key without a value that does not open a
// nested mapping, odd indentation) returns undefined and the library's Parser reads the text.
// test/unit/fast-cst.test.ts compares the CST with the Parser's on generated documents.
import type { CST } from 'yaml';

/** Below this size the library's Parser is fast enough, and every document keeps its usual path. */
export const FAST_CST_FROM = 64 * 1024;

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
const spaces: string[] = [];
const spacesOf = (n: number) => (spaces[n] ??= ' '.repeat(n));

type Item = CST.BlockMap['items'][number];
const tok = (type: 'space' | 'newline' | 'map-value-ind', offset: number, indent: number, source: string): CST.SourceToken => ({
  type,
  offset,
  indent,
  source,
});

/** The CST document the library's Parser would produce for `text`, or undefined when `text` is not of the simple shape. */
export function simpleBlockMapCst(text: string): CST.Document | undefined {
  if (!text.endsWith('\n')) return undefined;
  const root: CST.BlockMap = { type: 'block-map', offset: 0, indent: 0, items: [] };
  const open: CST.BlockMap[] = [root];
  /** The item whose key ended its line with `:`: the next line must open its nested mapping. */
  let pending: { item: Item; indent: number } | undefined;
  let at = 0;
  while (at < text.length) {
    // One line: indentation, a plain key, and either `: value` or `:` alone (a nested mapping follows).
    let ko = at;
    while (text.charCodeAt(ko) === 32) ko++;
    const co = plainEnd(text, ko);
    if (co === ko || text.charCodeAt(co) !== 58) return undefined;
    let vo = co + 1;
    while (text.charCodeAt(vo) === 32) vo++;
    const ve = vo > co + 1 ? plainEnd(text, vo) : vo;
    if (text.charCodeAt(ve) !== 10 || (ve === vo && vo !== co + 1)) return undefined;
    const n = ko - at;
    const sp = spacesOf(n);
    const key = text.slice(ko, co);
    const value = ve > vo ? text.slice(vo, ve) : undefined;
    const gap = spacesOf(vo - co - 1);
    const lead = n > 0 ? [tok('space', at, 0, sp)] : [];
    const item: Item = { start: [], key: { type: 'scalar', offset: ko, indent: n, source: key }, sep: [tok('map-value-ind', co, n, ':')] };
    if (pending) {
      // `key:` then a deeper line: the newline and the indentation belong to the key's separator.
      if (n <= pending.indent) return undefined;
      pending.item.sep!.push(tok('newline', at - 1, pending.indent, '\n'), ...lead);
      const map: CST.BlockMap = { type: 'block-map', offset: ko, indent: n, items: [item] };
      pending.item.value = map;
      open.push(map);
    } else {
      while (open.length > 1 && n < open[open.length - 1].indent) open.pop();
      const map = open[open.length - 1];
      if (n !== map.indent) return undefined;
      item.start = lead;
      map.items.push(item);
    }
    if (value === undefined) {
      pending = { item, indent: n };
    } else {
      pending = undefined;
      item.sep.push(tok('space', co + 1, n, gap));
      item.value = { type: 'scalar', offset: vo, indent: n, source: value, end: [tok('newline', vo + value.length, n, '\n')] };
    }
    at = ve + 1;
  }
  if (pending || !root.items.length) return undefined;
  return { type: 'document', offset: 0, start: [], value: root };
}
