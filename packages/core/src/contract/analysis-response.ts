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

/**
 * The answer of `POST /v1/analyses` with `stream: false`: what the `start`, `media` and `finish` events
 * would have said, with the whole thinking and answer.
 */
export const AnalysisResponseSchema = z
  .object({
    id: z.string(),
    model: z.string(),
    template: z.string(),
    locale: LocaleSchema,
    media: z.array(PreparedMediaSchema),
    reasoning: z.string(),
    text: z.string(),
    finishReason: FinishReasonSchema,
    usage: UsageSchema,
    budget: BudgetReportSchema.optional(),
    timing: TimingSchema,
    /** The task's structured result, with `regions` when the model marked places (docs/grounding.md). */
    result: GroundedResultSchema.optional(),
  })
  .meta({ id: 'Analysis' });
/** The answer of `POST /v1/analyses` with `stream: false`. */
export type AnalysisResponse = z.infer<typeof AnalysisResponseSchema>;

/** Where a run is: running, or over in one of three ways (docs/runs.md). */
export const RunStatusSchema = z.enum(['running', 'finished', 'failed', 'cancelled']);
/** Where a run is. */
export type RunStatus = z.infer<typeof RunStatusSchema>;

/**
 * `GET /v1/analyses/{id}`: a run's status, and once it is over, its document (`analysis`, as
 * `stream: false` answers) or its error with what the model had said (`partial`).
 */
export const AnalysisRunSchema = z
  .object({
    id: z.string(),
    object: z.literal('analysis.run'),
    status: RunStatusSchema,
    model: z.string(),
    template: z.string(),
    createdAt: z.string().describe('When the run started, ISO 8601'),
    lastEventId: z.number().int().describe('The SSE id of the last event so far'),
    detached: z.boolean(),
    analysis: AnalysisResponseSchema.optional(),
    error: z.object({ code: z.string(), message: z.string(), retryable: z.boolean() }).optional(),
    partial: z.object({ reasoning: z.string(), text: z.string() }).optional(),
  })
  .meta({ id: 'AnalysisRun' });
/** A run's status document. */
export type AnalysisRun = z.infer<typeof AnalysisRunSchema>;
