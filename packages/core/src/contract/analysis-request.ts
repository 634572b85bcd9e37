import { z } from 'zod';
import { EFFORT_LEVELS } from '../models/budget';
import { LocaleSchema } from './templates';

const pixels = z.number().int().positive();

/** One image of a request: a URL (`data:` or `http(s)`) or the name of a multipart file field. */
export const ImageItemSchema = z
  .object({
    type: z.literal('image'),
    url: z.string().min(1).optional(),
    file: z.string().min(1).optional(),
    detail: z.enum(['auto', 'high']).optional(),
    minPixels: pixels.optional(),
    maxPixels: pixels.optional(),
  })
  .strict();

/** One video of a request, with the sampling options of qwen-vl-utils. */
export const VideoItemSchema = z
  .object({
    type: z.literal('video'),
    url: z.string().min(1).optional(),
    file: z.string().min(1).optional(),
    fps: z.number().positive().max(60).optional(),
    minFrames: z.number().int().positive().optional(),
    maxFrames: z.number().int().positive().optional(),
    frames: z.number().int().positive().optional(),
    minPixels: pixels.optional(),
    maxPixels: pixels.optional(),
    totalPixels: pixels.optional(),
    start: z.number().nonnegative().optional(),
    end: z.number().positive().optional(),
  })
  .strict()
  .refine((item) => !(item.frames !== undefined && item.fps !== undefined), {
    message: '`frames` and `fps` cannot be given together',
    path: ['frames'],
  });

/** A media item: exactly one of `url` and `file`. */
export const MediaItemSchema = z
  .discriminatedUnion('type', [ImageItemSchema, VideoItemSchema])
  .refine((item) => (item.url === undefined) !== (item.file === undefined), {
    message: 'give exactly one of `url` and `file`',
  });
/** A media item of a request. */
export type MediaItem = z.infer<typeof MediaItemSchema>;

/** The body of `POST /v1/analyses` (docs/api.md, the analysis request). Unknown fields are refused. */
export const AnalysisRequestSchema = z
  .object({
    template: z
      .string()
      .min(1)
      .max(200)
      .describe('palm-reading | multi-image-compare | math-pattern | video-narration | freeform'),
    locale: LocaleSchema.default('en'),
    question: z.string().trim().min(1).max(4000).optional(),
    media: z.array(MediaItemSchema).max(16).default([]),
    model: z.string().min(1).max(200).optional(),
    thinking: z
      .object({
        budget: z.number().int().min(1).max(1_000_000).optional(),
        effort: z.enum(EFFORT_LEVELS).optional(),
      })
      .strict()
      .refine((thinking) => (thinking.budget === undefined) !== (thinking.effort === undefined), {
        message: 'give exactly one of `budget` (tokens) and `effort` (for models that take effort levels)',
      })
      .optional(),
    maxAnswerTokens: z.number().int().min(1).max(1_000_000).optional(),
    /** Sampling temperature, passed to the provider as it is (for repeated measurements). */
    temperature: z.number().min(0).max(2).optional(),
    /** Sampling seed, for providers that take one. */
    seed: z.number().int().min(0).max(2_147_483_647).optional(),
    stream: z.boolean().default(true),
    /**
     * Run to the end with no reader (docs/runs.md): answered `202` at once with the run's status, the
     * events read later from `GET /v1/analyses/{id}/events`.
     */
    detach: z.boolean().default(false),
  })
  .strict();
/** A validated analysis request, with its defaults applied. */
export type AnalysisRequest = z.infer<typeof AnalysisRequestSchema>;
/** An analysis request as a client writes it. */
export type AnalysisRequestInput = z.input<typeof AnalysisRequestSchema>;

/** The body of `POST /v1/preprocess` (docs/api.md): the media part of an analysis, as a dry run. */
export const PreprocessRequestSchema = z
  .object({
    model: z.string().min(1).max(200).optional(),
    template: z.string().min(1).max(200).optional(),
    media: z.array(MediaItemSchema).min(1).max(16),
  })
  .strict();
/** A validated preprocess request. */
export type PreprocessRequest = z.infer<typeof PreprocessRequestSchema>;
