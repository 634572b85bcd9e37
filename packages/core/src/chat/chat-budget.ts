import type { ChatCompletionRequest } from '../contract/chat-completions-request';
import type { BudgetField } from '../contract/chat-completions-response';
import { RequestError } from '../errors';
import type { EffortLevel, ThinkingAsk } from '../models/budget';
import type { ModelPreset } from '../models/presets';

/** A thinking budget as a chat request gives it: the field it came in, and its value. */
export interface ChatBudget {
  field: BudgetField;
  value: number | EffortLevel;
}

/**
 * The token budget an effort level stands for, for a model that takes tokens (natively or cut by Seer):
 * the inverse of `effortForBudget`, so that a level sent to an effort model and its tokens sent to a
 * token model ask for about the same thinking.
 */
export const EFFORT_TOKENS: Readonly<Record<EffortLevel, number>> = {
  minimal: 1024,
  low: 2048,
  medium: 8192,
  high: 16384,
};

/**
 * Reads the thinking budget from the fields chat clients send it in: OpenAI's `reasoning_effort`,
 * DashScope's `thinking_budget` (top level, or in a literal `extra_body`), OpenRouter's
 * `reasoning.max_tokens` or `reasoning.effort`. Returns `undefined` when none is set.
 *
 * @throws RequestError when two fields set it: which one wins would be a guess.
 */
export function readChatBudget(request: ChatCompletionRequest): ChatBudget | undefined {
  const given: ChatBudget[] = [];
  const add = (field: BudgetField, value: number | EffortLevel | null | undefined) => {
    if (value !== undefined && value !== null) given.push({ field, value });
  };
  add('reasoning_effort', request.reasoning_effort);
  add('thinking_budget', request.thinking_budget);
  add('extra_body.thinking_budget', request.extra_body?.thinking_budget);
  add('reasoning.max_tokens', request.reasoning?.max_tokens);
  add('reasoning.effort', request.reasoning?.effort);
  if (given.length > 1) {
    throw new RequestError({
      code: 'invalid_request',
      message: `The thinking budget is set twice, by ${given.map((budget) => budget.field).join(' and ')}: give one of them.`,
      details: { param: given[1]!.field },
    });
  }
  return given[0];
}

/**
 * What a chat budget asks of a model, for `planBudget`: tokens as tokens; an effort level as itself for
 * a model that takes levels, and as {@link EFFORT_TOKENS} for one that takes tokens.
 */
export function chatThinkingAsk(preset: ModelPreset, budget: ChatBudget): ThinkingAsk {
  if (typeof budget.value === 'number') return { budget: budget.value };
  if (preset.thinking.budget.control === 'effort') return { effort: budget.value };
  return { budget: EFFORT_TOKENS[budget.value] };
}
