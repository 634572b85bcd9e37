import { collator, compareBudgets } from './compare-budgets';
import { type ConfidenceInterval, clusteredInterval, mean, wilsonInterval } from './confidence-intervals';
import type { BudgetSent, EvalRecord } from './record';

/** How many items count for accuracy in one group, how many were right, and how sure that is. */
export interface AccuracyTally {
  /** Answers that count for accuracy: scored, unparsed and unanswered (errors left out). */
  n: number;
  correct: number;
  /** `correct / n`, or with repeats the mean over items of each item's mean correctness; 0 when `n` is 0. */
  accuracy: number;
  /** The 95 % Wilson score interval, or with repeats the interval clustered by item. */
  ci95: ConfidenceInterval;
  /** With repeats: how many distinct items the `n` answers came from. */
  itemsN?: number;
}

/** The mean and median of a measure over the answers of one budget. */
export interface MeanAndMedian {
  mean: number;
  median: number;
}

/** Everything measured at one budget: accuracy with its interval, failures, tokens, time, cost and breakdowns. */
export interface BudgetSummary {
  /** The budget asked: tokens, or an effort level's name. */
  budget: number | string;
  /** What the model was sent for that budget. */
  sent: BudgetSent;
  n: number;
  correct: number;
  accuracy: number;
  ci95: ConfidenceInterval;
  /** With repeats: how many times each item was asked (K). */
  repeats?: number;
  /** With repeats: how many distinct items were answered. */
  itemsN?: number;
  /** Failed requests, left out of `n`. */
  errors: number;
  /** Answers whose text held no readable answer (counted in `n` as wrong). */
  unparsed: number;
  /** Items the model would not answer within the budget (counted in `n` as wrong). */
  unanswered: number;
  /** Reasoning tokens per answer, over the answers that were not errors. */
  thinkingTokens: MeanAndMedian;
  /** Time per answer, over the answers that were not errors. */
  latencyMs: MeanAndMedian;
  /** Input tokens of every request at this budget, failed ones included: what the budget cost. */
  inputTokens: number;
  /** Output tokens (reasoning included) of every request at this budget, failed ones included. */
  outputTokens: number;
  /** At list prices, summed over the answers that have a cost; absent when none has. */
  costUSD?: number;
  /** Some token count at this budget was estimated from the text. */
  isEstimated: boolean;
  /** Accuracy by subject, keys sorted. */
  bySubject: Record<string, AccuracyTally>;
  /** Accuracy by difficulty level, keys sorted. */
  byLevel: Record<string, AccuracyTally>;
  /** Accuracy by subject and level together, keyed `"<subject> · level <n>"`, keys sorted. */
  bySubjectLevel: Record<string, AccuracyTally>;
}

