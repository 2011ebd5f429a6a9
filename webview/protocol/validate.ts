// Run-time checks of what a webview sends (untrusted: a compromised or buggy page can send
// anything): a schema per message type, field by field, and nothing else may be there.
import { isObj } from '../../core/k8s/guards';

/** Undefined when the value is good, else what it must be ("an integer 0–10"). */
export type Check = (v: unknown) => string | undefined;

export const text: Check = (v) => (typeof v === 'string' && v.length > 0 && v.length <= 4096 ? undefined : 'a text (1–4096 characters)');
export const int =
  (min: number, max: number): Check =>
  (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? undefined : `an integer ${min}–${max}`;
export const oneOf =
  (...vals: readonly unknown[]): Check =>
  (v) =>
    vals.includes(v) ? undefined : `one of ${vals.join(', ')}`;
export const opt =
  (c: Check): Check =>
  (v) =>
    v === undefined ? undefined : c(v);

/** Checks a message: its type has a schema, its fields pass their checks and no other field is there. */
export function validateMessage<M extends { type: string }>(
  raw: unknown,
  schemas: Record<M['type'], Record<string, Check>>,
): { ok: true; msg: M } | { ok: false; error: string } {
  if (!isObj(raw)) return { ok: false, error: 'not an object' };
  const type: unknown = raw.type;
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(schemas, type))
    return { ok: false, error: `unknown message type ${JSON.stringify(String(type)).slice(0, 60)}` };
  const schema: Record<string, Check> = schemas[type as M['type']];
  for (const key of Object.keys(raw)) {
    if (key === 'type') continue;
    if (!Object.prototype.hasOwnProperty.call(schema, key)) return { ok: false, error: `${type}: unexpected field ${JSON.stringify(key).slice(0, 60)}` };
  }
  for (const [key, check] of Object.entries(schema)) {
    const err = check(raw[key]);
    if (err) return { ok: false, error: `${type}.${key} must be ${err}` };
  }
  return { ok: true, msg: raw as unknown as M };
}
