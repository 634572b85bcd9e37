import type { HEICRequest, HEICResponse } from '../workers/heic-worker';
import type { SniffedImageType } from './sniff-image';

let heicWorker: Worker | undefined;
let nextRequestId = 0;
const pending = new Map<number, { resolve: (image: ImageData) => void; reject: (error: Error) => void }>();

function failAll(error: Error) {
  for (const { reject } of pending.values()) reject(error);
  pending.clear();
  heicWorker?.terminate();
  heicWorker = undefined;
}

/** The worker that runs `heic-decode`, started when the first HEIC photo arrives and kept for the next. */
function startHEICWorker(): Worker {
  const worker = new Worker(new URL('../workers/heic-worker.ts', import.meta.url), {
    type: 'module',
    name: 'heic-decoder',
  });
  worker.onmessage = ({ data: response }: MessageEvent<HEICResponse>) => {
    const request = pending.get(response.id);
    if (!request) return;
    pending.delete(response.id);
    if ('error' in response) request.reject(new Error(response.error));
    else request.resolve(new ImageData(response.data, response.width, response.height));
  };
  worker.onerror = (event) => {
    event.preventDefault();
    failAll(new Error(event.message || 'The HEIC decoder could not start.'));
  };
  return worker;
}

/** Decodes HEIF with libheif compiled to WebAssembly, in a worker fetched only when a HEIC arrives. */
async function decodeHEIF(file: Blob): Promise<ImageBitmap> {
  const buffer = await file.arrayBuffer();
  heicWorker ??= startHEICWorker();
  const worker = heicWorker;
  const pixels = await new Promise<ImageData>((resolve, reject) => {
    nextRequestId += 1;
    pending.set(nextRequestId, { resolve, reject });
    const request: HEICRequest = { id: nextRequestId, buffer };
    worker.postMessage(request, [buffer]);
  });
  return createImageBitmap(pixels);
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
