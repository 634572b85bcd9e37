import { resolve } from 'node:path';
import { type EvalSummary, RequestError } from '@seer/core';
import { generatePatternSet, resolveModel, runEval } from '@seer/core/node';
import type { CommandContext } from '../command-context';
import { readCLIConfiguration } from '../env';
import { ExitCode, type ExitCodeValue } from '../exit-code';
import { formatTable } from '../terminal';

/** The options of `seer eval`. */
export interface EvalCommandOptions {
  dataset?: string;
  budgets: string;
  model?: string;
  concurrency: number;
  limit?: number;
  out: string;
}

/** `1024,2048,4096` → numbers, refusing anything that is not a positive whole number. */
export function parseBudgets(text: string): number[] {
  const budgets = text.split(',').map((part) => Number(part.trim()));
  if (budgets.length === 0 || budgets.some((budget) => !Number.isInteger(budget) || budget <= 0)) {
    throw new RequestError({
      code: 'invalid_request',
      message: `--budgets takes whole numbers separated by commas, not "${text}".`,
    });
  }
  return budgets;
}

/** A progress bar on one line of a terminal: `[######----] 12/40 · 62% correct`. */
function progressLine(done: number, total: number, correct: number): string {
  const width = 24;
  const filled = Math.round((done / Math.max(1, total)) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} · ${correct} correct`;
}

/** The summary as a table: one row per budget. */
export function formatSummary(summary: EvalSummary): string {
  return formatTable(
    [
      ['budget', 'n', 'correct', 'accuracy', 'thinking tokens', 'latency'],
      ...summary.budgets.map((row) => [
        row.budget.toLocaleString('en-US'),
        String(row.n),
        String(row.correct),
        `${(row.accuracy * 100).toFixed(1)}%`,
        row.meanReasoningTokens.toLocaleString('en-US'),
        `${(row.meanLatencyMs / 1000).toFixed(1)} s`,
      ]),
    ],
    new Set([0, 1, 2, 3, 4, 5]),
  );
}

/**
 * `seer eval`: runs a MathVision-format data set at each thinking budget, writes `results.jsonl`,
 * `summary.json` and `accuracy-vs-budget.svg` to `--out`, and resumes there without asking twice.
 */
export async function runEvalCommand(
  options: EvalCommandOptions,
  context: CommandContext,
): Promise<ExitCodeValue> {
  if (!options.dataset) {
    throw new RequestError({
      code: 'invalid_request',
      message: 'seer eval needs --dataset <file.jsonl> (or: seer eval generate-patterns).',
    });
  }
  const { config } = readCLIConfiguration(context.directory);
  const model = resolveModel(config, options.model).preset.id;
  const out = resolve(context.directory, options.out);
  let correct = 0;
  const showsProgress = context.terminal.isStderrTTY;
  const summary = await runEval({
    dataset: resolve(context.directory, options.dataset),
    budgets: parseBudgets(options.budgets),
    model,
    concurrency: options.concurrency,
    ...(options.limit === undefined ? {} : { limit: options.limit }),
    out,
    config,
    onProgress: (done, total, result) => {
      if (result.correct) correct++;
      if (showsProgress) context.stderr.write(`\r${progressLine(done, total, correct)}`);
      else if (done === total || done % 10 === 0)
        context.stderr.write(`${progressLine(done, total, correct)}\n`);
    },
  });
  if (showsProgress) context.stderr.write('\n');
  context.stdout.write(
    `${formatSummary(summary)}\n\nWrote ${out}/results.jsonl, summary.json and accuracy-vs-budget.svg.\n`,
  );
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
