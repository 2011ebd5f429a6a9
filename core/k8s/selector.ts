// Label selector strings as kubectl `-l` and the API server's `labelSelector=` accept them:
// `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, joined by commas.

export type LabelPredicate = (labels: Record<string, string> | undefined) => boolean;

/** Parses a selector string into a predicate over a label map (an empty string matches all). */
export function parseSelector(s: string): LabelPredicate {
  const reqs: ((l: Record<string, string>) => boolean)[] = [];
  for (const part of s.match(/[^,(]+(\([^)]*\))?/g) ?? []) {
    const p = part.trim();
    let m: RegExpExecArray | null;
    if ((m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(p))) {
      const [, k, op, vs] = m;
      const vals = vs.split(',').map((x) => x.trim());
      reqs.push((l) => (op === 'in' ? k in l && vals.includes(l[k]) : !(k in l) || !vals.includes(l[k])));
    } else if ((m = /^([\w./-]+)\s*!=\s*(.*)$/.exec(p))) {
      const [, k, v] = m;
      reqs.push((l) => l[k] !== v);
    } else if ((m = /^([\w./-]+)\s*==?\s*(.*)$/.exec(p))) {
      const [, k, v] = m;
      reqs.push((l) => l[k] === v);
    } else if ((m = /^!([\w./-]+)$/.exec(p))) {
      const k = m[1];
      reqs.push((l) => !(k in l));
    } else if (p) reqs.push((l) => p in l);
  }
  return (labels) => reqs.every((r) => r(labels ?? {}));
}
