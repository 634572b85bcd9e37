import { createHash } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import sharp from 'sharp';
import { collectAnalysis } from '../analysis/attach-result';
import { type AnalysisRequest, AnalysisRequestSchema } from '../analysis/request';
import { RequestError, SeerError } from '../errors';
import { mathVisionPrompt, mathVisionTemplate, taskQuestion } from '../eval/prompt';
import type { EvalRecord, EvalUsage } from '../eval/record';
import { scoreAnswer } from '../eval/score';
import type { EvalSummary } from '../eval/summarize-eval';
import { planImage } from '../media/plan-image';
import { type BudgetPlan, EFFORT_LEVELS, type EffortLevel, planBudgetSweep } from '../models/budget';
import type { ModelEndpoint, SeerConfig } from '../models/config';
import type { ModelPreset } from '../models/presets';
import { requestCost } from '../models/prices';
import { estimateTokens, FORCED_BUDGET_TOLERANCE } from '../provider/forced-budget';
import type { Usage } from '../stream/events';
import type { Locale, Template } from '../templates/template';
import { type DatasetItem, type EvalDataset, loadEvalDataset } from './eval-dataset';
import { REPORT_FILES, writeEvalReport } from './eval-report';
import { appendEvalRecord, readEvalRecords, recordKey, rewriteEvalRecords } from './eval-results';
import {
  checkSameRun,
  type EvalRunDescription,
  readRunDescription,
  writeRunDescription,
} from './eval-run-file';
import { resolveModel, resolveTemplate, startAnalysis } from './start-analysis';

/** The answer allowance of an eval's requests where the model's answer can be bounded apart from its thought. */
export const EVAL_ANSWER_TOKENS = 2048;

/** The prompt an eval asks with by default: MathVision's standard one. */
export const DEFAULT_EVAL_TEMPLATE = mathVisionTemplate.id;

/** What an eval run is asked to be. */
export interface EvalOptions {
  /** The data set's JSONL file. */
  dataset: string;
  /** Where images are looked up first, when they are not beside the JSONL or in its parent folder. */
  imagesRoot?: string;
  /** Budgets in tokens, or effort level names for an effort-mapped model. */
  budgets: readonly (number | EffortLevel)[];
  model?: string;
  /** `mathvision` (default) or a task id (`math-pattern`, a custom task). */
  template?: string;
  locale?: Locale;
  concurrency?: number;
  /** Only the first `limit` items. */
  limit?: number;
  /** How many times each item is asked at each budget (default 1). */
  repeats?: number;
  temperature?: number;
  /** With repeats, repeat `k` is sent `seed + k`. */
  seed?: number;
  /** Keep the thinking text in each line (default true). */
  logsThinking?: boolean;
  /** Throw away what the folder holds and start over. */
  isFresh?: boolean;
  /** Allow the demo model (which never looks at the pictures). */
  allowsDemo?: boolean;
  out: string;
  config: SeerConfig;
  /** Custom tasks, besides the built-in ones. */
  templates?: readonly Template[];
  seerVersion: string;
  /** Aborting it stops the run: no new requests, the ones in flight aborted and not recorded. */
  signal?: AbortSignal;
  /** Called after each answer with how many are done of how many. */
  onProgress?: (done: number, total: number, record: EvalRecord) => void;
}

/** How a run ended. */
export interface EvalOutcome {
  summary: EvalSummary;
  run: EvalRunDescription;
  /** Answers recorded in the folder for this run, of `total`. */
  done: number;
  total: number;
  /** Answers still failed: the next run retries them. */
  errors: number;
  /** Requests this run sent (answers, failures). */
  sent: number;
  wasInterrupted: boolean;
}

/** An eval checked and planned, before any request. */
interface PreparedEval {
  endpoint: ModelEndpoint;
  template: Template;
  dataset: EvalDataset;
  items: DatasetItem[];
  plans: BudgetPlan[];
  run: EvalRunDescription;
}

/** One answer to ask for: an item at a budget, in one repeat. */
interface EvalJob {
  item: DatasetItem;
  plan: BudgetPlan;
  repeat: number;
}

/** Budgets run and are listed from least thinking to most: tokens ascending, effort levels in their order. */
function byThinking(a: BudgetPlan, b: BudgetPlan): number {
  const rank = (plan: BudgetPlan) =>
    typeof plan.asked === 'number' ? plan.asked : EFFORT_LEVELS.indexOf(plan.asked);
  return rank(a) - rank(b);
}

