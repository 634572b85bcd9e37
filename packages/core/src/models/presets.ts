import type { z } from 'zod';
import type {
  BudgetRangeSchema,
  MediaLimits,
  ModelFamily,
  ModelInfo,
  ModelPrices,
  PresetSource,
  ProviderId,
  ThinkingModeSchema,
  ThinkingStreamSchema,
} from '../contract/models';
import type { ThinkTagMode } from '../stream/think-tag-splitter';

/** DashScope's regions: a key works only in its own, and each offers its own models. */
export type DashScopeRegion = 'intl' | 'cn' | 'us';

/** Everything Seer knows about one model: how to call it, what it can do, and what it costs. */
export interface ModelPreset {
  /** Seer's id, used in requests and in `/v1/models`. */
  id: string;
  /** The id the provider knows the model by. */
  upstreamModel: string;
  label: string;
  provider: ProviderId;
  family: ModelFamily;
  thinking: {
    /** Whether the model always thinks, may be switched, hides its thinking, or does not think. */
    mode: z.infer<typeof ThinkingModeSchema>;
    /** Where the thinking arrives in the stream; the normalizer reads all of them, this is informative. */
    streams: z.infer<typeof ThinkingStreamSchema>;
    /** How inline `<think>` tags appear in the content. */
    thinkTags: ThinkTagMode;
    /** How a budget is set, its token range, and for `effort` the levels the model takes. */
    budget: z.infer<typeof BudgetRangeSchema>;
    /**
     * How a forced budget gets the answer: a follow-up user turn, or (`prefill`) the thinking so far as
     * the start of the assistant's message, which vLLM continues with `continue_final_message`.
     */
    continuation?: 'follow-up' | 'prefill';
  };
  /** The provider only answers streaming requests. */
  isStreamOnly: boolean;
  supportsVideo: boolean;
  limits: { maxImages: number; contextTokens: number; maxOutputTokens: number };
  /**
   * The request field that bounds the answer: `max_tokens`, or `max_completion_tokens` for OpenAI's
   * reasoning models, which refuse `max_tokens`. Default `max_tokens`.
   */
  answerLimitField?: 'max_tokens' | 'max_completion_tokens';
  /** How the provider sizes pictures and video for this model; absent: the family's defaults. */
  media?: MediaLimits;
  /** List prices in US dollars per million tokens, for estimates (the international ones for DashScope). */
  prices?: ModelPrices;
  /** DashScope: the regions that offer the model, and each one's prices where they differ (null: none read). */
  regions?: Partial<Record<DashScopeRegion, { prices?: ModelPrices | null }>> | undefined;
  source?: PresetSource;
}

/** The day the provider pages below were read. */
const CHECKED = '2026-12-02';

const DASHSCOPE_PAGES = {
  vision: 'https://docs.qwencloud.com/developer-guides/multimodal/vision',
  compatible: 'https://help.aliyun.com/zh/model-studio/qwen-vl-compatible-with-openai',
  models: 'https://help.aliyun.com/zh/model-studio/models',
  partialMode: 'https://www.alibabacloud.com/help/en/model-studio/partial-mode',
};

/** USD per CNY on the mainland price page. */
const USD_PER_CNY = 1 / 7.339;
const fromCNY = (inputPerMillion: number, outputPerMillion: number): ModelPrices => ({
  inputPerMillion: Math.round(inputPerMillion * USD_PER_CNY * 1e4) / 1e4,
  outputPerMillion: Math.round(outputPerMillion * USD_PER_CNY * 1e4) / 1e4,
});

/**
 * QVQ and the Qwen2.5-VL-based models on DashScope: a 28-pixel grid (32 for qwen-vl-max), at most 1,280
 * tokens an image by default, 4 to 512 frames of at most 640 cells. `vl_high_resolution_images` is listed
 * as not supported for QVQ, so a larger image is asked for with a per-image `max_pixels`.
 */
const qwen25Media = (factor: number, high: MediaLimits['image']['high']): MediaLimits => ({
  factor,
  image: {
    minPixels: 4 * factor * factor,
    maxPixels: 1280 * factor * factor,
    highMaxPixels: 16384 * factor * factor,
    high,
  },
  video: { minFrames: 4, maxFrames: 512, maxFramePixels: 640 * factor * factor, sentAs: 'frame-list' },
});

