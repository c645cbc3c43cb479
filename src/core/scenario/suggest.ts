/**
 * "Did you mean ...?" for misspelt keys, names and metrics: the closest candidate by edit distance,
 * when it is close enough that the typo is the likely explanation.
 */

/** Levenshtein distance with unit costs, case-insensitive (a wrong case is a typo too). */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      const substitution = (previous[j - 1] as number) + (s[i - 1] === t[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution));
    }
    previous = current;
  }
  return previous[t.length] as number;
}

/**
 * The candidate closest to `word`, if within a third of its length (at least 1, at most 3 edits);
 * failing that, the shortest candidate `word` begins (`jobs.throughput` → `jobs.throughputPerMin`).
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const d = editDistance(word, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best !== undefined || word.length < 3) return best;
  const lower = word.toLowerCase();
  const extensions = candidates.filter((c) => c.toLowerCase().startsWith(lower));
  return extensions.sort((a, b) => a.length - b.length)[0];
}

/** `, did you mean X?` or nothing. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const match = closest(word, candidates);
  return match === undefined ? '' : `, did you mean ${match}?`;
}