/** The model an eval runs on; a dry run may plan for a known model that has no key here. */
function evalModel(options: EvalOptions, preset?: ModelPreset): ModelEndpoint {
  return preset ? { preset, baseURL: '', apiKey: '' } : resolveModel(options.config, options.model);
}

/** The prompt's version: a hash of the words it sends for a fixed probe item, so any rewording shows. */
function templateVersion(template: Template, locale: Locale): string {
  const probe = { question: 'Probe question <image1>', options: ['1', '2'] };
  const text =
    template.id === mathVisionTemplate.id
      ? mathVisionPrompt(probe, locale)
      : template.buildPrompt({
          locale,
          question: taskQuestion(probe),
          media: [{ type: 'image', width: 100, height: 100 }],
        });
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

/**
 * Everything that can be refused is refused here, before any request: the demo model (unless allowed),
 * a budget sweep with clamped or collapsing budgets, an unknown task, a data set with any bad line or
 * missing image.
 */
async function prepareEval(options: EvalOptions, preset?: ModelPreset): Promise<PreparedEval> {
  const endpoint = evalModel(options, preset);
  if (endpoint.preset.provider === 'demo' && !options.allowsDemo) {
    throw new RequestError({
      code: 'demo_model',
      message:
        'The demo model never looks at the pictures, so its accuracy means nothing. Name a real model with --model (see seer models), or pass --allow-demo to try the pipeline.',
    });
  }
  // The demo takes no budget; allowed, it runs each budget as is, to try the pipeline end to end.
  const plans = (
    endpoint.preset.provider === 'demo'
      ? options.budgets.map((asked) => ({
          asked,
          how: 'none' as const,
          sent: null,
          isClamped: false,
          parameters: {},
        }))
      : planBudgetSweep(endpoint.preset, options.budgets)
  ).sort(byThinking);
  const templateId = options.template ?? DEFAULT_EVAL_TEMPLATE;
  const template =
    templateId === mathVisionTemplate.id
      ? mathVisionTemplate
      : resolveTemplate(templateId, options.templates);
  const dataset = await loadEvalDataset(options.dataset, {
    ...(options.imagesRoot ? { imagesRoot: options.imagesRoot } : {}),
  });
  const items = dataset.items.slice(0, options.limit ?? Number.POSITIVE_INFINITY);
  const locale = options.locale ?? 'en';
  const run: EvalRunDescription = {
    seerVersion: options.seerVersion,
    model: {
      id: endpoint.preset.id,
      provider: endpoint.preset.provider,
      family: endpoint.preset.family,
      upstreamModel: endpoint.preset.upstreamModel,
    },
    dataset: { path: dataset.path, sha256: dataset.sha256, items: items.length },
    template: { id: template.id, version: templateVersion(template, locale) },
    locale,
    budgets: plans.map((plan) => ({ asked: plan.asked, how: plan.how, sent: plan.sent })),
    concurrency: Math.max(1, options.concurrency ?? 2),
    repeats: Math.max(1, options.repeats ?? 1),
    ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    logsThinking: options.logsThinking ?? true,
    startedAt: new Date().toISOString(),
  };
  return { endpoint, template, dataset, items, plans, run };
}

/** The request for one answer, in the form `/v1/analyses` takes. */
async function buildRequest(
  job: EvalJob,
  prepared: PreparedEval,
  options: EvalOptions,
): Promise<AnalysisRequest> {
  const { item, plan, repeat } = job;
  const image = await readFile(item.imagePath);
  const isStandard = prepared.template.id === mathVisionTemplate.id;
  return AnalysisRequestSchema.parse({
    template: prepared.template.id,
    locale: prepared.run.locale,
    question: isStandard ? mathVisionPrompt(item, prepared.run.locale) : taskQuestion(item),
    media: [{ type: 'image', url: `data:application/octet-stream;base64,${image.toString('base64')}` }],
    model: prepared.endpoint.preset.id,
    thinking: typeof plan.asked === 'number' ? { budget: plan.asked } : { effort: plan.asked },
    // A forced budget's model (QVQ) bounds only its answer with this; MathVision's answers are short.
    ...(plan.how === 'forced' ? { maxAnswerTokens: EVAL_ANSWER_TOKENS } : {}),
    ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
    ...(options.seed === undefined ? {} : { seed: options.seed + repeat }),
  });
}

/** The item's tokens, from the provider where it reported them and estimated from the texts where not. */
function countUsage(
  usage: Usage | undefined,
  texts: { reasoning: string; text: string },
  inputGuess: number,
): EvalUsage {
  const hasReport = usage !== undefined && usage.inputTokens + usage.outputTokens > 0;
  const reasoningTokens = usage?.reasoningTokens ?? (texts.reasoning ? estimateTokens(texts.reasoning) : 0);
  const outputTokens = hasReport
    ? usage.outputTokens
    : estimateTokens(texts.reasoning) + estimateTokens(texts.text);
  return {
    inputTokens: hasReport ? usage.inputTokens : inputGuess,
    outputTokens: Math.max(outputTokens, reasoningTokens),
    reasoningTokens,
    isEstimated:
      !hasReport ||
      usage.isEstimated === true ||
      (usage.reasoningTokens === undefined && texts.reasoning !== ''),
  };
}

/** What the answer cost at the model's list prices, at the band its input falls in. */
function costOf(usage: EvalUsage, preset: ModelPreset): number | undefined {
  return preset.prices ? requestCost(preset.prices, usage.inputTokens, usage.outputTokens) : undefined;
}

/** Asks for one answer and turns what happened into a line of `results.jsonl`; `undefined` when aborted. */
async function answer(
  job: EvalJob,
  prepared: PreparedEval,
  options: EvalOptions,
): Promise<EvalRecord | undefined> {
  const { item, plan, repeat } = job;
  const started = Date.now();
  const base = {
    id: item.id,
    repeat,
    budget: plan.asked,
    sent: { how: plan.how, value: plan.sent },
    answer: item.answer,
    ...(item.options.length > 0 ? { options: item.options } : {}),
    ...(item.level === undefined ? {} : { level: item.level }),
    ...(item.subject === undefined ? {} : { subject: item.subject }),
  };
  const failed = (
    error: { code: string; message: string },
    partial = { reasoning: '', text: '' },
  ): EvalRecord => ({
    ...base,
    status: 'error',
    extracted: null,
    correct: false,
    text: partial.text,
    ...(options.logsThinking === false || partial.reasoning === '' ? {} : { reasoning: partial.reasoning }),
    usage: { inputTokens: 0, outputTokens: 0, reasoningTokens: 0, isEstimated: false },
    finishReason: 'error',
    latencyMs: Date.now() - started,
    error: { code: error.code, message: error.message },
  });
  try {
    const request = await buildRequest(job, prepared, options);
    const analysis = await startAnalysis(request, {
      config: options.config,
      templates: [...(options.templates ?? []), mathVisionTemplate],
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const document = await collectAnalysis(analysis.events);
    if (options.signal?.aborted) return undefined;
    if (document.error || !document.finish) {
      return failed(
        document.error ?? { code: 'upstream_error', message: 'The stream ended without finishing.' },
        document,
      );
    }
    const inputGuess =
      analysis.media.reduce((sum, media) => sum + media.tokens, 0) + estimateTokens(request.question ?? '');
    const usage = countUsage(document.finish.usage, document, inputGuess);
    const isUnanswered = document.finish.budget?.isUnanswered === true;
    const score = isUnanswered ? { isCorrect: false } : scoreAnswer(document.text, item);
    const cost = costOf(usage, prepared.endpoint.preset);
    return {
      ...base,
      ...(plan.how === 'forced' && document.finish.budget?.cutAt !== undefined
        ? { sent: { how: plan.how, value: plan.sent, cutAt: document.finish.budget.cutAt } }
        : {}),
      status: isUnanswered ? 'unanswered' : score.extracted === undefined ? 'unparsed' : 'scored',
      extracted: score.extracted ?? null,
      correct: score.isCorrect,
      text: document.text,
      ...(options.logsThinking === false ? {} : { reasoning: document.reasoning }),
      usage,
      finishReason: document.finish.finishReason,
      latencyMs: Date.now() - started,
      ...(cost === undefined ? {} : { costUSD: cost }),
    };
  } catch (error) {
    if (options.signal?.aborted) return undefined;
    if (SeerError.isInstance(error)) return failed(error);
    throw error;
  }
}

/**
 * Runs a MathVision-format data set at each thinking budget and writes, in `out`: `run.json` (what the
 * run is), `results.jsonl` (a line per item, budget and repeat, appended as answers arrive, each with
 * its answer text, thinking, extracted answer, tokens, the budget sent, latency and cost), and the report
 * (`summary.json`, `.csv`, `.md`, charts as SVG and PNG).
 *
 * Everything that can be refused is refused before the first request. Run again on the same `out` with
 * the same settings, it asks only what is missing or failed; with other settings it refuses (unless
 * `isFresh`). A failed request is recorded as a failure with its code, never scored.
 */
export async function runEval(options: EvalOptions): Promise<EvalOutcome> {
  const prepared = await prepareEval(options);
  const out = resolve(options.out);
  await mkdir(out, { recursive: true });
  const saved = options.isFresh ? undefined : await readRunDescription(out);
  if (options.isFresh) {
    await Promise.all(
      ['run.json', 'results.jsonl', ...REPORT_FILES].map((name) => rm(resolve(out, name), { force: true })),
    );
  }
  if (saved) checkSameRun(out, saved, prepared.run);
  const run = saved ? { ...saved, concurrency: prepared.run.concurrency } : prepared.run;
  await writeRunDescription(out, run);

  const records = new Map((await readEvalRecords(out)).map((record) => [recordKey(record), record]));
  const jobs: EvalJob[] = prepared.plans.flatMap((plan) =>
    Array.from({ length: run.repeats }, (_, repeat) =>
      prepared.items.map((item) => ({ item, plan, repeat })),
    ).flat(),
  );
  const keyOf = (job: EvalJob) => recordKey({ id: job.item.id, budget: job.plan.asked, repeat: job.repeat });
  // A failed answer is asked again; everything else recorded is kept.
  const isDone = (job: EvalJob) => {
    const status = records.get(keyOf(job))?.status;
    return status !== undefined && status !== 'error';
  };
  const queue = jobs.filter((job) => !isDone(job));
  const total = jobs.length;
  let done = total - queue.length;
  let sent = 0;
  const worker = async () => {
    for (let job = queue.shift(); job && !options.signal?.aborted; job = queue.shift()) {
      const record = await answer(job, prepared, options);
      if (!record) continue;
      sent++;
      records.set(recordKey(record), record);
      await appendEvalRecord(out, record);
      if (record.status !== 'error') done++;
      options.onProgress?.(done, total, record);
    }
  };
  await Promise.all(Array.from({ length: run.concurrency }, worker));

  const current = new Set(jobs.map(keyOf));
  const wanted = [...records.values()].filter((record) => current.has(recordKey(record)));
  const summary = await writeEvalReport(out, run, wanted);
  return {
    summary,
    run,
    done,
    total,
    errors: wanted.filter((record) => record.status === 'error').length,
    sent,
    wasInterrupted: options.signal?.aborted === true,
  };
}

/**
 * Re-reads every answer of a run with the current scorer, without calling any model: the answer is
 * extracted again from each line's text and compared with the gold (failures stay failures, unanswered
 * stays unanswered); `results.jsonl` and the report are rewritten.
 */
export async function rescoreEval(out: string): Promise<{ summary: EvalSummary; changed: number }> {
  const folder = resolve(out);
  const run = await readRunDescription(folder);
  if (!run) {
    throw new RequestError({
      code: 'invalid_run',
      message: `${folder} holds no run.json: nothing to re-score.`,
    });
  }
  let changed = 0;
  const records = (await readEvalRecords(folder)).map((record): EvalRecord => {
    if (record.status === 'error' || record.status === 'unanswered') return record;
    const score = scoreAnswer(record.text, { answer: record.answer, options: record.options ?? [] });
    const next: EvalRecord = {
      ...record,
      status: score.extracted === undefined ? 'unparsed' : 'scored',
      extracted: score.extracted ?? null,
      correct: score.isCorrect,
    };
    if (next.correct !== record.correct || next.extracted !== record.extracted) changed++;
    return next;
  });
  await rewriteEvalRecords(folder, records);
  return { summary: await writeEvalReport(folder, run, records), changed };
}

/** What a run would cost at most, before anything is sent. */
export interface EvalCostPlan {
  run: EvalRunDescription;
  /** Per budget: requests, input tokens, the most output tokens, and the most it can cost. */
  budgets: {
    asked: number | string;
    how: string;
    sent: number | string | null;
    requests: number;
    inputTokens: number;
    maxOutputTokens: number;
    maxCostUSD?: number;
  }[];
  requests: number;
  inputTokens: number;
  maxOutputTokens: number;
  maxCostUSD?: number;
}

/**
 * The most output one item can take at a budget: the thinking the budget allows, then the longest
 * answer. A forced budget's answer is bounded by the eval's answer allowance (QVQ's `max_tokens` bounds
 * the answer, not the thought) and its request for the answer may think the tolerance more; a native
 * budget's answer by the model's output limit. Effort levels bound nothing: the whole output limit.
 */
function maxOutputFor(plan: BudgetPlan, preset: ModelPreset): number {
  const limit = preset.limits.maxOutputTokens;
  if (typeof plan.sent !== 'number') return limit;
  if (plan.how === 'forced') return plan.sent + FORCED_BUDGET_TOLERANCE + EVAL_ANSWER_TOKENS;
  return plan.sent + limit;
}

/** The tokens a picture will count for a model, planned from its header (size and orientation) alone. */
async function imageTokens(path: string, preset: ModelPreset): Promise<number> {
  const { width = 1, height = 1, orientation = 1 } = await sharp(path).metadata();
  // EXIF orientations 5 to 8 turn the picture a quarter: the model gets it upright.
  const isTurned = orientation >= 5;
  return planImage({ width: isTurned ? height : width, height: isTurned ? width : height }, preset).tokens;
}

/**
 * A dry run: for the data set and budgets, the requests an eval would send, their input tokens (from
 * the real media plan of each picture and the prompt), the most output tokens they can produce and the
 * most that can cost at the model's list prices. Needs no key: a known model is planned from its preset.
 */
export async function planEvalCost(options: EvalOptions, preset?: ModelPreset): Promise<EvalCostPlan> {
  const prepared = await prepareEval(options, preset);
  const model = prepared.endpoint.preset;
  const itemInputs: number[] = [];
  for (const item of prepared.items) {
    const question =
      prepared.template.id === mathVisionTemplate.id
        ? mathVisionPrompt(item, prepared.run.locale)
        : taskQuestion(item);
    itemInputs.push((await imageTokens(item.imagePath, model)) + estimateTokens(question));
  }
  const { repeats } = prepared.run;
  const budgets = prepared.plans.map((plan) => {
    const asks = prepared.items.length * repeats;
    // A forced budget that is reached costs a second request, which carries the prompt and the thought.
    const isForced = plan.how === 'forced' && typeof plan.sent === 'number';
    const thought = isForced ? Number(plan.sent) + FORCED_BUDGET_TOLERANCE : 0;
    const maxOutput = maxOutputFor(plan, model);
    let inputTokens = 0;
    let cost = 0;
    for (const input of itemInputs) {
      if (isForced) {
        // Each request is priced at its own band: the first with its thought, the second with the answer.
        inputTokens += 2 * input + thought;
        if (model.prices) {
          cost += requestCost(model.prices, input, thought);
          cost += requestCost(model.prices, input + thought, maxOutput - thought);
        }
      } else {
        inputTokens += input;
        if (model.prices) cost += requestCost(model.prices, input, maxOutput);
      }
    }
    return {
      asked: plan.asked,
      how: plan.how,
      sent: plan.sent,
      requests: isForced ? asks * 2 : asks,
      inputTokens: inputTokens * repeats,
      maxOutputTokens: asks * maxOutput,
      ...(model.prices ? { maxCostUSD: Math.round(cost * repeats * 100) / 100 } : {}),
    };
  });
  const sum = (pick: (row: (typeof budgets)[number]) => number) =>
    budgets.reduce((total, row) => total + pick(row), 0);
  const maxCostUSD = model.prices ? Math.round(sum((row) => row.maxCostUSD ?? 0) * 100) / 100 : undefined;
  return {
    run: prepared.run,
    budgets,
    requests: sum((row) => row.requests),
    inputTokens: sum((row) => row.inputTokens),
    maxOutputTokens: sum((row) => row.maxOutputTokens),
    ...(maxCostUSD === undefined ? {} : { maxCostUSD }),
  };
}
