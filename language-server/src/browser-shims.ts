// Node globals that the server and core use, for the browser bundles (scripts/build.mjs injects
// this file: esbuild replaces each global named here by its export). setImmediate runs a callback
// after the current task, before timers (a MessageChannel message, not setTimeout's 1–4 ms floor);
// Buffer covers what core does with it: UTF-8 and base64 conversions of small strings.

const queue = new Map<number, () => void>();
let nextId = 1;
let channel: MessageChannel | undefined;

/**
 * Where a port can hold the process open (Node, which runs this file's tests), the channel does so
 * only while callbacks wait; browsers have no ref/unref and never need it.
 */
function holdOpen(on: boolean): void {
  const port = channel?.port1 as { ref?: () => void; unref?: () => void } | undefined;
  if (on) port?.ref?.();
  else port?.unref?.();
}

export function setImmediate(fn: (...args: unknown[]) => void, ...args: unknown[]): number {
  const id = nextId++;
  queue.set(id, () => fn(...args));
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = (e: MessageEvent<number>) => {
      const run = queue.get(e.data);
      queue.delete(e.data);
      if (!queue.size) holdOpen(false);
      run?.();
    };
  }
  holdOpen(true);
  channel.port2.postMessage(id);
  return id;
}

export function clearImmediate(id: number | undefined): void {
  if (id !== undefined) queue.delete(id);
  if (!queue.size) holdOpen(false);
}

type Encoding = 'utf8' | 'utf-8' | 'base64' | 'hex' | 'latin1' | 'binary';

/** Bytes with Node's Buffer#toString(encoding). */
class Bytes extends Uint8Array {
  override toString(encoding: Encoding = 'utf8'): string {
    if (encoding === 'base64') return btoa(latin1(this));
    if (encoding === 'hex') return Array.from(this, (b) => b.toString(16).padStart(2, '0')).join('');
    if (encoding === 'latin1' || encoding === 'binary') return latin1(this);
    return new TextDecoder().decode(this);
  }
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return s;
}

const wrap = (u: Uint8Array): Bytes => new Bytes(u.buffer as ArrayBuffer, u.byteOffset, u.byteLength);

function fromBase64(s: string): Bytes {
  // Like Node: URL-safe letters accepted, anything else (and missing padding) ignored.
  const clean = s
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .replace(/[^A-Za-z0-9+/]/g, '');
  const bin = atob(clean.length % 4 === 1 ? clean.slice(0, -1) : clean.padEnd(Math.ceil(clean.length / 4) * 4, '='));
  return wrap(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

export const Buffer = {
  from(v: string | ArrayLike<number> | ArrayBuffer, encoding: Encoding = 'utf8'): Bytes {
    if (typeof v !== 'string') return wrap(v instanceof ArrayBuffer ? new Uint8Array(v.slice(0)) : Uint8Array.from(v));
    if (encoding === 'base64') return fromBase64(v);
    if (encoding === 'latin1' || encoding === 'binary') return wrap(Uint8Array.from(v, (c) => c.charCodeAt(0) & 0xff));
    return wrap(new TextEncoder().encode(v));
  },
  concat(list: readonly Uint8Array[]): Bytes {
    const out = new Bytes(list.reduce((n, b) => n + b.length, 0));
    let at = 0;
    for (const b of list) {
      out.set(b, at);
      at += b.length;
    }
    return out;
  },
  byteLength: (s: string): number => new TextEncoder().encode(s).length,
  isBuffer: (v: unknown): boolean => v instanceof Bytes,
};
