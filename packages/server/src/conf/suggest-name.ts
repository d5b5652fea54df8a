/** Levenshtein distance, small strings only (option names). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * ` (did you mean "expiration"?)` for a near miss, or '' — typos in keystone.conf
 * are the most common start-up failure and the fix is usually one letter.
 */
export function suggestName(given: string, known: readonly string[]): string {
  const lower = given.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of known) {
    const distance = editDistance(lower, name.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [name, distance];
  }
  const closeEnough = best !== undefined && bestDistance <= Math.max(2, Math.floor(given.length / 4));
  return closeEnough ? ` (did you mean "${best}"?)` : '';
}
