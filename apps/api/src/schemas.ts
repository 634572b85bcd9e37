import { PreparedMediaSchema, UsageSchema } from '@seer/core';
import { z } from 'zod';

/** The error body of every failed request (docs/api.md, errors and statuses). */
export const ErrorBodySchema = z
  .object({
    error: z.looseObject({ code: z.string(), message: z.string() }),
  })
  .meta({ id: 'Error' });

/** `GET /healthz`. */
export const HealthSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  limits: z.object({
    imageBytes: z.number(),
    imagePixels: z.number(),
    videoBytes: z.number(),
    videoSeconds: z.number(),
    bodyBytes: z.number(),
    multipartBytes: z.number(),
  }),
});

/** One entry of `GET /v1/models`. */
export const ModelInfoSchema = z
  .looseObject({
    id: z.string(),
    label: z.string(),
    provider: z.enum(['dashscope', 'openai', 'openrouter', 'custom', 'demo']),
    family: z.enum(['qwen2.5-vl', 'qwen3-vl', 'generic']),
    default: z.literal(true).optional(),
    check: z
      .object({ status: z.enum(['reachable', 'unknown', 'failing']), detail: z.string() })
      .optional()
      .describe(
        'With `?check=true`: whether the configured key reaches the model (`unknown`: not offered to this key or region)',
      ),
  })
  .meta({ id: 'Model' });

/** The query of `GET /v1/models`. */
export const ModelsQuerySchema = z.object({
  check: z
    .string()
    .optional()
    .describe('`true` asks each provider which models the configured keys reach, and adds `check` to each'),
});

/** One entry of `GET /v1/templates`. */
export const TemplateInfoSchema = z
  .object({
    id: z.string(),
    title: z.object({ en: z.string(), zh: z.string() }),
    description: z.object({ en: z.string(), zh: z.string() }),
    media: z.object({
      image: z.object({ min: z.number(), max: z.number() }),
      video: z.object({ min: z.number(), max: z.number() }),
      allowsMixing: z.boolean(),
    }),
    inputs: z.object({ question: z.enum(['required', 'optional']) }),
  })
  .meta({ id: 'Template' });

/** The answer of `POST /v1/analyses` with `stream: false`. */
export const AnalysisDocumentSchema = z
  .object({
    id: z.string(),
    model: z.string(),
    template: z.string(),
    locale: z.enum(['en', 'zh']),
    media: z.array(PreparedMediaSchema),
    reasoning: z.string(),
    text: z.string(),
    finishReason: z.string(),
    usage: UsageSchema,
    timing: z.object({ reasoningMs: z.number(), totalMs: z.number() }),
    result: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'Analysis' });

/** The answer of `POST /v1/preprocess` (docs/api.md, preprocess). */
export const PreprocessResponseSchema = z
  .object({
    model: z.string(),
    media: z.array(PreparedMediaSchema.extend({ urls: z.array(z.string()).optional() })),
    totalTokens: z.number(),
    estimatedCost: z.object({ inputUSD: z.number() }).optional(),
  })
  .meta({ id: 'Preprocess' });
