// Type guards shared by every core area (one copy: the parser, rules, simulator and API server
// all decode untyped YAML/JSON and ask the same questions of it).

/** A plain object (not null, not an array): a YAML mapping or a JSON object. */
export function isObj(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value if it is an array, else an empty one. */
export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export { scalarText } from '../manifest/text';
