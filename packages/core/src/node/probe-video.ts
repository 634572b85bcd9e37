import { execFile } from 'node:child_process';
import { MediaError } from '../errors';
import { ffmpegSlots } from './media-slots';
import { findFFprobe } from './video-tools';

/** What Seer needs to know of a video before sampling it. */
export interface VideoProbe {
  durationSeconds: number;
  /** Frames per second, exactly: 23.976 is 24000/1001. */
  videoFps: number;
  totalFrames: number;
  /** The displayed size, after the rotation phones record. */
  width: number;
  height: number;
  /** Degrees the picture is turned when shown. */
  rotation: number;
  codec: string;
}

/** Limits on one video (docs/media.md, videos). */
export interface VideoLimits {
  maxSeconds: number;
  maxBytes: number;
}

/** Default limits: 10 minutes and 500 MB. */
export const DEFAULT_VIDEO_LIMITS: VideoLimits = { maxSeconds: 600, maxBytes: 500 * 1024 * 1024 };

function parseRate(rate: string | undefined): number {
  const [numerator, denominator] = (rate ?? '').split('/').map(Number);
  if (!numerator || !denominator) return 0;
  return numerator / denominator;
}

interface ProbeStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  nb_frames?: string;
  nb_read_packets?: string;
  duration?: string;
  tags?: { rotate?: string };
  side_data_list?: { rotation?: number }[];
}

/**
 * Probes a video file with ffprobe: duration, exact frame rate, frame count (counted from the packets
 * when the container does not say), displayed size and rotation. ffprobe takes a place among the ffmpeg
 * processes (`ffmpegSlots`, `SEER_MEDIA_CONCURRENCY`): counting every packet reads the whole file, so
 * many videos probed at once would fight for the same cores as the frame extraction.
 *
 * @throws MediaError 415 when there is no video stream, 422 when the file cannot be read, 413 over the
 *   duration limit.
 */
export async function probeVideo(
  path: string,
  limits: VideoLimits = DEFAULT_VIDEO_LIMITS,
  signal?: AbortSignal,
): Promise<VideoProbe> {
  const release = await ffmpegSlots.acquire(signal);
  const output = await new Promise<string>((resolve, reject) => {
    execFile(
      findFFprobe(),
      ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '-count_packets', path],
      { maxBuffer: 16 * 1024 * 1024, timeout: 20_000, ...(signal ? { signal } : {}) },
      (error, stdout, stderr) => {
        if (error) {
          reject(
            new MediaError({
              code: 'unreadable_media',
              status: 422,
              message: `The video cannot be read: it is corrupt or truncated (${String(stderr).trim().split('\n').at(-1) || 'no details'}).`,
              cause: error,
            }),
          );
        } else resolve(stdout);
      },
    );
  }).finally(release);
  const parsed = JSON.parse(output) as { streams?: ProbeStream[]; format?: { duration?: string } };
  const stream = parsed.streams?.find((candidate) => candidate.codec_type === 'video');
  if (!stream?.width || !stream.height) {
    throw new MediaError({
      code: 'unsupported_media_type',
      status: 415,
      message: 'The file has no video stream (is it audio only?); Seer samples frames from videos.',
    });
  }
  const videoFps = parseRate(stream.avg_frame_rate) || parseRate(stream.r_frame_rate);
  const durationSeconds = Number(parsed.format?.duration ?? stream.duration ?? 0);
  const totalFrames =
    Number(stream.nb_frames) || Number(stream.nb_read_packets) || Math.round(durationSeconds * videoFps);
  if (!videoFps || !totalFrames) {
    throw new MediaError({
      code: 'unreadable_media',
      status: 422,
      message: 'The video has no readable frames.',
    });
  }
  if (durationSeconds > limits.maxSeconds) {
    throw new MediaError({
      code: 'media_too_large',
      status: 413,
      message: `The video is ${Math.round(durationSeconds)} s long, over the limit of ${Math.round(limits.maxSeconds / 60)} minutes.`,
    });
  }
  const rawRotation =
    stream.side_data_list?.find((entry) => entry.rotation !== undefined)?.rotation ??
    Number(stream.tags?.rotate ?? 0);
  const rotation = ((Math.round(rawRotation) % 360) + 360) % 360;
  const isTurned = rotation === 90 || rotation === 270;
  return {
    durationSeconds,
    videoFps,
    totalFrames,
    width: isTurned ? stream.height : stream.width,
    height: isTurned ? stream.width : stream.height,
    rotation,
    codec: stream.codec_name ?? 'unknown',
  };
}
