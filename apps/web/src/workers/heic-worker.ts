import decode from 'heic-decode';

/** A file to decode, sent by `decodeImage`. */
export interface HEICRequest {
  id: number;
  buffer: ArrayBuffer;
}

/** The decoded RGBA pixels, or why there are none. */
export type HEICResponse =
  | { id: number; width: number; height: number; data: Uint8ClampedArray<ArrayBuffer> }
  | { id: number; error: string };

// libheif in WebAssembly takes seconds for a 12-megapixel photo: off the main thread, the page stays
// responsive meanwhile.
self.onmessage = async ({ data: { id, buffer } }: MessageEvent<HEICRequest>) => {
  try {
    // libheif applies the file's rotation and mirroring itself, so the pixels come out upright.
    const { width, height, data } = await decode({ buffer: new Uint8Array(buffer) });
    const response: HEICResponse = { id, width, height, data };
    self.postMessage(response, { transfer: [data.buffer] });
  } catch (error) {
    const response: HEICResponse = { id, error: error instanceof Error ? error.message : String(error) };
    self.postMessage(response);
  }
};
