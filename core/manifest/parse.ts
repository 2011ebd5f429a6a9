// YAML/JSON text → documents → Kubernetes resources, each able to map a path back to a source range.
// Parsing uses the `yaml` library with YAML 1.1 semantics, as Kubernetes' own decoder
// (sigs.k8s.io/yaml over go-yaml v2) does: `yes`/`on` are booleans, `0755` is octal.
// Its messages are typed by ManifestMessages (core/manifest/types.ts): core/i18n, which sits above this layer, holds their texts.
import { isObj, scalarText } from './text';
import { isAlias, isMap, isScalar, isSeq, type Document, type Pair, type ParsedNode } from 'yaml';
import { parseDocsIncremental } from './incremental';
import { lastPairOf, MAX_MAP_KEYS, TOO_MANY_KEYS } from './keys';
import { plainValue, readDocuments } from './read-yaml';
import { LineIndex } from './lines';
import type { JsonObject, KDiagnostic, ManifestMsg, Msg, Path, Range } from './types';

/** One of the YAML reader's messages, its arguments checked against ManifestMessages. */
const problem = (m: ManifestMsg): Msg => m;

/** Larger files are skipped with a notice rather than parsed (a 10 MB generated file is not hand-written YAML). */
export const MAX_FILE_CHARS = 5 * 1024 * 1024;
/** Aliases expanded per document before we call it a YAML bomb. */
export const MAX_ALIAS_COUNT = 200;
/** Flow collections nested deeper than this are refused (no real manifest comes near it). */
export const MAX_FLOW_DEPTH = 1000;

export interface Resource {
  uri: string;
  doc: ParsedDoc;
  /** Where this resource's object sits in its document: [] or ['items', i] for a `kind: List`. */
  basePath: Path;
  apiVersion: string;
  kind: string;
  name: string | undefined;
  namespace: string | undefined;
  /** The plain JS value of the resource (aliases expanded, YAML 1.1 scalars). */
  obj: JsonObject;
  /**
   * For a rendered object (a Kustomize overlay's output), where a path's value was set when a file
   * other than `doc` set it (the overlay's kustomization line, a patch); undefined = in `doc`.
   */
  locate?: (path: Path, part: RangePart) => { uri: string; range: Range } | undefined;
}

export interface ParsedDoc {
  index: number;
  file: ParsedFile;
  yaml: Document.Parsed;
  /** Offsets of the document in the file text. */
  start: number;
  end: number;
  hasErrors: boolean;
  resources: Resource[];
  /** Codes disabled for the whole document by `# kube-dorm-disable [CODE...]` ('*' = all). */
  disabled: Set<string>;
  /** A document made from a decoded object, without text (./object-doc.ts): the range of a path, instead of `yaml`'s nodes. */
  pathRange?: (path: Path, part: RangePart) => Range;
}

export interface ParsedFile {
  uri: string;
  text: string;
  lines: LineIndex;
  /** Contains Helm/Go template markers: not validated as Kubernetes YAML. */
  templated: boolean;
  /** Mentions apiVersion/kind at the start of a line: syntax errors are worth reporting. */
  looksLikeKubernetes: boolean;
  tooLarge: boolean;
  docs: ParsedDoc[];
  resources: Resource[];
  /** Diagnostics found while parsing: yaml-syntax, duplicate-key, file-too-large. */
  problems: KDiagnostic[];
  /** `# kube-dorm-disable-next-line [CODE...]`: line number → codes ('*' = all). */
  disabledLines: Map<number, Set<string>>;
  /** Every suppression comment, with the reason written after ` -- ` (for `--require-reasons`). */
  suppressions: Suppression[];
}

export interface Suppression {
  /** 0-based line of the comment. */
  line: number;
  codes: string[];
  reason: string | undefined;
}

const TEMPLATE_RE = /\{\{[\s\S]*?\}\}|\{\{-|-\}\}/;
const K8S_HINT_RE = /^\s*(?:-\s+)?["']?(?:apiVersion|kind)["']?\s*:/m;
const DISABLE_NEXT_RE = /#\s*kube-dorm-disable-next-line\b([^\n\r]*)/;
const DISABLE_DOC_RE = /#\s*kube-dorm-disable(?![-\w])([^\n\r]*)/;

/** `CODE, CODE -- reason`: the codes before ` -- ` and the reason after it. */
function splitReason(rest: string): { codes: string; reason: string | undefined } {
  const m = /(?:^|\s)--(?:\s|$)/.exec(rest);
  if (!m) return { codes: rest, reason: undefined };
  const reason = rest.slice(m.index + m[0].length).trim();
  return { codes: rest.slice(0, m.index), reason: reason || undefined };
}

function parseCodes(rest: string): Set<string> {
  const codes = splitReason(rest)
    .codes.split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => /^[a-z0-9-]+$/.test(s));
  return new Set(codes.length ? codes : ['*']);
}

