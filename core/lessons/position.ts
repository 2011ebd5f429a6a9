// Where a node of a lesson file is: the 1-based line and column of the YAML path a problem names.
import { LineCounter, parseDocument, isMap, isPair, isScalar } from 'yaml';
import type { YamlPath } from './validate';

/** 1-based line and column of the node at `path` (the nearest existing ancestor; the file's start when none). */
export function position(text: string, path: YamlPath): { line: number; column: number } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: false });
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    const key = n > 0 ? keyNode(doc.getIn(path.slice(0, n - 1), true), path[n - 1]) : undefined;
    const range = (key ?? node) as { range?: [number, number, number] } | undefined;
    if (range?.range) {
      const p = lc.linePos(range.range[0]);
      return { line: p.line, column: p.col };
    }
  }
  return { line: 1, column: 1 };
}

/** A mapping's key node, so a problem about `steps.refill` points at the `refill:` line. */
function keyNode(parent: unknown, key: string | number): unknown {
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
  return pair && isPair(pair) ? pair.key : undefined;
}
