// Text edits on YAML manifests that keep the user's formatting: replace a value, rename a key,
// delete a key with its block, add a key to a block mapping, append a document. Each returns
// plain text edits (ranges + new text) for the LSP adapter to turn into a WorkspaceEdit.
import { isMap, isScalar, isSeq, stringify, type Node, type Pair } from 'yaml';
import { findNode, type ParsedFile, type Resource } from '../manifest/parse';
import type { Path, Range } from '../manifest/types';

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface FileEdit {
  uri: string;
  edits: TextEdit[];
}

export interface WorkspaceEditSpec {
  changes: FileEdit[];
  /** Files to create (with their whole content). */
  createFiles?: { uri: string; text: string }[];
}

/** A YAML scalar as Kubernetes' decoder reads it back as the same string/number (YAML 1.1 rules). */
export function yamlScalar(v: string | number | boolean): string {
  if (typeof v !== 'string') return String(v);
  const s = stringify(v, { version: '1.1', lineWidth: 0 }).trimEnd();
  return s;
}

function fullPath(res: Resource, path: Path): Path {
  return [...res.basePath, ...path];
}

function edit(file: ParsedFile, start: number, end: number, newText: string): TextEdit {
  return { range: file.lines.range(start, end), newText };
}

/** Replaces the value at `path` (a scalar, or a whole collection on one line). */
export function replaceValue(res: Resource, path: Path, newText: string): TextEdit | undefined {
  const f = findNode(res.doc.yaml, fullPath(res, path));
  const n = f.node as Node | null | undefined;
  if (f.depth !== fullPath(res, path).length || !n?.range) return undefined;
  return edit(res.doc.file, n.range[0], n.range[1], newText);
}

export function renameKey(res: Resource, path: Path, newKey: string): TextEdit | undefined {
  const f = findNode(res.doc.yaml, fullPath(res, path));
  const k = f.key as Node | null | undefined;
  if (f.depth !== fullPath(res, path).length || !k?.range) return undefined;
  return edit(res.doc.file, k.range[0], k.range[1], yamlScalar(newKey));
}

function lineStartOf(file: ParsedFile, offset: number): number {
  return file.lines.lineStart(file.lines.position(offset).line);
}

/** Deletes a key and its value (block values included), whole lines. Block mappings only. */
export function deleteKey(res: Resource, path: Path): TextEdit | undefined {
  const file = res.doc.file;
  const p = fullPath(res, path);
  const parent = findNode(res.doc.yaml, p.slice(0, -1));
  const map = parent.node as Node | null | undefined;
  if (!isMap(map) || map.flow) return undefined;
  const pair = (map.items as Pair<Node, Node | null>[]).find((it) => isScalar(it.key) && String(it.key.value) === String(p[p.length - 1]));
  if (!pair || !pair.key?.range) return undefined;
  const start = lineStartOf(file, pair.key.range[0]);
  // Only whole lines: the key must start its line (not `- key:` of a list item).
  if (file.text.slice(start, pair.key.range[0]).trim() !== '') return undefined;
  const endNode = pair.value?.range ? pair.value.range[1] : pair.key.range[1];
  const endLine = file.lines.position(Math.max(endNode - 1, pair.key.range[0])).line;
  const end = endLine + 1 < file.lines.lineCount ? file.lines.lineStart(endLine + 1) : file.text.length;
  return edit(file, start, end, '');
}

/** Indentation (columns) of the keys of the block mapping at `path`, or undefined. */
export function mapIndent(res: Resource, path: Path): number | undefined {
  const f = findNode(res.doc.yaml, fullPath(res, path));
  const map = f.node as Node | null | undefined;
  if (!isMap(map) || map.flow || !map.items.length) return undefined;
  const first = (map.items[0] as Pair<Node, Node | null>).key;
  if (!first?.range) return undefined;
  return res.doc.file.lines.position(first.range[0]).character;
}

/**
 * Adds `key: <block>` as the last entry of the block mapping at `path`. `valueLines` are the value's
 * lines (already relative: nested lines indented by 2 per level); a single line goes after the colon.
 */
export function addKey(res: Resource, path: Path, key: string, valueLines: string[]): TextEdit | undefined {
  const file = res.doc.file;
  const f = findNode(res.doc.yaml, fullPath(res, path));
  const map = f.node as Node | null | undefined;
  if (f.depth !== fullPath(res, path).length || !isMap(map) || map.flow || !map.items.length) return undefined;
  const indent = mapIndent(res, path)!;
  const last = map.items[map.items.length - 1] as Pair<Node, Node | null>;
  const endOffset = last.value?.range ? last.value.range[1] : last.key.range![1];
  const endLine = file.lines.position(Math.max(endOffset - 1, 0)).line;
  const insertAt = file.lines.lineEnd(endLine);
  const pad = ' '.repeat(indent);
  const text =
    valueLines.length === 1 && !valueLines[0].startsWith('- ') && !/^[\w"'-][^:]*:\s/.test(valueLines[0])
      ? `\n${pad}${yamlScalar(key)}: ${valueLines[0]}`
      : `\n${pad}${yamlScalar(key)}:${valueLines.map((l) => `\n${pad}  ${l}`).join('')}`;
  return edit(file, insertAt, insertAt, text);
}

/** Appends a new YAML document at the end of the file. */
export function appendDocument(file: ParsedFile, yamlText: string): TextEdit {
  const end = file.text.length;
  const sep = file.text.endsWith('\n') ? '' : '\n';
  return edit(file, end, end, `${sep}---\n${yamlText.replace(/\n*$/, '\n')}`);
}

/** Applies text edits to a text (for tests and previews). Edits must not overlap. */
export function applyEdits(text: string, lines: { offset(p: { line: number; character: number }): number }, edits: TextEdit[]): string {
  const sorted = [...edits].map((e) => ({ s: lines.offset(e.range.start), e: lines.offset(e.range.end), t: e.newText })).sort((a, b) => b.s - a.s || b.e - a.e);
  let out = text;
  for (const x of sorted) out = out.slice(0, x.s) + x.t + out.slice(x.e);
  return out;
}

/** Indents every line of a block by `n` spaces. */
export function indentBlock(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return text
    .split('\n')
    .map((l) => (l ? pad + l : l))
    .join('\n');
}

export { isSeq };
