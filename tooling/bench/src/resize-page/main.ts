import { type AnyCanvas, drawWithCanvas, encodeImage } from '../../../../apps/web/src/lib/render-image';
import { renderImageInWorker } from '../../../../apps/web/src/lib/render-in-worker';
import { resizeWithPica } from '../../../../apps/web/src/lib/resize-with-pica';

/**
 * What the bench asks of the page: a photo it serves, the size to make, and how: the canvas on the main
 * thread (the playground's resize before pica), pica on the main thread (to read its pixels before
 * encoding), or the playground's own path (pica in its worker).
 */
export interface ResizeRequest {
  url: string;
  width: number;
  height: number;
  mayKeepLossless: boolean;
  way: 'canvas' | 'pica' | 'playground';
}

/** The made picture: the upload's bytes and, but for the worker, the RGBA pixels before encoding. */
export interface ResizeResult {
  upload: string;
  type: string;
  pixels?: string;
  /** From the decoded picture to the encoded one. */
  ms: number;
  /** The longest main-thread task meanwhile, over 50 ms (the browser reports no shorter ones), or 0. */
  longestTaskMs: number;
}

let longestTaskMs = 0;
new PerformanceObserver((list) => {
  for (const { duration } of list.getEntries()) longestTaskMs = Math.max(longestTaskMs, duration);
}).observe({ type: 'longtask' });

async function toBase64(bytes: Uint8Array<ArrayBuffer> | Uint8ClampedArray<ArrayBuffer>): Promise<string> {
  const url = await new Promise<string>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.readAsDataURL(new Blob([bytes]));
  });
  return url.slice(url.indexOf(',') + 1);
}

async function resize({ url, width, height, mayKeepLossless, way }: ResizeRequest): Promise<ResizeResult> {
  const file = await (await fetch(url)).blob();
  // As the playground's `decodeImage` decodes what the browser reads itself.
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  const target = { width, height };
  // Lets the decoding's own tasks end before the clock starts.
  await new Promise((resolve) => setTimeout(resolve, 100));
  longestTaskMs = 0;
  const started = performance.now();
  let pixels: Uint8ClampedArray<ArrayBuffer> | undefined;
  let rendered: Awaited<ReturnType<typeof encodeImage>>;
  if (way === 'playground') {
    rendered = await renderImageInWorker(bitmap, target, { mayKeepLossless, matchServer: true, file });
  } else {
    const canvas: AnyCanvas =
      way === 'pica' ? await resizeWithPica(bitmap, target) : drawWithCanvas(bitmap, target);
    rendered = await encodeImage(canvas, { mayKeepLossless });
    const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
    pixels = context.getImageData(0, 0, width, height).data;
  }
  const ms = performance.now() - started;
  // Long tasks are reported after they end: one more turn of the event loop lets the last one in.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const longest = longestTaskMs;
  bitmap.close();
  return {
    upload: await toBase64(new Uint8Array(await rendered.blob.arrayBuffer())),
    type: rendered.type,
    ...(pixels === undefined ? {} : { pixels: await toBase64(pixels) }),
    ms,
    longestTaskMs: longest,
  };
}

Object.assign(window, { seerResize: resize });
