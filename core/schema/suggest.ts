// "Did you mean ...?": the closest candidate by edit distance (optimal string alignment, so a swap
// of two neighbouring letters, `contianers`, costs 1), case-insensitively.
import { editDistance } from '../k8s/similar';

export { editDistance };

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
