// Type guards shared by every core area (one copy: the parser, rules, simulator and API server
// all decode untyped YAML/JSON and ask the same questions of it). Untyped data is `unknown` or a
// JsonObject; these narrow it, one property at a time, instead of casting.

import type { JsonObject } from '../manifest/types';
import { isObj } from '../manifest/text';

export type { JsonObject };

/** The value if it is a plain object, else an empty one (for reading optional sections: `objOf(spec.strategy).type`). */
export function objOf(v: unknown): JsonObject {
  return isObj(v) ? v : {};
}

/** `o[key]` as an object, set to `{}` first when it is not one (for filling defaults in place). */
export function ensureObj(o: JsonObject, key: string): JsonObject {
  const v = o[key];
  if (isObj(v)) return v;
  const fresh: JsonObject = {};
  o[key] = fresh;
  return fresh;
}

/** The value if it is an array, else an empty one. */
export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** The value if it is a string, else undefined. */
export function strOf(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export { isObj, scalarText } from '../manifest/text';
