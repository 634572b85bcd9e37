import type { ResizeRequest, ResizeResponse } from '../workers/resize-worker';
import { type RenderedImage, type RenderImageOptions, renderImage } from './render-image';
import type { Size } from './resize-steps';
import { workerCalls } from './worker-calls';

/** Resizes and encodes in a worker, started with the first picture and kept for the next. */
const renderInWorker = workerCalls<ResizeRequest, ResizeResponse, RenderedImage>(
  () =>
    new Worker(new URL('../workers/resize-worker.ts', import.meta.url), {
      type: 'module',
      name: 'image-resizer',
    }),
  'The image resizer could not start.',
  (answer) => answer.rendered,
);

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
  return renderInWorker({ source: input, target, options }, input instanceof ImageBitmap ? [input] : []);
}
