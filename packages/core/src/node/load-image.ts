import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { MediaError, RequestError } from '../errors';
import { base64ByteLength, parseDataURL } from '../media/data-url';

/** The image formats Seer reads (SPEC §3.1), judged by their bytes. */
export const IMAGE_TYPES = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/avif',
  'image/heic',
  'image/heif',
  'image/tiff',
  'image/bmp',
]);

/** Limits on one image, checked before decoding. */
export interface ImageLimits {
  maxBytes: number;
  maxPixels: number;
}

/** Default limits: 25 MB and 268 megapixels (libvips' own pixel limit). */
export const DEFAULT_IMAGE_LIMITS: ImageLimits = { maxBytes: 25 * 1024 * 1024, maxPixels: 268_402_689 };

/** An image read from a request, not yet processed. */
export interface LoadedImage {
  bytes: Buffer;
  mime: string;
  /** Width and height as displayed, after the EXIF orientation. */
  width: number;
  height: number;
}

/**
 * Reads an image from a `data:` URL: checks its size, identifies it by its bytes (not its declared
 * type), and reads its dimensions from the header, with EXIF orientation applied.
 *
 * @throws MediaError 413 over the limits, 415 when the bytes are not an image Seer reads, 422 when it
 *   cannot be read; RequestError 400 for a malformed data URL.
 */
export async function loadImageFromDataURL(
  url: string,
  limits: ImageLimits = DEFAULT_IMAGE_LIMITS,
): Promise<LoadedImage> {
  const { base64 } = parseDataURL(url);
  if (base64ByteLength(base64) > limits.maxBytes) {
    throw new MediaError({
      code: 'media_too_large',
      status: 413,
      message: `An image is over the limit of ${Math.round(limits.maxBytes / 1024 / 1024)} MB.`,
    });
  }
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0) {
    throw new RequestError({ code: 'invalid_request', message: 'A media data URL is empty.' });
  }
  return inspectImage(bytes, limits);
}

/** Identifies and measures image bytes; see {@link loadImageFromDataURL}. */
export async function inspectImage(
  bytes: Buffer,
  limits: ImageLimits = DEFAULT_IMAGE_LIMITS,
): Promise<LoadedImage> {
  const type = await fileTypeFromBuffer(bytes);
  if (!type || !IMAGE_TYPES.has(type.mime)) {
    throw new MediaError({
      code: 'unsupported_media_type',
      status: 415,
      message: `The bytes of an image are ${type ? `${type.mime}, which` : 'not a format that'} Seer does not read as an image (JPEG, PNG, WebP, GIF, AVIF, HEIC, TIFF or BMP).`,
    });
  }
  let metadata: sharp.Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw new MediaError({
      code: 'unreadable_media',
      status: 422,
      message: `A ${type.mime} image is corrupt or truncated and cannot be read.`,
      cause: error,
    });
  }
  const { width, height, orientation } = metadata;
  if (!width || !height) {
    throw new MediaError({
      code: 'unreadable_media',
      status: 422,
      message: `A ${type.mime} image has no size.`,
    });
  }
  if (width * height > limits.maxPixels) {
    throw new MediaError({
      code: 'media_too_large',
      status: 413,
      message: `An image of ${width}×${height} pixels is over the limit of ${Math.round(limits.maxPixels / 1e6)} megapixels.`,
    });
  }
  // EXIF orientations 5 to 8 turn the picture by 90 degrees: the displayed sides swap.
  const isTurned = orientation !== undefined && orientation >= 5;
  return { bytes, mime: type.mime, width: isTurned ? height : width, height: isTurned ? width : height };
}
