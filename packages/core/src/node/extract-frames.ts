import { spawn } from 'node:child_process';
import { MediaError } from '../errors';
import { ffmpegSlots } from './media-slots';
import { findFFmpeg } from './video-tools';

/** What to take from a video file. */
export interface FrameRequest {
  path: string;
  /** Source frame numbers, ascending. */
  frameIndices: number[];
  width: number;
  height: number;
  signal?: AbortSignal;
  timeoutMs?: number;
}

const SOI = 0xd8;
const EOI = 0xd9;

/** Splits ffmpeg's `image2pipe` output, back-to-back JPEG files, at their end-of-image markers. */
export function splitJPEGStream(bytes: Buffer): Buffer[] {
  const frames: Buffer[] = [];
  let start = -1;
  for (let offset = 0; offset < bytes.length - 1; offset++) {
    if (bytes[offset] !== 0xff) continue;
    const marker = bytes[offset + 1];
    if (marker === SOI && start === -1) start = offset;
    // Inside entropy-coded data a 0xFF byte is always followed by 0x00, so FF D9 is only ever the end.
    else if (marker === EOI && start !== -1) {
      frames.push(bytes.subarray(start, offset + 2));
      start = -1;
      offset++;
    }
  }
  return frames;
}

/**
 * Takes the planned frames of a video in one ffmpeg decoding pass, resized (Lanczos) and encoded as
 * JPEG, straight into memory. The process is killed when `signal` aborts or the time runs out.
 */
export async function extractFrames(request: FrameRequest): Promise<Buffer[]> {
  const release = await ffmpegSlots.acquire(request.signal);
  try {
    const selection = request.frameIndices.map((index) => `eq(n\\,${index})`).join('+');
    const filters = `select='${selection}',scale=${request.width}:${request.height}:flags=lanczos,setsar=1`;
    const args = [
      ...['-v', 'error', '-nostdin', '-i', request.path, '-map', '0:v:0', '-an', '-sn'],
      ...['-vf', filters, '-vsync', '0', '-frames:v', String(request.frameIndices.length)],
      ...['-f', 'image2pipe', '-c:v', 'mjpeg', '-q:v', '3', 'pipe:1'],
    ];
    const output = await new Promise<Buffer>((resolve, reject) => {
      const child = spawn(findFFmpeg(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
      const chunks: Buffer[] = [];
      let errors = '';
      const kill = () => child.kill('SIGKILL');
      const timer = setTimeout(kill, request.timeoutMs ?? 120_000);
      request.signal?.addEventListener('abort', kill, { once: true });
      child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => {
        errors = (errors + chunk.toString()).slice(-2000);
      });
      child.on('error', reject);
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        request.signal?.removeEventListener('abort', kill);
        if (code === 0) return resolve(Buffer.concat(chunks));
        const reason = signal
          ? `stopped (${signal})`
          : errors.trim().split('\n').at(-1) || `exit code ${code}`;
        reject(
          new MediaError({
            code: 'unreadable_media',
            status: 422,
            message: `The frames of the video could not be decoded: ${reason}.`,
          }),
        );
      });
    });
    const frames = splitJPEGStream(output);
    if (frames.length === 0) {
      throw new MediaError({ code: 'unreadable_media', status: 422, message: 'The video gave no frames.' });
    }
    return frames;
  } finally {
    release();
  }
}
