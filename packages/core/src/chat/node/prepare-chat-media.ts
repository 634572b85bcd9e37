import { RequestError } from '../../errors';
import type { PreparedMedia } from '../../media/prepared-media';
import { IMAGE_MARKER_TOKENS, mediaLimitsFor } from '../../models/media-limits';
import { type MediaContext, prepareMediaItem } from '../../node/prepare-media';
import { Semaphore } from '../../node/semaphore';
import type { ChatMediaSource } from '../read-conversation';

/** The rate a frame list is assumed taken at when the client does not say: DashScope's default. */
const DEFAULT_LIST_FPS = 2;
/** The rates DashScope's frame list takes. */
const LIST_FPS_RANGE = { min: 0.1, max: 10 };
/** Frames of one list read at once: each may be a download of an image's size. */
const FRAMES_AT_ONCE = 4;

/**
 * Prepares a video given as the list of its frames (DashScope's `video` part): each frame is read and
 * resized as an image, within the pixels the provider keeps of one frame, as qwen-vl-utils reads a
 * frame list; the frames' times follow from their rate. The whole list is one media item, sent as the
 * model takes a video: a frame list, or images after their timestamps.
 *
 * @throws RequestError when the model takes fewer frames, or (as a frame list) more.
 */
export async function prepareFrameList(
  source: Extract<ChatMediaSource, { kind: 'frames' }>,
  index: number,
  context: MediaContext,
): Promise<PreparedMedia> {
  const limits = mediaLimitsFor(context.preset);
  const { minFrames, maxFrames, maxFramePixels, sentAs } = limits.video;
  const count = source.urls.length;
  const name = context.preset.id;
  if (count > maxFrames || (sentAs === 'frame-list' && count < minFrames)) {
    throw new RequestError({
      code: 'invalid_request',
      message: `Media item ${index + 1} lists ${count} frame${count === 1 ? '' : 's'}; ${name} takes a video of ${minFrames} to ${maxFrames.toLocaleString('en-US')} frames.`,
      details: { param: 'messages' },
    });
  }
  const slots = new Semaphore(FRAMES_AT_ONCE);
  const maxPixels = Math.min(maxFramePixels, limits.image.maxPixels);
  const frames = await Promise.all(
    source.urls.map(async (url) => {
      const release = await slots.acquire(context.signal);
      try {
        return await prepareMediaItem({ type: 'image', url, maxPixels }, index, context);
      } finally {
        release();
      }
    }),
  );
  const fps = Math.min(LIST_FPS_RANGE.max, Math.max(LIST_FPS_RANGE.min, source.fps ?? DEFAULT_LIST_FPS));
  const first = frames[0]!.info;
  // A frame list costs two frames to a patch; frames sent as images each cost an image.
  const tokens =
    sentAs === 'frame-list'
      ? Math.ceil(count / 2) * first.tokens
      : frames.reduce((sum, frame) => sum + frame.info.tokens + IMAGE_MARKER_TOKENS, 0);
  return {
    info: {
      index,
      type: 'video',
      ...(first.mime ? { mime: first.mime } : {}),
      width: first.width,
      height: first.height,
      tokens,
      bytes: frames.reduce((sum, frame) => sum + frame.info.bytes, 0),
      durationSeconds: Math.round((count / fps) * 1000) / 1000,
      frames: frames.map((_, position) => ({
        index: position,
        timestamp: Math.round((position / fps) * 1000) / 1000,
      })),
      sampledFps: fps,
    },
    urls: frames.flatMap((frame) => frame.urls),
    needsHighResolution: false,
  };
}

/**
 * Prepares a chat's media for the model, in order, with the same reading, limits and URL guard as an
 * analysis (`prepareMediaItem`): images resized as the model sizes them, videos sampled into frames,
 * frame lists read frame by frame.
 */
export function prepareChatMedia(
  sources: readonly ChatMediaSource[],
  context: MediaContext,
): Promise<PreparedMedia[]> {
  return Promise.all(
    sources.map((source, index) =>
      source.kind === 'frames'
        ? prepareFrameList(source, index, context)
        : prepareMediaItem(source.item, index, context),
    ),
  );
}
