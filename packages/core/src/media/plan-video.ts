import { MediaError, RequestError } from '../errors';
import { IMAGE_MARKER_TOKENS, mediaLimitsFor } from '../models/media-limits';
import type { PlanningModel } from './plan-image';
import { roundHalfToEven, smartResize } from './smart-resize';

/** Frames are sampled in pairs: the model merges two consecutive frames into one temporal patch. */
export const FRAME_FACTOR = 2;
/** Default sampling rate, frames per second. */
export const DEFAULT_FPS = 2;
/** Defaults of qwen-vl-utils for the frame count. */
export const DEFAULT_MIN_FRAMES = 4;
export const DEFAULT_MAX_FRAMES = 768;

/** What the probe found, as far as planning needs it. */
export interface VideoSource {
  totalFrames: number;
  /** Frames per second, exactly (23.976 is 24000/1001). */
  videoFps: number;
  /** Displayed size (after rotation). */
  width: number;
  height: number;
}

/** Per-video sampling options, with the meaning they have in qwen-vl-utils (docs/media.md, videos). */
export interface VideoOptions {
  fps?: number | undefined;
  minFrames?: number | undefined;
  maxFrames?: number | undefined;
  /** An exact frame count (rounded to even), instead of `fps`. */
  frames?: number | undefined;
  minPixels?: number | undefined;
  maxPixels?: number | undefined;
  totalPixels?: number | undefined;
  /** Seconds. */
  start?: number | undefined;
  end?: number | undefined;
}

/** The frames a model will see of a video, and what they cost. */
export interface VideoPlan {
  /** Source frame numbers, in order. */
  frameIndices: number[];
  /** Seconds, `index / videoFps`. */
  timestamps: number[];
  width: number;
  height: number;
  tokens: number;
  factor: number;
  /**
   * Frames per second of the sampled frames (one over the interval between them), which DashScope's frame
   * list is told so that the model knows how much time passes between frames.
   */
  sampledFps: number;
  /** Said when the sampling had to change to fit the model: "sampled at 1.7 fps to stay within qvq-max's 512 frames". */
  note?: string;
}

const unplannable = (message: string) => new MediaError({ code: 'unreadable_media', status: 422, message });

/**
 * The frame range `start`/`end` select, as `calculate_video_frame_range` in qwen-vl-utils: the first frame
 * at or after `start`, the last at or before `end`.
 */
export function frameRange(
  source: Pick<VideoSource, 'totalFrames' | 'videoFps'>,
  options: Pick<VideoOptions, 'start' | 'end'>,
) {
  const { totalFrames, videoFps } = source;
  if (options.start === undefined && options.end === undefined) {
    return { startFrame: 0, endFrame: totalFrames - 1, frameCount: totalFrames };
  }
  const duration = totalFrames / videoFps;
  const startFrame =
    options.start === undefined ? 0 : Math.ceil(Math.max(0, Math.min(options.start, duration)) * videoFps);
  const endFrame =
    options.end === undefined
      ? totalFrames - 1
      : Math.min(Math.floor(Math.max(0, Math.min(options.end, duration)) * videoFps), totalFrames - 1);
  if (startFrame >= endFrame) {
    throw unplannable(
      `The range from ${options.start ?? 0} s to ${options.end ?? duration} s holds fewer than two frames.`,
    );
  }
  return { startFrame, endFrame, frameCount: endFrame - startFrame + 1 };
}

/**
 * How many frames to sample, as `smart_nframes` in qwen-vl-utils: `frames` rounded to even, or
 * `frameCount / videoFps * fps` clamped to `[ceil2(minFrames), floor2(maxFrames)]` and to the frame count,
 * then floored to even.
 *
 * @throws MediaError 422 when the result is not between 2 and the frame count.
 */
export function smartFrameCount(frameCount: number, videoFps: number, options: VideoOptions = {}): number {
  let count: number;
  if (options.frames !== undefined) {
    count = roundHalfToEven(options.frames / FRAME_FACTOR) * FRAME_FACTOR;
  } else {
    const fps = options.fps ?? DEFAULT_FPS;
    const minFrames = Math.ceil((options.minFrames ?? DEFAULT_MIN_FRAMES) / FRAME_FACTOR) * FRAME_FACTOR;
    const maxFrames =
      Math.floor((options.maxFrames ?? Math.min(DEFAULT_MAX_FRAMES, frameCount)) / FRAME_FACTOR) *
      FRAME_FACTOR;
    const wanted = (frameCount / videoFps) * fps;
    count =
      Math.floor(Math.min(Math.min(Math.max(wanted, minFrames), maxFrames), frameCount) / FRAME_FACTOR) *
      FRAME_FACTOR;
  }
  if (!(count >= FRAME_FACTOR && count <= frameCount)) {
    throw unplannable(
      `A video of ${frameCount} frame${frameCount === 1 ? '' : 's'} cannot give ${count} sampled frames: the count must be even and between ${FRAME_FACTOR} and ${frameCount}.`,
    );
  }
  return count;
}

