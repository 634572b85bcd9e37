import { z } from 'zod';

/** One entry of OpenRouter's `reasoning_details`. */
const ReasoningDetailSchema = z.looseObject({
  type: z.string().nullish(),
  text: z.string().nullish(),
  summary: z.string().nullish(),
});

/** Provider usage, in the OpenAI shape with the extensions providers add. */
export const ChatUsageSchema = z.looseObject({
  prompt_tokens: z.number().nullish(),
  completion_tokens: z.number().nullish(),
  completion_tokens_details: z.looseObject({ reasoning_tokens: z.number().nullish() }).nullish(),
});

/**
 * One chat-completions stream chunk as OpenAI-compatible servers send it, read leniently: every field
 * may be missing or `null`, and unknown fields are kept. Providers disagree on almost everything.
 */
export const ChatChunkSchema = z.looseObject({
  choices: z
    .array(
      z.looseObject({
        delta: z
          .looseObject({
            content: z.string().nullish(),
            reasoning_content: z.string().nullish(),
            reasoning: z.string().nullish(),
            reasoning_details: z.array(ReasoningDetailSchema).nullish(),
          })
          .nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .nullish(),
  usage: ChatUsageSchema.nullish(),
  error: z.unknown().optional(),
});
/** One chat-completions stream chunk. */
export type ChatChunk = z.infer<typeof ChatChunkSchema>;
/** Provider usage. */
export type ChatUsage = z.infer<typeof ChatUsageSchema>;
