import { z } from 'zod';
import { EFFORT_LEVELS } from '../models/budget';

/** Who serves a model. */
export const ProviderIdSchema = z.enum(['dashscope', 'openai', 'openrouter', 'custom', 'demo']);
/** Who serves a model. */
export type ProviderId = z.infer<typeof ProviderIdSchema>;

/** The model family decides the image grid: factor 28 for Qwen2.5-VL and QVQ, 32 for Qwen3-VL. */
export const ModelFamilySchema = z.enum(['qwen2.5-vl', 'qwen3-vl', 'generic']);
/** The model family decides the image grid. */
export type ModelFamily = z.infer<typeof ModelFamilySchema>;

/**
 * How a thinking budget reaches the model (docs/api.md, thinking budget): `native`, a provider parameter
 * in tokens; `effort`, OpenAI-style `reasoning_effort` levels; `forced`, no control on the provider, so
 * Seer cuts the thinking itself; `none`, the model does not think.
 */
export const BudgetControlSchema = z.enum(['native', 'effort', 'forced', 'none']);
/** How a thinking budget reaches the model. */
export type BudgetControl = z.infer<typeof BudgetControlSchema>;

/** Whether the model always thinks, may be switched, hides its thinking, or does not think. */
export const ThinkingModeSchema = z.enum(['always', 'optional', 'hidden', 'none']);
/** Where the thinking arrives in the stream; the normalizer reads all of them, this is informative. */
export const ThinkingStreamSchema = z.enum([
  'reasoning_content',
  'reasoning',
  'reasoning_details',
  'think-tags',
  'hidden',
  'none',
]);

/** How a budget is set, its token range, and for `effort` the levels the model takes. */
export const BudgetRangeSchema = z.object({
  control: BudgetControlSchema,
  min: z.number().optional(),
  max: z.number().optional(),
  levels: z.array(z.enum(EFFORT_LEVELS)).readonly().optional(),
});

/** One price band: the rates for a request whose input is above `aboveInputTokens`. */
export const PriceTierSchema = z.object({
  aboveInputTokens: z.number(),
  inputPerMillion: z.number(),
  outputPerMillion: z.number(),
});
/** One price band. */
export type PriceTier = z.infer<typeof PriceTierSchema>;

/**
 * List prices in US dollars per million tokens. `tiers` are dearer bands chosen by the size of a
 * request's input (DashScope's Qwen3-VL: above 32 K and above 128 K input tokens, the whole request is
 * billed at that band's rates).
 */
export const ModelPricesSchema = z.object({
  inputPerMillion: z.number(),
  outputPerMillion: z.number(),
  tiers: z.array(PriceTierSchema).readonly().optional(),
});
/** List prices in US dollars per million tokens. */
export type ModelPrices = z.infer<typeof ModelPricesSchema>;

/**
 * How a provider sizes pictures and videos for one model, as its documentation says: the grid, the
 * pixel range of an image with `detail: auto` and `high`, how `high` is asked for, how tokens are
 * counted, and the frame range of a video.
 */
export const MediaLimitsSchema = z.object({
  /** Pixels per token side: sizes are multiples of it. */
  factor: z.number(),
  image: z.object({
    minPixels: z.number(),
    /** The provider's cap with `detail: auto`. */
    maxPixels: z.number(),
    /** The most with `detail: high`. */
    highMaxPixels: z.number(),
    /**
     * How an image above `maxPixels` is kept at its size: DashScope's request-wide
     * `vl_high_resolution_images`, a per-image `max_pixels` beside the image, or nothing (the server
     * uses the pixels it is sent).
     */
    high: z.enum(['vl_high_resolution_images', 'max_pixels', 'as-sent']),
    /** Tokens per grid cell, where the provider bills images by its own patch rule (OpenAI). Default 1. */
    tokensPerCell: z.number().optional(),
  }),
  video: z.object({
    minFrames: z.number(),
    maxFrames: z.number(),
    /** The most pixels the provider keeps of one frame. */
    maxFramePixels: z.number(),
    /**
     * `frame-list`: DashScope's `{"type":"video","video":[…],"fps":N}`, two frames to a token patch;
     * `images`: each frame an image after its timestamp, billed as an image.
     */
    sentAs: z.enum(['frame-list', 'images']),
  }),
});
/** How a provider sizes pictures and videos for one model. */
export type MediaLimits = z.infer<typeof MediaLimitsSchema>;

/** Where a preset's figures were read, so that the next reader can check them again. */
export const PresetSourceSchema = z.object({
  /** The pages, most specific first. */
  pages: z.array(z.string()).readonly(),
  /** The day they were read, `YYYY-MM-DD`. */
  checked: z.string(),
  /** What could not be confirmed on a page, said plainly. */
  note: z.string().optional(),
});
/** Where a preset's figures were read. */
export type PresetSource = z.infer<typeof PresetSourceSchema>;

/** With `GET /v1/models?check=true`: whether the configured key reaches the model. */
export const ModelCheckSchema = z.object({
  status: z.enum(['reachable', 'unknown', 'failing']),
  detail: z.string(),
});
/** Whether the configured key reaches a model. */
export type ModelCheck = z.infer<typeof ModelCheckSchema>;

/** A model's public description, without how Seer reaches the provider (`describeModel`). */
export const ModelInfoSchema = z.object({
  id: z.string(),
  label: z.string(),
  provider: ProviderIdSchema,
  family: ModelFamilySchema,
  default: z.literal(true).optional(),
  thinking: ThinkingModeSchema,
  thinkingStream: ThinkingStreamSchema,
  budget: BudgetRangeSchema,
  isStreamOnly: z.boolean(),
  supportsVideo: z.boolean(),
  limits: z.object({ maxImages: z.number(), contextTokens: z.number(), maxOutputTokens: z.number() }),
  media: MediaLimitsSchema.optional(),
  prices: ModelPricesSchema.optional(),
  source: PresetSourceSchema.optional(),
  check: ModelCheckSchema.optional().describe(
    'With `?check=true`: whether the configured key reaches the model (`unknown`: not offered to this key or region)',
  ),
});
/** A model's public description. */
export type ModelInfo = z.infer<typeof ModelInfoSchema>;

/**
 * One entry of `GET /v1/models`, in OpenAI's form (`object`, `created`, `owned_by`) with Seer's
 * description. A task entry (`qvq-max/math-pattern`) names its task and its base `model`: asked for by
 * a client that can only pick a model, it applies the task's prompt to the last user message.
 */
export const ModelEntrySchema = ModelInfoSchema.extend({
  object: z.literal('model'),
  /** When this server started, in Unix seconds: a model entry has no date of its own. */
  created: z.number().int(),
  owned_by: z.string(),
  task: z.string().optional().describe('For a task entry: the task whose prompt it applies'),
  model: z.string().optional().describe('For a task entry: the model it runs on'),
}).meta({ id: 'Model' });
/** One entry of `GET /v1/models`. */
export type ModelEntry = z.infer<typeof ModelEntrySchema>;

/** The body of `GET /v1/models`: OpenAI's list form. */
export const ModelListSchema = z.object({ object: z.literal('list'), data: z.array(ModelEntrySchema) });
/** The body of `GET /v1/models`. */
export type ModelList = z.infer<typeof ModelListSchema>;

/** The query of `GET /v1/models`. */
export const ModelsQuerySchema = z.object({
  check: z
    .string()
    .optional()
    .describe('`true` asks each provider which models the configured keys reach, and adds `check` to each'),
});
