import type { HEICRequest, HEICResponse } from '../workers/heic-worker';
import type { SniffedImageType } from './sniff-image';
import { workerCalls } from './worker-calls';

/** Decodes HEIF in a worker that runs `heic-decode`, started when the first HEIC photo arrives. */
const decodeInWorker = workerCalls<HEICRequest, HEICResponse, ImageData>(
  () =>
    new Worker(new URL('../workers/heic-worker.ts', import.meta.url), {
      type: 'module',
      name: 'heic-decoder',
    }),
  'The HEIC decoder could not start.',
  (answer) => new ImageData(answer.data, answer.width, answer.height),
);

/** Decodes HEIF with libheif compiled to WebAssembly, in a worker fetched only when a HEIC arrives. */
async function decodeHEIF(file: Blob): Promise<ImageBitmap> {
  const buffer = await file.arrayBuffer();
  return createImageBitmap(await decodeInWorker({ buffer }, [buffer]));
}

/**
 * Decodes an image file into an upright bitmap: the browser's own decoder with the EXIF orientation
 * applied, or, for HEIC/HEIF that the browser cannot read (all but Safari), `heic-decode` in a worker,
 * loaded lazily so that its decoder stays out of the initial bundle. Rejects when neither can read it.
 *
 * @example
 * const bitmap = await decodeImage(file, 'image/jpeg'); // 3024×4032 for an iPhone portrait photo
 */
export async function decodeImage(file: Blob, type: SniffedImageType | undefined): Promise<ImageBitmap> {
  try {
    return await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch (error) {
    if (type !== 'image/heif') throw error;
  }
  return decodeHEIF(file);
}
