import type { Pica } from 'pica';
import type { Size } from './resize-steps';

let resizer: Promise<Pica> | undefined;

/**
 * One pica for the page or worker that asks, loaded on first use so that its code stays out of the
 * initial bundle. It runs where it is called: its own web workers are off, because this already runs
 * in one (`resize-worker.ts`).
 */
function loadPica(): Promise<Pica> {
  resizer ??= import('pica').then(({ default: createPica }) => createPica({ features: ['js', 'wasm'] }));
  return resizer;
}

/**
 * Resizes an upright picture to exactly `target` with pica's Lanczos-3 filter, the kernel the server
 * resizes with (sharp's `lanczos3`), in sRGB values as libvips does. Transparent pixels are flattened
 * on white first, as the server flattens them before resizing.
 *
 * @example
 * const canvas = await resizeWithPica(bitmap, { width: 840, height: 1148 });
 */
export async function resizeWithPica(source: ImageBitmap, target: Size): Promise<OffscreenCanvas> {
  const pica = await loadPica();
  const flat = new OffscreenCanvas(source.width, source.height);
  const flatContext = flat.getContext('2d', { alpha: false });
  if (!flatContext) throw new Error('This browser cannot draw images on a canvas.');
  flatContext.fillStyle = '#ffffff';
  flatContext.fillRect(0, 0, source.width, source.height);
  flatContext.drawImage(source, 0, 0);
  const resized = new OffscreenCanvas(target.width, target.height);
  await pica.resize(flat, resized, { filter: 'lanczos3' });
  // Frees the full-size copy now rather than at the next garbage collection.
  Object.assign(flat, { width: 0, height: 0 });
  return resized;
}
