// Decoding YAML request bodies (`application/yaml`, `application/apply-patch+yaml`) without
// letting them blow up: a body that is JSON is parsed as JSON (kubectl sends JSON even as
// apply-patch+yaml), YAML aliases may not expand the document past the request body limit, and
// duplicate keys are found in linear time (at most MAX_MAP_KEYS keys per mapping).
import { isAlias, isCollection, isPair, isScalar, type Document } from 'yaml';
import { MAX_MAP_KEYS, TOO_MANY_KEYS } from '../manifest/keys';
import { plainValue, readDocument } from '../manifest/read-yaml';

/** The largest a YAML body may grow once its aliases are expanded (the request body limit). */
export const MAX_EXPANDED = 3 * 1024 * 1024;

export class BodyError extends Error {}

/** Parses a YAML (or JSON) request body; throws `BodyError` for malformed or alias-bomb bodies. */
export function parseYamlBody(text: string): unknown {
  if (/^\s*[{[]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      // YAML flow style (`{a: 1}`) is not JSON: parse it as YAML.
    }
  }
  // Duplicate keys found in linear time (read-yaml.ts): the yaml library's own check is quadratic.
  const doc = readDocument(text);
  if (doc.errors.length) {
    const e = doc.errors[0];
    throw new BodyError(e.message.startsWith(TOO_MANY_KEYS) ? `more than ${MAX_MAP_KEYS} keys in one mapping` : e.message);
  }
  if (text.includes('*')) {
    let size: number;
    try {
      size = expandedSize(doc, doc.contents, new Map(), new Set());
    } catch (e) {
      throw new BodyError(e instanceof RangeError ? 'document nested too deeply' : (e as Error).message);
    }
    if (size > MAX_EXPANDED) throw new BodyError('document contains excessive aliasing');
  }
  return plainValue(doc, 100);
}

/** The source length of `node` with every alias replaced by what it refers to (memoised per node). */
function expandedSize(doc: Document, node: unknown, memo: Map<unknown, number>, active: Set<unknown>): number {
  if (node === null || node === undefined) return 0;
  const known = memo.get(node);
  if (known !== undefined) return known;
  if (active.has(node)) throw new BodyError('an alias refers to the node that contains it');
  active.add(node);
  let size = 0;
  if (isAlias(node)) size = expandedSize(doc, node.resolve(doc), memo, active) || 1;
  else if (isPair(node)) size = expandedSize(doc, node.key, memo, active) + expandedSize(doc, node.value, memo, active) + 2;
  else if (isCollection(node)) for (const item of node.items) size += expandedSize(doc, item, memo, active) + 1;
  else if (isScalar(node)) size = node.range ? node.range[1] - node.range[0] : String(node.value).length;
  active.delete(node);
  memo.set(node, size);
  return size;
}
