// kustomize's dotted field paths (replacements' `fieldPath`/`fieldPaths`, vars' `fieldref.fieldpath`):
// "spec.template.spec.containers.[name=web].image", "spec.ports.0.port", "spec.rules.*.host".
// Dots inside [...] do not split. Segments: a field, `[key=value]` (list items whose key has that
// value; `[=value]` for items that are that value), an index, or `*` (every list item).
import { isObj } from './util';
import { scalarText } from '../k8s/guards';

/** Splits a dotted path, keeping bracketed parts whole (kyaml's SmarterPathSplitter). */
export function splitFieldPath(path: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  for (const ch of path) {
    if (ch === '[') depth++;
    else if (ch === ']') depth = Math.max(0, depth - 1);
    if (ch === '.' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

const LIST_MATCH = /^\[([^=\]]*)=(.*)\]$/;
const isIndex = (seg: string) => /^\d+$/.test(seg);
/** A segment that picks list items: `*`, an index or `[key=value]`. */
export const isListSeg = (seg: string) => seg === '*' || isIndex(seg) || LIST_MATCH.test(seg);

/** A place in a YAML tree: the holder (a map or list) and the key in it. */
export interface Slot {
  holder: Record<string, unknown> | unknown[];
  key: string | number;
}

export const slotValue = (s: Slot): unknown => (s.holder as Record<string | number, unknown>)[s.key];
export function setSlot(s: Slot, v: unknown): void {
  (s.holder as Record<string | number, unknown>)[s.key] = v;
}

function itemMatches(item: unknown, key: string, value: string): boolean {
  if (!key) return !isObj(item) && !Array.isArray(item) && item !== null && item !== undefined && scalarText(item) === value;
  return isObj(item) && item[key] !== undefined && item[key] !== null && scalarText(item[key]) === value;
}

/**
 * The slots a path names inside `root` (kyaml's PathMatcher). With `create`, missing maps and
 * lists on the way are made (a `[key=value]` with no match appends an item with that key), and a
 * missing last field is returned too; without it, only fields that exist are returned.
 */
export function matchPath(root: Record<string, unknown>, segs: readonly string[], create: boolean): Slot[] {
  const out: Slot[] = [];
  const walk = (slot: Slot, i: number): void => {
    if (i === segs.length) {
      if (create || slotValue(slot) !== undefined) out.push(slot);
      return;
    }
    const seg = segs[i];
    let cur = slotValue(slot);
    if (cur === undefined || cur === null) {
      if (!create) return;
      cur = isListSeg(seg) ? [] : {};
      setSlot(slot, cur);
    }
    if (Array.isArray(cur)) {
      const list = cur;
      if (seg === '*') list.forEach((_, j) => walk({ holder: list, key: j }, i + 1));
      else if (isIndex(seg)) {
        if (Number(seg) < list.length) walk({ holder: list, key: Number(seg) }, i + 1);
      } else {
        const m = LIST_MATCH.exec(seg);
        if (!m) return;
        const [, key, value] = m;
        let hits = list.flatMap((item, j) => (itemMatches(item, key, value) ? [j] : []));
        if (!hits.length && create) {
          list.push(key ? { [key]: value } : value);
          hits = [list.length - 1];
        }
        for (const j of hits) walk({ holder: list, key: j }, i + 1);
      }
      return;
    }
    if (isObj(cur) && !isListSeg(seg)) walk({ holder: cur, key: seg }, i + 1);
  };
  walk({ holder: { '': root }, key: '' }, 0);
  return out;
}

/** The value at a path (the first match), or undefined. */
export function lookupPath(root: Record<string, unknown>, path: string): unknown {
  const [slot] = matchPath(root, splitFieldPath(path), false);
  return slot ? slotValue(slot) : undefined;
}
