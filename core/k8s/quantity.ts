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

export function parseQuantityDetailed(q: unknown): ParsedQuantity | undefined {
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
export function parseQuantity(q: unknown): number | undefined {
  if (typeof q !== 'string') return parseQuantityDetailed(q)?.value;
  // The same few strings ("10m", "16Mi", a node's "256Gi") are parsed for every pod: remember them.
  let v = parsed.get(q);
  if (v === undefined && !parsed.has(q)) {
    if (parsed.size >= 1024) parsed.clear();
    parsed.set(q, (v = parseQuantityDetailed(q)?.value));
  }
  return v;
}

const parsed = new Map<string, number | undefined>();

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

const SI_EXP: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/**
 * The canonical form the API server stores and prints a quantity in (apimachinery's
 * `Quantity.String()`): the format of the suffix is kept, the number is exact. `0.5` → `500m`,
 * `2000m` → `2`, `1024Mi` → `1Gi`, `1.5Gi` → `1536Mi`, `1000` → `1k`; a binary quantity below 1Ki
 * or with a fraction prints as a decimal one; below a nano it rounds up to `1n`. Undefined when
 * `q` is not a quantity.
 */
export function canonicalQuantity(q: string): string | undefined {
  const p = parseQuantityDetailed(q);
  if (!p) return undefined;
  const neg = p.number.startsWith('-');
  const [whole, frac = ''] = p.number.replace(/^[+-]/, '').split('.');
  let mant = BigInt((whole || '0') + frac);
  let exp = -frac.length;
  if (p.format === 'BinarySI') mant *= 1024n ** BigInt(BINARY_SUFFIXES.indexOf(p.suffix));
  else if (p.format === 'DecimalSI') exp += SI_EXP[p.suffix];
  else exp += Number(p.suffix.slice(1));
  if (mant === 0n) return '0';
  while (mant % 10n === 0n) {
    mant /= 10n;
    exp++;
  }
  const sign = neg ? '-' : '';
  if (p.format === 'BinarySI' && exp >= 0) {
    const v = mant * 10n ** BigInt(exp);
    if (v >= 1024n) {
      let k = 0;
      while (k < 6 && v % 1024n ** BigInt(k + 1) === 0n) k++;
      return `${sign}${v / 1024n ** BigInt(k)}${BINARY_SUFFIXES[k]}`;
    }
  }
  if (exp < -9) {
    const d = 10n ** BigInt(-9 - exp);
    mant = (mant + d - 1n) / d;
    exp = -9;
  }
  while (((exp % 3) + 3) % 3 !== 0) {
    mant *= 10n;
    exp--;
  }
  if (p.format === 'DecimalExponent') return `${sign}${mant}${exp ? `e${exp}` : ''}`;
  const suffix = Object.keys(SI_EXP).find((s) => SI_EXP[s] === exp);
  return suffix === undefined ? `${sign}${mant}e${exp}` : `${sign}${mant}${suffix}`;
}
