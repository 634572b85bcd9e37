import { z } from 'zod';
import { PreparedMediaSchema } from './events';

/** One item of `POST /v1/preprocess`: what was prepared, and with `?include=data` its data URLs. */
export const PreprocessedMediaSchema = PreparedMediaSchema.extend({
  /** The prepared image, or a video's sampled frames, as `data:` URLs (with `?include=data`). */
  urls: z.array(z.string()).optional(),
});
/** One item of `POST /v1/preprocess`. */
export type PreprocessedMedia = z.infer<typeof PreprocessedMediaSchema>;

/** The answer of `POST /v1/preprocess` (docs/api.md, preprocess): what would be sent, its tokens and cost. */
export const PreprocessResponseSchema = z
  .object({
    model: z.string(),
    media: z.array(PreprocessedMediaSchema),
    totalTokens: z.number(),
    estimatedCost: z.object({ inputUSD: z.number() }).optional(),
  })
  .meta({ id: 'Preprocess' });
/** The answer of `POST /v1/preprocess`. */
export type PreprocessResponse = z.infer<typeof PreprocessResponseSchema>;
