import { z } from 'zod';
import {
  BudgetReportSchema,
  FinishReasonSchema,
  PreparedMediaSchema,
  TimingSchema,
  UsageSchema,
} from './events';
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
    result: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'Analysis' });
/** The answer of `POST /v1/analyses` with `stream: false`. */
export type AnalysisResponse = z.infer<typeof AnalysisResponseSchema>;