/**
 * `round(linspace(start, end, count))` computed in float32 as torch does (its linspace fills the first
 * half from the start and the second half from the end), with ties rounded to even.
 */
export function linspaceIndices(start: number, end: number, count: number): number[] {
  const f = Math.fround;
  if (count === 1) return [start];
  const step = f(f(end - start) / (count - 1));
  const half = Math.floor(count / 2);
  const indices: number[] = [];
  for (let index = 0; index < count; index++) {
    const value = index < half ? f(start + f(step * index)) : f(end - f(step * (count - index - 1)));
    indices.push(roundHalfToEven(value));
  }
  return indices;
}

/** The highest and lowest rate DashScope's frame list takes. */
const FRAME_LIST_FPS = { min: 0.1, max: 10 };

/**
 * Plans the frames of a video for a model (docs/media.md): which source frames, their timestamps, the frame
 * size from the total pixel budget, and the tokens. The frame count stays within the model's documented
 * range (a long video is sampled at a lower rate, and the plan says so); the frame size within the
 * pixels the provider keeps of one frame. Frames sent as a DashScope frame list cost
 * `(frames / 2) · (h / factor) · (w / factor)` (two frames to a patch); frames sent as images cost each
 * image's tokens and its markers.
 *
 * @throws RequestError 400 when an exact `frames` count is outside the model's range.
 */
export function planVideo(
  source: VideoSource,
  model: PlanningModel & { id?: string },
  options: VideoOptions = {},
): VideoPlan {
  const limits = mediaLimitsFor(model);
  const { factor } = limits;
  const { minFrames, maxFrames } = limits.video;
  const name = model.id ? `${model.id}'s` : "the model's";
  if (options.frames !== undefined && (options.frames < minFrames || options.frames > maxFrames)) {
    throw new RequestError({
      code: 'invalid_request',
      message: `frames: ${options.frames} is outside ${name} range of ${minFrames} to ${maxFrames.toLocaleString('en-US')} frames.`,
    });
  }
  const { startFrame, endFrame, frameCount } = frameRange(source, options);
  const askedMax = options.maxFrames ?? DEFAULT_MAX_FRAMES;
  const count = smartFrameCount(frameCount, source.videoFps, {
    ...options,
    minFrames: Math.max(options.minFrames ?? DEFAULT_MIN_FRAMES, minFrames),
    maxFrames: Math.min(askedMax, maxFrames, frameCount),
  });
  const frameIndices = linspaceIndices(startFrame, endFrame, count);
  const minPixels = options.minPixels ?? 128 * factor * factor;
  const totalPixels = options.totalPixels ?? 128000 * factor * factor * 0.9;
  const budget = Math.max(
    Math.min(768 * factor * factor, (totalPixels / count) * FRAME_FACTOR),
    Math.floor(minPixels * 1.05),
  );
  // An explicit maxPixels can lower the budget, never raise it, as in qwen-vl-utils; nor can it pass what
  // the provider keeps of a frame.
  const maxPixels = Math.min(options.maxPixels ?? budget, budget, limits.video.maxFramePixels);
  const size = smartResize(source.height, source.width, {
    factor,
    minPixels: Math.min(minPixels, maxPixels),
    maxPixels,
  });
  const cells = (size.height / factor) * (size.width / factor);
  const tokens =
    limits.video.sentAs === 'frame-list'
      ? (count / FRAME_FACTOR) * cells
      : count *
        (Math.ceil(cells * (limits.image.tokensPerCell ?? 1)) + IMAGE_MARKER_TOKENS + TIMESTAMP_TOKENS);
  const seconds = (endFrame - startFrame) / source.videoFps;
  const sampledFps = count > 1 && seconds > 0 ? (count - 1) / seconds : DEFAULT_FPS;
  const askedFps = options.fps ?? DEFAULT_FPS;
  const wanted = (frameCount / source.videoFps) * askedFps;
  // The model's range, not the person's own maxFrames, lowered the rate: say so.
  const isCapped = options.frames === undefined && wanted > maxFrames && askedMax >= maxFrames;
  return {
    frameIndices,
    timestamps: frameIndices.map((index) => Math.round((index / source.videoFps) * 1000) / 1000),
    width: size.width,
    height: size.height,
    tokens,
    factor,
    sampledFps:
      Math.round(Math.min(FRAME_LIST_FPS.max, Math.max(FRAME_LIST_FPS.min, sampledFps)) * 1000) / 1000,
    ...(isCapped
      ? {
          note: `sampled at ${sampledFps.toFixed(1)} fps to stay within ${name} ${maxFrames.toLocaleString('en-US')} frames`,
        }
      : {}),
  };
}

/** The tokens of a frame's timestamp text (`[00:03.5]`) when frames go as images. */
const TIMESTAMP_TOKENS = 6;
