// Incremental YAML parsing for a file that changed: the text is cut into segments at the document
// markers (`---` at the start of a line, which YAML forbids inside any content), and only the
// segments whose text changed are parsed again. The others keep their yaml Documents, with every
// source offset shifted by how far the segment moved. A keystroke in a 50,000-line file then parses
// one document instead of all of them.
//
// A fresh file (no `previous`) is parsed the same way, segment by segment, so that its first edit is
// incremental too; a whole-stream parse gives the same documents (test/unit/incremental-parse.test.ts).
//
// Contract: `previous` is the ParsedFile being replaced, and the caller drops it (as Workspace.set
// does): its Documents are moved to the new file and their offsets are changed in place.
import { isMap, isPair, isSeq, type Document } from 'yaml';
import type { ParsedFile } from './parse';

interface Segment {
  start: number;
  text: string;
  docs: Document.Parsed[];
}

const segmentsOf = new WeakMap<ParsedFile, Segment[]>();
const MARKER_RE = /^---(?=[ \t\r\n]|$)/gm;
/** Directives (%YAML, %TAG) apply across the stream: such files are always parsed whole. */
const DIRECTIVE_RE = /^%/m;

function bounds(text: string): number[] {
  const starts = [0];
  MARKER_RE.lastIndex = 0;
  for (let m = MARKER_RE.exec(text); m; m = MARKER_RE.exec(text)) if (m.index > 0) starts.push(m.index);
  return starts;
}

function shiftDoc(doc: Document.Parsed, delta: number): void {
  const seen = new Set<unknown>();
  const shift = (r: number[] | undefined | null) => {
    if (!r || seen.has(r)) return;
    seen.add(r);
    for (let i = 0; i < r.length; i++) r[i] += delta;
  };
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    shift((node as { range?: number[] }).range);
    if (isMap(node) || isSeq(node)) {
      for (const it of node.items as unknown[]) {
        if (isPair(it)) {
          walk(it.key);
          walk(it.value);
        } else walk(it);
      }
    }
  };
  shift(doc.range);
  walk(doc.contents);
  for (const e of [...doc.errors, ...doc.warnings]) shift(e.pos);
}

/**
 * The yaml Documents of `text`, reusing those of `previous` for unchanged segments, or undefined
 * when the file must be parsed whole. `parse` parses one segment (offsets relative to it).
 */
/** Tests switch this off to compare with a whole-stream parse. */
export const incrementalParsing = { enabled: true };

export function parseDocsIncremental(
  text: string,
  previous: ParsedFile | undefined,
  file: ParsedFile,
  parse: (src: string) => Document.Parsed[],
): Document.Parsed[] | undefined {
  if (!incrementalParsing.enabled || DIRECTIVE_RE.test(text)) return undefined;
  const old = previous ? segmentsOf.get(previous) : undefined;
  const byText = new Map<string, Segment[]>();
  if (old) {
    for (const s of old) {
      const list = byText.get(s.text);
      if (list) list.push(s);
      else byText.set(s.text, [s]);
    }
  }
  const starts = bounds(text);
  const segs: Segment[] = [];
  const out: Document.Parsed[] = [];
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i];
    const st = text.slice(start, i + 1 < starts.length ? starts[i + 1] : text.length);
    const reuse = byText.get(st)?.shift();
    let docs: Document.Parsed[];
    if (reuse) {
      docs = reuse.docs;
      if (reuse.start !== start) for (const d of docs) shiftDoc(d, start - reuse.start);
    } else {
      docs = parse(st);
      if (start) for (const d of docs) shiftDoc(d, start);
    }
    segs.push({ start, text: st, docs });
    for (const d of docs) out.push(d);
  }
  segmentsOf.set(file, segs);
  return out;
}
