import { sha256Hex, goJson } from '../core/kustomize/hash';
const enc = (s: string) => { const h = sha256Hex(new TextEncoder().encode(s)); const map: any = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' }; return [...h.slice(0, 10)].map((c) => map[c] ?? c).join(''); };
const data = { A: 'base', B: 'base' };
const cands: Record<string, string> = {
  noname: goJson({ kind: 'ConfigMap', name: '', data }),
  full: goJson({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data }),
  fullorder: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data }),
  withbin: goJson({ kind: 'ConfigMap', name: 'cfg', data, binaryData: '' }),
  spaced: JSON.stringify({ data, kind: 'ConfigMap', name: 'cfg' }, null, 0),
  ann: goJson({ kind: 'ConfigMap', name: 'cfg', data, annotations: {} }),
};
for (const [k, v] of Object.entries(cands)) console.log(k, v, enc(v));
