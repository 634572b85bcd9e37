import { FinishReasonSchema, LocaleSchema, LocalizedSchema, TimingSchema, UsageSchema } from '@seer/core';
import { z } from 'zod';

/**
 * A past run as the browser keeps it (IndexedDB, see `history-store.ts`): what was asked, of which
 * media (facts and a small preview, never the media themselves), and everything the model sent back.
 */

/** One media item of a saved run: its facts and a preview at most 160 px on its longer side. */
export const HistoryMediaSchema = z.object({
  name: z.string(),
  kind: z.enum(['image', 'video']),
  /** The original file's size in bytes. */
  bytes: z.number().nonnegative(),
  width: z.number().positive().optional(),
  height: z.number().positive().optional(),
  /** What the server sent the model, when it said so (the `media` event). */
  sentWidth: z.number().positive().optional(),
  sentHeight: z.number().positive().optional(),
  sentBytes: z.number().nonnegative().optional(),
  tokens: z.number().nonnegative().optional(),
  /** The size the server placed the run's regions in (the `media` event's original size). */
  markedWidth: z.number().positive().optional(),
  markedHeight: z.number().positive().optional(),
  durationSeconds: z.number().nonnegative().optional(),
  /** A JPEG `data:` URL. */
  thumbnail: z
    .string()
    .regex(/^data:image\/(jpeg|png|webp);base64,/)
    .optional(),
});
/** One media item of a saved run. */
export type HistoryMedia = z.infer<typeof HistoryMediaSchema>;

/** A saved run; `version` lets a later playground read what an earlier one saved. */
export const HistoryRunSchema = z.object({
  version: z.literal(1),
  /** The API's run id, or one made here when the run never started. */
  id: z.string().min(1),
  /** When the run was started, in ms since the epoch. */
  createdAt: z.number(),
  template: z.object({ id: z.string(), title: LocalizedSchema }),
  model: z.object({ id: z.string(), label: z.string() }),
  /** The answer's locale, as requested. */
  locale: LocaleSchema,
  /** The interface language at the time. */
  uiLocale: LocaleSchema.optional(),
  question: z.string().optional(),
  media: z.array(HistoryMediaSchema),
  /**
   * `running` is saved as soon as the run has its id, so that a reload can find it again (then the texts
   * are those of that moment); `interrupted` when it could not be found again.
   */
  status: z.enum(['running', 'finished', 'stopped', 'failed', 'interrupted']),
  reasoning: z.string(),
  answer: z.string(),
  /** "Thought for": the server's timing of the thinking. */
  reasoningEnd: z
    .object({ durationMs: z.number().nonnegative(), tokens: z.number().int().nonnegative().optional() })
    .optional(),
  finishReason: FinishReasonSchema.optional(),
  usage: UsageSchema.optional(),
  timing: TimingSchema.optional(),
  result: z.record(z.string(), z.unknown()).optional(),
  error: z
    .object({
      code: z.string(),
      message: z.string(),
      isRetryable: z.boolean(),
      details: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
});
/** A saved run. */
export type HistoryRun = z.infer<typeof HistoryRunSchema>;

/** At most this many runs are kept; the oldest go first. */
export const historyLimit = 100;

/** A stored value as a run, or undefined when it is not one (e.g. saved by an incompatible version). */
export function parseHistoryRun(value: unknown): HistoryRun | undefined {
  const parsed = HistoryRunSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** What can be stored in IndexedDB and read back the same: a plain copy without `undefined` fields. */
export function serializeHistoryRun(run: HistoryRun): HistoryRun {
  return JSON.parse(JSON.stringify(HistoryRunSchema.parse(run))) as HistoryRun;
}

/** The stored values that are runs, newest first; anything else is left out. */
export function readHistoryRuns(values: readonly unknown[]): HistoryRun[] {
  return values
    .map(parseHistoryRun)
    .filter((run): run is HistoryRun => run !== undefined)
    .sort((a, b) => b.createdAt - a.createdAt);
}

/** The ids of the runs beyond `limit`, oldest first: the ones to delete after a save. */
export function runsBeyondLimit(runs: readonly HistoryRun[], limit = historyLimit): string[] {
  return [...runs]
    .sort((a, b) => b.createdAt - a.createdAt)
    .slice(limit)
    .map((run) => run.id);
}

/** The run's task title in a locale, e.g. "Math patterns". */
export function runTitle(run: HistoryRun, locale: 'en' | 'zh'): string {
  return run.template.title[locale] || run.template.title.en || run.template.id;
}

/**
 * When a run was made, for a list: "2025-03-04 14:05" in the person's time zone.
 *
 * @example
 * formatRunTime(Date.UTC(2025, 2, 4, 14, 5), 'UTC'); // '2025-03-04 14:05'
 */
export function formatRunTime(createdAt: number, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  }).formatToParts(new Date(createdAt));
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((candidate) => candidate.type === type)?.value;
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}
