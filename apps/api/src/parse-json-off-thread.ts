import { Worker } from 'node:worker_threads';
import { Semaphore } from '@seer/core/node';

/**
 * JSON texts up to this size are parsed on the event loop, where that is quick;
 * larger ones (bodies with data URLs, up to the body limit) in a worker thread, where `JSON.parse`
 * of tens of megabytes holds up nothing else.
 */
export const OFF_THREAD_MIN_BYTES = 1024 * 1024;

// Plain JavaScript evaluated as the worker: it runs the same in production (tsx) and under vitest,
// where a TypeScript worker file would need a loader of its own. It parses once and ends.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let reply;
try {
  reply = { value: JSON.parse(new TextDecoder().decode(workerData)) };
} catch (error) {
  reply = { error: error instanceof Error ? error.message : String(error) };
}
parentPort.postMessage(reply);
`;

// Each parse holds its text, the parsed value and the copy sent back: two at once bound that memory,
// and two cores are what the machine is sized for.
const parsingSlots = new Semaphore(2);

/**
 * Parses UTF-8 JSON in a worker thread, so that a large body (tens of megabytes of data URLs) does not
 * hold the event loop for the whole `JSON.parse`: the buffer is moved to the worker, not copied, and
 * only the parsed value comes back (a structured copy, which costs the event loop a memory copy). The
 * worker ends after the one parse, so its heap goes with it rather than lingering in an idle thread.
 * Rejects with a `SyntaxError` for text that is not JSON, as `JSON.parse` would.
 *
 * @param buffer the whole JSON text; it is transferred, so it is detached (empty) afterwards.
 */
export async function parseJSONOffThread(buffer: ArrayBuffer): Promise<unknown> {
  const release = await parsingSlots.acquire();
  try {
    return await new Promise((resolve, reject) => {
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: buffer, transferList: [buffer] });
      worker.once('message', (reply: { value?: unknown; error?: string }) => {
        if (reply.error === undefined) resolve(reply.value);
        else reject(new SyntaxError(reply.error));
      });
      worker.once('error', reject);
      // Settles nothing once the reply came; otherwise the worker died without one.
      worker.once('exit', (code) => reject(new Error(`The JSON worker exited with code ${code}.`)));
    });
  } finally {
    release();
  }
}
