// Base64 as the Kubernetes API server decodes a Secret's `data` values: Go's
// encoding/base64 StdEncoding (padded, '+' and '/'), which skips '\r' and '\n'.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(256).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

const isNl = (b: number): boolean => b === 10 || b === 13;

/**
 * undefined when `s` is valid standard base64; otherwise the byte offset Go reports in
 * "illegal base64 data at input byte N" (a port of encoding/base64's decodeQuantum).
 */
export function base64ErrorOffset(s: string): number | undefined {
  const src = Buffer.from(s, 'utf8');
  let si = 0;
  while (si < src.length) {
    let j = 0;
    let end = false;
    for (; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return undefined;
        return si - j;
      }
      const inb = src[si++];
      if (DECODE[inb] >= 0) continue;
      if (isNl(inb)) {
        j--;
        continue;
      }
      if (inb !== 0x3d /* '=' */) return si - 1;
      // Padding: only valid as the 3rd or 4th character of a quantum, and only at the end.
      if (j === 0 || j === 1) return si - 1;
      if (j === 2) {
        while (si < src.length && isNl(src[si])) si++;
        if (si === src.length) return src.length;
        if (src[si] !== 0x3d) return si - 1;
        si++;
      }
      while (si < src.length && isNl(src[si])) si++;
      if (si < src.length) return si;
      end = true;
      break;
    }
    if (end) return undefined;
  }
  return undefined;
}

export const isValidBase64 = (s: string): boolean => base64ErrorOffset(s) === undefined;