export function isSuppressed(file: ParsedFile, code: string, line: number): boolean {
  const l = file.disabledLines.get(line);
  if (l && (l.has('*') || l.has(code))) return true;
  const offset = file.lines.lineStart(line);
  for (const d of file.docs) {
    if (offset >= d.start && offset <= d.end) return d.disabled.has('*') || d.disabled.has(code);
  }
  return false;
}

/** A ParsedFile of `text` before anything in it is read: no documents, resources or problems. */
export function emptyFile(uri: string, text: string, lines: LineIndex): ParsedFile {
  return {
    uri,
    text,
    lines,
    templated: false,
    looksLikeKubernetes: false,
    tooLarge: false,
    docs: [],
    resources: [],
    problems: [],
    disabledLines: new Map(),
    suppressions: [],
  };
}

/**
 * `previous`: the ParsedFile this text replaces, when the caller drops it afterwards (Workspace.set);
 * unchanged YAML documents are then reused instead of parsed again (see incremental.ts). Documents
 * are always parsed segment by segment, so that the first edit of a file is incremental too.
 */
export function parseFile(uri: string, rawText: string, previous?: ParsedFile): ParsedFile {
  // A leading BOM is left in place: the yaml library skips it and offsets keep matching the editor's text.
  const text = rawText;
  const lines = new LineIndex(text);
  const file = emptyFile(uri, text, lines);
  if (text.length > MAX_FILE_CHARS) {
    file.tooLarge = true;
    file.looksLikeKubernetes = K8S_HINT_RE.test(text.slice(0, 64 * 1024));
    file.problems.push({
      uri,
      range: lines.range(0, 0),
      severity: 'info',
      code: 'file-too-large',
      message: problem({ id: 'file-too-large', args: { size: Math.round(text.length / 1024 / 1024), max: MAX_FILE_CHARS / 1024 / 1024 } }),
    });
    return file;
  }
  file.looksLikeKubernetes = K8S_HINT_RE.test(text);
  if (TEMPLATE_RE.test(text)) {
    file.templated = true;
    return file;
  }
  // Most files have no suppression comment: their lines are not cut out one by one.
  const anyDisable = text.includes('kube-dorm-disable');
  for (let line = 0; anyDisable && line < lines.lineCount; line++) {
    const lt = lines.lineText(line);
    if (!lt.includes('kube-dorm-disable')) continue;
    const m = DISABLE_NEXT_RE.exec(lt) ?? DISABLE_DOC_RE.exec(lt);
    if (!m) continue;
    if (m[0].includes('next-line')) file.disabledLines.set(line + 1, parseCodes(m[1]));
    file.suppressions.push({ line, codes: [...parseCodes(m[1])], reason: splitReason(m[1]).reason });
  }
  if (text.includes('\u0000')) {
    if (file.looksLikeKubernetes) {
      const at = text.indexOf('\u0000');
      file.problems.push({
        uri,
        range: lines.range(at, at + 1),
        severity: 'error',
        code: 'yaml-syntax',
        message: problem({ id: 'yaml-nul' }),
      });
    }
    return file;
  }

  const deep = flowDepthOver(text, MAX_FLOW_DEPTH);
  if (deep >= 0) {
    if (file.looksLikeKubernetes) {
      file.problems.push({
        uri,
        range: lines.range(deep, deep + 1),
        severity: 'error',
        code: 'yaml-syntax',
        message: problem({ id: 'yaml-too-deep', args: { max: MAX_FLOW_DEPTH } }),
      });
    }
    return file;
  }

  let yamlDocs: Document.Parsed[];
  try {
    // Duplicate keys are found in linear time (read-yaml.ts), not by the yaml library's quadratic check.
    const parseYaml = (src: string): Document.Parsed[] => readDocuments(src, { version: '1.1', merge: true, prettyErrors: false, logLevel: 'error' });
    yamlDocs = parseDocsIncremental(text, previous, file, parseYaml) || parseYaml(text);
  } catch (e) {
    if (file.looksLikeKubernetes) {
      file.problems.push({
        uri,
        range: lines.range(0, 0),
        severity: 'error',
        code: 'yaml-syntax',
        message: problem({ id: 'yaml-unparseable', args: { detail: String((e as Error).message ?? e).slice(0, 200) } }),
      });
    }
    return file;
  }

  yamlDocs.forEach((yd, index) => {
    const [start, , end] = yd.range ?? [0, 0, text.length];
    const doc: ParsedDoc = { index, file, yaml: yd, start, end, hasErrors: yd.errors.length > 0, resources: [], disabled: new Set() };
    file.docs.push(doc);
    const docText = text.slice(start, end);
    const dm = DISABLE_DOC_RE.exec(docText);
    if (dm) doc.disabled = parseCodes(dm[1]);

    for (const err of yd.errors) {
      const [a, b] = err.pos;
      const dup = err.code === 'DUPLICATE_KEY';
      file.problems.push({
        uri,
        range: lines.range(a, Math.max(b, a + 1)),
        severity: 'error',
        code: dup ? 'duplicate-key' : 'yaml-syntax',
        message: dup
          ? problem({ id: 'duplicate-key', args: { key: keyTextAt(text, a) } })
          : err.message === TOO_MANY_KEYS
            ? problem({ id: 'yaml-too-many-keys', args: { max: MAX_MAP_KEYS } })
            : problem({ id: 'yaml-syntax', args: { detail: err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '') } }),
      });
    }
    // Duplicate keys are well-formed otherwise: the document is still read (last value wins, as in kubectl).
    const onlyDuplicates = yd.errors.every((e) => e.code === 'DUPLICATE_KEY');
    if (!onlyDuplicates) return;

    let value: unknown;
    try {
      value = decoded(yd);
    } catch (e) {
      doc.hasErrors = true;
      const alias = /alias/i.test(String((e as Error).message));
      file.problems.push({
        uri,
        range: lines.range(start, Math.min(end, lines.lineEnd(lines.position(start).line))),
        severity: 'error',
        code: 'yaml-syntax',
        message: alias
          ? problem({ id: 'yaml-alias-bomb', args: { max: MAX_ALIAS_COUNT } })
          : problem({ id: 'yaml-unparseable', args: { detail: String((e as Error).message).slice(0, 200) } }),
      });
      return;
    }
    collectResources(file, doc, value, []);
  });

  // Parse problems in files that are clearly not Kubernetes manifests are for other tools to report.
  if (!file.looksLikeKubernetes) file.problems = file.problems.filter((p) => p.code === 'file-too-large');
  return file;
}

