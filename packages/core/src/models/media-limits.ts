import type { ModelFamily, ProviderId } from './presets';

/**
 * How a provider sizes pictures and videos for one model, as its documentation says: the grid, the
 * pixel range of an image with `detail: auto` and `high`, how `high` is asked for, how tokens are
 * counted, and the frame range of a video.
 */
export interface MediaLimits {
  /** Pixels per token side: sizes are multiples of it. */
  factor: number;
  image: {
    minPixels: number;
    /** The provider's cap with `detail: auto`. */
    maxPixels: number;
    /** The most with `detail: high`. */
    highMaxPixels: number;
    /**
     * How an image above `maxPixels` is kept at its size: DashScope's request-wide
     * `vl_high_resolution_images`, a per-image `max_pixels` beside the image, or nothing (the server uses
     * the pixels it is sent).
     */
    high: 'vl_high_resolution_images' | 'max_pixels' | 'as-sent';
    /** Tokens per grid cell, where the provider bills images by its own patch rule (OpenAI). Default 1. */
    tokensPerCell?: number;
  };
  video: {
    minFrames: number;
    maxFrames: number;
    /** The most pixels the provider keeps of one frame. */
    maxFramePixels: number;
    /**
     * `frame-list`: DashScope's `{"type":"video","video":[…],"fps":N}`, two frames to a token patch;
     * `images`: each frame an image after its timestamp, billed as an image.
     */
    sentAs: 'frame-list' | 'images';
  };
}

/** The tokens each image costs beyond its pixels: the vision start and end markers of Qwen's chat format. */
export const IMAGE_MARKER_TOKENS = 2;

/** What limits are derived from when a model has no documented ones. */
export interface MediaPlanningModel {
  family: ModelFamily;
  provider: ProviderId;
  /** Documented limits, which win over the family's defaults. */
  media?: MediaLimits;
}

/**
 * A model's media limits: its documented ones, or what its family and server imply (qwen-vl-utils'
 * defaults: 4 to 16,384 cells on a 28- or 32-pixel grid, 4 to 768 frames of at most 768 cells). A
 * generic model gets about a megapixel, what vision APIs look at by default; a self-hosted Qwen server
 * takes the pixels it is sent.
 */
export function mediaLimitsFor(model: MediaPlanningModel): MediaLimits {
  if (model.media) return model.media;
  const factor = model.family === 'qwen3-vl' ? 32 : 28;
  const cell = factor * factor;
  const isDashScope = model.provider === 'dashscope' || model.provider === 'demo';
  const autoCells = isDashScope
    ? model.family === 'qwen3-vl'
      ? 2560
      : 1280
    : model.family === 'generic'
      ? 1280
      : 16384;
  return {
    factor,
    image: {
      minPixels: 4 * cell,
      maxPixels: autoCells * cell,
      highMaxPixels: 16384 * cell,
      high: isDashScope ? 'vl_high_resolution_images' : 'as-sent',
    },
    video: {
      minFrames: 4,
      maxFrames: 768,
      maxFramePixels: 768 * cell,
      sentAs: isDashScope ? 'frame-list' : 'images',
    },
  };
}
