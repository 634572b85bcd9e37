import type { BudgetSent, EvalRecord } from './record';

/** The normal quantile for a two-sided 95 % interval. */
const Z95 = 1.959964;

/** Effort levels from least to most thinking; budgets by name sort in this order. */
const EFFORT_LEVELS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'];

/** A 95 % interval on a proportion, both ends in [0, 1]. */
export type ConfidenceInterval = [low: number, high: number];

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

const clampToUnit = (value: number) => Math.min(1, Math.max(0, value));

const mean = (values: number[]) =>
  values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

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
 * (clustered standard errors, as in Miller 2024, "Adding Error Bars to Evals"): repeats of one item are not
 * independent draws, so the unit of sampling is the item. With `m` the mean of the per-item means and
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

const collator = new Intl.Collator('en', { numeric: true });

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

/** Orders budgets: token counts ascending, then effort levels from least to most, then other names. */
function compareBudgets(a: number | string, b: number | string): number {
  const rank = (budget: number | string): [number, number] => {
    if (typeof budget === 'number') return [0, budget];
    const level = EFFORT_LEVELS.indexOf(budget);
    return level === -1 ? [2, 0] : [1, level];
  };
  const [groupA, valueA] = rank(a);
  const [groupB, valueB] = rank(b);
  if (groupA !== groupB) return groupA - groupB;
  if (valueA !== valueB) return valueA - valueB;
  return typeof a === 'string' && typeof b === 'string' ? collator.compare(a, b) : 0;
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

const formatThousands = (value: number) => String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

const formatBudget = (budget: number | string) =>
  typeof budget === 'number' ? formatThousands(budget) : budget;

const formatPercent = (value: number) => (value * 100).toFixed(1);

/** "43.3 % [27.4, 60.8]" */
const formatAccuracy = (tally: { accuracy: number; ci95: ConfidenceInterval }) =>
  `${formatPercent(tally.accuracy)} % [${formatPercent(tally.ci95[0])}, ${formatPercent(tally.ci95[1])}]`;

const formatSent = (sent: BudgetSent) =>
  sent.how === 'none' || sent.value === null ? sent.how : `${sent.how} = ${sent.value}`;

/** How many answers a point stands for: "30", or "30 × 3" with repeats. */
const formatCount = (tally: { n: number; itemsN?: number }, repeats?: number) =>
  repeats !== undefined && tally.itemsN !== undefined ? `${tally.itemsN} × ${repeats}` : String(tally.n);

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

const escapeXML = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (character) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[character]!,
  );

/** Rounds a coordinate so the SVG stays short and byte-for-byte stable. */
const coordinate = (value: number) => String(Math.round(value * 100) / 100);

/** Colour-blind-safe colours (Okabe and Ito), in the order series take them. */
const SERIES_COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];
const MARKER_SHAPES = ['circle', 'square', 'triangle', 'diamond'] as const;
type MarkerShape = (typeof MARKER_SHAPES)[number];

function marker(shape: MarkerShape, x: number, y: number, color: string): string {
  const stroke = `fill="${color}" stroke="#fff" stroke-width="1.2"`;
  const at = (dx: number, dy: number) => `${coordinate(x + dx)},${coordinate(y + dy)}`;
  switch (shape) {
    case 'circle':
      return `<circle cx="${coordinate(x)}" cy="${coordinate(y)}" r="4.5" ${stroke}/>`;
    case 'square':
      return `<rect x="${coordinate(x - 4)}" y="${coordinate(y - 4)}" width="8" height="8" ${stroke}/>`;
    case 'triangle':
      return `<polygon points="${at(0, -5.5)} ${at(5, 3.5)} ${at(-5, 3.5)}" ${stroke}/>`;
    case 'diamond':
      return `<polygon points="${at(0, -5.5)} ${at(5.5, 0)} ${at(0, 5.5)} ${at(-5.5, 0)}" ${stroke}/>`;
  }
}

