/// <reference path="./heic-decode.d.ts" />
import { fileTypeFromBuffer } from 'file-type';
import { MediaError } from '../errors';
import { loadSharp } from './load-sharp';

/** The image formats Seer reads (docs/media.md, images), judged by their bytes. */
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

/** Formats that store pixels exactly, whose few-colour images (diagrams, puzzles) stay PNG. */
export const LOSSLESS_TYPES = new Set(['image/png', 'image/gif', 'image/bmp', 'image/tiff']);

/** Limits on one image, checked before decoding. */
export interface ImageLimits {
  maxBytes: number;
  maxPixels: number;
}

/** Default limits: 25 MB and 268 megapixels (libvips' own pixel limit). */
export const DEFAULT_IMAGE_LIMITS: ImageLimits = { maxBytes: 25 * 1024 * 1024, maxPixels: 268_402_689 };

/** An image identified and measured from its header, not yet decoded. */
export interface InspectedImage {
  bytes: Buffer;
  mime: string;
  /** Width and height as displayed, after the EXIF orientation. */
  width: number;
  height: number;
  /** The EXIF orientation, 1 (upright) to 8. */
  orientation: number;
  hasAlpha: boolean;
}

/** The sizes of an image in megabytes, for messages. */
function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

/** Refuses media over its byte limit before anything else looks at the bytes. */
export function checkMediaBytes(kind: 'image' | 'video', length: number, maxBytes: number): void {
  if (length > maxBytes) {
    throw new MediaError({
      code: 'media_too_large',
      status: 413,
      message: `${kind === 'image' ? 'An image' : 'A video'} of ${megabytes(length)} is over the limit of ${megabytes(maxBytes)}.`,
    });
  }
}

interface HeaderFacts {
  width: number;
  height: number;
  orientation: number;
  hasAlpha: boolean;
}

async function readHeader(bytes: Buffer, mime: string): Promise<HeaderFacts> {
  if (mime === 'image/heic' || mime === 'image/heif') {
    // libvips as sharp ships it has no HEVC decoder: the WebAssembly decoder reads HEIC, loaded only here.
    // Reading the container decodes no pixel; its WebAssembly memory holds a copy of the bytes until
    // the images are disposed of.
    const { default: decodeHEIC } = await import('heic-decode');
    // The package's own types, where they are read instead of ours, leave out `dispose`.
    const images = (await decodeHEIC.all({ buffer: bytes })) as Awaited<ReturnType<typeof decodeHEIC.all>> & {
      dispose(): void;
    };
    try {
      const [first] = images;
      if (!first) throw new Error('no image in the HEIF container');
      // libheif applies the container's rotation itself and decodes to RGBA.
      return { width: first.width, height: first.height, orientation: 1, hasAlpha: true };
    } finally {
      images.dispose();
    }
  }
  const sharp = await loadSharp();
  const metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  return {
    width: metadata.autoOrient?.width ?? metadata.width,
    height: metadata.autoOrient?.height ?? metadata.height,
    orientation: metadata.orientation ?? 1,
    hasAlpha: metadata.hasAlpha,
  };
}

/**
 * Identifies image bytes by their content (not a declared type or a file name) and reads the displayed
 * size from the header, with the EXIF orientation applied, refusing decompression bombs before any
 * pixel is decoded.
 *
 * @throws MediaError 413 over the byte or pixel limit, 415 for bytes that are not an image Seer reads,
 *   422 for an image whose header cannot be read.
 */
export async function inspectImage(
  bytes: Buffer,
  limits: ImageLimits = DEFAULT_IMAGE_LIMITS,
): Promise<InspectedImage> {
  checkMediaBytes('image', bytes.length, limits.maxBytes);
  const type = await fileTypeFromBuffer(bytes);
  if (!type || !IMAGE_TYPES.has(type.mime)) {
    throw new MediaError({
      code: 'unsupported_media_type',
      status: 415,
      message: `${type ? `These bytes are ${type.mime}, which Seer does not read as an image` : 'These bytes are not an image Seer reads'} (it reads JPEG, PNG, WebP, GIF, AVIF, HEIC, TIFF and BMP).`,
    });
  }
  let size: HeaderFacts;
  try {
    size = await readHeader(bytes, type.mime);
  } catch (error) {
    throw new MediaError({
      code: 'unreadable_media',
      status: 422,
      message: `This ${type.mime} image is corrupt or truncated: its header cannot be read.`,
      cause: error,
    });
  }
  if (!size.width || !size.height) {
    throw new MediaError({
      code: 'unreadable_media',
      status: 422,
      message: `This ${type.mime} image has no size.`,
    });
  }
  if (size.width * size.height > limits.maxPixels) {
    throw new MediaError({
      code: 'media_too_large',
      status: 413,
      message: `An image of ${size.width}×${size.height} pixels is over the limit of ${Math.round(limits.maxPixels / 1e6)} megapixels.`,
    });
  }
  return { bytes, mime: type.mime, ...size };
}
