// Every YAML read of the code base goes through here, so that none of them runs the `yaml` library's
// own duplicate-key check: it compares each key with every earlier key of its mapping (O(n²): an
// 80,000-key mapping took 28 s). Documents are parsed with `uniqueKeys: false` and checked by
// checkMapKeys (one Set per mapping): the same DUPLICATE_KEY errors, at the same positions, in linear
// time. test/unit/yaml-linear.test.ts counts key comparisons through each entry point.
import {
  LineCounter,
  parseAllDocuments,
  parseDocument,
  type Document,
  type DocumentOptions,
  type ParseOptions,
  type SchemaOptions,
  type ToJSOptions,
  type YAMLError,
} from 'yaml';
import { checkMapKeys, MAX_MAP_KEYS } from './keys';
import { FAST_DOC_FROM, hasDistinctKeys, simpleBlockMapDocument, takePlainValue } from './fast-doc';

/** The options our callers pass (the duplicate-key check is ours, never the library's). */
export type ReadOptions = Omit<ParseOptions & DocumentOptions & SchemaOptions, 'uniqueKeys' | 'lineCounter'>;

/** Tests switch the fast path (fast-doc.ts) off to compare with the library's Parser and Composer. */
export const fastDocPath = { enabled: true };

/** A large text of the simple shape, read by fast-doc.ts: the one Document parseAllDocuments or parseDocument would return, or undefined. */
function readSimple(text: string, opts: ReadOptions & ParseOptions, lc?: LineCounter): Document.Parsed | undefined {
  if (!fastDocPath.enabled || text.length < FAST_DOC_FROM) return undefined;
  const doc = simpleBlockMapDocument(text, opts);
  if (doc && lc) {
    // What the Parser would have told the line counter: the start of every line, and the end.
    lc.addNewLine(0);
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lc.addNewLine(i + 1);
  }
  return doc;
}

/** Like yaml's parseAllDocuments, with linear duplicate-key detection. Always an array (empty for an empty stream). */
export function readDocuments(text: string, opts: ReadOptions = {}): Document.Parsed[] {
  const lc = opts.prettyErrors !== false ? new LineCounter() : undefined;
  const o = { ...opts, uniqueKeys: false, prettyErrors: false, lineCounter: lc };
  const simple = readSimple(text, o, lc);
  const parsed = simple ? [simple] : parseAllDocuments(text, o);
  const docs = Array.isArray(parsed) ? parsed : [parsed];
  for (const d of docs) {
    checkMapKeys(d, MAX_MAP_KEYS, hasDistinctKeys);
    if (lc) for (const e of [...d.errors, ...d.warnings]) prettify(text, lc, e);
  }
  return docs;
}

/** Like yaml's parseDocument, with linear duplicate-key detection (errors prettified unless `prettyErrors: false`, as there). */
export function readDocument(text: string, opts: ReadOptions = {}): Document.Parsed {
  const pretty = opts.prettyErrors !== false;
  const lc = pretty ? new LineCounter() : undefined;
  const o = { ...opts, uniqueKeys: false, prettyErrors: false, lineCounter: lc };
  const doc = readSimple(text, o, lc) ?? parseDocument(text, o);
  checkMapKeys(doc, MAX_MAP_KEYS, hasDistinctKeys);
  if (lc) for (const e of [...doc.errors, ...doc.warnings]) prettify(text, lc, e);
  return doc;
}

/** Like yaml's `parse`: the plain value of a single document; throws its first error. */
export function readYaml(text: string, opts: ReadOptions & Pick<ToJSOptions, 'maxAliasCount'> = {}): unknown {
  const { maxAliasCount, ...read } = opts;
  const doc = readDocument(text, read);
  if (doc.errors.length) throw doc.errors[0];
  return plainValue(doc, maxAliasCount);
}

/**
 * `doc.toJS({ maxAliasCount })` for a Document just read here: a large simple one (fast-doc.ts) has
 * its value built already, the first time it is asked for; any other is converted by the library.
 */
export function plainValue(doc: Document.Parsed, maxAliasCount?: number): unknown {
  const taken = takePlainValue(doc);
  return taken ? taken.value : doc.toJS({ maxAliasCount });
}

/** The yaml library's own error prettifier (not exported by it): `… at line L, column C:` and the line with a pointer. */
function prettify(src: string, lc: LineCounter, error: YAMLError): void {
  if (error.pos[0] === -1) return;
  error.linePos = error.pos.map((pos) => lc.linePos(pos)) as [ReturnType<LineCounter['linePos']>, ReturnType<LineCounter['linePos']>];
  const { line, col } = error.linePos[0];
  error.message += ` at line ${line}, column ${col}`;
  let ci = col - 1;
  let lineStr = src.substring(lc.lineStarts[line - 1], lc.lineStarts[line]).replace(/[\n\r]+$/, '');
  if (ci >= 60 && lineStr.length > 80) {
    const trimStart = Math.min(ci - 39, lineStr.length - 79);
    lineStr = '…' + lineStr.substring(trimStart);
    ci -= trimStart - 1;
  }
  if (lineStr.length > 80) lineStr = lineStr.substring(0, 79) + '…';
  if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
    let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
    if (prev.length > 80) prev = prev.substring(0, 79) + '…\n';
    lineStr = prev + lineStr;
  }
  if (/[^ ]/.test(lineStr)) {
    let count = 1;
    const end = error.linePos[1];
    if (end?.line === line && end.col > col) count = Math.max(1, Math.min(end.col - col, 80 - ci));
    error.message += `:\n\n${lineStr}\n${' '.repeat(ci)}${'^'.repeat(count)}\n`;
  }
}
