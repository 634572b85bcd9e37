import { RequestError } from '../errors';
import type { ModelPreset } from './presets';

/** OpenAI-style reasoning effort levels, from least to most thinking. */
export const EFFORT_LEVELS = ['minimal', 'low', 'medium', 'high'] as const;
/** One of {@link EFFORT_LEVELS}. */
export type EffortLevel = (typeof EFFORT_LEVELS)[number];

/** Whether a text names an effort level. */
export function isEffortLevel(value: unknown): value is EffortLevel {
  return typeof value === 'string' && (EFFORT_LEVELS as readonly string[]).includes(value);
}

/**
 * How a budget reached the model: the request field that carried it, `forced` when Seer cuts the
 * thought itself, or `none` when the model takes no budget.
 */
export type BudgetHow = 'thinking_budget' | 'reasoning.max_tokens' | 'reasoning_effort' | 'forced' | 'none';

/** What a request asks of the thinking: a budget in tokens, or (effort-mapped models) an effort level. */
export interface ThinkingAsk {
  budget?: number | undefined;
  effort?: EffortLevel | undefined;
}

/** A budget as asked, and as it reaches the model. */
export interface BudgetPlan {
  /** Tokens, or an effort level's name. */
  asked: number | EffortLevel;
  how: BudgetHow;
  /** The value sent in that field: tokens, an effort level; for `forced`, the token count where the thought is cut. */
  sent: number | EffortLevel | null;
  /** The asked value was outside what the model takes and was moved into its range. */
  isClamped: boolean;
  /** The provider request fields that carry it. */
  parameters: Record<string, unknown>;
}

/** OpenAI-style effort level for a token budget. */
export function effortForBudget(budget: number): 'low' | 'medium' | 'high' {
  if (budget <= 2048) return 'low';
  if (budget <= 8192) return 'medium';
  return 'high';
}

/**
 * The token range a model takes. A forced budget is cut by Seer wherever it is asked, so it has no
 * lower bound beyond one token; above the model's longest thought it would never be reached.
 */
export function budgetRange(preset: ModelPreset): { min: number; max: number } {
  const { control, min = 1, max = Number.MAX_SAFE_INTEGER } = preset.thinking.budget;
  return control === 'forced' ? { min: 1, max } : { min, max };
}

/** The effort levels a model takes (all four unless its preset names fewer). */
export function effortLevels(preset: ModelPreset): readonly EffortLevel[] {
  return preset.thinking.budget.levels ?? EFFORT_LEVELS;
}

/** The request field a native budget travels in, per provider. */
function nativeField(preset: ModelPreset): BudgetHow {
  return preset.provider === 'openrouter' ? 'reasoning.max_tokens' : 'thinking_budget';
}

/**
 * What a model takes as a thinking budget, in a sentence, for messages:
 * "thinking_budget from 1,024 to 81,920 tokens", "reasoning_effort levels minimal, low, medium, high".
 */
export function describeAcceptedBudgets(preset: ModelPreset): string {
  const { control } = preset.thinking.budget;
  const { min, max } = budgetRange(preset);
  const tokens = (value: number) => value.toLocaleString('en-US');
  if (control === 'none') return `${preset.id} takes no thinking budget`;
  if (control === 'effort') {
    return `${preset.id} takes reasoning_effort levels (${effortLevels(preset).join(', ')}), not token budgets`;
  }
  if (control === 'forced') {
    return `${preset.id} has no budget parameter; Seer cuts its thought at a budget of 1 to ${tokens(max)} tokens`;
  }
  return `${preset.id} takes ${nativeField(preset)} from ${tokens(min)} to ${tokens(max)} tokens`;
}

/**
 * Maps what a request asks of the thinking onto the model's own control: DashScope's `enable_thinking`
 * + `thinking_budget`, OpenRouter's `reasoning.max_tokens`, OpenAI's `reasoning_effort`, or a forced
 * cut that Seer makes itself (no request field). A budget outside the model's range is moved into it
 * and the plan says so. Returns `undefined` when nothing is asked.
 *
 * @throws RequestError when an effort level is asked of a model that does not take one.
 * @example
 * planBudget(qwen3VLPlus, { budget: 100_000 });
 * // { asked: 100000, how: 'thinking_budget', sent: 81920, isClamped: true, parameters: {…} }
 */
