import {
  drawWithCanvas,
  encodeImage,
  type RenderedImage,
  type RenderImageOptions,
} from '../lib/render-image';
import type { Size } from '../lib/resize-steps';
import { resizeWithPica } from '../lib/resize-with-pica';

/**
 * A picture to resize and encode, sent by `renderImageInWorker`: its file, decoded here, or its pixels,
 * which are then the worker's to close.
 */
export interface ResizeRequest {
  id: number;
  source: Blob | ImageBitmap;
  target: Size;
  options: Omit<RenderImageOptions, 'file'>;
}

/** The encoded picture, or why there is none. */
export type ResizeResponse = { id: number; rendered: RenderedImage } | { id: number; error: string };

// Resampling a 12-megapixel photo takes far longer than a frame: off the main thread, the page stays
// responsive meanwhile.
self.onmessage = async ({ data: { id, source, target, options } }: MessageEvent<ResizeRequest>) => {
  let bitmap: ImageBitmap | undefined;
  try {
    bitmap =
      source instanceof Blob ? await createImageBitmap(source, { imageOrientation: 'from-image' }) : source;
    const canvas = options.matchServer
      ? await resizeWithPica(bitmap, target)
      : drawWithCanvas(bitmap, target);
    const response: ResizeResponse = { id, rendered: await encodeImage(canvas, options) };
    self.postMessage(response);
  } catch (error) {
    const response: ResizeResponse = { id, error: error instanceof Error ? error.message : String(error) };
    self.postMessage(response);
  } finally {
    bitmap?.close();
  }
};
