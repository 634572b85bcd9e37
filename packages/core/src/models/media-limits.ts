import type { MediaLimits, ModelFamily, ProviderId } from '../contract/models';

/** The tokens each image costs beyond its pixels: the vision start and end markers of Qwen's chat format. */
export const IMAGE_MARKER_TOKENS = 2;

/** What limits are derived from when a model has no documented ones. */
export interface MediaPlanningModel {
  family: ModelFamily;
  provider: ProviderId;
  /** Documented limits, which win over the family's defaults. */
  media?: MediaLimits | undefined;
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
