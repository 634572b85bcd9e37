import type { Sharp } from 'sharp';
import { MediaError } from '../errors';
import { type ImageOptions, type ImagePlan, planImage } from '../media/plan-image';
import type { ModelPreset } from '../models/presets';
import { decodeHEICOffThread } from './decode-heic';
import {
  DEFAULT_IMAGE_LIMITS,
  type ImageLimits,
  type InspectedImage,
  inspectImage,
  LOSSLESS_TYPES,
} from './load-image';
import { loadSharp } from './load-sharp';
import { imagePixels } from './media-slots';

// Every upload is decoded once: libvips' operation cache never hits, and could only hold on to
// finished pipelines and the buffers they read.

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

/**
 * Colours are counted on at most this many pixels of the source (512×512): a larger image is sampled
 * first, in libvips, so the count in JavaScript on the main thread never scales with the image.
 */
export const COLOUR_SAMPLE_PIXELS = 512 * 512;

/** Counts distinct RGB colours, stopping as soon as there are more than `limit`. */
function hasAtMostColours(pixels: Buffer, channels: number, limit: number): boolean {
  const seen = new Set<number>();
  for (let offset = 0; offset < pixels.length; offset += channels) {
    seen.add((pixels[offset]! << 16) | (pixels[offset + 1]! << 8) | pixels[offset + 2]!);
    if (seen.size > limit) return false;
  }
  return true;
}

/**
 * Whether a lossless source has at most {@link PNG_MAX_COLOURS} colours (a puzzle, a diagram), counted
 * on the source itself when it is within {@link COLOUR_SAMPLE_PIXELS}, else on a nearest-neighbour
 * sample of that size. Nearest-neighbour picks source pixels and blends none, so the sample has no
 * colour the source lacks: a few-colour source is always found few-coloured, and a photo keeps
 * hundreds of colours in a quarter of a million pixels.
 */
async function isFewColoured(image: InspectedImage, limits: ImageLimits): Promise<boolean> {
  let pipeline = (await decoder(image, limits)).flatten({ background: '#ffffff' }).removeAlpha();
  const pixels = image.width * image.height;
  if (pixels > COLOUR_SAMPLE_PIXELS) {
    const scale = Math.sqrt(COLOUR_SAMPLE_PIXELS / pixels);
    // The sample is of the stored pixels, not turned upright: the colours are the same either way.
    const isTurned = image.orientation >= 5;
    const storedWidth = isTurned ? image.height : image.width;
    const storedHeight = isTurned ? image.width : image.height;
    pipeline = pipeline.resize(
      Math.max(1, Math.floor(storedWidth * scale)),
      Math.max(1, Math.floor(storedHeight * scale)),
      { fit: 'fill', kernel: 'nearest' },
    );
  }
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return hasAtMostColours(data, info.channels, PNG_MAX_COLOURS);
}

/**
 * How many pixels of the {@link imagePixels} budget one HEIC pixel takes: libvips streams the other
 * formats through strips of rows, but a HEIC is decoded whole, to RGBA, with copies on the way.
 */
export const HEIC_PIXEL_WEIGHT = 4;

function isHEIC(image: InspectedImage): boolean {
  return image.mime === 'image/heic' || image.mime === 'image/heif';
}

async function decoder(image: InspectedImage, limits: ImageLimits): Promise<Sharp> {
  const sharp = await loadSharp();
  if (isHEIC(image)) {
    const decoded = await decodeHEICOffThread(image.bytes);
    return sharp(decoded.data, { raw: { width: decoded.width, height: decoded.height, channels: 4 } });
  }
  // Only the first frame of an animation; shrink-on-load applies where the format allows (JPEG, WebP).
  return sharp(image.bytes, { limitInputPixels: limits.maxPixels, failOn: 'error', pages: 1 });
}

/**
 * Turns image bytes into what the model will look at (docs/media.md): identified by content, refused if
 * a bomb, turned upright by its EXIF orientation, stripped of all metadata (GPS included), flattened on
 * white, converted to sRGB, resized with Lanczos to the planned grid, and encoded as JPEG (photos) or
 * PNG (lossless sources with few colours, counted on the source, before resizing adds shades).
 *
 * The decoding waits its turn in {@link imagePixels}, the pixel budget shared by all preparations.
 *
 * @param signal gives up the wait for the pixel budget when the request is gone.
 * @throws MediaError with its status (docs/api.md, errors) for anything that is not a readable image.
 */
export async function prepareImage(
  bytes: Buffer,
  preset: ModelPreset,
  options: ImageOptions = {},
  limits: ImageLimits = DEFAULT_IMAGE_LIMITS,
  signal?: AbortSignal,
): Promise<PreparedImage> {
  const image = await inspectImage(bytes, limits);
  const plan = planImage(image, preset, options);
  const pixels = image.width * image.height;
  const release = await imagePixels.acquire(isHEIC(image) ? pixels * HEIC_PIXEL_WEIGHT : pixels, signal);
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
  } finally {
    release();
  }
}
