import type { ThinkTagMode } from '../stream/think-tag-splitter';
import type { EffortLevel } from './budget';

/** Who serves a model. */
export type ProviderId = 'dashscope' | 'openai' | 'openrouter' | 'custom' | 'demo';

/** The model family decides the image grid: factor 28 for Qwen2.5-VL and QVQ, 32 for Qwen3-VL. */
export type ModelFamily = 'qwen2.5-vl' | 'qwen3-vl' | 'generic';

/** How a thinking budget reaches the model (SPEC §5). */
export type BudgetControl =
  /** A provider parameter sets the budget in tokens. */
  | 'native'
  /** OpenAI-style `reasoning_effort` levels, chosen from the budget. */
  | 'effort'
  /** No control on the provider: Seer cuts the thinking itself. */
  | 'forced'
  /** The model does not think. */
  | 'none';

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
    mode: 'always' | 'optional' | 'hidden' | 'none';
    /** Where the thinking arrives in the stream; the normalizer reads all of them, this is informative. */
    streams: 'reasoning_content' | 'reasoning' | 'reasoning_details' | 'think-tags' | 'hidden' | 'none';
    /** How inline `<think>` tags appear in the content. */
    thinkTags: ThinkTagMode;
    /** How a budget is set, its token range, and for `effort` the levels the model takes. */
    budget: { control: BudgetControl; min?: number; max?: number; levels?: readonly EffortLevel[] };
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
  /** List prices in US dollars per million tokens, for estimates. */
  prices?: { inputPerMillion: number; outputPerMillion: number };
}

/** The preset fields `/v1/models` shows: everything except how Seer reaches the provider. */
export interface ModelInfo {
  id: string;
  label: string;
  provider: ProviderId;
  family: ModelFamily;
  default?: true;
  thinking: ModelPreset['thinking']['mode'];
  thinkingStream: ModelPreset['thinking']['streams'];
  budget: ModelPreset['thinking']['budget'];
  isStreamOnly: boolean;
  supportsVideo: boolean;
  limits: ModelPreset['limits'];
  prices?: ModelPreset['prices'];
}

/** QVQ on DashScope: always thinks, streams only, no budget parameter (Seer enforces budgets itself). */
const qvq = (id: string, label: string, prices?: ModelPreset['prices']): ModelPreset => ({
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
  ...(prices ? { prices } : {}),
});

/** Qwen3-VL on DashScope: thinks on request, with a native budget. */
const qwen3VL = (id: string, label: string, prices: ModelPreset['prices']): ModelPreset => ({
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
  ...(prices ? { prices } : {}),
});

/**
 * The DashScope (Alibaba Cloud Model Studio) presets. Prices are the international list prices per
 * million tokens (the lowest tier where tiered); qvq-plus has none listed here, so it gets no estimate.
 */
export const DASHSCOPE_PRESETS: readonly ModelPreset[] = [
  qvq('qvq-max', 'QVQ-Max', { inputPerMillion: 1.2, outputPerMillion: 4.8 }),
  qvq('qvq-plus', 'QVQ-Plus'),
  qwen3VL('qwen3-vl-plus', 'Qwen3-VL-Plus (thinking)', { inputPerMillion: 0.2, outputPerMillion: 1.6 }),
  qwen3VL('qwen3-vl-flash', 'Qwen3-VL-Flash (thinking)', { inputPerMillion: 0.05, outputPerMillion: 0.4 }),
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
    prices: { inputPerMillion: 0.8, outputPerMillion: 3.2 },
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
    prices: { inputPerMillion: 0.25, outputPerMillion: 2 },
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

/** Guesses a model's family from its id, as SPEC §4 lists: `qvq*`, `qwen2.5-vl*` …, `qwen3-vl*`, `qwen3.5*`. */
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
  };
  if (isDefault) info.default = true;
  if (preset.prices) info.prices = preset.prices;
  return info;
}