/**
 * The plain JS value of a yaml Document, decoded once per Document: the incremental parser reuses
 * unchanged Documents, so a keystroke decodes only the document it touched. A decoding failure
 * (alias bomb) is remembered and thrown again. Callers treat the value as read-only.
 */
const decodedValues = new WeakMap<Document.Parsed, { value: unknown } | { error: unknown }>();
function decoded(yd: Document.Parsed): unknown {
  let d = decodedValues.get(yd);
  if (!d) {
    try {
      d = { value: plainValue(yd, MAX_ALIAS_COUNT) };
    } catch (error) {
      d = { error };
    }
    decodedValues.set(yd, d);
  }
  if ('error' in d) throw d.error;
  return d.value;
}

/**
 * Offset where `[`/`{` nesting first exceeds `max` (outside quotes and comments), or -1.
 * A cheap pre-scan: 100k-deep nesting is refused at once instead of costing the parser half a second.
 */
function flowDepthOver(text: string, max: number): number {
  let depth = 0;
  // The next line break after i, found once per line (one long line of JSON has many quotes).
  let nl = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) {
      if (++depth > max) return i;
    } else if (c === 93 || c === 125) {
      if (depth > 0) depth--;
    } else if (c === 34 || c === 39) {
      if (nl !== text.length && nl <= i) {
        nl = text.indexOf('\n', i + 1);
        if (nl < 0) nl = text.length;
      }
      const end = text.indexOf(c === 34 ? '"' : "'", i + 1);
      // A quote that closes on the same line is skipped; otherwise it is just a character.
      if (end > 0 && end < nl) i = end;
    } else if (c === 35 && (i === 0 || text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 10)) {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? text.length : eol;
    }
  }
  return -1;
}

