import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RequestError } from '../errors';
import type { BudgetHow } from '../models/budget';

/** What an eval run is: everything its results depend on, written to `run.json` in its folder. */
export interface EvalRunDescription {
  /** The Seer version that started the run. */
  seerVersion: string;
  model: { id: string; provider: string; family: string; upstreamModel: string };
  dataset: { path: string; sha256: string; items: number };
  /** The prompt: `mathvision` (the benchmark's standard prompt) or a Seer task id; its version is a hash of its text. */
  template: { id: string; version: string };
  locale: 'en' | 'zh';
  /** Each budget as asked and as it reaches the model, in the order run. */
  budgets: { asked: number | string; how: BudgetHow; sent: number | string | null }[];
  concurrency: number;
  repeats: number;
  temperature?: number;
  seed?: number;
  /** Whether each line keeps the thinking text. */
  logsThinking: boolean;
  startedAt: string;
}

/** The fields whose change makes earlier results a different experiment. */
const IDENTITY_FIELDS = [
  'model',
  'dataset.sha256',
  'template',
  'locale',
  'budgets',
  'repeats',
  'temperature',
  'seed',
] as const;

function fieldOf(run: EvalRunDescription, field: (typeof IDENTITY_FIELDS)[number]): unknown {
  return field === 'dataset.sha256' ? run.dataset.sha256 : run[field];
}

function show(value: unknown): string {
  if (value === undefined) return 'unset';
  if (Array.isArray(value)) {
    return (value as EvalRunDescription['budgets'])
      .map((budget) => `${String(budget.asked)} (${budget.how} ${String(budget.sent)})`)
      .join(', ');
  }
  if (typeof value === 'object' && value !== null && 'id' in value)
    return String((value as { id: unknown }).id);
  return typeof value === 'string' && value.length === 64 ? `${value.slice(0, 12)}…` : String(value);
}

/** What differs between a saved run and the one asked for, in words; empty when they are the same run. */
export function runDifferences(saved: EvalRunDescription, current: EvalRunDescription): string[] {
  return IDENTITY_FIELDS.filter(
    (field) => JSON.stringify(fieldOf(saved, field)) !== JSON.stringify(fieldOf(current, field)),
  ).map(
    (field) =>
      `${field === 'dataset.sha256' ? 'data set content' : field}: ${show(fieldOf(saved, field))} there, ${show(fieldOf(current, field))} now`,
  );
}

/** Reads `run.json` from a run's folder, or `undefined` when the folder holds no run yet. */
export async function readRunDescription(folder: string): Promise<EvalRunDescription | undefined> {
  const path = join(folder, 'run.json');
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(await readFile(path, 'utf8')) as EvalRunDescription;
  } catch {
    throw new RequestError({ code: 'invalid_run', message: `${path} is not a run description Seer wrote.` });
  }
}

/** Writes `run.json`. */
export async function writeRunDescription(folder: string, run: EvalRunDescription): Promise<void> {
  await writeFile(join(folder, 'run.json'), `${JSON.stringify(run, null, 2)}\n`);
}

/**
 * Refuses to add to a folder that holds another experiment's results: resuming is only for the same
 * model, data set content, prompt, locale, budgets, repeats and sampling. The message names what
 * differs and how to start over.
 *
 * @throws RequestError `run_mismatch`.
 */
export function checkSameRun(folder: string, saved: EvalRunDescription, current: EvalRunDescription): void {
  const differences = runDifferences(saved, current);
  if (differences.length === 0) return;
  throw new RequestError({
    code: 'run_mismatch',
    message: `${folder} holds another run (${differences.join('; ')}). Use another --out, or --fresh to start this one over there.`,
  });
}
