/// <reference path="./heic-decode.d.ts" />
import sharp from 'sharp';
import { MediaError } from '../errors';
import { type ImageOptions, type ImagePlan, planImage } from '../media/plan-image';
import type { ModelPreset } from '../models/presets';
import {
  DEFAULT_IMAGE_LIMITS,
  type ImageLimits,
  type InspectedImage,
  inspectImage,
  LOSSLESS_TYPES,
} from './load-image';

/** JPEG quality for photos: indistinguishable to a vision model, a fraction of the bytes. */
export const JPEG_QUALITY = 90;
/** At most this many colours, a lossless source stays lossless (PNG): JPEG blurs digits and lines. */
export const PNG_MAX_COLOURS = 256;

/** An image made ready for a model: exactly the planned pixels, upright, sRGB, no metadata. */
export interface PreparedImage {
  bytes: Buffer;
  mime: 'image/jpeg' | 'image/png';
  width: number;
  height: number;
  plan: ImagePlan;
  original: { mime: string; width: number; height: number; bytes: number };
}

/** Counts distinct RGB colours, stopping as soon as there are more than `limit`. */
function hasAtMostColours(pixels: Buffer, channels: number, limit: number): boolean {
  const seen = new Set<number>();
  for (let offset = 0; offset < pixels.length; offset += channels) {
    seen.add((pixels[offset]! << 16) | (pixels[offset + 1]! << 8) | pixels[offset + 2]!);
    if (seen.size > limit) return false;
  }
  return true;
}

/** Whether a lossless source has at most {@link PNG_MAX_COLOURS} colours (a puzzle, a diagram). */
async function isFewColoured(image: InspectedImage, limits: ImageLimits): Promise<boolean> {
  const { data, info } = await (await decoder(image, limits))
    .flatten({ background: '#ffffff' })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return hasAtMostColours(data, info.channels, PNG_MAX_COLOURS);
}

async function decoder(image: InspectedImage, limits: ImageLimits): Promise<sharp.Sharp> {
  if (image.mime === 'image/heic' || image.mime === 'image/heif') {
    const { default: decodeHEIC } = await import('heic-decode');
    const decoded = await decodeHEIC({ buffer: image.bytes });
    return sharp(Buffer.from(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength), {
      raw: { width: decoded.width, height: decoded.height, channels: 4 },
    });
  }
  // Only the first frame of an animation; shrink-on-load applies where the format allows (JPEG, WebP).
  return sharp(image.bytes, { limitInputPixels: limits.maxPixels, failOn: 'error', pages: 1 });
}

/**
 * Turns image bytes into what the model will look at (SPEC §3.1): identified by content, refused if
 * a bomb, turned upright by its EXIF orientation, stripped of all metadata (GPS included), flattened on
 * white, converted to sRGB, resized with Lanczos to the planned grid, and encoded as JPEG (photos) or
 * PNG (lossless sources with few colours, counted on the source, before resizing adds shades).
 *
 * @throws MediaError with the status of SPEC §2.4 for anything that is not a readable image.
 */
export async function prepareImage(
  bytes: Buffer,
  preset: ModelPreset,
  options: ImageOptions = {},
  limits: ImageLimits = DEFAULT_IMAGE_LIMITS,
): Promise<PreparedImage> {
  const image = await inspectImage(bytes, limits);
  const plan = planImage(image, preset, options);
  try {
    // Each step only where it changes something: every extra libvips operation costs time on 12 MP.
    // The output is sRGB without metadata whatever the input (sharp's default), so no step is needed
    // for that.
    let pipeline = await decoder(image, limits);
    if (image.orientation > 1) pipeline = pipeline.rotate();
    if (image.hasAlpha) pipeline = pipeline.flatten({ background: '#ffffff' });
    const resized = pipeline.resize(plan.width, plan.height, { fit: 'fill', kernel: 'lanczos3' });
    let output: Buffer;
    let mime: PreparedImage['mime'] = 'image/jpeg';
    if (LOSSLESS_TYPES.has(image.mime) && (await isFewColoured(image, limits))) {
      mime = 'image/png';
      // Resizing smooths the edges into in-between shades; a palette of 256 keeps them and stays small.
      output = await resized
        .png({ palette: true, colours: PNG_MAX_COLOURS, dither: 0, compressionLevel: 9 })
        .toBuffer();
    } else {
      output = await resized.jpeg({ quality: JPEG_QUALITY }).toBuffer();
    }
    return {
      bytes: output,
      mime,
      width: plan.width,
      height: plan.height,
      plan,
      original: { mime: image.mime, width: image.width, height: image.height, bytes: bytes.length },
    };
  } catch (error) {
    if (MediaError.isInstance(error)) throw error;
    throw new MediaError({
      code: 'unreadable_media',
      status: 422,
      message: `This ${image.mime} image is corrupt or truncated and cannot be decoded.`,
      cause: error,
    });
  }
}
