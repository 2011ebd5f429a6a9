// Where the cursor is in a half-typed manifest. While typing, the YAML often does not parse, so
// completion reads the text: the indentation of the lines above gives the path of mappings and
// list items that the cursor line belongs to.
import type { Path } from '../manifest/types';
import type { LineIndex } from '../manifest/lines';

export interface CursorContext {
  /** Path of the mapping the cursor line is in (list items as index 0). */
  parentPath: Path;
  /** 'key': typing a key; 'value': after `key:` on the same line. */
  position: 'key' | 'value';
  /** For 'value': the key before the colon. */
  key?: string;
  /** What is typed so far (the word being completed). */
  prefix: string;
  /** Offset where the word being completed starts. */
  wordStart: number;
  /** Keys already present in the same mapping (for not proposing them again). */
  siblings: Set<string>;
  /** Their scalar values, as written (quotes removed). */
  siblingValues: Map<string, string>;
  /** apiVersion and kind of the document, read from its text. */
  apiVersion?: string;
  kind?: string;
  /** The document's text range. */
  docStart: number;
  docEnd: number;
  /** Indentation (column) of keys in the cursor's mapping. */
  indent: number;
}

interface LineInfo {
  text: string;
  /** Column of the first non-space character. */
  ind: number;
  dash: boolean;
  /** Column where the key (after any `- `) starts. */
  keyCol: number;
  key?: string;
  /** Text after `key:` (trimmed, comments removed). */
  rest?: string;
  blank: boolean;
}

const KEY_RE = /^(\s*)(-\s+)?(?:"([^"]*)"|'([^']*)'|([^\s#:"'][^:#]*?))\s*:(?:\s+|$)(.*)$/;

function info(text: string): LineInfo {
  const ind = text.length - text.trimStart().length;
  const trimmed = text.trim();
  if (!trimmed || trimmed.startsWith('#')) return { text, ind, dash: false, keyCol: ind, blank: true };
  const m = KEY_RE.exec(text);
  if (m) {
    const dash = !!m[2];
    const keyCol = m[1].length + (m[2]?.length ?? 0);
    const key = m[3] ?? m[4] ?? m[5];
    const rest = m[6].replace(/\s+#.*$/, '').trim();
    return { text, ind, dash, keyCol, key, rest, blank: false };
  }
  const dm = /^(\s*)(-\s*)/.exec(text);
  if (dm) return { text, ind, dash: true, keyCol: dm[1].length + dm[2].length, blank: false };
  return { text, ind, dash: false, keyCol: ind, blank: false };
}

function docBounds(text: string, offset: number): [number, number] {
  const re = /^---.*$/gm;
  let start = 0;
  let end = text.length;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index + m[0].length < offset) start = m.index + m[0].length + 1;
    else if (m.index >= offset) {
      end = m.index;
      break;
    }
  }
  return [Math.min(start, text.length), end];
}

