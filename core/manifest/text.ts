// A decoded YAML/JSON value: whether it is a mapping, and as text for messages and label strings.
// It lives at the bottom of the core layers (the parser and the schema use it) and core/k8s/guards
// re-exports it for everyone else: the one copy of each.
import type { JsonObject } from './types';

/** A plain object (not null, not an array): a YAML mapping or a JSON object. */
export function isObj(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A decoded YAML/JSON value as text: strings as they are, numbers and booleans as printed, null and
 * undefined as '', objects and arrays as JSON (never "[object Object]").
 */
export function scalarText(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(v);
    case 'symbol':
      return v.toString();
    case 'undefined':
      return '';
    default:
      return v === null ? '' : (JSON.stringify(v) ?? '');
  }
}
