import { collator } from './compare-budgets';
import { formatAccuracy, formatBudget, formatCount, formatThousands } from './format-summary';
import type { BudgetSent } from './record';
import type { AccuracyTally, BudgetSummary, EvalSummary } from './summarize-eval';

const formatSent = (sent: BudgetSent) =>
  sent.how === 'none' || sent.value === null ? sent.how : `${sent.how} = ${sent.value}`;

const roundTo = (value: number, digits: number) => String(Number(value.toFixed(digits)));

function csvField(value: string | number | boolean | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The summary as CSV (RFC 4180: CRLF line ends, fields with commas, quotes or line breaks quoted), one row
 * per budget, for a spreadsheet or a plotting script. `label` (a model or run name) fills the first column so
 * that several runs' files can be concatenated. Accuracy and interval ends are fractions in [0, 1].
 */
export function summaryToCSV(summary: EvalSummary, label?: string): string {
  const header = [
    'label',
    'budget',
    'how',
    'sent',
    'n',
    'correct',
    'accuracy',
    'ci95_low',
    'ci95_high',
    'errors',
    'unparsed',
    'unanswered',
    'thinking_mean',
    'thinking_median',
    'latency_ms_mean',
    'latency_ms_median',
    'input_tokens',
    'output_tokens',
    'cost_usd',
    'repeats',
    'items',
    'tokens_estimated',
  ];
  const rows = summary.budgets.map((budget) => [
    label,
    budget.budget,
    budget.sent.how,
    budget.sent.value,
    budget.n,
    budget.correct,
    roundTo(budget.accuracy, 4),
    roundTo(budget.ci95[0], 4),
    roundTo(budget.ci95[1], 4),
    budget.errors,
    budget.unparsed,
    budget.unanswered,
    roundTo(budget.thinkingTokens.mean, 1),
    roundTo(budget.thinkingTokens.median, 1),
    Math.round(budget.latencyMs.mean),
    Math.round(budget.latencyMs.median),
    budget.inputTokens,
    budget.outputTokens,
    budget.costUSD === undefined ? undefined : roundTo(budget.costUSD, 6),
    budget.repeats ?? 1,
    budget.itemsN ?? budget.n,
    budget.isEstimated,
  ]);
  return `${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

const markdownCell = (text: string) => text.replaceAll('|', '\\|').replace(/\r?\n/g, ' ');

const markdownTable = (header: string[], rows: string[][]) =>
  [header, header.map(() => '---'), ...rows]
    .map((row) => `| ${row.map(markdownCell).join(' | ')} |`)
    .join('\n');

function breakdownTable(
  summary: EvalSummary,
  pick: (budget: BudgetSummary) => Record<string, AccuracyTally>,
  rowTitle: string,
  rowLabel: (key: string) => string,
): string {
  const keys = [...new Set(summary.budgets.flatMap((budget) => Object.keys(pick(budget))))].sort(
    collator.compare,
  );
  return markdownTable(
    [rowTitle, ...summary.budgets.map((budget) => formatBudget(budget.budget))],
    keys.map((key) => [
      rowLabel(key),
      ...summary.budgets.map((budget) => {
        const tally = pick(budget)[key];
        return tally === undefined ? '–' : `${formatAccuracy(tally)} (${formatCount(tally, budget.repeats)})`;
      }),
    ]),
  );
}

/**
 * The summary as Markdown for a report or a paper's appendix: a table with one row per budget (accuracy as
 * "43.3 % [27.4, 60.8]", the 95 % interval in brackets), then accuracy by subject and by level with the
 * budgets as columns. Subject and level tables are left out when the data set has neither.
 */
export function summaryToMarkdown(summary: EvalSummary, options: { title: string }): string {
  const repeats = summary.budgets.find((budget) => budget.repeats !== undefined)?.repeats;
  const isEstimated = summary.budgets.some((budget) => budget.isEstimated);
  const hasCost = summary.budgets.some((budget) => budget.costUSD !== undefined);
  const intervalNote =
    repeats === undefined
      ? 'Accuracy with its 95 % Wilson score interval; n counts scored, unparsed and unanswered items (errors left out).'
      : `Each item was asked ${repeats} times: accuracy is the mean of per-item means, its 95 % interval clustered by item; n is items × repeats.`;
  const sections = [
    `# ${options.title}`,
    intervalNote,
    markdownTable(
      [
        'budget',
        'sent',
        'n',
        'accuracy [95 % CI]',
        'errors',
        'unparsed',
        'unanswered',
        'thinking tokens (mean / median)',
        'latency s (mean / median)',
        'input tokens',
        'output tokens',
        ...(hasCost ? ['cost (USD)'] : []),
      ],
      summary.budgets.map((budget) => [
        formatBudget(budget.budget),
        formatSent(budget.sent),
        formatCount(budget, budget.repeats),
        formatAccuracy(budget),
        String(budget.errors),
        String(budget.unparsed),
        String(budget.unanswered),
        `${formatThousands(budget.thinkingTokens.mean)} / ${formatThousands(budget.thinkingTokens.median)}${budget.isEstimated ? '*' : ''}`,
        `${(budget.latencyMs.mean / 1000).toFixed(1)} / ${(budget.latencyMs.median / 1000).toFixed(1)}`,
        formatThousands(budget.inputTokens),
        formatThousands(budget.outputTokens),
        ...(hasCost ? [budget.costUSD === undefined ? '–' : budget.costUSD.toFixed(4)] : []),
      ]),
    ),
    ...(isEstimated ? ['\\* Some token counts at this budget were estimated from the text.'] : []),
  ];
  const hasSubjects = summary.budgets.some((budget) => Object.keys(budget.bySubject).length > 0);
  if (hasSubjects) {
    sections.push(
      '## By subject',
      'Accuracy [95 % CI] (n) per budget.',
      breakdownTable(
        summary,
        (budget) => budget.bySubject,
        'subject',
        (key) => key,
      ),
    );
  }
  const hasLevels = summary.budgets.some((budget) => Object.keys(budget.byLevel).length > 0);
  if (hasLevels) {
    sections.push(
      '## By level',
      'Accuracy [95 % CI] (n) per budget.',
      breakdownTable(
        summary,
        (budget) => budget.byLevel,
        'level',
        (key) => `level ${key}`,
      ),
    );
  }
  return `${sections.join('\n\n')}\n`;
}
