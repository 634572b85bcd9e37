import { answeredBudgets, commonFootnotes, type EvalChartSeries } from './chart-series';
import { compareBudgets } from './compare-budgets';
import { type Axis, drawChart, type EvalChartOptions, PLOT_LEFT, PLOT_RIGHT } from './draw-chart';
import { formatBudget, formatThousands } from './format-summary';

/**
 * A log₂ axis across the plot through `values` (all positive) and ticks at `tickValues`, with `padding`
 * doublings of room at each end. Zero has no logarithm: when `hasZero`, 0 sits one doubling left of the
 * smallest value, labelled 0, with the axis broken in between.
 */
function log2Axis(
  values: number[],
  tickValues: number[],
  hasZero: boolean,
  padding: number,
): { position: (value: number) => number; ticks: Axis['ticks']; breakX?: number } {
  const logs = [...values, ...tickValues].map(Math.log2);
  const zeroLog = Math.min(...logs) - 1;
  const low = (hasZero ? zeroLog : Math.min(...logs)) - padding;
  const high = Math.max(...logs) + padding;
  const toPixel = (log: number) => PLOT_LEFT + ((log - low) / (high - low)) * (PLOT_RIGHT - PLOT_LEFT);
  const position = (value: number) => toPixel(value > 0 ? Math.log2(value) : zeroLog);
  const ticks = [
    ...(hasZero ? [{ x: toPixel(zeroLog), label: '0' }] : []),
    ...tickValues.map((value) => ({ x: position(value), label: formatThousands(value) })),
  ];
  return hasZero ? { position, ticks, breakX: toPixel(zeroLog + 0.5) } : { position, ticks };
}

/**
 * Accuracy (0–100 %) against the thinking budget, as a standalone SVG: one line per run with 95 % interval
 * bars on each point, a legend when there is more than one run, and the answer count beside each point
 * (in a footnote when several runs, or crowded points, leave no room). Token budgets sit on a log₂ axis
 * with a tick at each budget (a budget of 0 one doubling left of the smallest, past an axis break); effort
 * levels, or a mix, are evenly spaced categories. Name the data set and model in `options.title`. The
 * output is deterministic, so it can be committed and compared.
 */
export function accuracyByBudgetChart(summaries: EvalChartSeries[], options: EvalChartOptions): string {
  const distinct = [
    ...new Set(summaries.flatMap((run) => answeredBudgets(run.summary).map((budget) => budget.budget))),
  ];
  const isNumeric = distinct.length > 0 && distinct.every((budget) => typeof budget === 'number');
  let axis: Axis;
  let position: (budget: number | string) => number;
  if (isNumeric) {
    const numbers = (distinct as number[]).sort((a, b) => a - b);
    const positive = numbers.filter((budget) => budget > 0);
    const log = log2Axis(
      positive.length > 0 ? positive : [1],
      positive,
      positive.length < numbers.length,
      0.5,
    );
    position = (budget) => log.position(budget as number);
    axis = {
      title: 'thinking budget (tokens)',
      ticks: log.ticks,
      ...(log.breakX === undefined ? {} : { breakX: log.breakX }),
    };
  } else {
    const categories = distinct.sort(compareBudgets);
    const step = (PLOT_RIGHT - PLOT_LEFT) / Math.max(1, categories.length);
    position = (budget) => PLOT_LEFT + step * (categories.indexOf(budget) + 0.5);
    axis = {
      title: distinct.every((budget) => typeof budget === 'string') ? 'reasoning effort' : 'thinking budget',
      ticks: categories.map((budget) => ({ x: position(budget), label: formatBudget(budget) })),
    };
  }
  const series = summaries.map((run) => ({
    label: run.label,
    points: answeredBudgets(run.summary).map((budget) => ({ x: position(budget.budget), budget })),
  }));
  return drawChart(options, series, axis, commonFootnotes(summaries), summaries.length > 1);
}

function niceStep(range: number, count: number): number {
  const rough = range / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
}

/**
 * Accuracy (0–100 %) against the thinking tokens actually used (the mean per item), as a standalone SVG:
 * the same runs, intervals and legend as {@link accuracyByBudgetChart}, each point labelled with the budget
 * that produced it. The axis is log₂ when the non-zero means span at least a factor of four (a mean of 0
 * past an axis break), else linear from 0. Shows whether a larger budget bought more thinking, and whether
 * that thinking bought accuracy.
 */
export function accuracyByThinkingChart(summaries: EvalChartSeries[], options: EvalChartOptions): string {
  const means = summaries.flatMap((run) =>
    answeredBudgets(run.summary).map((budget) => budget.thinkingTokens.mean),
  );
  const positive = means.filter((tokens) => tokens > 0);
  const smallest = positive.length > 0 ? Math.min(...positive) : 0;
  const largest = positive.length > 0 ? Math.max(...positive) : 0;
  let position: (tokens: number) => number;
  let axis: Axis = { title: 'thinking tokens used (mean per item)', ticks: [] };
  if (smallest > 0 && largest / smallest >= 4) {
    const low = Math.floor(Math.log2(smallest));
    const high = Math.ceil(Math.log2(largest));
    const every = high - low > 9 ? 2 : 1;
    const tickValues: number[] = [];
    for (let exponent = low; exponent <= high; exponent += every) tickValues.push(2 ** exponent);
    const log = log2Axis(positive, tickValues, positive.length < means.length, 0);
    position = log.position;
    axis = { ...axis, ticks: log.ticks, ...(log.breakX === undefined ? {} : { breakX: log.breakX }) };
  } else {
    const step = niceStep(Math.max(largest, 10), 5);
    const top = Math.max(step, Math.ceil((largest * 1.05) / step) * step);
    position = (tokens) => PLOT_LEFT + (tokens / top) * (PLOT_RIGHT - PLOT_LEFT);
    for (let value = 0; value <= top + step / 2; value += step)
      axis.ticks.push({ x: position(value), label: formatThousands(value) });
  }
  const series = summaries.map((run) => ({
    label: run.label,
    points: answeredBudgets(run.summary).map((budget) => ({
      x: position(budget.thinkingTokens.mean),
      budget,
      label: formatBudget(budget.budget),
    })),
  }));
  const footnotes = commonFootnotes(summaries);
  footnotes.push('Points are labelled with their thinking budget.');
  if (summaries.some((run) => run.summary.budgets.some((budget) => budget.isEstimated)))
    footnotes.push('Some thinking token counts were estimated from the text.');
  return drawChart(options, series, axis, footnotes, false);
}
