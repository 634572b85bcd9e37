import type { ModelPreset } from './presets';

/** Provider request fields that carry a thinking budget. */
export type BudgetParameters = Record<string, unknown>;

/** Keeps a budget inside the preset's range. */
export function clampBudget(budget: number, preset: ModelPreset): number {
  const { min = 1, max = Number.MAX_SAFE_INTEGER } = preset.thinking.budget;
  return Math.min(max, Math.max(min, Math.round(budget)));
}

/** OpenAI-style effort level for a token budget. */
export function effortForBudget(budget: number): 'low' | 'medium' | 'high' {
  if (budget <= 2048) return 'low';
  if (budget <= 8192) return 'medium';
  return 'high';
}

/**
 * The request fields that switch thinking on and set its budget, per preset (SPEC §5):
 * DashScope's `enable_thinking` + `thinking_budget`, OpenRouter's `reasoning.max_tokens`, or
 * `reasoning_effort`. Presets with forced or no budget control get no fields here: a forced budget is
 * applied by cutting the stream, not by a parameter.
 */
export function budgetParameters(preset: ModelPreset, budget: number | undefined): BudgetParameters {
  const { control } = preset.thinking.budget;
  if (preset.provider === 'dashscope' && preset.thinking.mode === 'optional') {
    return budget === undefined
      ? { enable_thinking: true }
      : { enable_thinking: true, thinking_budget: clampBudget(budget, preset) };
  }
  if (budget === undefined) return {};
  if (control === 'native' && preset.provider === 'openrouter') {
    return { reasoning: { max_tokens: clampBudget(budget, preset) } };
  }
  if (control === 'effort') return { reasoning_effort: effortForBudget(clampBudget(budget, preset)) };
  return {};
}
