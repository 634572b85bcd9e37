import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MediaItem } from '../contract/analysis-request';
import { RequestError } from '../errors';
import type { VideoOptions } from '../media/plan-video';
import type { PreparedMedia } from '../media/prepared-media';
import type { ModelPreset } from '../models/presets';
import { decodeDataURL } from './decode-data-url';
import { fetchMediaURL, fetchMediaURLToFile } from './fetch-url';
import { checkMediaBytes, DEFAULT_IMAGE_LIMITS, type ImageLimits } from './load-image';
import { imageSlots } from './media-slots';
import { prepareImage } from './prepare-image';
import { type PreparedVideo, prepareVideo, prepareVideoFile } from './prepare-video';
import { DEFAULT_VIDEO_LIMITS } from './probe-video';
import { isFileOnDisk, type UploadedFile } from './uploaded-file';

/** Where media bytes may come from, and the rules for them. */
export interface MediaContext {
  preset: ModelPreset;
  /** Uploaded multipart files by field name. */
  files?: ReadonlyMap<string, UploadedFile>;
  allowPrivateURLs?: boolean;
  imageLimits?: ImageLimits;
  signal?: AbortSignal;
  /** Options for URL downloads (tests point them at their own resolver). */
  fetchOptions?: Omit<Parameters<typeof fetchMediaURL>[1], 'allowPrivate' | 'maxBytes' | 'signal'>;
}

/** The bytes of one media item, from a data URL, a multipart file, or a guarded download. */
export async function readMediaBytes(item: MediaItem, index: number, context: MediaContext): Promise<Buffer> {
  const maxBytes =
    item.type === 'video'
      ? DEFAULT_VIDEO_LIMITS.maxBytes
      : (context.imageLimits ?? DEFAULT_IMAGE_LIMITS).maxBytes;
  const label = `Media item ${index + 1}`;
  if (item.file !== undefined) {
    const file = context.files?.get(item.file);
    if (!file) {
      throw new RequestError({
        code: 'invalid_request',
        message: `${label} names the file field "${item.file}", which the request does not have.`,
      });
    }
    if (isFileOnDisk(file)) {
      // A large upload was written to disk as it arrived: read it only if it is within the limit.
      checkMediaBytes(item.type, file.bytes, maxBytes);
      return readFile(file.path);
    }
    return Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  }
  const url = item.url ?? '';
  if (url.startsWith('data:')) {
    const bytes = await decodeDataURL(url, { kind: item.type, maxBytes });
    if (bytes.length === 0)
      throw new RequestError({ code: 'invalid_request', message: `${label} is an empty data URL.` });
    return bytes;
  }
  const fetched = await fetchMediaURL(url, {
    ...context.fetchOptions,
    allowPrivate: context.allowPrivateURLs ?? false,
    maxBytes,
    ...(context.signal ? { signal: context.signal } : {}),
  });
  return fetched.bytes;
}

/**
 * Prepares a video fetched from an `http(s)` URL: the download goes to a private temporary file as it
 * arrives, where ffmpeg reads it, and the folder is removed however it ends.
 */