/** Qwen3-VL on DashScope: a 32-pixel grid, 65,536 to 2,621,440 pixels an image by default, 4 to 2,000 frames. */
const QWEN3_VL_MEDIA: MediaLimits = {
  factor: 32,
  image: {
    minPixels: 65_536,
    maxPixels: 2_621_440,
    highMaxPixels: 16_777_216,
    high: 'vl_high_resolution_images',
  },
  video: { minFrames: 4, maxFrames: 2000, maxFramePixels: 655_360, sentAs: 'frame-list' },
};

/** QVQ on DashScope: always thinks, streams only, no budget parameter (Seer enforces budgets itself). */
const qvq = (
  id: string,
  label: string,
  prices: ModelPrices | undefined,
  regions: ModelPreset['regions'],
): ModelPreset => ({
  id,
  upstreamModel: id,
  label,
  provider: 'dashscope',
  family: 'qwen2.5-vl',
  thinking: {
    mode: 'always',
    streams: 'reasoning_content',
    thinkTags: 'off',
    budget: { control: 'forced', min: 1024, max: 16384 },
  },
  isStreamOnly: true,
  supportsVideo: true,
  limits: { maxImages: 8, contextTokens: 131072, maxOutputTokens: 8192 },
  media: qwen25Media(28, 'max_pixels'),
  ...(prices ? { prices } : {}),
  regions,
  source: {
    pages: [
      DASHSCOPE_PAGES.compatible,
      DASHSCOPE_PAGES.vision,
      DASHSCOPE_PAGES.models,
      DASHSCOPE_PAGES.partialMode,
    ],
    checked: CHECKED,
    note: 'thinking cannot be switched off; max_tokens bounds the answer, not the thought; no prefix continuation for thinking models; the US region was not read',
  },
});

/** Qwen3-VL on DashScope: thinks on request, with a native budget. */
const qwen3VL = (
  id: string,
  label: string,
  prices: ModelPrices,
  regions: ModelPreset['regions'],
): ModelPreset => ({
  id,
  upstreamModel: id,
  label,
  provider: 'dashscope',
  family: 'qwen3-vl',
  thinking: {
    mode: 'optional',
    streams: 'reasoning_content',
    thinkTags: 'off',
    budget: { control: 'native', min: 1024, max: 81920 },
  },
  isStreamOnly: false,
  supportsVideo: true,
  limits: { maxImages: 8, contextTokens: 262144, maxOutputTokens: 32768 },
  media: QWEN3_VL_MEDIA,
  prices,
  regions,
  source: {
    pages: [DASHSCOPE_PAGES.vision, DASHSCOPE_PAGES.compatible, DASHSCOPE_PAGES.models],
    checked: CHECKED,
    note: "the dearer bands above 32 K and 128 K input tokens are 1.5 and 3 times the first (2.4 times for flash), as the mainland page lists them; the 1,024-token minimum budget is Seer's",
  },
});

/**
 * The DashScope (Alibaba Cloud Model Studio) presets, each with the regions that offer it. Prices are the
 * international list prices (the mainland's, converted from CNY, under `regions.cn`).
 */
