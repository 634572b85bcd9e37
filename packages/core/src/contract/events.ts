import { z } from 'zod';
import { GroundedResultSchema } from './regions';
import { LocaleSchema } from './templates';

/** Why a run ended (docs/api.md, events). */
export const FinishReasonSchema = z.enum(['stop', 'length', 'budget', 'content_filter', 'error']);
/** `stop`, `length`, `budget`, `content_filter` or `error`. */
export type FinishReason = z.infer<typeof FinishReasonSchema>;

/** Token counts of one run, as the provider reported them. */
export const UsageSchema = z.object({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  reasoningTokens: z.number().int().nonnegative().optional(),
  /** Some count was estimated from the text because the provider did not report it. */
  isEstimated: z.boolean().optional(),
});
/** Token counts of one run. */
export type Usage = z.infer<typeof UsageSchema>;

/** A sampled video frame: its source frame number and its time in seconds. */
export const FrameSchema = z.object({
  index: z.number().int().nonnegative(),
  timestamp: z.number().nonnegative(),
});

/** What Seer prepared for one media item (docs/api.md); the `media` event carries the same object. */
export const PreparedMediaSchema = z.object({
  index: z.number().int().nonnegative(),
  type: z.enum(['image', 'video']),
  mime: z.string().optional(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  tokens: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  originalWidth: z.number().int().positive().optional(),
  originalHeight: z.number().int().positive().optional(),
  originalBytes: z.number().int().nonnegative().optional(),
  durationSeconds: z.number().nonnegative().optional(),
  videoFps: z.number().positive().optional(),
  frames: z.array(FrameSchema).optional(),
  /** The rate of the sampled frames, frames per second (one over the interval between them). */
  sampledFps: z.number().positive().optional(),
  /** What Seer changed to fit the model, in a sentence: "sampled at 1.7 fps to stay within qvq-max's 512 frames". */
  note: z.string().optional(),
});
/** What Seer prepared for one media item. */
export type PreparedMediaInfo = z.infer<typeof PreparedMediaSchema>;

const StartEvent = z.object({
  type: z.literal('start'),
  id: z.string(),
  model: z.string(),
  template: z.string(),
  locale: LocaleSchema,
});
// The media item has a `type` of its own (image or video), so the event carries it as `item`; on the
// wire the SSE data of a `media` event is the item itself (docs/api.md, events).
const MediaEvent = z.object({ type: z.literal('media'), item: PreparedMediaSchema });
const ReasoningStartEvent = z.object({ type: z.literal('reasoning-start') });
const ReasoningDeltaEvent = z.object({ type: z.literal('reasoning-delta'), text: z.string() });
const ReasoningEndEvent = z.object({
  type: z.literal('reasoning-end'),
  durationMs: z.number().nonnegative(),
  tokens: z.number().int().nonnegative().optional(),
});
const TextStartEvent = z.object({ type: z.literal('text-start') });
const TextDeltaEvent = z.object({ type: z.literal('text-delta'), text: z.string() });
const TextEndEvent = z.object({ type: z.literal('text-end') });
/**
 * The thinking budget as asked and as it reached the model: the request field that carried it (or
 * `forced` when Seer cut the thought itself), the value sent, whether the asked value had to be moved
 * into the model's range, and for a forced budget where the thought was cut and whether the model
 * answered within it.
 */
export const BudgetReportSchema = z.object({
  asked: z.union([z.number(), z.string()]),
  how: z.enum(['thinking_budget', 'reasoning.max_tokens', 'reasoning_effort', 'forced', 'none']),
  sent: z.union([z.number(), z.string()]).nullable(),
  isClamped: z.boolean(),
  /** Thinking tokens counted when Seer cut the thought (forced budgets that were reached). */
  cutAt: z.number().int().nonnegative().optional(),
  /** The model kept thinking past the budget after it was asked for the answer, and gave none. */
  isUnanswered: z.boolean().optional(),
});
/** The thinking budget as asked and as sent. */
export type BudgetReport = z.infer<typeof BudgetReportSchema>;

/** How long the model thought, and the whole run took, in milliseconds. */
export const TimingSchema = z.object({
  reasoningMs: z.number().nonnegative(),
  totalMs: z.number().nonnegative(),
});

const FinishEvent = z.object({
  type: z.literal('finish'),
  finishReason: FinishReasonSchema,
  usage: UsageSchema,
  budget: BudgetReportSchema.optional(),
  timing: TimingSchema,
  /** The task's structured result, with `regions` when the model marked places (docs/grounding.md). */
  result: GroundedResultSchema.optional(),
});
const ErrorEvent = z.object({
  type: z.literal('error'),
  code: z.string(),
  message: z.string(),
  retryable: z.boolean(),
});
/**
 * Something a reader should know that is not part of the model's output: a replay that had to leave
 * out the oldest thinking (`thinking_dropped`). Written without an SSE `id:`, so a reconnecting reader's
 * place is not moved by it (docs/runs.md).
 */
const NoticeEvent = z.object({
  type: z.literal('notice'),
  code: z.string(),
  message: z.string(),
  droppedEvents: z.number().int().nonnegative().optional(),
});

/**
 * Every event of an analysis stream (docs/api.md, events), one discriminated union on `type`. The API
 * writes these as SSE (`event: <type>`, `data: <the rest>`), and the playground and CLI parse them with
 * this schema.
 */
export const AnalysisEventSchema = z.discriminatedUnion('type', [
  StartEvent,
  MediaEvent,
  ReasoningStartEvent,
  ReasoningDeltaEvent,
  ReasoningEndEvent,
  TextStartEvent,
  TextDeltaEvent,
  TextEndEvent,
  FinishEvent,
  ErrorEvent,
  NoticeEvent,
]);
/** One event of an analysis stream. */
export type AnalysisEvent = z.infer<typeof AnalysisEventSchema>;
/** The event types, in the order they may appear. */
export type AnalysisEventType = AnalysisEvent['type'];
/** The event with the given `type`. */
export type AnalysisEventOf<T extends AnalysisEventType> = Extract<AnalysisEvent, { type: T }>;

/**
 * The events the stream normalizer produces from a provider's stream: the model's part of an analysis,
 * without `start` and `media`, which the pipeline adds around it.
 */
export type ModelStreamEvent = Exclude<
  AnalysisEvent,
  { type: 'start' } | { type: 'media' } | { type: 'notice' }
>;

/** Splits an event into its SSE name and data (the event without `type`). */
export function toSSEParts(event: AnalysisEvent): {
  event: AnalysisEventType;
  data: Record<string, unknown>;
} {
  if (event.type === 'media') return { event: 'media', data: event.item };
  const { type, ...data } = event;
  return { event: type, data };
}

/** Rebuilds an event from its SSE name and data, validating it; throws a ZodError when it is not valid. */
export function fromSSEParts(event: string, data: unknown): AnalysisEvent {
  if (event === 'media') return AnalysisEventSchema.parse({ type: 'media', item: data });
  return AnalysisEventSchema.parse({ ...(data as object), type: event });
}
