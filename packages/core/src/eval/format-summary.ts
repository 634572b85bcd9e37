import type { ConfidenceInterval } from './confidence-intervals';

/** A number rounded to a whole one, with thousands separators: "1,024". */
export const formatThousands = (value: number) =>
  String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** A budget as tables and charts name it: tokens with thousands separators, or the effort level. */
export const formatBudget = (budget: number | string) =>
  typeof budget === 'number' ? formatThousands(budget) : budget;

const formatPercent = (value: number) => (value * 100).toFixed(1);

/** Accuracy and its 95 % interval in percent: "43.3 % [27.4, 60.8]". */
export const formatAccuracy = (tally: { accuracy: number; ci95: ConfidenceInterval }) =>
  `${formatPercent(tally.accuracy)} % [${formatPercent(tally.ci95[0])}, ${formatPercent(tally.ci95[1])}]`;

/** How many answers a point stands for: "30", or "30 × 3" with repeats. */
export const formatCount = (tally: { n: number; itemsN?: number }, repeats?: number) =>
  repeats !== undefined && tally.itemsN !== undefined ? `${tally.itemsN} × ${repeats}` : String(tally.n);