export const DASHSCOPE_PRESETS: readonly ModelPreset[] = [
  qvq(
    'qvq-max',
    'QVQ-Max',
    { inputPerMillion: 1.2, outputPerMillion: 4.8 },
    { intl: {}, cn: { prices: null } },
  ),
  qvq('qvq-plus', 'QVQ-Plus', undefined, { cn: { prices: null } }),
  qwen3VL(
    'qwen3-vl-plus',
    'Qwen3-VL-Plus (thinking)',
    {
      inputPerMillion: 0.2,
      outputPerMillion: 1.6,
      tiers: [
        { aboveInputTokens: 32_000, inputPerMillion: 0.3, outputPerMillion: 2.4 },
        { aboveInputTokens: 128_000, inputPerMillion: 0.6, outputPerMillion: 4.8 },
      ],
    },
    {
      intl: {},
      us: {},
      cn: {
        prices: {
          ...fromCNY(1, 10),
          tiers: [
            { aboveInputTokens: 32_000, ...fromCNY(1.5, 15) },
            { aboveInputTokens: 128_000, ...fromCNY(3, 30) },
          ],
        },
      },
    },
  ),
  qwen3VL(
    'qwen3-vl-flash',
    'Qwen3-VL-Flash (thinking)',
    {
      inputPerMillion: 0.05,
      outputPerMillion: 0.4,
      tiers: [
        { aboveInputTokens: 32_000, inputPerMillion: 0.075, outputPerMillion: 0.6 },
        { aboveInputTokens: 128_000, inputPerMillion: 0.12, outputPerMillion: 0.96 },
      ],
    },
    { intl: {}, us: {}, cn: { prices: fromCNY(0.15, 1.5) } },
  ),
  {
    id: 'qwen-vl-max',
    upstreamModel: 'qwen-vl-max',
    label: 'Qwen-VL-Max (no thinking)',
    provider: 'dashscope',
    family: 'qwen2.5-vl',
    thinking: { mode: 'none', streams: 'none', thinkTags: 'off', budget: { control: 'none' } },
    isStreamOnly: false,
    supportsVideo: true,
    limits: { maxImages: 8, contextTokens: 131072, maxOutputTokens: 8192 },
    media: qwen25Media(32, 'vl_high_resolution_images'),
    prices: { inputPerMillion: 0.8, outputPerMillion: 3.2 },
    regions: { intl: {}, cn: { prices: fromCNY(1.6, 4) } },
    source: {
      pages: [DASHSCOPE_PAGES.vision, DASHSCOPE_PAGES.models],
      checked: CHECKED,
      note: 'documented on the 32-pixel grid; its default cap of 1,280 tokens is the Qwen2.5-VL one, not read for this model; a third-party note says it retires in 2026',
    },
  },
];

/** OpenAI's preset: it thinks but does not show its thinking; the budget maps to an effort level. */
export const OPENAI_PRESETS: readonly ModelPreset[] = [
  {
    id: 'gpt-5-mini',
    upstreamModel: 'gpt-5-mini',
    label: 'GPT-5 mini (thinking hidden)',
    provider: 'openai',
    family: 'generic',
    thinking: {
      mode: 'hidden',
      streams: 'hidden',
      thinkTags: 'off',
      budget: { control: 'effort', min: 1024, max: 32768, levels: ['minimal', 'low', 'medium', 'high'] },
    },
    isStreamOnly: false,
    supportsVideo: true,
    limits: { maxImages: 8, contextTokens: 400000, maxOutputTokens: 128000 },
    answerLimitField: 'max_completion_tokens',
    // Images are billed by 32-pixel patches, at most 1,536 of them, times 1.62 for this model.
    media: {
      factor: 32,
      image: {
        minPixels: 32 * 32,
        maxPixels: 1536 * 32 * 32,
        highMaxPixels: 1536 * 32 * 32,
        high: 'as-sent',
        tokensPerCell: 1.62,
      },
      video: { minFrames: 2, maxFrames: 64, maxFramePixels: 1536 * 32 * 32, sentAs: 'images' },
    },
    prices: { inputPerMillion: 0.25, outputPerMillion: 2 },
    source: {
      pages: [
        'https://platform.openai.com/docs/guides/images-vision#calculating-costs',
        'https://platform.openai.com/docs/guides/reasoning',
        'https://github.com/openai/openai-node/blob/master/src/resources/chat/completions/completions.ts',
      ],
      checked: CHECKED,
      note: "reasoning models refuse max_tokens and take reasoning_effort minimal to high; reasoning text is not returned. The image patch rule (32-pixel patches, at most 1,536, times 1.62 for this model) is the vision guide's as last known, not read again on the day above: check it before relying on image costs. The 64-frame cap for video as images is Seer's",
    },
  },
];

