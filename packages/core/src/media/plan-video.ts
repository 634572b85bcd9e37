import { MediaError } from '../errors';
import type { PlanningModel } from './plan-image';
import { familyFactor } from './plan-image';
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

/** Per-video sampling options, with the meaning they have in qwen-vl-utils (SPEC §2.1). */
export interface VideoOptions {
  fps?: number;
  minFrames?: number;
  maxFrames?: number;
  /** An exact frame count (rounded to even), instead of `fps`. */
  frames?: number;
  minPixels?: number;
  maxPixels?: number;
  totalPixels?: number;
  /** Seconds. */
  start?: number;
  end?: number;
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

/**
 * Plans the frames of a video for a model (SPEC §3.2): which source frames, their timestamps, the frame
 * size from the total pixel budget, and the tokens, `(frames / 2) · (h / factor) · (w / factor)`.
 */
export function planVideo(source: VideoSource, model: PlanningModel, options: VideoOptions = {}): VideoPlan {
  const factor = familyFactor(model.family);
  const { startFrame, endFrame, frameCount } = frameRange(source, options);
  const count = smartFrameCount(frameCount, source.videoFps, options);
  const frameIndices = linspaceIndices(startFrame, endFrame, count);
  const minPixels = options.minPixels ?? 128 * factor * factor;
  const totalPixels = options.totalPixels ?? 128000 * factor * factor * 0.9;
  const budget = Math.max(
    Math.min(768 * factor * factor, (totalPixels / count) * FRAME_FACTOR),
    Math.floor(minPixels * 1.05),
  );
  // An explicit maxPixels can lower the budget, never raise it, as in qwen-vl-utils.
  const maxPixels = Math.min(options.maxPixels ?? budget, budget);
  const size = smartResize(source.height, source.width, { factor, minPixels, maxPixels });
  return {
    frameIndices,
    timestamps: frameIndices.map((index) => Math.round((index / source.videoFps) * 1000) / 1000),
    width: size.width,
    height: size.height,
    tokens: (count / FRAME_FACTOR) * (size.height / factor) * (size.width / factor),
    factor,
  };
}
