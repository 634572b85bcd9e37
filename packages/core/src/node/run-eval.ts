import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { collectAnalysis } from '../analysis/attach-result';
import { type AnalysisRequest, AnalysisRequestSchema } from '../analysis/request';
import { SeerError } from '../errors';
import { type EvalItem, scoreAnswer } from '../eval/score';
import { accuracyChart, type EvalResult, type EvalSummary, summarize } from '../eval/summary';
import type { SeerConfig } from '../models/config';
import { estimateTokens } from '../provider/forced-budget';
import { makePatternPuzzle } from './examples';
import { startAnalysis } from './start-analysis';

/** What {@link runEval} needs. */
export interface EvalOptions {
  dataset: string;
  budgets: number[];
  model?: string;
  concurrency?: number;
  limit?: number;
  out: string;
  config: SeerConfig;
  /** Called after each answer with how many are done of how many. */
  onProgress?: (done: number, total: number, result: EvalResult) => void;
}

/** Reads a MathVision-format JSONL file. */
export async function readDataset(path: string): Promise<EvalItem[]> {
  const lines = (await readFile(path, 'utf8')).split('\n').filter((line) => line.trim() !== '');
  return lines.map((line, index) => {
    const item = JSON.parse(line) as Partial<EvalItem> & { id: string | number };
    if (
      item.id === undefined ||
      typeof item.question !== 'string' ||
      item.answer === undefined ||
      !item.image
    ) {
      throw new Error(`${path}:${index + 1} is not a MathVision item (id, question, answer, image).`);
    }
    return {
      id: String(item.id),
      question: item.question,
      options: item.options ?? [],
      answer: String(item.answer),
      image: item.image,
      ...(item.level === undefined ? {} : { level: item.level }),
      ...(item.subject === undefined ? {} : { subject: item.subject }),
    };
  });
}

/** The question as the model reads it: the `<image1>` placeholders dropped, the options listed. */
function questionText(item: EvalItem): string {
  const question = item.question.replace(/<image\d*>/g, '').trim();
  if (item.options.length === 0) return question;
  const letters = 'ABCDEFGH';
  return `${question}\n\nOptions:\n${item.options.map((option, index) => `(${letters[index]}) ${option}`).join('\n')}\nAnswer with the option's letter.`;
}

async function answerItem(
  item: EvalItem,
  budget: number,
  options: EvalOptions,
  folder: string,
): Promise<EvalResult> {
  const started = Date.now();
  const image = await readFile(resolve(folder, item.image));
  const request: AnalysisRequest = AnalysisRequestSchema.parse({
    template: 'math-pattern',
    question: questionText(item),
    media: [{ type: 'image', url: `data:application/octet-stream;base64,${image.toString('base64')}` }],
    thinking: { budget },
    ...(options.model ? { model: options.model } : {}),
  });
  const base = {
    id: item.id,
    budget,
    answer: item.answer,
    ...(item.level === undefined ? {} : { level: item.level }),
    ...(item.subject === undefined ? {} : { subject: item.subject }),
  };
  try {
    const analysis = await startAnalysis(request, { config: options.config });
    const document = await collectAnalysis(analysis.events);
    const score = scoreAnswer(document.text, item);
    return {
      ...base,
      extracted: score.extracted ?? null,
      correct: score.isCorrect,
      reasoningTokens: document.finish?.usage.reasoningTokens ?? estimateTokens(document.reasoning),
      latencyMs: Date.now() - started,
      finishReason: document.finish?.finishReason ?? 'error',
      ...(document.error ? { error: document.error.message } : {}),
    };
  } catch (error) {
    return {
      ...base,
      extracted: null,
      correct: false,
      reasoningTokens: 0,
      latencyMs: Date.now() - started,
      finishReason: 'error',
      error: SeerError.isInstance(error) ? error.message : String(error),
    };
  }
}

/**
 * Runs a MathVision-format data set at each thinking budget (SPEC §9) and writes `results.jsonl` (a line
 * per item and budget, appended as answers arrive), `summary.json` and `accuracy-vs-budget.svg`. Run
 * again on the same `out`, it asks only what is not answered yet. Budgets run in ascending order, items in
 * file order, `concurrency` at a time.
 */
export async function runEval(options: EvalOptions): Promise<EvalSummary> {
  const items = (await readDataset(options.dataset)).slice(0, options.limit ?? Number.POSITIVE_INFINITY);
  const folder = dirname(resolve(options.dataset));
  await mkdir(options.out, { recursive: true });
  const resultsPath = join(options.out, 'results.jsonl');
  const results: EvalResult[] = existsSync(resultsPath)
    ? (await readFile(resultsPath, 'utf8'))
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as EvalResult)
    : [];
  const done = new Set(results.map((result) => `${result.budget}\u0000${result.id}`));
  const budgets = [...new Set(options.budgets)].sort((a, b) => a - b);
  const queue = budgets.flatMap((budget) =>
    items.filter((item) => !done.has(`${budget}\u0000${item.id}`)).map((item) => ({ item, budget })),
  );
  const total = budgets.length * items.length;
  let finished = total - queue.length;
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const result = await answerItem(next.item, next.budget, options, folder);
      results.push(result);
      await appendFile(resultsPath, `${JSON.stringify(result)}\n`);
      finished++;
      options.onProgress?.(finished, total, result);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));
  const wanted = new Set(items.map((item) => item.id));
  const summary = summarize(
    results.filter((result) => wanted.has(result.id) && budgets.includes(result.budget)),
  );
  await writeFile(join(options.out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  await writeFile(
    join(options.out, 'accuracy-vs-budget.svg'),
    accuracyChart(summary, `Accuracy against thinking budget${options.model ? ` · ${options.model}` : ''}`),
  );
  return summary;
}

/**
 * Writes a synthetic number-pattern set in MathVision's format: `patterns.jsonl` and the puzzle images
 * under `images/`, with known answers, for offline runs and tests.
 */
export async function generatePatternSet(count: number, out: string, seed = 1): Promise<string> {
  await mkdir(join(out, 'images'), { recursive: true });
  const lines: string[] = [];
  for (let index = 0; index < count; index++) {
    const puzzle = await makePatternPuzzle({ seed: seed + index * 7919 });
    const image = `images/pattern-${index + 1}.png`;
    await writeFile(join(out, image), puzzle.png);
    lines.push(
      JSON.stringify({
        id: `pattern-${index + 1}`,
        question: '<image1>\nEach row follows the same rule. Which number replaces the question mark?',
        options: [],
        answer: puzzle.answer,
        solution: puzzle.rule.en,
        level: puzzle.rows.length,
        subject: 'number pattern',
        image,
      }),
    );
  }
  const path = join(out, 'patterns.jsonl');
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}
