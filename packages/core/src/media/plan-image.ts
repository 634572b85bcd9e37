import type { MediaLimits } from '../contract/models';
import { mediaLimitsFor } from '../models/media-limits';
import type { ModelPreset } from '../models/presets';
import { ratesFor } from '../models/prices';
import { imageTokens, smartResize } from './smart-resize';

/** Per-image options, as in qwen-vl-utils (docs/media.md, images). */
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
  /**
   * For a model that takes a per-image pixel limit (QVQ): the limit to send beside this image, because it
   * is planned above the provider's default cap.
   */
  maxPixels?: number;
}

/**
 * What planning needs to know of a model: a preset, or a `/v1/models` entry in the browser. Its
 * documented `media` limits win over what its family implies.
 */
export type PlanningModel = Pick<ModelPreset, 'family' | 'provider'> & { media?: MediaLimits | undefined };

/** The image grid of a model: its documented one, else 28 px for Qwen2.5-VL and QVQ, 32 px for Qwen3-VL. */
export function familyFactor(model: PlanningModel): number {
  return mediaLimitsFor(model).factor;
}

/**
 * Plans the size and token count of one image for one model (docs/media.md): `smartResize` on the model's
 * grid within the provider's documented pixel range, capped at its default for `detail: auto` and at
 * its most for `detail: high`, with explicit pixel limits winning. Tokens are grid cells, times the
 * provider's tokens per cell where it bills by its own patch rule.
 *
 * @example
 * planImage({ width: 4032, height: 3024 }, qvqMax); // about 1,280 tokens at detail auto
 */
export function planImage(
  source: { width: number; height: number },
  preset: PlanningModel,
  options: ImageOptions = {},
): ImagePlan {
  const { factor, image } = mediaLimitsFor(preset);
  const cap = options.detail === 'high' ? image.highMaxPixels : image.maxPixels;
  const maxPixels = options.maxPixels ?? cap;
  const minPixels = options.minPixels ?? image.minPixels;
  const size = smartResize(source.height, source.width, { factor, minPixels, maxPixels });
  const cells = imageTokens(size, factor);
  const tokens = Math.ceil(cells * (image.tokensPerCell ?? 1));
  const isAboveDefault = size.width * size.height > image.maxPixels;
  return {
    width: size.width,
    height: size.height,
    tokens,
    factor,
    needsHighResolution: isAboveDefault && image.high === 'vl_high_resolution_images',
    ...(isAboveDefault && image.high === 'max_pixels' ? { maxPixels: size.width * size.height } : {}),
  };
}

/**
 * The input cost of a number of tokens in US dollars, when the model has prices: at the band the input
 * falls in, where the provider bills larger requests dearer.
 */
export function estimateInputCost(
  model: { prices?: ModelPreset['prices'] },
  tokens: number,
): { inputUSD: number } | undefined {
  if (!model.prices) return undefined;
  const rates = ratesFor(model.prices, tokens);
  return { inputUSD: Math.round((tokens / 1_000_000) * rates.inputPerMillion * 1e6) / 1e6 };
}
