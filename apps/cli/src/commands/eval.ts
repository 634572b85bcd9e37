import { resolve } from 'node:path';
import { type EffortLevel, findKnownPreset, isEffortLevel, type ModelPreset, RequestError } from '@seer/core';
import type { BudgetSummary, EvalSummary } from '@seer/core/eval';
import type { EvalCostPlan, EvalOptions } from '@seer/core/node/eval';
import { readCLIConfiguration } from '../cli-configuration';
import type { CommandContext } from '../command-context';
import { generatePatternSet } from '../examples/pattern-set';
import { ExitCode, type ExitCodeValue } from '../exit-code';
import { formatTable } from '../terminal';
import { CLI_VERSION } from '../version';

/** The options of `seer eval`, as commander parses them. */
export interface EvalCommandOptions {
  dataset?: string;
  images?: string;
  budgets: string;
  model?: string;
  template?: string;
  locale: 'en' | 'zh';
  concurrency: number;
  limit?: number;
  repeats: number;
  temperature?: number;
  seed?: number;
  thinkingLog: boolean;
  fresh?: boolean;
  allowDemo?: boolean;
  dryRun?: boolean;
  out: string;
}

/**
 * `1024,2048,4096` → numbers, or `low,medium,high` → effort levels (for an effort-mapped model),
 * refusing anything else and a mix of the two.
 */
export function parseBudgets(text: string): (number | EffortLevel)[] {
  const parts = text.split(',').map((part) => part.trim());
  const budgets = parts.map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  const isTokens = budgets.every((budget) => typeof budget === 'number' && budget > 0);
  const isEfforts = budgets.every((budget) => isEffortLevel(budget));
  if (parts.length === 0 || (!isTokens && !isEfforts)) {
    throw new RequestError({
      code: 'invalid_request',
      message: `--budgets takes token counts (1024,2048,4096) or effort levels (minimal,low,medium,high) separated by commas, not "${text}".`,
    });
  }
  if (new Set(budgets).size !== budgets.length) {
    throw new RequestError({
      code: 'invalid_request',
      message: `--budgets names a budget twice: "${text}".`,
    });
  }
  return budgets as (number | EffortLevel)[];
}

