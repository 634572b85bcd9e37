import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { MediaError } from '../errors';
import type { PlanningModel } from '../media/plan-image';
import { planVideo, type VideoOptions, type VideoPlan } from '../media/plan-video';
import { extractFrames } from './extract-frames';
import { fileTypeOfFile } from './file-type-of-file';
import { DEFAULT_VIDEO_LIMITS, probeVideo, type VideoLimits, type VideoProbe } from './probe-video';

/** A video made ready for a model: its sampled frames as JPEG, with where they come from. */
export interface PreparedVideo {
  frames: Buffer[];
  plan: VideoPlan;
  probe: VideoProbe;
  originalBytes: number;
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

/** The video types Seer reads, by their sniffed MIME type. */
function isVideoType(mime: string): boolean {
  return mime.startsWith('video/') || mime === 'application/x-matroska' || mime === 'image/gif';
}

function checkVideoSize(bytes: number, limits: VideoLimits): void {
  if (bytes > limits.maxBytes) {
    throw new MediaError({
      code: 'media_too_large',
      status: 413,
      message: `A video of ${megabytes(bytes)} is over the limit of ${megabytes(limits.maxBytes)}.`,
    });
  }
}

function notAVideo(type: { mime: string } | undefined): MediaError {
  return new MediaError({
    code: 'unsupported_media_type',
    status: 415,
    message: `${type ? `These bytes are ${type.mime}, not` : 'These bytes are not'} a video Seer reads (MP4, MOV, WebM, MKV, AVI).`,
  });
}

/**
 * Prepares a video (docs/media.md): identifies it by content, probes it, plans the frames as qwen-vl-utils
 * would, and extracts them in one ffmpeg pass. ffmpeg needs to seek in MP4 files, so the upload is
 * written to a private temporary file for the probe and the pass, and removed right after; the frames
 * themselves never touch the disk.
 *
 * @throws MediaError 413 over the limits, 415 for bytes that are not a video, 422 when it cannot be read.
 */
export async function prepareVideo(
  bytes: Buffer,
  model: PlanningModel,
  options: VideoOptions = {},
  limits: VideoLimits = DEFAULT_VIDEO_LIMITS,
  signal?: AbortSignal,
): Promise<PreparedVideo> {
  checkVideoSize(bytes.length, limits);
  const type = await fileTypeFromBuffer(bytes);
  if (!type || !isVideoType(type.mime)) throw notAVideo(type);
  const folder = await mkdtemp(join(tmpdir(), 'seer-video-'));
  const path = join(folder, `input.${type.ext}`);
  try {
    await writeFile(path, bytes, { mode: 0o600 });
    return await sampleVideo(path, bytes.length, model, options, limits, signal);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/**
 * {@link prepareVideo} for a video already in a file (a large upload Seer wrote to disk as it arrived):
 * the same checks and frames, without holding the video in memory. The file is left where it is.
 */
export async function prepareVideoFile(
  path: string,
  model: PlanningModel,
  options: VideoOptions = {},
  limits: VideoLimits = DEFAULT_VIDEO_LIMITS,
  signal?: AbortSignal,
): Promise<PreparedVideo> {
  const { size } = await stat(path);
  checkVideoSize(size, limits);
  const type = await fileTypeOfFile(path);
  if (!type || !isVideoType(type.mime)) throw notAVideo(type);
  return sampleVideo(path, size, model, options, limits, signal);
}

async function sampleVideo(
  path: string,
  bytes: number,
  model: PlanningModel,
  options: VideoOptions,
  limits: VideoLimits,
  signal: AbortSignal | undefined,
): Promise<PreparedVideo> {
  const probe = await probeVideo(path, limits, signal);
  const plan = planVideo(probe, model, options);
  const frames = await extractFrames({
    path,
    frameIndices: plan.frameIndices,
    width: plan.width,
    height: plan.height,
    ...(signal ? { signal } : {}),
  });
  if (frames.length !== plan.frameIndices.length) {
    // The container's frame count was off: keep the timestamps of the frames that exist.
    plan.frameIndices = plan.frameIndices.slice(0, frames.length);
    plan.timestamps = plan.timestamps.slice(0, frames.length);
  }
  return { frames, plan, probe, originalBytes: bytes };
}
