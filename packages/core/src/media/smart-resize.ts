import { MediaError } from '../errors';

/** Options of {@link smartResize}; the pixel limits default to 4·factor² and 16384·factor². */
export interface SmartResizeOptions {
  /** 28 for Qwen2.5-VL and QVQ (qwen-vl-utils 0.0.11), 32 for Qwen3-VL (0.0.14). */
  factor: number;
  minPixels?: number;
  maxPixels?: number;
}

/** The largest aspect ratio qwen-vl-utils accepts. */
export const MAX_ASPECT_RATIO = 200;

/** Python's `round`: to the nearest integer, ties to the even one. */
export function roundHalfToEven(value: number): number {
  const floor = Math.floor(value);
  const difference = value - floor;
  if (difference > 0.5) return floor + 1;
  if (difference < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * The size a Qwen vision model resizes an image to: both sides multiples of `factor`, the pixel count
 * within limits, the aspect ratio kept as well as the grid allows. Equal, number for number, to
 * `smart_resize` in Qwen's qwen-vl-utils 0.0.11 (factor 28) and 0.0.14 (factor 32), including Python's
 * rounding of ties to even and IEEE double arithmetic.
 *
 * @example
 * smartResize(1080, 1920, { factor: 28 }); // { height: 1092, width: 1932 }
 * @throws MediaError when a side is zero or the aspect ratio is over 200.
 */
export function smartResize(
  height: number,
  width: number,
  options: SmartResizeOptions,
): { height: number; width: number } {
  const { factor } = options;
  const minPixels = options.minPixels ?? 4 * factor * factor;
  const maxPixels = options.maxPixels ?? 16384 * factor * factor;
  if (!(height > 0 && width > 0)) {
    throw new MediaError({
      code: 'unreadable_media',
      status: 422,
      message: `An image must have both sides above zero; got ${width}x${height}.`,
    });
  }
  if (Math.max(height, width) / Math.min(height, width) > MAX_ASPECT_RATIO) {
    throw new MediaError({
      code: 'unreadable_media',
      status: 422,
      message: `The aspect ratio of a ${width}x${height} image is over ${MAX_ASPECT_RATIO}, which the model refuses.`,
    });
  }
  // qwen-vl-utils 0.0.11 keeps each side at least one factor when shrinking; 0.0.14 (factor 32) does not.
  const keepsMinimumSide = factor !== 32;
  let resizedHeight = Math.max(factor, roundHalfToEven(height / factor) * factor);
  let resizedWidth = Math.max(factor, roundHalfToEven(width / factor) * factor);
  if (resizedHeight * resizedWidth > maxPixels) {
    const beta = Math.sqrt((height * width) / maxPixels);
    resizedHeight = Math.floor(height / beta / factor) * factor;
    resizedWidth = Math.floor(width / beta / factor) * factor;
    if (keepsMinimumSide) {
      resizedHeight = Math.max(factor, resizedHeight);
      resizedWidth = Math.max(factor, resizedWidth);
    }
  } else if (resizedHeight * resizedWidth < minPixels) {
    const beta = Math.sqrt(minPixels / (height * width));
    resizedHeight = Math.ceil((height * beta) / factor) * factor;
    resizedWidth = Math.ceil((width * beta) / factor) * factor;
  }
  return { height: resizedHeight, width: resizedWidth };
}

/** The tokens an image of this (already resized) size costs: one per factor×factor cell. */
export function imageTokens(size: { height: number; width: number }, factor: number): number {
  return (size.height / factor) * (size.width / factor);
}
