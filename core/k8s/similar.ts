// "Did you mean ...?": the closest name among candidates, by edit distance.

/**
 * Optimal string alignment distance between a and b (a swap of two neighbouring letters,
 * `cahce` → `cache`, costs 1), stopping early once it exceeds `max` (returns max + 1 then).
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = a.length;
  const m = b.length;
  let prev2: number[] = [];
  let prev: number[] = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const cur: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[m];
}

/**
 * The candidate closest to `name` if it is close enough to be a likely typo (at most a third of
 * the name's length, and at least 1 edit allowed); ties go to the first candidate.
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const max = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestD = max + 1;
  for (const c of candidates) {
    if (c === name) continue;
    const d = editDistance(name, c, max);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

/** How far a typo of a word this long may be from it and still be suggested. */
function budget(len: number): number {
  return len <= 2 ? 0 : len <= 5 ? 1 : len <= 10 ? 2 : 3;
}

/**
 * The candidate closest to `word`, or undefined when none is close enough. A case-only difference
 * wins outright; ties go to the earlier candidate, and
 * a candidate for which `avoid` is true (e.g. a field already present) loses a tie.
 */
export function closest(word: string, candidates: Iterable<string>, avoid?: (c: string) => boolean): string | undefined {
  const w = word.toLowerCase();
  const limit = budget(word.length);
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const lc = c.toLowerCase();
    const d = lc === w ? 0 : editDistance(w, lc, limit);
    if (d > limit) continue;
    // Prefer candidates that are not already used (a second `name:` is rarely what was meant).
    const score = d * 2 + (avoid?.(c) ? 1 : 0);
    if (score < bestScore) {
      bestScore = score;
      best = c;
    }
    if (score === 0) break;
  }
  return best;
}
