import { readFile } from 'node:fs/promises';
import { collectAnalysis } from '../analysis/attach-result';
import { type AnalysisRequest, AnalysisRequestSchema } from '../contract/analysis-request';
import type { Usage } from '../contract/events';
import { SeerError } from '../errors';
import { mathVisionPrompt, mathVisionTemplate, taskQuestion } from '../eval/prompt';
import type { EvalRecord, EvalUsage } from '../eval/record';
import { scoreAnswer } from '../eval/score';
import type { BudgetPlan } from '../models/budget';
import type { ModelPreset } from '../models/presets';
import { requestCost } from '../models/prices';
import { estimateTokens } from '../provider/forced-budget';
import type { DatasetItem } from './eval-dataset';
import type { EvalOptions, PreparedEval } from './prepare-eval';
import { startAnalysis } from './start-analysis';

/** The answer allowance of an eval's requests where the model's answer can be bounded apart from its thought. */
export const EVAL_ANSWER_TOKENS = 2048;

/** One answer to ask for: an item at a budget, in one repeat. */
export interface EvalJob {
  item: DatasetItem;
  plan: BudgetPlan;
  repeat: number;
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
export async function answerEvalItem(
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
