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

const START_OF_IMAGE = Buffer.from([0xff, 0xd8]);
const END_OF_IMAGE = Buffer.from([0xff, 0xd9]);

/**
 * Cuts ffmpeg's `image2pipe` output, back-to-back JPEG files, into frames as its chunks arrive: each
 * frame runs from a start-of-image marker to the next end-of-image marker, a marker may straddle two
 * chunks, and bytes between frames are dropped. Only a frame that spans chunks is copied.
 */
export class JPEGStreamSplitter {
  /** The complete frames so far, in order. */
  readonly frames: Buffer[] = [];
  /** The pieces of the frame under way, when one is. */
  #pieces: Buffer[] = [];
  #isInFrame = false;
  #endsWithFF = false;

  /** Takes the next chunk of the stream. */
  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    let from = 0;
    let frameStart = 0;
    if (this.#endsWithFF) {
      if (!this.#isInFrame && chunk[0] === START_OF_IMAGE[1]) {
        this.#isInFrame = true;
        this.#pieces = [Buffer.from([0xff])];
        from = 1;
      } else if (this.#isInFrame && chunk[0] === END_OF_IMAGE[1]) {
        this.#finish(chunk.subarray(0, 1));
        from = 1;
      }
    }
    for (;;) {
      if (!this.#isInFrame) {
        const start = chunk.indexOf(START_OF_IMAGE, from);
        if (start === -1) break;
        this.#isInFrame = true;
        this.#pieces = [];
        frameStart = start;
        from = start + 2;
      } else {
        // Inside entropy-coded data a 0xFF byte is always followed by 0x00, so FF D9 is only ever the end.
        const end = chunk.indexOf(END_OF_IMAGE, from);
        if (end === -1) break;
        this.#finish(chunk.subarray(frameStart, end + 2));
        from = end + 2;
      }
    }
    if (this.#isInFrame) this.#pieces.push(chunk.subarray(frameStart));
    this.#endsWithFF = chunk[chunk.length - 1] === 0xff;
  }

  #finish(last: Buffer): void {
    this.frames.push(this.#pieces.length === 0 ? last : Buffer.concat([...this.#pieces, last]));
    this.#pieces = [];
    this.#isInFrame = false;
  }
}

/** Splits ffmpeg's `image2pipe` output, back-to-back JPEG files, at their end-of-image markers. */
export function splitJPEGStream(bytes: Buffer): Buffer[] {
  const splitter = new JPEGStreamSplitter();
  splitter.push(bytes);
  return splitter.frames;
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
    const frames = await new Promise<Buffer[]>((resolve, reject) => {
      const child = spawn(findFFmpeg(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
      // Cut as the output arrives, so that the frames are ready when ffmpeg exits.
      const splitter = new JPEGStreamSplitter();
      let errors = '';
      const kill = () => child.kill('SIGKILL');
      const timer = setTimeout(kill, request.timeoutMs ?? 120_000);
      request.signal?.addEventListener('abort', kill, { once: true });
      child.stdout.on('data', (chunk: Buffer) => splitter.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => {
        errors = (errors + chunk.toString()).slice(-2000);
      });
      child.on('error', reject);
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        request.signal?.removeEventListener('abort', kill);
        if (code === 0) return resolve(splitter.frames);
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
    if (frames.length === 0) {
      throw new MediaError({ code: 'unreadable_media', status: 422, message: 'The video gave no frames.' });
    }
    return frames;
  } finally {
    release();
  }
}
