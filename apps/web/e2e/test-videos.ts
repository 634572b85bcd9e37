import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { findFFmpeg } from '@seer/core/node';

const run = promisify(execFile);

/**
 * Runs ffmpeg with `args` (inputs and codecs) writing `fileName` in a temporary folder, and returns the
 * file's bytes: real media for the tests, encoded the way a camera or a phone would.
 *
 * @example
 * const clip = await encodeMedia(['-f', 'lavfi', '-i', 'testsrc=s=640x480:r=30', '-frames:v', '300'], 'clip.mp4');
 */
export async function encodeMedia(args: string[], fileName: string): Promise<Buffer> {
  const folder = await mkdtemp(path.join(tmpdir(), 'seer-e2e-media-'));
  try {
    const output = path.join(folder, fileName);
    await run(findFFmpeg(), ['-v', 'error', '-y', ...args, output]);
    return await readFile(output);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** A 10 s 640×480 H.264 test pattern at 30 fps (300 frames), as an MP4. */
export function encodeTestClip(): Promise<Buffer> {
  return encodeMedia(
    [
      ...['-f', 'lavfi', '-i', 'testsrc=s=640x480:r=30', '-frames:v', '300'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'],
    ],
    'clip.mp4',
  );
}

/** A 1 s 440 Hz tone in AAC, as an audio-only MP4 (`.m4a`): no video stream. */
export function encodeTone(): Promise<Buffer> {
  return encodeMedia(['-f', 'lavfi', '-i', 'sine=frequency=440:duration=1', '-c:a', 'aac'], 'tone.m4a');
}