/** A progress bar on one line of a terminal: `[######----] 12/40 · 9 correct · 1 failed`. */
function progressLine(done: number, total: number, correct: number, failed: number): string {
  const width = 24;
  const filled = Math.round((done / Math.max(1, total)) * width);
  const failures = failed > 0 ? ` · ${failed} failed` : '';
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} · ${correct} correct${failures}`;
}

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
const count = (value: number) => Math.round(value).toLocaleString('en-US');

/** How a budget reached the model, in a table cell: `thinking_budget 8,192`, `forced 1,024`, `reasoning_effort low`. */
function sentCell(row: Pick<BudgetSummary, 'sent'>): string {
  const value = typeof row.sent.value === 'number' ? count(row.sent.value) : String(row.sent.value ?? '');
  return `${row.sent.how} ${value}`.trim();
}

/** The summary as a table: one row per budget, with the interval, failures, thinking used and cost. */
export function formatSummary(summary: EvalSummary): string {
  const hasCost = summary.budgets.some((row) => row.costUSD !== undefined);
  return formatTable(
    [
      [
        'budget',
        'sent as',
        'n',
        'correct',
        'accuracy',
        '95% interval',
        'errors',
        'unparsed',
        'unanswered',
        'thinking (mean)',
        'latency',
        ...(hasCost ? ['cost'] : []),
      ],
      ...summary.budgets.map((row) => [
        typeof row.budget === 'number' ? count(row.budget) : row.budget,
        sentCell(row),
        String(row.n),
        String(row.correct),
        percent(row.accuracy),
        `${percent(row.ci95[0])}–${percent(row.ci95[1])}`,
        String(row.errors),
        String(row.unparsed),
        String(row.unanswered),
        `${count(row.thinkingTokens.mean)}${row.isEstimated ? '*' : ''}`,
        `${(row.latencyMs.mean / 1000).toFixed(1)} s`,
        ...(hasCost ? [row.costUSD === undefined ? '' : `$${row.costUSD.toFixed(4)}`] : []),
      ]),
    ],
    new Set([0, 2, 3, 4, 6, 7, 8, 9, 10, 11]),
  );
}

/** Accuracy by one breakdown (subject or level), budgets as columns. */
export function formatBreakdown(summary: EvalSummary, key: 'bySubject' | 'byLevel', title: string): string {
  const names = [...new Set(summary.budgets.flatMap((row) => Object.keys(row[key])))].sort((a, b) =>
    a.localeCompare(b, 'en', { numeric: true }),
  );
  if (names.length === 0) return '';
  const header = [title, ...summary.budgets.map((row) => String(row.budget))];
  const rows = names.map((name) => [
    name,
    ...summary.budgets.map((row) => {
      const tally = row[key][name];
      return tally ? `${percent(tally.accuracy)} (${tally.n})` : '';
    }),
  ]);
  return formatTable([header, ...rows], new Set(header.map((_, index) => index).slice(1)));
}

/** The dry run's plan as a table: requests, input tokens, the most output and the most cost per budget. */
export function formatCostPlan(plan: EvalCostPlan): string {
  const money = (value: number | undefined) =>
    value === undefined ? 'no list price' : `$${value.toFixed(2)}`;
  const table = formatTable(
    [
      ['budget', 'sent as', 'requests', 'input tokens', 'most output tokens', 'most cost'],
      ...plan.budgets.map((row) => [
        typeof row.asked === 'number' ? count(row.asked) : row.asked,
        `${row.how} ${typeof row.sent === 'number' ? count(row.sent) : String(row.sent ?? '')}`.trim(),
        count(row.requests),
        count(row.inputTokens),
        count(row.maxOutputTokens),
        money(row.maxCostUSD),
      ]),
      [
        'all',
        '',
        count(plan.requests),
        count(plan.inputTokens),
        count(plan.maxOutputTokens),
        money(plan.maxCostUSD),
      ],
    ],
    new Set([0, 2, 3, 4, 5]),
  );
  return `${plan.run.model.id} on ${plan.run.dataset.items} items (${plan.run.dataset.path}), prompt ${plan.run.template.id}, ${plan.run.repeats} repeat${plan.run.repeats === 1 ? '' : 's'}:\n\n${table}\n\nAt most: every item thinks to its whole budget (a forced budget is then cut and asked again, which is the second request) and writes the longest answer allowed. Nothing was sent.`;
}

/** The core's eval runner, loaded only by the eval commands: its scorer is heavy to load. */
function loadRunner() {
  return import('@seer/core/node/eval');
}

/**
 * `seer eval`: runs a MathVision-format data set at each thinking budget, writes `run.json`,
 * `results.jsonl` and the report to `--out`, and resumes there without asking twice. `--dry-run`
 * plans the requests and their most cost without sending any.
 */
export async function runEvalCommand(
  options: EvalCommandOptions,
  context: CommandContext,
): Promise<ExitCodeValue> {
  if (!options.dataset) {
    throw new RequestError({
      code: 'invalid_request',
      message: 'seer eval needs --dataset <file.jsonl> (or: seer eval generate-patterns to make one).',
    });
  }
  const { config, templates } = readCLIConfiguration(context.directory);
  const runner = await loadRunner();
  const version = CLI_VERSION;
  const out = resolve(context.directory, options.out);
  const evalOptions: EvalOptions = {
    dataset: resolve(context.directory, options.dataset),
    ...(options.images ? { imagesRoot: resolve(context.directory, options.images) } : {}),
    budgets: parseBudgets(options.budgets),
    ...(options.model ? { model: options.model } : {}),
    ...(options.template ? { template: options.template } : {}),
    locale: options.locale,
    concurrency: options.concurrency,
    ...(options.limit === undefined ? {} : { limit: options.limit }),
    repeats: options.repeats,
    ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    logsThinking: options.thinkingLog,
    isFresh: options.fresh === true,
    allowsDemo: options.allowDemo === true,
    out,
    config,
    templates,
    seerVersion: version,
  };

  if (options.dryRun) {
    // Planning needs no key: a known model is planned from its preset even where it is not configured.
    const configured = config.models.some((endpoint) => endpoint.preset.id === options.model);
    const preset: ModelPreset | undefined =
      options.model && !configured ? findKnownPreset(options.model) : undefined;
    const plan = await runner.planEvalCost(evalOptions, preset);
    context.stdout.write(`${formatCostPlan(plan)}\n`);
    return ExitCode.success;
  }

  let correct = 0;
  let failed = 0;
  const showsProgress = context.terminal.isStderrTTY;
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  context.onInterrupt(onInterrupt);
  let outcome: Awaited<ReturnType<typeof runner.runEval>>;
  try {
    outcome = await runner.runEval({
      ...evalOptions,
      signal: controller.signal,
      onProgress: (done, total, record) => {
        if (record.correct) correct++;
        if (record.status === 'error') failed++;
        if (showsProgress) context.stderr.write(`\r${progressLine(done, total, correct, failed)}`);
        else if (done === total || done % 10 === 0)
          context.stderr.write(`${progressLine(done, total, correct, failed)}\n`);
      },
    });
  } finally {
    context.offInterrupt(onInterrupt);
  }
  if (showsProgress) context.stderr.write('\n');
  const { summary } = outcome;
  const breakdowns = [
    formatBreakdown(summary, 'bySubject', 'subject'),
    formatBreakdown(summary, 'byLevel', 'level'),
  ].filter((table) => table !== '');
  const estimated = summary.budgets.some((row) => row.isEstimated)
    ? '\n* some thinking counts were estimated from the text: the provider did not report them.'
    : '';
  context.stdout.write(
    `${formatSummary(summary)}${estimated}\n${breakdowns.map((table) => `\n${table}\n`).join('')}\nWrote ${out}: run.json, results.jsonl, summary.json, summary.csv, summary.md, accuracy-vs-budget.svg/.png, accuracy-vs-thinking.svg/.png.\n`,
  );
  if (outcome.wasInterrupted) {
    context.stderr.write(
      `seer: stopped after ${outcome.done} of ${outcome.total} answers. Run the same command again to go on from there.\n`,
    );
    return ExitCode.interrupted;
  }
  if (outcome.errors > 0) {
    context.stderr.write(
      `seer: ${outcome.errors} request${outcome.errors === 1 ? '' : 's'} failed and ${outcome.errors === 1 ? 'was' : 'were'} not scored (see "error" in results.jsonl). Run the same command again to retry ${outcome.errors === 1 ? 'it' : 'them'}.\n`,
    );
    return ExitCode.upstream;
  }
  return ExitCode.success;
}

/** `seer eval rescore`: re-scores a run's answers with the current scorer, without calling any model. */
export async function runRescore(options: { out: string }, context: CommandContext): Promise<ExitCodeValue> {
  const runner = await loadRunner();
  const out = resolve(context.directory, options.out);
  const { summary, changed } = await runner.rescoreEval(out);
  context.stdout.write(
    `${formatSummary(summary)}\n\nRe-scored ${out}/results.jsonl: ${changed} answer${changed === 1 ? '' : 's'} changed. Rewrote the summary and charts.\n`,
  );
  return ExitCode.success;
}

/** `seer eval chart DIR…`: several runs (e.g. one per model) on one accuracy-against-budget chart. */
export async function runChart(
  folders: string[],
  options: { out: string },
  context: CommandContext,
): Promise<ExitCodeValue> {
  const runner = await loadRunner();
  const written = await runner.writeComparisonChart(
    folders.map((folder) => resolve(context.directory, folder)),
    resolve(context.directory, options.out),
  );
  context.stdout.write(`Wrote ${written.join(' and ')}.\n`);
  return ExitCode.success;
}

/** `seer eval generate-patterns`: a synthetic number-pattern set with known answers. */
export async function runGeneratePatterns(
  options: { count: number; out: string; seed?: number },
  context: CommandContext,
): Promise<ExitCodeValue> {
  const path = await generatePatternSet(options.count, resolve(context.directory, options.out), options.seed);
  context.stdout.write(`Wrote ${options.count} number-pattern puzzles and ${path}.\n`);
  return ExitCode.success;
}
