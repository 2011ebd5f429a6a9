import { sha256Hex, goJson } from '../core/kustomize/hash';
const enc = (s: string) => { const h = sha256Hex(new TextEncoder().encode(s)); const map: any = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' }; return [...h.slice(0, 10)].map((c) => map[c] ?? c).join(''); };
console.log(sha256Hex(new TextEncoder().encode('abc')));
const cands: Record<string, string> = {
  a: goJson({ kind: 'ConfigMap', name: 'cfg', data: { A: 'base', B: 'base' } }),
};
for (const [k, v] of Object.entries(cands)) console.log(k, v, enc(v));
