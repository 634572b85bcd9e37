import { z } from 'zod';
import { EFFORT_LEVELS } from '../models/budget';
import { LocaleSchema } from './templates';

/** The most frames a client's own frame list (DashScope's `video` part as a list) may hold. */
export const MAX_LISTED_FRAMES = 512;

const mediaURL = z.string().min(1, 'must be a data: or http(s) URL');
const tokens = z.number().int().min(1).max(1_000_000);

/** A text part, in any message. */
const TextPartSchema = z.looseObject({ type: z.literal('text'), text: z.string() });

/** OpenAI's image part; `image_url` may also be the URL itself, as some clients write it. */
const ImageURLPartSchema = z.looseObject({
  type: z.literal('image_url'),
  image_url: z.union([
    mediaURL,
    z.looseObject({ url: mediaURL, detail: z.enum(['auto', 'low', 'high']).nullish() }),
  ]),
});

/** vLLM's video part: one video file by URL. */
const VideoURLPartSchema = z.looseObject({
  type: z.literal('video_url'),
  video_url: z.union([mediaURL, z.looseObject({ url: mediaURL })]),
});

/** DashScope's video part: a video file by URL, or the frames of one video as a list of image URLs. */
const VideoPartSchema = z.looseObject({
  type: z.literal('video'),
  video: z.union([mediaURL, z.array(mediaURL).min(1).max(MAX_LISTED_FRAMES)]),
  /** For a frame list: the rate the frames were taken at, frames per second. */
  fps: z.number().positive().max(60).nullish(),
});

/**
 * A message's content: a string, or a list of parts. A bad list is described by its first bad part
 * (`at 1.type: Seer reads…`), not as a union that did not match.
 */
function textOrParts<Part extends z.ZodType>(part: Part) {
  return z.union([z.string(), z.array(part).max(1000)], {
    error: (issue) => {
      const listIssues = (issue as { errors?: { path: PropertyKey[]; message: string }[][] }).errors?.[1];
      const first = listIssues?.[0];
      if (!first) return 'must be a string or a list of parts';
      return `${first.path.length > 0 ? `at ${first.path.join('.')}: ` : ''}${first.message}`;
    },
  });
}

/** The parts a user message may carry. */
export const UserContentPartSchema = z.discriminatedUnion(
  'type',
  [TextPartSchema, ImageURLPartSchema, VideoURLPartSchema, VideoPartSchema],
  { error: 'Seer reads text, image_url, video_url and video parts' },
);
/** One part of a user message. */
export type UserContentPart = z.infer<typeof UserContentPartSchema>;

/** An assistant's earlier turn: its text (a refusal part is read as text); its reasoning is not sent back. */
const AssistantPartSchema = z.discriminatedUnion('type', [
  TextPartSchema,
  z.looseObject({ type: z.literal('refusal'), refusal: z.string() }),
]);

/** One message of a chat-completions request, discriminated on `role`. Tool turns are read, then refused. */
export const ChatRequestMessageSchema = z.discriminatedUnion(
  'role',
  [
    z.looseObject({
      role: z.enum(['system', 'developer']),
      content: textOrParts(TextPartSchema),
    }),
    z.looseObject({
      role: z.literal('user'),
      content: textOrParts(UserContentPartSchema),
    }),
    z.looseObject({
      role: z.literal('assistant'),
      content: textOrParts(AssistantPartSchema).nullish(),
    }),
    z.looseObject({ role: z.enum(['tool', 'function']) }),
  ],
  { error: 'role must be system, developer, user or assistant' },
);
/** One message of a chat-completions request. */
export type ChatRequestMessage = z.infer<typeof ChatRequestMessageSchema>;

/**
 * Seer's own options for programs (docs/openai-compatible.md): a task's prompt applied to the last user
 * message, the prompt's language, the images' detail and the videos' sampling rate.
 */
export const SeerChatOptionsSchema = z
  .strictObject({
    template: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('A task id: its prompt is applied to the last user message'),
    locale: LocaleSchema.optional(),
    detail: z.enum(['auto', 'high']).optional(),
    fps: z.number().positive().max(60).optional(),
  })
  .meta({ id: 'SeerChatOptions' });
/** Seer's own options of a chat-completions request. */
export type SeerChatOptions = z.infer<typeof SeerChatOptionsSchema>;

/**
 * The body of `POST /v1/chat/completions` (docs/openai-compatible.md): OpenAI's request, read loosely
 * (fields Seer does not use are accepted and ignored, `null` counts as unset), with the thinking budget
 * in any of the forms clients send it, and Seer's own `seer` options.
 */
export const ChatCompletionRequestSchema = z
  .looseObject({
    model: z
      .string()
      .min(1)
      .max(400)
      .describe('A model of GET /v1/models, or a task entry such as qvq-max/math-pattern'),
    messages: z.array(ChatRequestMessageSchema).min(1).max(1000),
    stream: z.boolean().nullish(),
    stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
    max_tokens: tokens.nullish(),
    max_completion_tokens: tokens.nullish(),
    temperature: z.number().min(0).max(2).nullish(),
    seed: z.number().int().min(0).max(2_147_483_647).nullish(),
    top_p: z.number().gt(0).max(1).nullish(),
    stop: z
      .union([z.string().min(1).max(400), z.array(z.string().min(1).max(400)).max(4)])
      .nullish()
      .describe('Up to four sequences at which the provider stops the answer'),
    n: z.literal(1, 'Seer answers with one choice: n must be 1').nullish(),
    reasoning_effort: z.enum(EFFORT_LEVELS).nullish(),
    thinking_budget: tokens.nullish().describe('DashScope-style thinking budget, in tokens'),
    extra_body: z.looseObject({ thinking_budget: tokens.nullish() }).nullish(),
    reasoning: z
      .looseObject({ max_tokens: tokens.nullish(), effort: z.enum(EFFORT_LEVELS).nullish() })
      .nullish()
      .describe("OpenRouter's reasoning settings"),
    seer: SeerChatOptionsSchema.optional(),
  })
  .meta({ id: 'ChatCompletionRequest' });
/** A validated chat-completions request. */
export type ChatCompletionRequest = z.infer<typeof ChatCompletionRequestSchema>;
/** A chat-completions request as a client writes it. */
export type ChatCompletionRequestInput = z.input<typeof ChatCompletionRequestSchema>;
