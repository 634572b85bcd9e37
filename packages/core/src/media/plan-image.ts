import type { ModelPreset } from '../models/presets';
import { imageTokens, smartResize } from './smart-resize';

/** Per-image options, as in qwen-vl-utils (SPEC §2.1). */
export interface ImageOptions {
  /** `auto` (default) keeps to the provider's default cap; `high` allows the model's full range. */
  detail?: 'auto' | 'high';
  minPixels?: number;
  maxPixels?: number;
}

/** What an image will become for a model, decided before any pixel is touched. */
export interface ImagePlan {
  width: number;
  height: number;
  tokens: number;
  /** The grid the size is a multiple of. */
  factor: number;
  /** DashScope must be told not to shrink the image below the plan (`vl_high_resolution_images`). */
  needsHighResolution: boolean;
}

/** What planning needs to know of a model: a preset, or a `/v1/models` entry in the browser. */
export type PlanningModel = Pick<ModelPreset, 'family' | 'provider'>;

/** The image grid of a model family: 28 px for Qwen2.5-VL and QVQ, 32 px for Qwen3-VL. */
export function familyFactor(family: ModelPreset['family']): number {
  return family === 'qwen3-vl' ? 32 : 28;
}

/** DashScope's default token cap per image, unless `vl_high_resolution_images` is set (SPEC §3.1). */
export function providerDefaultTokenCap(preset: PlanningModel): number | undefined {
  if (preset.provider === 'dashscope' || preset.provider === 'demo') {
    return preset.family === 'qwen3-vl' ? 2560 : 1280;
  }
  // Servers outside DashScope take what they are given; a generic model still gets about a megapixel,
  // which is what vision APIs look at by default.
  if (preset.family === 'generic') return 1280;
  return undefined;
}

/**
 * Plans the size and token count of one image for one model (SPEC §3.1): `smartResize` on the model's
 * grid, capped at the provider's default for `detail: auto`, with explicit pixel limits winning.
 *
 * @example
 * planImage({ width: 4032, height: 3024 }, qvqMax); // about 1,280 tokens at detail auto
 */
export function planImage(
  source: { width: number; height: number },
  preset: PlanningModel,
  options: ImageOptions = {},
): ImagePlan {
  const factor = familyFactor(preset.family);
  const cap = providerDefaultTokenCap(preset);
  const autoMaxPixels = cap === undefined ? undefined : cap * factor * factor;
  const maxPixels = options.maxPixels ?? (options.detail === 'high' ? undefined : autoMaxPixels);
  const size = smartResize(source.height, source.width, {
    factor,
    ...(options.minPixels === undefined ? {} : { minPixels: options.minPixels }),
    ...(maxPixels === undefined ? {} : { maxPixels }),
  });
  const tokens = imageTokens(size, factor);
  return {
    width: size.width,
    height: size.height,
    tokens,
    factor,
    needsHighResolution: preset.provider === 'dashscope' && cap !== undefined && tokens > cap,
  };
}

/** The input cost of a number of tokens in US dollars, when the model has prices. */
export function estimateInputCost(
  model: { prices?: ModelPreset['prices'] },
  tokens: number,
): { inputUSD: number } | undefined {
  if (!model.prices) return undefined;
  return { inputUSD: Math.round((tokens / 1_000_000) * model.prices.inputPerMillion * 1e6) / 1e6 };
}
