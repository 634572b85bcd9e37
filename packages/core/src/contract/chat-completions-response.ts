import { z } from 'zod';
import {
  BudgetReportSchema,
  FinishReasonSchema,
  PreparedMediaSchema,
  TimingSchema,
  UsageSchema,
} from './events';
import { GroundedResultSchema } from './regions';
import { LocaleSchema } from './templates';

/** Why a choice ended, in OpenAI's words (Seer's own reason is in `seer.finishReason`). */
export const ChatFinishReasonSchema = z.enum(['stop', 'length', 'content_filter']);
/** `stop`, `length` or `content_filter`. */
export type ChatFinishReason = z.infer<typeof ChatFinishReasonSchema>;

/** Token counts in OpenAI's shape; `reasoning_tokens` is estimated from the thinking when the provider gave none. */
export const ChatCompletionUsageSchema = z.object({
  prompt_tokens: z.number().int().nonnegative(),
  completion_tokens: z.number().int().nonnegative(),
  total_tokens: z.number().int().nonnegative(),
  completion_tokens_details: z.object({ reasoning_tokens: z.number().int().nonnegative() }),
});
/** Token counts in OpenAI's shape. */
export type ChatCompletionUsage = z.infer<typeof ChatCompletionUsageSchema>;

/** The request field a thinking budget was read from. */
export const BudgetFieldSchema = z.enum([
  'reasoning_effort',
  'thinking_budget',
  'extra_body.thinking_budget',
  'reasoning.max_tokens',
  'reasoning.effort',
]);
/** The request field a thinking budget was read from. */
export type BudgetField = z.infer<typeof BudgetFieldSchema>;

/**
 * What Seer did for one chat completion, beside OpenAI's fields: the model and task, the prompt's
 * language, each media item as prepared (sizes, tokens, frames), the thinking budget as read (`field`),
 * asked and applied, Seer's own finish reason and counts, the task's result, and the timings.
 */
export const SeerChatReportSchema = z
  .object({
    model: z.string(),
    task: z.string().optional(),
    locale: LocaleSchema,
    media: z.array(PreparedMediaSchema),
    budget: BudgetReportSchema.extend({ field: BudgetFieldSchema }).optional(),
    finishReason: FinishReasonSchema.optional(),
    usage: UsageSchema.optional(),
    /** The task's structured result, with `regions` when the model marked places (docs/grounding.md). */
    result: GroundedResultSchema.optional(),
    timing: TimingSchema.optional(),
  })
  .meta({ id: 'SeerChatReport' });
/** What Seer did for one chat completion. */
export type SeerChatReport = z.infer<typeof SeerChatReportSchema>;

/** The body of a non-streamed `POST /v1/chat/completions`. */
export const ChatCompletionSchema = z
  .object({
    id: z.string(),
    object: z.literal('chat.completion'),
    created: z.number().int(),
    model: z.string(),
    choices: z.array(
      z.object({
        index: z.number().int(),
        message: z.object({
          role: z.literal('assistant'),
          content: z.string(),
          reasoning_content: z.string().optional(),
          refusal: z.null(),
        }),
        finish_reason: ChatFinishReasonSchema,
        logprobs: z.null(),
      }),
    ),
    usage: ChatCompletionUsageSchema,
    seer: SeerChatReportSchema,
  })
  .meta({ id: 'ChatCompletion' });
/** The body of a non-streamed chat completion. */
export type ChatCompletion = z.infer<typeof ChatCompletionSchema>;

/**
 * One `data:` event of a streamed chat completion: a delta of the thinking (`reasoning_content`) or
 * the answer (`content`), then one with `finish_reason`; with `stream_options.include_usage` a last one
 * with no choices and the usage. The last carries `seer`.
 */
export const ChatCompletionChunkSchema = z
  .object({
    id: z.string(),
    object: z.literal('chat.completion.chunk'),
    created: z.number().int(),
    model: z.string(),
    choices: z.array(
      z.object({
        index: z.number().int(),
        delta: z.object({
          role: z.literal('assistant').optional(),
          content: z.string().optional(),
          reasoning_content: z.string().optional(),
        }),
        finish_reason: ChatFinishReasonSchema.nullable(),
        logprobs: z.null(),
      }),
    ),
    usage: ChatCompletionUsageSchema.nullable().optional(),
    seer: SeerChatReportSchema.optional(),
  })
  .meta({ id: 'ChatCompletionChunk' });
/** One chunk of a streamed chat completion. */
export type ChatCompletionChunk = z.infer<typeof ChatCompletionChunkSchema>;

/**
 * An error as OpenAI writes it, which OpenAI's SDKs read (`APIError`): a sentence, a type
 * (`invalid_request_error`, `rate_limit_error`, `server_error`), a code and the request field at fault.
 * Seer's extra fields (`retryable`, `suggestions`, `partial`…) ride along. A stream that fails after it
 * began sends this as its last `data:` event.
 */
export const OpenAIErrorBodySchema = z
  .object({
    error: z.looseObject({
      message: z.string(),
      type: z.string(),
      code: z.string().nullable(),
      param: z.string().nullable(),
    }),
  })
  .meta({ id: 'OpenAIError' });
/** An error in OpenAI's shape. */
export type OpenAIErrorBody = z.infer<typeof OpenAIErrorBodySchema>;