/** A rough width of text in DejaVu Sans, enough to lay out legends and avoid overlapping labels. */
const textWidth = (text: string, fontSize: number) => text.length * fontSize * 0.6;

/** The runs a chart compares: each summary drawn as one series, named by its label. */
export interface EvalChartSeries {
  label: string;
  summary: EvalSummary;
}

/** The title and optional subtitle of a chart; name the data set and model in the title. */
export interface EvalChartOptions {
  title: string;
  subtitle?: string;
}

interface PlottedPoint {
  /** Horizontal position in pixels. */
  x: number;
  budget: BudgetSummary;
  /** Text drawn beside the point, when the chart labels points. */
  label?: string;
}

interface PlottedSeries {
  label: string;
  points: PlottedPoint[];
}

interface Axis {
  title: string;
  ticks: { x: number; label: string }[];
  /** Where the axis is broken, between a budget of 0 and the first doubling. */
  breakX?: number;
}

const WIDTH = 760;
const PLOT_LEFT = 76;
const PLOT_RIGHT = WIDTH - 40;
const PLOT_HEIGHT = 300;

const answeredBudgets = (summary: EvalSummary) => summary.budgets.filter((budget) => budget.n > 0);

function describeCounts(series: EvalChartSeries, isNamed: boolean): string {
  const budgets = answeredBudgets(series.summary);
  const counts = [...new Set(budgets.map((budget) => formatCount(budget, budget.repeats)))];
  const numbers = budgets.map((budget) => budget.n);
  const range = counts.length === 1 ? counts[0] : `${Math.min(...numbers)}–${Math.max(...numbers)}`;
  const text = counts.length === 0 ? 'no answers' : `n = ${range} per point`;
  return isNamed ? `${series.label}: ${text}` : `${text}.`;
}

