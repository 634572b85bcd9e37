import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { encodeWithFFmpeg, findFFmpeg } from '@seer/core/node';

const run = promisify(execFile);

/** What to encode. */
export interface TestVideo {
  width: number;
  height: number;
  /** A frame rate as ffmpeg writes it: `30`, `24000/1001`. */
  rate: string;
  frames: number;
  /** Paint each frame with luma `16 + 2·n` so a test can tell which frame it got (up to 100 frames). */
  numbered?: boolean;
  /** Record a display rotation, as phones do. */
  rotate?: 90 | 180 | 270;
  container?: 'mp4' | 'webm';
}

/** Encodes a real H.264 (or VP8) video with ffmpeg, as the tests' source material. */
export async function encodeVideo(video: TestVideo): Promise<Buffer> {
  const folder = await mkdtemp(join(tmpdir(), 'seer-test-video-'));
  const container = video.container ?? 'mp4';
  const output = join(folder, `clip.${container}`);
  const size = `${video.width}x${video.height}`;
  const source = video.numbered
    ? `nullsrc=s=${size}:r=${video.rate},geq=lum='16+2*N':cb=128:cr=128`
    : `testsrc=s=${size}:r=${video.rate}`;
  const codec =
    container === 'webm'
      ? ['-c:v', 'libvpx', '-b:v', '1M']
      : ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'];
  try {
    await run(findFFmpeg(), [
      ...['-v', 'error', '-y', '-f', 'lavfi', '-i', source, '-frames:v', String(video.frames)],
      ...codec,
      output,
    ]);
    if (!video.rotate) return await readFile(output);
    // This ffmpeg writes the display rotation only when copying a stream, so the tag goes on in a remux.
    const rotated = join(folder, `rotated.${container}`);
    await run(findFFmpeg(), [
      '-v',
      'error',
      '-y',
      '-i',
      output,
      '-c',
      'copy',
      '-metadata:s:v:0',
      `rotate=${video.rotate}`,
      rotated,
    ]);
    return await readFile(rotated);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** An audio-only file: a second of a sine tone in AAC. */
export function encodeAudio(): Promise<Buffer> {
  return encodeWithFFmpeg(['-f', 'lavfi', '-i', 'sine=frequency=440:duration=1', '-c:a', 'aac'], 'tone.m4a');
}

/** A tiny video longer than ten minutes: 16×16 at one frame per second. */
export function encodeLongVideo(seconds: number): Promise<Buffer> {
  return encodeVideo({ width: 16, height: 16, rate: '1', frames: seconds });
}