export function cursorContext(text: string, lines: LineIndex, offset: number): CursorContext | undefined {
  const pos = lines.position(offset);
  const lineStart = lines.lineStart(pos.line);
  const before = text.slice(lineStart, offset);
  const [docStart, docEnd] = docBounds(text, offset);

  let position: 'key' | 'value';
  let key: string | undefined;
  let indent: number;
  let prefix: string;
  let dashHere = false;
  const valueMatch = /^(\s*)(-\s+)?([^\s#:][^:#]*?)\s*:\s+(\S*)$/.exec(before) ?? /^(\s*)(-\s+)?([^\s#:][^:#]*?)\s*:()$/.exec(before);
  const keyMatch = /^(\s*)(-\s+)?([^\s:#]*)$/.exec(before);
  if (keyMatch) {
    position = 'key';
    dashHere = !!keyMatch[2];
    indent = keyMatch[1].length + (keyMatch[2]?.length ?? 0);
    prefix = keyMatch[3];
  } else if (valueMatch) {
    position = 'value';
    dashHere = !!valueMatch[2];
    indent = valueMatch[1].length + (valueMatch[2]?.length ?? 0);
    key = valueMatch[3].replace(/^["']|["']$/g, '');
    prefix = valueMatch[4].replace(/^["']/, '');
  } else return undefined;
  const wordStart = offset - prefix.length;

  // Walk up the lines above: same-mapping siblings, then each ancestor mapping key / list item.
  const path: Path = [];
  const siblings = new Set<string>();
  const siblingValues = new Map<string, string>();
  const addSibling = (li: LineInfo) => {
    if (!li.key) return;
    siblings.add(li.key);
    if (li.rest) siblingValues.set(li.key, li.rest.replace(/^["']|["']$/g, ''));
  };
  let apiVersion: string | undefined;
  let kind: string | undefined;
  const firstLine = lines.position(docStart).line;
  const lastLine = lines.position(Math.max(docStart, docEnd - 1)).line;
  for (let l = firstLine; l <= lastLine; l++) {
    const li = info(lines.lineText(l));
    if (li.blank || li.ind !== 0 || li.dash) continue;
    if (li.key === 'apiVersion') apiVersion = li.rest?.replace(/^["']|["']$/g, '');
    if (li.key === 'kind') kind = li.rest?.replace(/^["']|["']$/g, '');
  }
  const cursorInd = before.length - before.trimStart().length;
  // mode 'map': we are in a mapping whose keys sit at column `col`;
  // mode 'seq': we are in a list whose dashes sit at column `col`.
  let mode: 'map' | 'seq' = dashHere ? 'seq' : 'map';
  let col = dashHere ? cursorInd : indent;
  if (dashHere) path.unshift(0);
  let collecting = !dashHere;
  if (collecting) {
    // Siblings below the cursor in the same mapping.
    for (let l = pos.line + 1; l <= lastLine; l++) {
      const li = info(lines.lineText(l));
      if (li.blank) continue;
      if (li.keyCol < indent || (li.dash && li.keyCol <= indent)) break;
      if (li.keyCol === indent && li.key) addSibling(li);
    }
  }
  for (let l = pos.line - 1; l >= firstLine; l--) {
    const li = info(lines.lineText(l));
    if (li.blank) continue;
    if (mode === 'map') {
      if (li.keyCol > col) continue; // nested content of an earlier sibling
      if (li.keyCol === col) {
        if (collecting && li.key) addSibling(li);
        if (li.dash) {
          // Our mapping is a list item that starts on this dash line.
          path.unshift(0);
          mode = 'seq';
          col = li.ind;
          collecting = false;
        }
        continue;
      }
    } else {
      if (li.dash && li.ind === col) continue; // an earlier item of the same list
      if (li.keyCol > col) continue; // content of an earlier item
      if (li.keyCol === col && !(li.key && !li.rest && !li.dash)) break; // malformed
    }
    // li.keyCol < col (or, in a list, the compact `key:\n- item` form at the same column).
    collecting = false;
    if (li.key && !li.rest) {
      path.unshift(li.key);
      if (li.dash) {
        path.unshift(0);
        mode = 'seq';
        col = li.ind;
      } else {
        mode = 'map';
        col = li.keyCol;
      }
    } else if (li.dash && !li.key && li.text.trim() === '-') {
      path.unshift(0);
      mode = 'seq';
      col = li.ind;
    } else break;
    if (col === 0 && mode === 'map') break;
  }
  return { parentPath: path, position, key, prefix, wordStart, siblings, siblingValues, apiVersion, kind, docStart, docEnd, indent };
}

/** Whether `path` ends with `suffix`, where `'*'` matches any one segment. */
export function endsWith(path: Path, ...suffix: (string | number | '*')[]): boolean {
  if (path.length < suffix.length) return false;
  const off = path.length - suffix.length;
  return suffix.every((s, i) => s === '*' || s === path[off + i]);
}
