import { distance } from 'fastest-levenshtein';

/**
 * The candidates closest to a name someone typed, best first, for a "Did you mean …?" after an unknown
 * task or model id. A candidate is near when it is a few edits away (about one edit for every three
 * characters typed, at least one) or when it contains what was typed (`qvq` finds `qvq-max`); case is
 * ignored. Only the nearest are kept (one edit more than the best at most), so a clear typo gets one
 * answer. Duplicates are dropped, and ties keep the candidates' order.
 *
 * @example
 * nearestNames('math-patern', ['palm-reading', 'math-pattern', 'freeform']); // ['math-pattern']
 */
export function nearestNames(name: string, candidates: readonly string[], max = 3): string[] {
  const typed = name.trim().toLowerCase();
  if (typed === '') return [];
  const allowed = Math.max(1, Math.floor(typed.length / 3));
  const near: { candidate: string; edits: number }[] = [];
  for (const candidate of new Set(candidates)) {
    const lower = candidate.toLowerCase();
    const edits = distance(typed, lower);
    // Containment only counts for a few characters: one letter is in almost every name.
    if (edits <= allowed || (typed.length >= 3 && lower.includes(typed))) near.push({ candidate, edits });
  }
  near.sort((first, second) => first.edits - second.edits);
  const best = near[0]?.edits ?? 0;
  return near
    .filter((entry) => entry.edits <= best + 1)
    .slice(0, Math.max(0, max))
    .map((entry) => entry.candidate);
}

/**
 * The sentence that offers the nearest names (`Did you mean "math-pattern"?`, `… "qvq-max" or
 * "qvq-plus"?`), or an empty string when none is near, so that it can follow any message.
 */
export function didYouMean(name: string, candidates: readonly string[]): string {
  const names = nearestNames(name, candidates).map((candidate) => `"${candidate}"`);
  if (names.length === 0) return '';
  const last = names.pop()!;
  return `Did you mean ${names.length === 0 ? last : `${names.join(', ')} or ${last}`}?`;
}
