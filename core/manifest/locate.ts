// Offset → (resource, path): what the cursor is on. Hovers, completion, go-to-definition and
// quick fixes all start here.
import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { ParsedDoc, ParsedFile, Resource } from './parse';
import type { Path } from './types';

export interface Location {
  doc: ParsedDoc;
  /** The resource containing the offset (undefined between resources or in non-Kubernetes YAML). */
  resource: Resource | undefined;
  /** Path from the resource root (or the document root when there is no resource). */
  path: Path;
  /** On a mapping key, on a (scalar) value, or somewhere else inside a collection. */
  part: 'key' | 'value' | 'inside';
  /** The scalar under the cursor, if any. */
  scalar: { value: unknown; start: number; end: number } | undefined;
}

function inRange(n: Node | null | undefined, offset: number): boolean {
  const r = n?.range;
  return !!r && offset >= r[0] && offset <= r[1];
}

export function locate(file: ParsedFile, offset: number): Location | undefined {
  const doc = file.docs.find((d) => offset >= d.start && offset <= d.end);
  if (!doc) return undefined;
  const path: Path = [];
  let node = doc.yaml.contents as Node | null;
  let part: Location['part'] = 'inside';
  let scalar: Location['scalar'];
  for (let guard = 0; node && guard < 10_000; guard++) {
    if (isMap(node)) {
      let next: Node | null = null;
      for (const p of node.items as Pair<Node, Node | null>[]) {
        if (inRange(p.key, offset) && isScalar(p.key)) {
          path.push(String(p.key.value));
          part = 'key';
          scalar = { value: p.key.value, start: p.key.range![0], end: p.key.range![1] };
          return finish(doc, path, part, scalar);
        }
        if (p.value && inRange(p.value, offset) && isScalar(p.key)) {
          path.push(String(p.key.value));
          next = p.value;
          break;
        }
      }
      if (!next) break;
      node = next;
    } else if (isSeq(node)) {
      const i = node.items.findIndex((it) => inRange(it as Node, offset));
      if (i < 0) break;
      path.push(i);
      node = node.items[i] as Node;
    } else if (isScalar(node)) {
      part = 'value';
      scalar = { value: node.value, start: node.range![0], end: node.range![1] };
      break;
    } else break;
  }
  return finish(doc, path, part, scalar);
}

function finish(doc: ParsedDoc, path: Path, part: Location['part'], scalar: Location['scalar']): Location {
  // Find the resource whose basePath prefixes the path (a List item) or the document's resource.
  let resource: Resource | undefined;
  let rel = path;
  for (const r of doc.resources) {
    const bp = r.basePath;
    if (bp.length <= path.length && bp.every((s, i) => s === path[i])) {
      if (!resource || bp.length > resource.basePath.length) {
        resource = r;
        rel = path.slice(bp.length);
      }
    }
  }
  return { doc, resource, path: rel, part, scalar };
}
