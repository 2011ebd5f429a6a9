// A seeded pseudo-random source (mulberry32): the simulator never calls Math.random, so the same
// seed, manifests and actions give the same history byte for byte.
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = (Math.floor(seed) >>> 0) ^ 0x9e3779b9;
  }
  /** A float in [0, 1). */
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
}

/** apimachinery's util/rand alphabet: no vowels, no confusable characters. */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** The 5-character suffix of a generateName (`web-7c5ddbdf54-x8k2p`). */
export function randomSuffix(rng: Rng, n = 5): string {
  let s = '';
  for (let i = 0; i < n; i++) s += ALPHANUMS[rng.int(ALPHANUMS.length)];
  return s;
}

/** rand.SafeEncodeString: maps each character of `s` into the alphabet. */
function safeEncode(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += ALPHANUMS[s.charCodeAt(i) % ALPHANUMS.length];
  return out;
}

/** 32-bit FNV-1a of a string (UTF-16 code units folded to bytes); `from`: the hash of a prefix to continue. */
export function fnv32a(s: string, from = 0x811c9dc5): number {
  let h = from;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h ^= c & 0xff;
    h = Math.imul(h, 0x01000193) >>> 0;
    if (c > 0xff) {
      h ^= c >>> 8;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  }
  return h >>> 0;
}

/** JSON with sorted keys: a stable text of an object for hashing and comparing. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return '[' + v.map(canonicalJson).join(',') + ']';
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort();
  return '{' + keys.map((k) => JSON.stringify(k) + ':' + canonicalJson(o[k])).join(',') + '}';
}

/** A pod-template-hash / controller-revision-hash as Kubernetes renders it. */
export function templateHash(template: unknown, collisionCount = 0): string {
  return safeEncode(String(fnv32a(canonicalJson(template) + (collisionCount ? String(collisionCount) : ''))));
}
