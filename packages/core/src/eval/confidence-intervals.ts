/** The normal quantile for a two-sided 95 % interval. */
const Z95 = 1.959964;

/** A 95 % interval on a proportion, both ends in [0, 1]. */
export type ConfidenceInterval = [low: number, high: number];

const clampToUnit = (value: number) => Math.min(1, Math.max(0, value));

/** The arithmetic mean of `values`; 0 when there are none. */
export const mean = (values: number[]) =>
  values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;

/**
 * The 95 % Wilson score interval for `correct` successes out of `n` (z = 1.959964):
 * `(p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n)` with `p = correct / n`.
 * Unlike the normal (Wald) interval it stays inside [0, 1] and keeps a sensible width at 0 % and 100 %,
 * which matters for the small item counts of a budget sweep. With `n` = 0 nothing is known: [0, 1].
 */
export function wilsonInterval(correct: number, n: number): ConfidenceInterval {
  if (n <= 0) return [0, 1];
  const proportion = correct / n;
  const zSquared = Z95 * Z95;
  const denominator = 1 + zSquared / n;
  const center = (proportion + zSquared / (2 * n)) / denominator;
  const halfWidth =
    (Z95 / denominator) * Math.sqrt((proportion * (1 - proportion)) / n + zSquared / (4 * n * n));
  // At 0 % and 100 % the ends are exactly 0 and 1 on paper; rounding would leave 0.9999999999999999.
  return [
    correct <= 0 ? 0 : clampToUnit(center - halfWidth),
    correct >= n ? 1 : clampToUnit(center + halfWidth),
  ];
}

/**
 * The 95 % interval on mean accuracy when each item was asked several times, treating items as clusters
 * (clustered standard errors; see `docs/evaluation.md`, Statistics): repeats of one item are not independent
 * draws, so the unit of sampling is the item. With `m` the mean of the per-item means and
 * `s²` their sample variance (divisor k − 1) over `k` items, `SE = √(s² / k)` and the interval is
 * `m ± 1.959964·SE`, clamped to [0, 1]. Fewer than two items give no variance: [0, 1].
 */
export function clusteredInterval(perItemMeans: number[]): ConfidenceInterval {
  const items = perItemMeans.length;
  if (items < 2) return [0, 1];
  const center = mean(perItemMeans);
  const variance = perItemMeans.reduce((sum, value) => sum + (value - center) ** 2, 0) / (items - 1);
  const standardError = Math.sqrt(variance / items);
  return [clampToUnit(center - Z95 * standardError), clampToUnit(center + Z95 * standardError)];
}