/** The summary of an eval run (`summary.json`): one entry per budget, plus whatever run metadata the caller adds. */
export interface EvalSummary {
  /** Run metadata (model, data set, date, …) for the caller to fill in; the summary itself never sets it. */
  run?: Record<string, unknown>;
  budgets: BudgetSummary[];
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const countsForAccuracy = (record: EvalRecord) => record.status !== 'error';

function perItemMeans(records: EvalRecord[]): number[] {
  const byItem = new Map<string, { correct: number; total: number }>();
  for (const record of records) {
    const item = byItem.get(record.id) ?? { correct: 0, total: 0 };
    item.total++;
    if (record.correct) item.correct++;
    byItem.set(record.id, item);
  }
  return [...byItem.values()].map((item) => item.correct / item.total);
}

function tallyAccuracy(counted: EvalRecord[], isClustered: boolean): AccuracyTally {
  const n = counted.length;
  const correct = counted.filter((record) => record.correct).length;
  if (!isClustered)
    return { n, correct, accuracy: n === 0 ? 0 : correct / n, ci95: wilsonInterval(correct, n) };
  const itemMeans = perItemMeans(counted);
  return {
    n,
    correct,
    accuracy: mean(itemMeans),
    ci95: clusteredInterval(itemMeans),
    itemsN: itemMeans.length,
  };
}

function breakdown(
  counted: EvalRecord[],
  isClustered: boolean,
  key: (record: EvalRecord) => string | undefined,
): Record<string, AccuracyTally> {
  const groups = new Map<string, EvalRecord[]>();
  for (const record of counted) {
    const name = key(record);
    if (name === undefined) continue;
    groups.set(name, [...(groups.get(name) ?? []), record]);
  }
  return Object.fromEntries(
    [...groups]
      .sort(([a], [b]) => collator.compare(a, b))
      .map(([name, group]) => [name, tallyAccuracy(group, isClustered)]),
  );
}

function summarizeBudget(
  budget: number | string,
  records: EvalRecord[],
  isClustered: boolean,
): BudgetSummary {
  const counted = records.filter(countsForAccuracy);
  const overall = tallyAccuracy(counted, isClustered);
  const costs = records.flatMap((record) => (record.costUSD === undefined ? [] : [record.costUSD]));
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  const sent = (counted[0] ?? records[0])!.sent;
  return {
    budget,
    sent: { how: sent.how, value: sent.value },
    n: overall.n,
    correct: overall.correct,
    accuracy: overall.accuracy,
    ci95: overall.ci95,
    ...(isClustered
      ? { repeats: Math.max(...records.map((record) => record.repeat)) + 1, itemsN: overall.itemsN ?? 0 }
      : {}),
    errors: records.length - counted.length,
    unparsed: counted.filter((record) => record.status === 'unparsed').length,
    unanswered: counted.filter((record) => record.status === 'unanswered').length,
    thinkingTokens: {
      mean: mean(counted.map((record) => record.usage.reasoningTokens)),
      median: median(counted.map((record) => record.usage.reasoningTokens)),
    },
    latencyMs: {
      mean: mean(counted.map((record) => record.latencyMs)),
      median: median(counted.map((record) => record.latencyMs)),
    },
    inputTokens: sum(records.map((record) => record.usage.inputTokens)),
    outputTokens: sum(records.map((record) => record.usage.outputTokens)),
    ...(costs.length > 0 ? { costUSD: Math.round(sum(costs) * 1e8) / 1e8 } : {}),
    isEstimated: records.some((record) => record.usage.isEstimated),
    bySubject: breakdown(counted, isClustered, (record) => record.subject),
    byLevel: breakdown(counted, isClustered, (record) =>
      record.level === undefined ? undefined : String(record.level),
    ),
    bySubjectLevel: breakdown(counted, isClustered, (record) =>
      record.subject === undefined || record.level === undefined
        ? undefined
        : `${record.subject} · level ${record.level}`,
    ),
  };
}

/**
 * Sums up the answers of an eval run by budget, with the intervals a paper needs.
 *
 * Errors are left out of `n` (a failed request says nothing about the model); unparsed and unanswered
 * answers count as wrong and are also counted apart. When any record has `repeat` > 0, every budget is
 * summarized with repeats: accuracy is the mean over items of each item's mean correctness and the
 * interval is {@link clusteredInterval}; otherwise the interval is {@link wilsonInterval}.
 *
 * Budgets come in `meta.budgetsInOrder` order (budgets missing from it follow), else token counts
 * ascending then effort levels minimal, low, medium, high. Budgets without records are left out.
 */
export function summarizeEval(
  records: EvalRecord[],
  meta?: { budgetsInOrder?: (number | string)[] },
): EvalSummary {
  const byBudget = new Map<number | string, EvalRecord[]>();
  for (const record of records) byBudget.set(record.budget, [...(byBudget.get(record.budget) ?? []), record]);
  const given = (meta?.budgetsInOrder ?? []).filter((budget) => byBudget.has(budget));
  const rest = [...byBudget.keys()].filter((budget) => !given.includes(budget)).sort(compareBudgets);
  const isClustered = records.some((record) => record.repeat > 0);
  return {
    budgets: [...new Set([...given, ...rest])].map((budget) =>
      summarizeBudget(budget, byBudget.get(budget)!, isClustered),
    ),
  };
}