export function planBudget(preset: ModelPreset, ask: ThinkingAsk | undefined): BudgetPlan | undefined {
  const { control } = preset.thinking.budget;
  if (ask?.effort !== undefined) {
    if (control !== 'effort' || !effortLevels(preset).includes(ask.effort)) {
      throw new RequestError({
        code: 'invalid_request',
        message: `The effort level "${ask.effort}" cannot be given: ${describeAcceptedBudgets(preset)}.`,
      });
    }
    return {
      asked: ask.effort,
      how: 'reasoning_effort',
      sent: ask.effort,
      isClamped: false,
      parameters: { reasoning_effort: ask.effort },
    };
  }
  const budget = ask?.budget;
  if (budget === undefined) return undefined;
  if (control === 'none') {
    return { asked: budget, how: 'none', sent: null, isClamped: false, parameters: {} };
  }
  const { min, max } = budgetRange(preset);
  const tokens = Math.min(max, Math.max(min, Math.round(budget)));
  const isClamped = tokens !== budget;
  if (control === 'effort') {
    const effort = effortForBudget(tokens);
    return {
      asked: budget,
      how: 'reasoning_effort',
      sent: effort,
      isClamped,
      parameters: { reasoning_effort: effort },
    };
  }
  if (control === 'forced') {
    return { asked: budget, how: 'forced', sent: tokens, isClamped, parameters: {} };
  }
  const how = nativeField(preset);
  return {
    asked: budget,
    how,
    sent: tokens,
    isClamped,
    parameters:
      how === 'reasoning.max_tokens'
        ? { reasoning: { max_tokens: tokens } }
        : { enable_thinking: true, thinking_budget: tokens },
  };
}

/**
 * The request fields that set the thinking for one call: the budget's fields, and for DashScope's
 * switchable models `enable_thinking` even without a budget (they do not think otherwise), always with
 * an explicit `thinking_budget` (the model's longest thought when none is asked): thinking on with no
 * budget has been reported to fail with a 400, and the longest is what the provider would use anyway.
 */
export function budgetParameters(preset: ModelPreset, plan: BudgetPlan | undefined): Record<string, unknown> {
  if (preset.provider === 'dashscope' && preset.thinking.mode === 'optional' && plan === undefined) {
    return { enable_thinking: true, thinking_budget: budgetRange(preset).max };
  }
  return plan?.parameters ?? {};
}

/**
 * Plans every budget of a sweep and refuses, before anything is sent, a sweep whose points would not
 * be what they say: a budget outside the model's range (it would be clamped), or two budgets that
 * reach the model as the same setting (two points of a curve measuring one thing).
 *
 * @throws RequestError with a sentence saying what the model takes.
 */
export function planBudgetSweep(preset: ModelPreset, asks: readonly (number | EffortLevel)[]): BudgetPlan[] {
  const plans = asks.map((asked) =>
    planBudget(preset, typeof asked === 'number' ? { budget: asked } : { effort: asked }),
  ) as BudgetPlan[];
  const clamped = plans.filter((plan) => plan.isClamped);
  if (clamped.length > 0) {
    throw new RequestError({
      code: 'budget_out_of_range',
      message: `${clamped.map((plan) => plan.asked.toLocaleString('en-US')).join(', ')} would be sent as ${clamped.map((plan) => String(plan.sent)).join(', ')}: ${describeAcceptedBudgets(preset)}.`,
    });
  }
  const bySetting = new Map<string, BudgetPlan[]>();
  for (const plan of plans) {
    const key = `${plan.how}=${String(plan.sent)}`;
    bySetting.set(key, [...(bySetting.get(key) ?? []), plan]);
  }
  for (const [, same] of bySetting) {
    if (same.length < 2 && same[0]?.how !== 'none') continue;
    const first = same[0]!;
    const what =
      first.how === 'none'
        ? 'nothing (the model takes no budget)'
        : `the same ${first.how} (${String(first.sent)})`;
    const hint =
      first.how === 'reasoning_effort'
        ? ` Sweep its effort levels instead: --budgets ${effortLevels(preset).join(',')}.`
        : '';
    throw new RequestError({
      code: 'budget_out_of_range',
      message: `Budgets ${same.map((plan) => String(plan.asked)).join(', ')} would all send ${what}: ${describeAcceptedBudgets(preset)}.${hint}`,
    });
  }
  return plans;
}
