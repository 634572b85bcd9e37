import { SeerError } from '@seer/core';
import type { PreprocessedMedia } from '../api/seer-api';
import type { RenderedImage } from './render-image';
import type { Size } from './resize-steps';
import { SNIFF_LENGTH, type SniffedImageType, sniffImageType } from './sniff-image';
import { sniffVideoType, VIDEO_SNIFF_LENGTH } from './sniff-video';

/** What the server sampled of a video for one model (`/v1/preprocess?include=data`). */
export interface SampledVideo {
  /** The model it was sampled for: another model may want other frames, sizes and tokens. */
  model: string;
  /** The size of each frame as the model receives it. */
  width: number;
  height: number;
  tokens: number;
  /** The frames' bytes together, as JPEG. */
  bytes: number;
  /** The video's own size, as displayed (after any rotation), when the server reported it. */
  original?: Size;
  durationSeconds: number;
  /** The source frame number and time in seconds of each sampled frame. */
  frames: { index: number; timestamp: number }[];
  /** Each frame as a `data:` URL, in the order of `frames`. */
  urls: string[];
}

/**
 * A photo or a video the person added: the original file and what was learnt of it; for a photo its
 * resized form, for a video the frames the server sampled.
 */
export interface MediaItem {
  /** Stable within the page, for keys and removal. */
  id: string;
  /** Judged by the file's first bytes. */
  kind: 'image' | 'video';
  name: string;
  /** The original, as picked, dropped or pasted. A video is uploaded as it is. */
  file: File;
  /** The image format, judged by the file's first bytes; undefined for a video or an unknown image. */
  type: SniffedImageType | undefined;
  /** `reading` until the size is known and a preview made (for a video: while its frames are sampled). */
  status: 'reading' | 'ready';
  /** The size as displayed, after the EXIF orientation: what planning starts from. */
  source?: Size;
  /** A small upright preview (a `blob:` URL made here, or a `data:` URL from the server). */
  previewURL?: string | undefined;
  /** The browser cannot decode this file (e.g. TIFF): it is uploaded as is and the server prepares it. */
  isPreparedByServer?: boolean;
  /** The latest resized form made for upload; it is current when its size equals the plan's. */
  rendered?: RenderedImage;
  /** A video's frames as sampled for the chosen model; absent while they are being sampled. */
  video?: SampledVideo | undefined;
}

let nextId = 0;

/** A fresh id for a `MediaItem`. */
export function createMediaId(): string {
  nextId += 1;
  return `media-${nextId}`;
}

/** An image by its bytes, or a file the browser calls an image (the server judges those). */
function sniffKind(header: Uint8Array, file: File): MediaItem['kind'] | undefined {
  if (sniffImageType(header.subarray(0, SNIFF_LENGTH))) return 'image';
  if (sniffVideoType(header)) return 'video';
  if (file.type.startsWith('image/')) return 'image';
  if (file.type.startsWith('video/')) return 'video';
  return undefined;
}

/**
 * A new media item for a picked, dropped or pasted file, judged by its first bytes (its type as the
 * browser names it when they say nothing); undefined when it is neither an image nor a video.
 *
 * @example
 * await toMediaItem(photo); // { id: 'media-1', kind: 'image', type: 'image/jpeg', status: 'reading', … }
 */
export async function toMediaItem(file: File): Promise<MediaItem | undefined> {
  const header = new Uint8Array(await file.slice(0, VIDEO_SNIFF_LENGTH).arrayBuffer());
  const kind = sniffKind(header, file);
  if (!kind) return undefined;
  return {
    id: createMediaId(),
    kind,
    name: file.name || `pasted ${kind}`,
    file,
    type: kind === 'image' ? sniffImageType(header.subarray(0, SNIFF_LENGTH)) : undefined,
    status: 'reading',
  };
}

/**
 * The file name an upload goes by: the original's, with the extension of what is sent.
 *
 * @example
 * uploadName('IMG_0001.HEIC', 'image/jpeg'); // 'IMG_0001.jpg'
 */
export function uploadName(name: string, type: RenderedImage['type']): string {
  const stem = name.replace(/\.[^./\\]*$/, '') || 'image';
  return `${stem}.${type === 'image/png' ? 'png' : 'jpg'}`;
}

/**
 * The sampled video in what `/v1/preprocess?include=data` answered for `model`; rejects an answer
 * without the frames, their data URLs or the duration, which a video always has.
 *
 * @example
 * const video = toSampledVideo(await preprocessMedia(clip, 'video', 'qvq-max'), 'qvq-max');
 */
export function toSampledVideo(prepared: PreprocessedMedia, model: string): SampledVideo {
  const { width, height, tokens, bytes, originalWidth, originalHeight, durationSeconds, frames, urls } =
    prepared;
  if (durationSeconds === undefined || !frames || !urls || urls.length !== frames.length) {
    throw new SeerError({
      code: 'unexpected_response',
      message: 'The server did not list the frames it sampled.',
      status: 502,
    });
  }
  const original =
    originalWidth && originalHeight ? { original: { width: originalWidth, height: originalHeight } } : {};
  return { model, width, height, tokens, bytes, ...original, durationSeconds, frames, urls };
}
