import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** A HEIC image decoded to RGBA, eight bits a channel. */
export interface DecodedHEIC {
  width: number;
  height: number;
  /** `width × height × 4` bytes. */
  data: Buffer;
}

// Plain JavaScript evaluated as the worker, so that it runs the same under tsx and vitest. It decodes
// the first image, hands its pixels back without copying them, and ends.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const decodeHEIC = require(workerData.modulePath);
decodeHEIC({ buffer: workerData.bytes }).then(
  ({ width, height, data }) => parentPort.postMessage({ width, height, data }, [data.buffer]),
  (error) => parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) }),
);
`;

const modulePath = createRequire(import.meta.url).resolve('heic-decode');

/**
 * Decodes the first image of a HEIC file in a worker thread. libvips as sharp ships it has no HEVC
 * decoder, and the WebAssembly one does all its work synchronously, converting every pixel in
 * JavaScript: on the event loop that would hold every other request for as long as it takes. Its
 * WebAssembly memory also only ever grows, to the largest image decoded; a worker that ends after one
 * image gives that memory back with it.
 *
 * @throws Error when the bytes are not a HEIC image libheif can decode (or the worker dies).
 */
export function decodeHEICOffThread(bytes: Uint8Array): Promise<DecodedHEIC> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { modulePath, bytes } });
    worker.once(
      'message',
      (reply: { width: number; height: number; data: Uint8ClampedArray } | { error: string }) => {
        if ('error' in reply) return reject(new Error(reply.error));
        const { width, height, data } = reply;
        resolve({ width, height, data: Buffer.from(data.buffer, data.byteOffset, data.byteLength) });
      },
    );
    worker.once('error', reject);
    // Settles nothing once the reply came; otherwise the worker died without one.
    worker.once('exit', (code) => reject(new Error(`The HEIC decoder exited with code ${code}.`)));
  });
}