/** The text of the mapping key starting at `offset` (the yaml library points at its first character). */
function keyTextAt(text: string, offset: number): string {
  const m = /^("(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|[^:\n\r]*)/.exec(text.slice(offset, offset + 300));
  const raw = (m?.[1] ?? '').trim();
  const unq = raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") ? raw.slice(1, -1) : raw;
  return unq.slice(0, 100) || '?';
}

/** Adds the resources of a decoded document value (one, or a `kind: List`'s items) to `doc` and `file`. */
export function collectResources(file: ParsedFile, doc: ParsedDoc, value: unknown, basePath: Path): void {
  if (!isObj(value)) return;
  const { apiVersion, kind } = value;
  if (typeof apiVersion !== 'string' && typeof kind !== 'string') return;
  if (typeof kind === 'string' && /List$/.test(kind) && Array.isArray(value.items) && basePath.length === 0) {
    value.items.forEach((item: unknown, i: number) => collectResources(file, doc, item, ['items', i]));
    return;
  }
  const md = isObj(value.metadata) ? value.metadata : {};
  const res: Resource = {
    uri: file.uri,
    doc,
    basePath,
    apiVersion: typeof apiVersion === 'string' ? apiVersion : '',
    kind: typeof kind === 'string' ? kind : '',
    name: typeof md.name === 'string' ? md.name : typeof md.name === 'number' ? String(md.name) : undefined,
    namespace: typeof md.namespace === 'string' ? md.namespace : undefined,
    obj: value,
  };
  doc.resources.push(res);
  file.resources.push(res);
}

// ---------------------------------------------------------------------------------------------
// Path → source range

interface Found {
  node: ParsedNode | null | undefined;
  key: ParsedNode | null | undefined;
  /** How many path segments were found. */
  depth: number;
  /** The deepest key node found on the way (for placing diagnostics about missing children). */
  lastKey: ParsedNode | null | undefined;
  lastNode: ParsedNode | null | undefined;
}

function scalarKey(n: unknown): string | undefined {
  if (isScalar(n)) return scalarText(n.value);
  return undefined;
}

export function findNode(doc: Document.Parsed, path: Path): Found {
  let node = doc.contents;
  let key: ParsedNode | null | undefined;
  let lastKey: ParsedNode | null | undefined;
  let lastNode: ParsedNode | null | undefined = node;
  let depth = 0;
  let lastWasIndex = false;
  for (const seg of path) {
    if (isAlias(node)) node = (node.resolve(doc) as ParsedNode | undefined) ?? null;
    if (isMap(node)) {
      // Last occurrence wins, as in the decoded value.
      const found = lastPairOf(node, String(seg), scalarKey) as Pair<ParsedNode, ParsedNode | null> | undefined;
      if (!found) break;
      key = found.key;
      lastKey = key;
      node = found.value;
      lastWasIndex = false;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as ParsedNode | undefined;
      if (!item) break;
      key = undefined;
      node = item;
      lastWasIndex = true;
    } else break;
    lastNode = node ?? lastNode;
    depth++;
  }
  // A missing child of a list item (a container, a port) belongs on the item's `name` entry or its first key.
  if (depth < path.length && lastWasIndex && isMap(lastNode) && lastNode.items.length) {
    const items = lastNode.items;
    lastKey = (items.find((p) => scalarKey(p.key) === 'name') ?? items[0]).key;
  }
  return { node: depth === path.length ? node : undefined, key: depth === path.length ? key : undefined, depth, lastKey, lastNode };
}

export type RangePart = 'key' | 'value' | 'keyOrValue';

/**
 * The source range of `path` (relative to the resource) in its document. 'key' prefers the key,
 * 'value' the value (first line only for a block collection). If the path does not exist, the
 * deepest existing key on the way is used, which is where "missing" diagnostics belong.
 */
export function rangeOf(res: Resource, path: Path, part: RangePart = 'value'): Range {
  return rangeInDoc(res.doc, [...res.basePath, ...path], part);
}

export function rangeInDoc(doc: ParsedDoc, path: Path, part: RangePart = 'value'): Range {
  if (doc.pathRange) return doc.pathRange(path, part);
  const { lines } = doc.file;
  const f = findNode(doc.yaml, path);
  let n: ParsedNode | null | undefined;
  if (f.depth === path.length) {
    n = part === 'value' ? (f.node ?? f.key) : (f.key ?? f.node);
  } else {
    n = f.lastKey ?? f.lastNode;
  }
  const r = n?.range;
  if (!r) {
    const s = doc.start;
    return lines.range(s, Math.max(s, lines.lineEnd(lines.position(s).line)));
  }
  const a = r[0];
  let b = r[1];
  const startLine = lines.position(a).line;
  if (lines.position(b).line !== startLine) b = lines.lineEnd(startLine);
  if (b <= a) b = Math.min(a + 1, lines.lineEnd(startLine));
  return lines.range(a, Math.max(a, b));
}

/** The range of the resource's first line in its document (its `apiVersion`/`kind` header, usually). */
export function resourceHeaderRange(res: Resource): Range {
  return rangeOf(res, ['kind'], 'key');
}
