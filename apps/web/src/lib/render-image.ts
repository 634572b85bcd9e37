import { hasAtMostColours } from './count-colours';
import { resizeSteps, type Size } from './resize-steps';

/** JPEG quality of photos, as on the server (docs/media.md): no loss the model sees, far fewer bytes. */
export const JPEG_QUALITY = 0.9;

/** An image drawn at its planned size and encoded for upload. */
export interface RenderedImage {
  blob: Blob;
  type: 'image/jpeg' | 'image/png';
  width: number;
  height: number;
}

/** Options of `renderImage`. */
export interface RenderImageOptions {
  /** The source is lossless (PNG, GIF, BMP): keep PNG when the result has few colours. */
  mayKeepLossless?: boolean;
  /** JPEG quality from 0 to 1; `JPEG_QUALITY` by default. */
  quality?: number;
  /**
   * Resample with Lanczos-3 as the server does (`resizeWithPica`), not with the canvas's own filter:
   * slower, and what the model sees is then what the server would have made. For uploads, not previews.
   */
  matchServer?: boolean;
  /**
   * The file the picture was decoded from, where the browser decodes it itself: a worker decodes it
   * again rather than be handed the decoded pixels, which would copy them all on the main thread.
   */
  file?: Blob;
}

/** A canvas of the page or of a worker. */
export type AnyCanvas = OffscreenCanvas | HTMLCanvasElement;
type AnyContext = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

function createCanvas({ width, height }: Size): { canvas: AnyCanvas; context: AnyContext } {
  const canvas =
    typeof OffscreenCanvas === 'undefined'
      ? Object.assign(document.createElement('canvas'), { width, height })
      : new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { alpha: false }) as AnyContext | null;
  if (!context) throw new Error('This browser cannot draw images on a canvas.');
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  // Transparent pixels become white, as the server flattens them (docs/media.md, images).
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  return { canvas, context };
}

function encode(canvas: AnyCanvas, type: RenderedImage['type'], quality: number): Promise<Blob> {
  if ('convertToBlob' in canvas) return canvas.convertToBlob({ type, quality });
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The browser could not encode the image.'))),
      type,
      quality,
    ),
  );
}

/**
 * Draws an upright, decoded picture at exactly `target` pixels with the browser's canvas, flattened on
 * white. Big reductions go through halvings first (see `resizeSteps`).
 *
 * @example
 * const canvas = drawWithCanvas(bitmap, { width: 840, height: 1148 });
 */
export function drawWithCanvas(source: ImageBitmap, target: Size): AnyCanvas {
  const [first = target, ...rest] = resizeSteps(source, target);
  let { canvas, context } = createCanvas(first);
  context.drawImage(source, 0, 0, first.width, first.height);
  for (const size of rest) {
    const next = createCanvas(size);
    next.context.drawImage(canvas, 0, 0, size.width, size.height);
    // Frees the previous step's pixels now rather than at the next garbage collection.
    Object.assign(canvas, { width: 0, height: 0 });
    ({ canvas, context } = next);
  }
  return canvas;
}

/**
 * Encodes a drawn picture for upload: JPEG for photos, PNG for lossless sources with at most 256
 * colours once resized (digits in a puzzle stay sharp). The canvas carries no metadata, so nothing of
 * the original's EXIF (GPS included) is in the result.
 *
 * @example
 * const { blob, type } = await encodeImage(canvas, { mayKeepLossless: true });
 */
export async function encodeImage(
  canvas: AnyCanvas,
  { mayKeepLossless = false, quality = JPEG_QUALITY }: RenderImageOptions = {},
): Promise<RenderedImage> {
  const { width, height } = canvas;
  const context = canvas.getContext('2d') as AnyContext | null;
  let type: RenderedImage['type'] = 'image/jpeg';
  if (mayKeepLossless && context && hasAtMostColours(context.getImageData(0, 0, width, height).data)) {
    type = 'image/png';
  }
  const blob = await encode(canvas, type, quality);
  return { blob, type, width, height };
}

/**
 * Draws an upright, decoded picture at exactly `target` pixels with the browser's canvas, on the
 * thread that calls it, and encodes it (see `encodeImage`).
 *
 * @example
 * const { blob } = await renderImage(bitmap, { width: 840, height: 1148 });
 */
export function renderImage(
  source: ImageBitmap,
  target: Size,
  options: RenderImageOptions = {},
): Promise<RenderedImage> {
  return encodeImage(drawWithCanvas(source, target), options);
}
