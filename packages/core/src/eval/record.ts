import type { BudgetHow } from '../models/budget';

export type { BudgetHow };

/** One item of a MathVision-format data set, as read from its JSONL file. */
export interface EvalItem {
  id: string;
  question: string;
  /** The choices of a multiple-choice item (answered by letter, A first); empty for free-form answers. */
  options: string[];
  /** The gold answer: an option letter for multiple choice, else the value. */
  answer: string;
  /** The image, as the data set names it (relative to the data set's root or to the JSONL's folder). */
  image: string;
  level?: number;
  subject?: string;
}

/** The budget a request asked for and what the model was sent. */
export interface BudgetSent {
  how: BudgetHow;
  /** The value of that field (tokens or an effort level); for `forced`, the token count where the cut falls. */
  value: number | string | null;
  /** For a forced budget that was reached: the thinking tokens counted when the thought was cut. */
  cutAt?: number;
}

/**
 * What became of one item at one budget:
 * - `scored`: an answer was read from the text and compared with the gold;
 * - `unparsed`: the model answered, but no answer could be read from its text (wrong, counted apart);
 * - `unanswered`: the model would not answer within the budget (wrong, counted apart);
 * - `error`: the request failed; never scored, retried by the next run.
 */
export type EvalStatus = 'scored' | 'unparsed' | 'unanswered' | 'error';

/** Token counts of one item, both calls of a forced budget summed once. */
export interface EvalUsage {
  inputTokens: number;
  /** Always includes the reasoning tokens. */
  outputTokens: number;
  reasoningTokens: number;
  /** Some count was estimated from the text, because the provider did not report it. */
  isEstimated: boolean;
}

/** One line of `results.jsonl`: one item answered once at one budget. */
export interface EvalRecord {
  id: string;
  /** 0 for the first (or only) repeat. */
  repeat: number;
  /** The budget asked: tokens, or an effort level's name for an effort-mapped model. */
  budget: number | string;
  sent: BudgetSent;
  status: EvalStatus;
  /** The gold answer. */
  answer: string;
  /** The item's choices, when it is multiple choice: with the gold, all a re-scoring needs. */
  options?: string[];
  extracted: string | null;
  /** True only when `status` is `scored` and the answer equals the gold. */
  correct: boolean;
  /** The answer text, so the line can be re-scored. */
  text: string;
  /** The thinking text, unless the run was started with `--no-thinking-log`. */
  reasoning?: string;
  usage: EvalUsage;
  finishReason: string;
  latencyMs: number;
  /** At the model's list prices, when it has them. */
  costUSD?: number;
  level?: number;
  subject?: string;
  /** Why the request failed, when `status` is `error`. */
  error?: { code: string; message: string };
}
