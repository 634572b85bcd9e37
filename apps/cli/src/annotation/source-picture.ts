import { spawn } from 'node:child_process';
import { parseDataURL } from '@seer/core';
import { fetchMediaURL, findFFmpeg } from '@seer/core/node';

/** The most bytes an image fetched again may have: the API's own limit on one image. */
const MAX_IMAGE_BYTES = 25 * 1024 * 1024;

/** The bytes of an image named on the command line: a local file's bytes as read, or its URL fetched again. */
export async function readSourceImage(location: string, bytes: Uint8Array | undefined): Promise<Uint8Array> {
  if (bytes) return bytes;
  if (location.toLowerCase().startsWith('data:')) return Buffer.from(parseDataURL(location).base64, 'base64');
  // The person's own command fetches the URL they typed, as curl would: no address rule, unlike a server.
  const fetched = await fetchMediaURL(location, {
    allowPrivate: true,
    maxBytes: MAX_IMAGE_BYTES,
    timeoutMs: 60_000,
  });
  return fetched.bytes;
}

/** Which frame of a video to take: its source frame number when known, else its time in seconds. */
export interface FrameWanted {
  sourceIndex?: number;
  time: number;
}

/**
 * One frame of a video file, upright as ffmpeg shows it (it applies the rotation tag), as PNG: the
 * source frame by number, so it is the very frame the model saw, or the frame at `time` when the
 * number is not known.
 *
 * @throws Error when ffmpeg cannot decode it, with ffmpeg's last line.
 */
export function extractVideoFrame(path: string, wanted: FrameWanted): Promise<Buffer> {
  const select =
    wanted.sourceIndex === undefined
      ? ['-ss', String(wanted.time), '-i', path]
      : ['-i', path, '-vf', `select='eq(n\\,${wanted.sourceIndex})'`, '-vsync', '0'];
  const args = [
    ...['-v', 'error', '-nostdin', ...select, '-map', '0:v:0', '-an', '-sn'],
    ...['-frames:v', '1', '-f', 'image2pipe', '-c:v', 'png', 'pipe:1'],
  ];
  return new Promise<Buffer>((resolve, reject) => {
    const child = spawn(findFFmpeg(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      errors = (errors + chunk.toString()).slice(-2000);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const frame = Buffer.concat(chunks);
      if (code === 0 && frame.length > 0) return resolve(frame);
      const reason = errors.trim().split('\n').at(-1) || (code === 0 ? 'no such frame' : `exit code ${code}`);
      reject(new Error(`ffmpeg could not take the frame: ${reason}`));
    });
  });
}
