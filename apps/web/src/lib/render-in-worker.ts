import type { ResizeRequest, ResizeResponse } from '../workers/resize-worker';
import { type RenderedImage, type RenderImageOptions, renderImage } from './render-image';
import type { Size } from './resize-steps';

let resizeWorker: Worker | undefined;
let nextRequestId = 0;
const pending = new Map<
  number,
  { resolve: (image: RenderedImage) => void; reject: (error: Error) => void }
>();

function failAll(error: Error) {
  for (const { reject } of pending.values()) reject(error);
  pending.clear();
  resizeWorker?.terminate();
  resizeWorker = undefined;
}

/** The worker that resizes and encodes, started with the first picture and kept for the next. */
function startResizeWorker(): Worker {
  const worker = new Worker(new URL('../workers/resize-worker.ts', import.meta.url), {
    type: 'module',
    name: 'image-resizer',
  });
  worker.onmessage = ({ data: response }: MessageEvent<ResizeResponse>) => {
    const request = pending.get(response.id);
    if (!request) return;
    pending.delete(response.id);
    if ('error' in response) request.reject(new Error(response.error));
    else request.resolve(response.rendered);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    failAll(new Error(event.message || 'The image resizer could not start.'));
  };
  return worker;
}

/**
 * Resizes and encodes a picture as `renderImage` does, in a worker, so that no resampling or encoding
 * runs on the main thread. The caller keeps `source`: the worker decodes `options.file` again, or, without
 * one, gets a copy of the pixels. Where a browser has no OffscreenCanvas, it is the canvas on the main
 * thread, and `matchServer` cannot be honoured.
 *
 * @example
 * const { blob } = await renderImageInWorker(bitmap, { width: 840, height: 1148 }, { matchServer: true });
 */
export async function renderImageInWorker(
  source: ImageBitmap,
  target: Size,
  { file, ...options }: RenderImageOptions = {},
): Promise<RenderedImage> {
  if (typeof OffscreenCanvas === 'undefined') return renderImage(source, target, options);
  // Handing over a decoded bitmap, cloned or a transferred copy, copies every pixel on this thread; a
  // file is passed by reference and decoded on the worker's.
  const input = file ?? (await createImageBitmap(source));
  resizeWorker ??= startResizeWorker();
  const worker = resizeWorker;
  return new Promise<RenderedImage>((resolve, reject) => {
    nextRequestId += 1;
    pending.set(nextRequestId, { resolve, reject });
    const request: ResizeRequest = { id: nextRequestId, source: input, target, options };
    worker.postMessage(request, input instanceof ImageBitmap ? [input] : []);
  });
}
