// Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource/quantity.go):
// a decimal number with an optional binary-SI (Ki..Ei), decimal-SI (n u m k M G T P E) or
// decimal-exponent (e3, E-2) suffix.

/** The regular expression Kubernetes quotes in its error message. */
export const QUANTITY_MESSAGE_RE = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)/;
const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

export interface ParsedQuantity {
  value: number;
  /** The number as written. */
  number: string;
  suffix: string;
  format: 'BinarySI' | 'DecimalSI' | 'DecimalExponent';
}

export function parseQuantityDetailed(q: string | number): ParsedQuantity | undefined {
  if (typeof q === 'number') return Number.isFinite(q) ? { value: q, number: String(q), suffix: '', format: 'DecimalSI' } : undefined;
  if (typeof q !== 'string') return undefined;
  const s = q.trim();
  if (s !== q || s === '') return undefined;
  const m = NUMBER.exec(s);
  if (!m) return undefined;
  const num = Number(m[0]);
  const suffix = s.slice(m[0].length);
  if (suffix in BINARY) return { value: num * BINARY[suffix], number: m[0], suffix, format: 'BinarySI' };
  if (suffix in DECIMAL) return { value: num * DECIMAL[suffix], number: m[0], suffix, format: 'DecimalSI' };
  const e = /^[eE]([+-]?\d+)$/.exec(suffix);
  if (e) return { value: num * 10 ** Number(e[1]), number: m[0], suffix, format: 'DecimalExponent' };
  return undefined;
}

/** The quantity's value in base units (cores for cpu, bytes for memory), or undefined if it is not a quantity. */
export function parseQuantity(q: string | number): number | undefined {
  return parseQuantityDetailed(q)?.value;
}

/** "0.5 CPU" / "134,217,728 bytes" style rendering used by hovers and messages. */
export function describeQuantity(resource: string, q: string | number): string | undefined {
  const v = parseQuantity(q);
  if (v === undefined) return undefined;
  if (resource === 'cpu') return `${+v.toPrecision(6)} CPU`;
  if (resource === 'memory' || resource.endsWith('storage')) return `${Math.round(v).toLocaleString('en-US')} bytes`;
  return String(+v.toPrecision(6));
}

/** Formats bytes as Kubernetes would show them (Mi/Gi where exact). */
export function formatBytes(bytes: number): string {
  for (const [s, f] of Object.entries(BINARY).reverse()) if (bytes >= f && bytes % f === 0) return `${bytes / f}${s}`;
  return String(bytes);
}

/** Formats cores as millicores ("500m") or whole cores ("2"). */
export function formatCpu(cores: number): string {
  const milli = Math.round(cores * 1000);
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}