function commonFootnotes(series: EvalChartSeries[]): string[] {
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

function wrapText(text: string, fontSize: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (line !== '' && textWidth(candidate, fontSize) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line !== '') lines.push(line);
  return lines;
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** A label to place, with the spots it may take in order of preference. */
interface LabelSpot {
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
}

function textBox(text: string, fontSize: number, spot: LabelSpot): Box {
  const width = textWidth(text, fontSize);
  const left =
    spot.anchor === 'start' ? spot.x : spot.anchor === 'middle' ? spot.x - width / 2 : spot.x - width;
  return { left, right: left + width, top: spot.y - fontSize * 0.8, bottom: spot.y + fontSize * 0.25 };
}

/** Draws the accuracy axis, the series with their interval bars, the legend, titles and footnotes. */
function drawChart(
  options: EvalChartOptions,
  series: PlottedSeries[],
  xAxis: Axis,
  footnotes: string[],
  isDodged: boolean,
): string {
  const hasLegend = series.length > 1;
  const titleSize = Math.max(11, Math.min(17, (WIDTH - 40) / (options.title.length * 0.6)));
  let cursor = 32;
  const parts: string[] = [
    `<text x="${WIDTH / 2}" y="${cursor}" text-anchor="middle" font-size="${coordinate(titleSize)}" font-weight="bold">${escapeXML(options.title)}</text>`,
  ];
  if (options.subtitle !== undefined) {
    cursor += 22;
    parts.push(
      `<text x="${WIDTH / 2}" y="${cursor}" text-anchor="middle" font-size="13" fill="#555">${escapeXML(options.subtitle)}</text>`,
    );
  }
  if (hasLegend) {
    cursor += 26;
    let legendX = PLOT_LEFT;
    const entries: string[] = [];
    series.forEach((run, index) => {
      const color = SERIES_COLORS[index % SERIES_COLORS.length]!;
      const entryWidth = 34 + textWidth(run.label, 12) + 22;
      if (legendX + entryWidth > PLOT_RIGHT && legendX > PLOT_LEFT) {
        legendX = PLOT_LEFT;
        cursor += 20;
      }
      entries.push(
        `<g class="legend-entry"><line x1="${legendX}" x2="${legendX + 26}" y1="${cursor - 4}" y2="${cursor - 4}" stroke="${color}" stroke-width="2"/>${marker(MARKER_SHAPES[index % MARKER_SHAPES.length]!, legendX + 13, cursor - 4, color)}<text x="${legendX + 34}" y="${cursor}" font-size="12">${escapeXML(run.label)}</text></g>`,
      );
      legendX += entryWidth;
    });
    parts.push(`<g class="legend">${entries.join('')}</g>`);
  }
  const plotTop = cursor + 24;
  const plotBottom = plotTop + PLOT_HEIGHT;
  const y = (accuracy: number) => plotBottom - accuracy * PLOT_HEIGHT;

  const grid: string[] = [];
  for (let percent = 0; percent <= 100; percent += 10) {
    const lineY = coordinate(y(percent / 100));
    grid.push(
      `<line x1="${PLOT_LEFT}" x2="${PLOT_RIGHT}" y1="${lineY}" y2="${lineY}" stroke="${percent % 20 === 0 ? '#dcdfe6' : '#eef0f4'}"/>`,
    );
    if (percent % 20 === 0)
      grid.push(
        `<text x="${PLOT_LEFT - 8}" y="${coordinate(y(percent / 100) + 4)}" text-anchor="end" font-size="12">${percent}</text>`,
      );
  }
  let lastLabelRight = Number.NEGATIVE_INFINITY;
  for (const tick of xAxis.ticks) {
    const x = coordinate(tick.x);
    grid.push(`<line x1="${x}" x2="${x}" y1="${plotBottom}" y2="${plotBottom + 5}" stroke="#888"/>`);
    const halfWidth = textWidth(tick.label, 12) / 2;
    if (tick.x - halfWidth < lastLabelRight + 6) continue;
    lastLabelRight = tick.x + halfWidth;
    grid.push(
      `<text x="${x}" y="${plotBottom + 20}" text-anchor="middle" font-size="12">${escapeXML(tick.label)}</text>`,
    );
  }
  parts.push(
    `<g class="grid">${grid.join('')}</g>`,
    `<line x1="${PLOT_LEFT}" x2="${PLOT_RIGHT}" y1="${plotBottom}" y2="${plotBottom}" stroke="#888"/>`,
    `<line x1="${PLOT_LEFT}" x2="${PLOT_LEFT}" y1="${plotTop}" y2="${plotBottom}" stroke="#888"/>`,
  );
  if (xAxis.breakX !== undefined) {
    const x = xAxis.breakX;
    parts.push(
      `<g class="axis-break" stroke="#888"><rect x="${coordinate(x - 4)}" y="${plotBottom - 5}" width="8" height="10" fill="#fff" stroke="none"/><line x1="${coordinate(x - 6)}" x2="${coordinate(x - 2)}" y1="${plotBottom + 5}" y2="${plotBottom - 5}"/><line x1="${coordinate(x + 2)}" x2="${coordinate(x + 6)}" y1="${plotBottom + 5}" y2="${plotBottom - 5}"/></g>`,
    );
  }
  parts.push(
    `<text class="axis-title" x="${coordinate((PLOT_LEFT + PLOT_RIGHT) / 2)}" y="${plotBottom + 44}" text-anchor="middle" font-size="13">${escapeXML(xAxis.title)}</text>`,
    `<text class="axis-title" transform="translate(24 ${coordinate((plotTop + plotBottom) / 2)}) rotate(-90)" text-anchor="middle" font-size="13">accuracy (%)</text>`,
  );

  const placed = series.map((run, index) => {
    const offset = isDodged ? (index - (series.length - 1) / 2) * 8 : 0;
    return run.points.map((point) => ({ ...point, x: point.x + offset, y: y(point.budget.accuracy) }));
  });
  // Labels must hide no marker, interval bar, line or accuracy tick, nor each other.
  const occupied: Box[] = [0, 20, 40, 60, 80, 100].map((percent) => ({
    left: PLOT_LEFT - 8 - textWidth(String(percent), 12),
    right: PLOT_LEFT,
    top: y(percent / 100) - 6,
    bottom: y(percent / 100) + 5,
  }));
  occupied.push(
    ...placed.flat().flatMap((point) => [
      { left: point.x - 6, right: point.x + 6, top: point.y - 6, bottom: point.y + 6 },
      {
        left: point.x - 4,
        right: point.x + 4,
        top: y(point.budget.ci95[1]),
        bottom: y(point.budget.ci95[0]),
      },
    ]),
  );
  for (const points of placed)
    for (let index = 1; index < points.length; index++) {
      const from = points[index - 1]!;
      const to = points[index]!;
      const steps = Math.ceil(Math.hypot(to.x - from.x, to.y - from.y) / 4);
      for (let step = 1; step < steps; step++) {
        const x = from.x + ((to.x - from.x) * step) / steps;
        const lineY = from.y + ((to.y - from.y) * step) / steps;
        occupied.push({ left: x - 1.5, right: x + 1.5, top: lineY - 1.5, bottom: lineY + 1.5 });
      }
    }
  const isFree = (box: Box, leftmost: number) =>
    box.left >= leftmost &&
    box.right <= WIDTH - 4 &&
    box.top >= plotTop - 10 &&
    box.bottom <= plotBottom - 2 &&
    !occupied.some(
      (other) =>
        box.left < other.right && box.right > other.left && box.top < other.bottom && box.bottom > other.top,
    );
  // Counts may reach past the accuracy axis, where they still read as counts; budgets would read as ticks.
  const place = (text: string, fontSize: number, spots: LabelSpot[], leftmost = PLOT_LEFT + 2) => {
    const spot = spots.find((candidate) => isFree(textBox(text, fontSize, candidate), leftmost));
    if (spot !== undefined) occupied.push(textBox(text, fontSize, spot));
    return spot;
  };
  const labelAttributes = 'stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"';

  const countLabels: string[] = [];
  if (series.length === 1) {
    const points = placed[0]!;
    const spots = points.map((point) => {
      const text = `n = ${formatCount(point.budget, point.budget.repeats)}`;
      return {
        text,
        spot: place(
          text,
          10.5,
          [
            { x: point.x, y: y(point.budget.ci95[0]) + 14, anchor: 'middle' },
            { x: point.x, y: y(point.budget.ci95[1]) - 6, anchor: 'middle' },
            { x: point.x - 3, y: y(point.budget.ci95[0]) + 14, anchor: 'start' },
            { x: point.x - 3, y: y(point.budget.ci95[1]) - 6, anchor: 'start' },
          ],
          4,
        ),
      };
    });
    if (spots.every((label) => label.spot !== undefined)) {
      for (const { text, spot } of spots)
        countLabels.push(
          `<text class="count" x="${coordinate(spot!.x)}" y="${coordinate(spot!.y)}" text-anchor="${spot!.anchor}" font-size="10.5" fill="#666" ${labelAttributes}>${text}</text>`,
        );
    } else {
      // Counts that do not fit beside every point go to a footnote rather than beside some.
      occupied.splice(occupied.length - spots.filter((label) => label.spot !== undefined).length);
      footnotes.splice(
        1,
        0,
        describeCounts(
          { label: series[0]!.label, summary: { budgets: points.map((point) => point.budget) } },
          false,
        ),
      );
    }
  }

  const unlabelledNotes: string[] = [];
  series.forEach((run, index) => {
    const unlabelled: string[] = [];
    const color = SERIES_COLORS[index % SERIES_COLORS.length]!;
    const shape = MARKER_SHAPES[index % MARKER_SHAPES.length]!;
    const points = placed[index]!;
    const drawn: string[] = [];
    if (points.length > 1)
      drawn.push(
        `<polyline points="${points.map((point) => `${coordinate(point.x)},${coordinate(point.y)}`).join(' ')}" fill="none" stroke="${color}" stroke-width="2" stroke-opacity="0.85"/>`,
      );
    for (const point of points) {
      const x = coordinate(point.x);
      const low = coordinate(y(point.budget.ci95[0]));
      const high = coordinate(y(point.budget.ci95[1]));
      drawn.push(
        `<g class="interval" stroke="${color}" stroke-width="1.5"><line x1="${x}" x2="${x}" y1="${low}" y2="${high}"/><line x1="${coordinate(point.x - 4)}" x2="${coordinate(point.x + 4)}" y1="${low}" y2="${low}"/><line x1="${coordinate(point.x - 4)}" x2="${coordinate(point.x + 4)}" y1="${high}" y2="${high}"/></g>`,
      );
    }
    for (const point of points) {
      const tooltip = `${series.length === 1 ? '' : `${run.label} · `}budget ${formatBudget(point.budget.budget)}: ${formatAccuracy(point.budget)}, n = ${formatCount(point.budget, point.budget.repeats)}, thinking ${formatThousands(point.budget.thinkingTokens.mean)} tokens (mean)`;
      drawn.push(
        `<g class="point"><title>${escapeXML(tooltip)}</title>${marker(shape, point.x, point.y, color)}</g>`,
      );
      if (point.label === undefined) continue;
      // Beside the marker first; failing that, beyond either end of its interval bar.
      const spot = place(point.label, 11, [
        { x: point.x - 8, y: point.y - 6, anchor: 'end' },
        { x: point.x + 8, y: point.y + 14, anchor: 'start' },
        { x: point.x + 8, y: point.y - 6, anchor: 'start' },
        { x: point.x - 8, y: point.y + 14, anchor: 'end' },
        { x: point.x, y: y(point.budget.ci95[1]) - 5, anchor: 'middle' },
        { x: point.x, y: y(point.budget.ci95[0]) + 13, anchor: 'middle' },
      ]);
      if (spot === undefined) unlabelled.push(point.label);
      else
        drawn.push(
          `<text class="point-label" x="${coordinate(spot.x)}" y="${coordinate(spot.y)}" text-anchor="${spot.anchor}" font-size="11" fill="${color}" ${labelAttributes}>${escapeXML(point.label)}</text>`,
        );
    }
    parts.push(`<g class="series">${drawn.join('')}</g>`);
    if (unlabelled.length > 0)
      unlabelledNotes.push(`${series.length === 1 ? '' : `${run.label} `}${unlabelled.join(', ')}`);
  });
  parts.push(...countLabels);
  if (unlabelledNotes.length > 0)
    footnotes.push(`Unlabelled where points crowd: ${unlabelledNotes.join('; ')}.`);
  if (series.every((run) => run.points.length === 0))
    parts.push(
      `<text x="${coordinate((PLOT_LEFT + PLOT_RIGHT) / 2)}" y="${coordinate((plotTop + plotBottom) / 2)}" text-anchor="middle" font-size="13" fill="#888">no answers to plot</text>`,
    );

  let footY = plotBottom + 68;
  for (const line of footnotes.flatMap((note) => wrapText(note, 11, WIDTH - PLOT_LEFT - 16))) {
    parts.push(
      `<text class="footnote" x="${PLOT_LEFT}" y="${footY}" font-size="11" fill="#555">${escapeXML(line)}</text>`,
    );
    footY += 16;
  }
  const height = footY + 4;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="DejaVu Sans, sans-serif" fill="#1d2333">
<rect width="100%" height="100%" fill="#fff"/>
${parts.join('\n')}
</svg>
`;
}

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