async function prepareVideoFromURL(
  url: string,
  options: VideoOptions,
  context: MediaContext,
): Promise<PreparedVideo> {
  const folder = await mkdtemp(join(tmpdir(), 'seer-video-'));
  try {
    const path = join(folder, 'download');
    await fetchMediaURLToFile(url, path, {
      ...context.fetchOptions,
      allowPrivate: context.allowPrivateURLs ?? false,
      maxBytes: DEFAULT_VIDEO_LIMITS.maxBytes,
      ...(context.signal ? { signal: context.signal } : {}),
    });
    return await prepareVideoFile(path, context.preset, options, undefined, context.signal);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/**
 * `media` with `urls` made on first read and kept: a dry run that does not show them (`/v1/preprocess`
 * without `?include=data`) never encodes the frames as base64.
 */
function withURLsOnRead(media: Omit<PreparedMedia, 'urls'>, makeURLs: () => string[]): PreparedMedia {
  let urls: string[] | undefined;
  return Object.defineProperty(media, 'urls', {
    enumerable: true,
    get: () => {
      urls ??= makeURLs();
      return urls;
    },
  }) as PreparedMedia;
}

async function prepareVideoItem(
  item: Extract<MediaItem, { type: 'video' }>,
  index: number,
  context: MediaContext,
): Promise<PreparedMedia> {
  const { type: _type, url: _url, file: _file, ...options } = item;
  const upload = item.file === undefined ? undefined : context.files?.get(item.file);
  let video: PreparedVideo;
  if (upload !== undefined && isFileOnDisk(upload)) {
    // A large upload is already in a file: ffmpeg reads it there, and it never enters memory whole.
    video = await prepareVideoFile(upload.path, context.preset, options, undefined, context.signal);
  } else if (item.file === undefined && item.url !== undefined && !item.url.startsWith('data:')) {
    video = await prepareVideoFromURL(item.url, options, context);
  } else {
    const bytes = await readMediaBytes(item, index, context);
    video = await prepareVideo(bytes, context.preset, options, undefined, context.signal);
  }
  const frameBytes = video.frames.reduce((sum, frame) => sum + frame.length, 0);
  return withURLsOnRead(
    {
      info: {
        index,
        type: 'video',
        mime: 'image/jpeg',
        width: video.plan.width,
        height: video.plan.height,
        tokens: video.plan.tokens,
        bytes: frameBytes,
        originalWidth: video.probe.width,
        originalHeight: video.probe.height,
        originalBytes: video.originalBytes,
        durationSeconds: Math.round(video.probe.durationSeconds * 1000) / 1000,
        videoFps: Math.round(video.probe.videoFps * 1000) / 1000,
        frames: video.plan.frameIndices.map((frameIndex, position) => ({
          index: frameIndex,
          timestamp: video.plan.timestamps[position]!,
        })),
        sampledFps: video.plan.sampledFps,
        ...(video.plan.note ? { note: video.plan.note } : {}),
      },
      needsHighResolution: false,
    },
    () => video.frames.map((frame) => `data:image/jpeg;base64,${frame.toString('base64')}`),
  );
}

/** Prepares one media item for the model; see {@link prepareImage}. */
export async function prepareMediaItem(
  item: MediaItem,
  index: number,
  context: MediaContext,
): Promise<PreparedMedia> {
  if (item.type === 'video') return prepareVideoItem(item, index, context);
  const bytes = await readMediaBytes(item, index, context);
  const release = await imageSlots.acquire(context.signal);
  let image: Awaited<ReturnType<typeof prepareImage>>;
  try {
    image = await prepareImage(
      bytes,
      context.preset,
      {
        ...(item.detail ? { detail: item.detail } : {}),
        ...(item.minPixels ? { minPixels: item.minPixels } : {}),
        ...(item.maxPixels ? { maxPixels: item.maxPixels } : {}),
      },
      context.imageLimits,
      context.signal,
    );
  } finally {
    release();
  }
  return {
    info: {
      index,
      type: 'image',
      mime: image.mime,
      width: image.width,
      height: image.height,
      tokens: image.plan.tokens,
      bytes: image.bytes.length,
      originalWidth: image.original.width,
      originalHeight: image.original.height,
      originalBytes: image.original.bytes,
    },
    urls: [`data:${image.mime};base64,${image.bytes.toString('base64')}`],
    needsHighResolution: image.plan.needsHighResolution,
    ...(image.plan.maxPixels === undefined ? {} : { maxPixels: image.plan.maxPixels }),
  };
}

/** Prepares every media item of a request, in order (images in parallel; sharp has its own pool). */
export function prepareMedia(items: MediaItem[], context: MediaContext): Promise<PreparedMedia[]> {
  return Promise.all(items.map((item, index) => prepareMediaItem(item, index, context)));
}
