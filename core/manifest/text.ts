// A decoded YAML/JSON value as text, for messages and label strings. It lives at the bottom of the
// core layers (the parser uses it) and core/k8s/guards re-exports it for everyone else.

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