/** OpenRouter's preset: Qwen3-VL thinking, with the budget as `reasoning.max_tokens`. */
export const OPENROUTER_PRESETS: readonly ModelPreset[] = [
  {
    id: 'openrouter/qwen3-vl-235b-thinking',
    upstreamModel: 'qwen/qwen3-vl-235b-a22b-thinking',
    label: 'Qwen3-VL 235B Thinking (OpenRouter)',
    provider: 'openrouter',
    family: 'qwen3-vl',
    thinking: {
      mode: 'always',
      streams: 'reasoning_details',
      thinkTags: 'auto',
      budget: { control: 'native', min: 1024, max: 32768 },
    },
    isStreamOnly: false,
    supportsVideo: true,
    limits: { maxImages: 8, contextTokens: 131072, maxOutputTokens: 32768 },
    source: {
      pages: [
        'https://openrouter.ai/docs/use-cases/reasoning-tokens',
        'https://openrouter.ai/qwen/qwen3-vl-235b-a22b-thinking',
      ],
      checked: CHECKED,
      note: 'reasoning.max_tokens is honoured by some models and otherwise mapped to an effort level; frames go as images',
    },
  },
];

/**
 * The built-in demo model: no network, no key. It streams a short scripted thinking and answer that
 * describe what Seer prepared; it never claims to have seen the media.
 */
export const DEMO_PRESET: ModelPreset = {
  id: 'demo',
  upstreamModel: 'demo',
  label: 'Demo model (no real model connected)',
  provider: 'demo',
  family: 'qwen2.5-vl',
  thinking: { mode: 'always', streams: 'reasoning_content', thinkTags: 'off', budget: { control: 'none' } },
  isStreamOnly: false,
  supportsVideo: true,
  limits: { maxImages: 8, contextTokens: 32768, maxOutputTokens: 2048 },
};

/** Guesses a model's family from its id (docs/models.md): `qvq*`, `qwen2.5-vl*`…, `qwen3-vl*`, `qwen3.5*`. */
export function guessModelFamily(modelId: string): ModelFamily {
  const id = modelId.toLowerCase().split('/').pop() ?? '';
  if (/^(qvq|qwen2\.5-vl|qwen2-vl)/.test(id)) return 'qwen2.5-vl';
  if (/^(qwen3-vl|qwen3\.5)/.test(id)) return 'qwen3-vl';
  return 'generic';
}

/**
 * The preset a custom OpenAI-compatible endpoint (vLLM, Ollama, LM Studio, a gateway) gets. Its think
 * tags are `implicit` by default when the model id says `thinking` (Qwen3-VL-Thinking's chat template
 * opens the thought itself, so vLLM without a reasoning parser streams only `</think>`), else `auto`.
 */
export function customPreset(
  modelId: string,
  family: ModelFamily = guessModelFamily(modelId),
  canPrefill = false,
  thinkTags: ThinkTagMode = /thinking/i.test(modelId) ? 'implicit' : 'auto',
): ModelPreset {
  return {
    id: modelId,
    upstreamModel: modelId,
    label: `${modelId} (custom endpoint)`,
    provider: 'custom',
    family,
    thinking: {
      mode: 'optional',
      streams: 'reasoning',
      thinkTags,
      budget: { control: 'forced', min: 1024, max: 131072 },
      continuation: canPrefill ? 'prefill' : 'follow-up',
    },
    isStreamOnly: false,
    supportsVideo: true,
    limits: { maxImages: 8, contextTokens: 131072, maxOutputTokens: 32768 },
  };
}

/** The public description of a preset, for `/v1/models`. */
export function describeModel(preset: ModelPreset, isDefault: boolean): ModelInfo {
  const info: ModelInfo = {
    id: preset.id,
    label: preset.label,
    provider: preset.provider,
    family: preset.family,
    thinking: preset.thinking.mode,
    thinkingStream: preset.thinking.streams,
    budget: preset.thinking.budget,
    isStreamOnly: preset.isStreamOnly,
    supportsVideo: preset.supportsVideo,
    limits: preset.limits,
    ...(preset.media ? { media: preset.media } : {}),
    ...(preset.source ? { source: preset.source } : {}),
  };
  if (isDefault) info.default = true;
  if (preset.prices) info.prices = preset.prices;
  return info;
}
