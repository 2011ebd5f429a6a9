// Mapping keys in linear time. The `yaml` library's own duplicate-key check compares each new key
// with every earlier key of its mapping (O(n²): 80,000 keys in one mapping took 28 s), so documents
// are parsed with `uniqueKeys: false` and checked here with one Set per mapping. A mapping with more
// than MAX_MAP_KEYS keys is an error of its own (no manifest needs it, and every later step —
// decoding, linting, finding a path — pays for each key).
import { isMap, isPair, isScalar, isSeq, YAMLParseError, type Document, type Node, type Pair, type YAMLMap } from 'yaml';

/** Keys one mapping may have (a ConfigMap with 100,000 entries is far past Kubernetes' 1 MiB object limit). */
export const MAX_MAP_KEYS = 100_000;

/** The message of the error a mapping with too many keys gets (parse.ts gives it its own text). */
export const TOO_MANY_KEYS = 'too many keys in one mapping';

/** The identity of a non-string scalar key as the yaml library compares keys (`a.value === b.value`), or undefined when no other key can equal it. */
function otherKeyId(v: unknown): string | undefined {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return Number.isNaN(v) ? undefined : `n${v}`;
  if (typeof v === 'boolean') return `b${v}`;
  if (typeof v === 'bigint') return `i${v}`;
  return undefined; // dates, binary: objects, never === another key
}

/** A collection (map, sequence) or pair worth walking into: scalars and aliases have no keys below them. */
const hasChildren = (n: unknown): boolean => isMap(n) || isSeq(n) || isPair(n);

/**
 * Adds a `DUPLICATE_KEY` error for every key that repeats an earlier key of its mapping, and a
 * `RESOURCE_EXHAUSTION` error (message TOO_MANY_KEYS) for every mapping with more than `max` keys,
 * as the yaml library's own check would (same code, same position: the key's first character).
 * `distinct` names mappings whose keys are known to differ (fast-doc.ts' hasDistinctKeys).
 */
export function checkMapKeys(doc: Document.Parsed, max = MAX_MAP_KEYS, distinct: (map: YAMLMap) => boolean = () => false): void {
  const added: YAMLParseError[] = [];
  const stack: unknown[] = [doc.contents];
  const duplicate = (key: Node) => {
    const at = key.range?.[0] ?? 0;
    added.push(new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
  };
  // A parsed document is a tree (aliases are nodes of their own, not followed): no node is met twice.
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      const items = (node as YAMLMap<Node, Node | null>).items;
      if (items.length > max) {
        const r = (node as Node).range ?? [0, 1];
        added.push(new YAMLParseError([r[0], r[0] + 1], 'RESOURCE_EXHAUSTION', TOO_MANY_KEYS));
      }
      // Keys known to be distinct (a large simple mapping, fast-doc.ts) need no Set: only what is below them is looked at.
      if (distinct(node)) {
        for (const p of items) if (hasChildren(p.value)) stack.push(p.value);
        continue;
      }
      // Strings (nearly every key) by themselves, other scalars by a typed id: 1 and "1" differ.
      const strings = new Set<string>();
      let others: Set<string> | undefined;
      for (const p of items) {
        const k = p.key;
        if (isScalar(k)) {
          const v = k.value;
          if (typeof v === 'string') {
            if (strings.size === strings.add(v).size) duplicate(k);
          } else {
            const id = otherKeyId(v);
            if (id !== undefined && (others ??= new Set()).size === others.add(id).size) duplicate(k);
          }
        } else if (hasChildren(k)) stack.push(k);
        if (hasChildren(p.value)) stack.push(p.value);
      }
    } else if (isSeq(node)) {
      for (const it of node.items) {
        const v = isPair(it) ? it.value : it;
        if (hasChildren(v)) stack.push(v);
      }
    } else if (isPair(node)) {
      if (hasChildren(node.key)) stack.push(node.key);
      if (hasChildren(node.value)) stack.push(node.value);
    }
  }
  if (!added.length) return;
  doc.errors.push(...added);
  doc.errors.sort((a, b) => a.pos[0] - b.pos[0]);
}

/** Per mapping, its last pair for each key text (built once per mapping, for large mappings only). */
const pairIndex = new WeakMap<YAMLMap, { size: number; byKey: Map<string, Pair<unknown, unknown>> }>();
/** Below this many keys a scan is as fast as an index. */
const INDEX_FROM = 64;

/** The last pair of `map` whose scalar key reads `key` (as `scalarText` renders it): O(1) for large mappings. */
export function lastPairOf(map: YAMLMap, key: string, keyText: (k: unknown) => string | undefined): Pair<unknown, unknown> | undefined {
  const items = map.items;
  if (items.length < INDEX_FROM) {
    let found: Pair<unknown, unknown> | undefined;
    for (const p of items) if (keyText(p.key) === key) found = p;
    return found;
  }
  let idx = pairIndex.get(map);
  if (!idx || idx.size !== items.length) {
    const byKey = new Map<string, Pair<unknown, unknown>>();
    for (const p of items) {
      const k = keyText(p.key);
      if (k !== undefined) byKey.set(k, p);
    }
    pairIndex.set(map, (idx = { size: items.length, byKey }));
  }
  return idx.byKey.get(key);
}
