import { formatBudget, formatCount } from './format-summary';
import type { EvalSummary } from './summarize-eval';

/** The runs a chart compares: each summary drawn as one series, named by its label. */
export interface EvalChartSeries {
  label: string;
  summary: EvalSummary;
}

/** The budgets of a summary that have answers to plot. */
export const answeredBudgets = (summary: EvalSummary) => summary.budgets.filter((budget) => budget.n > 0);

/** How many answers each point of a series stands for ("n = 30 per point"), labelled when `isNamed`. */
export function describeCounts(series: EvalChartSeries, isNamed: boolean): string {
  const budgets = answeredBudgets(series.summary);
  const counts = [...new Set(budgets.map((budget) => formatCount(budget, budget.repeats)))];
  const numbers = budgets.map((budget) => budget.n);
  const range = counts.length === 1 ? counts[0] : `${Math.min(...numbers)}–${Math.max(...numbers)}`;
  const text = counts.length === 0 ? 'no answers' : `n = ${range} per point`;
  return isNamed ? `${series.label}: ${text}` : `${text}.`;
}

/**
 * The footnotes every chart of these series carries: what the bars are, the answer counts when several
 * series share the chart, and the budgets left undrawn for want of answers.
 */
export function commonFootnotes(series: EvalChartSeries[]): string[] {
  const repeats = series.flatMap((run) => run.summary.budgets.map((budget) => budget.repeats)).find(Boolean);
  const notes = [
    repeats === undefined
      ? 'Bars: 95 % Wilson score intervals.'
      : `Bars: 95 % intervals clustered by item (${repeats} repeats per item; n = items × repeats).`,
  ];
  if (series.length > 1) notes.push(`${series.map((run) => describeCounts(run, true)).join('; ')}.`);
  for (const run of series) {
    const skipped = run.summary.budgets
      .filter((budget) => budget.n === 0)
      .map((budget) => formatBudget(budget.budget));
    if (skipped.length > 0)
      notes.push(
        `${series.length > 1 ? `${run.label}: ` : ''}no answers at ${skipped.join(', ')} (not drawn).`,
      );
  }
  return notes;
}
