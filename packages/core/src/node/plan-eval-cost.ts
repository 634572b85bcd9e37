import { mathVisionPrompt, mathVisionTemplate, taskQuestion } from '../eval/prompt';
import { planImage } from '../media/plan-image';
import type { BudgetPlan } from '../models/budget';
import type { ModelPreset } from '../models/presets';
import { requestCost } from '../models/prices';
import { estimateTokens, FORCED_BUDGET_TOLERANCE } from '../provider/forced-budget';
import { EVAL_ANSWER_TOKENS } from './answer-eval-item';
import type { EvalRunDescription } from './eval-run-file';
import { loadSharp } from './load-sharp';
import { type EvalOptions, prepareEval } from './prepare-eval';

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
  const sharp = await loadSharp();
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
