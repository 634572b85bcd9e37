import { setImmediate as nextTurn } from 'node:timers/promises';
import { base64ByteLength, percentDecode, splitDataURL } from '../media/data-url';
import { checkMediaBytes } from './load-image';

/** Options of {@link decodeDataURL}. */
export interface DecodeDataURLOptions {
  /** What the media item is, for the message when it is too large. */
  kind: 'image' | 'video';
  /** The most bytes the decoded media may have; 413 `media_too_large` as soon as it passes them. */
  maxBytes: number;
  /** How many characters of the payload are decoded between turns of the event loop. */
  sliceLength?: number;
}

/** One MiB of payload: milliseconds of decoding, so other requests wait no longer than that. */
const SLICE_LENGTH = 1024 * 1024;

/**
 * Decodes the payload of a `data:` URL (base64, or percent-encoded bytes) a slice at a time, yielding
 * to the event loop between slices, so that a data URL of tens of megabytes never holds the server
 * for the whole decoding; it stops with 413 as soon as the bytes pass `maxBytes`. Whitespace in base64
 * is ignored, as it is by `Buffer.from(text, 'base64')`.
 *
 * @throws RequestError (400) for a malformed data URL or a broken percent-encoding.
 * @throws MediaError (413) when the bytes are over `maxBytes`.
 */
export async function decodeDataURL(url: string, options: DecodeDataURLOptions): Promise<Buffer> {
  const { isBase64, payload } = splitDataURL(url);
  const sliceLength = options.sliceLength ?? SLICE_LENGTH;
  const tooLarge = (length: number) => {
    // Past the limit, the message names the whole size as the payload's length tells it (whitespace
    // makes that a little more), not the part decoded so far.
    checkMediaBytes(
      options.kind,
      isBase64 ? Math.max(length, base64ByteLength(payload)) : length,
      options.maxBytes,
    );
  };
  if (isBase64) {
    // Decoded straight into one buffer, which the payload's length bounds: no copy of it all at the end.
    const bytes = Buffer.allocUnsafe(base64ByteLength(payload) + 3);
    let length = 0;
    let carried = '';
    for (let start = 0; start < payload.length; start += sliceLength) {
      if (start > 0) await nextTurn();
      const isLast = start + sliceLength >= payload.length;
      const text = carried + payload.slice(start, start + sliceLength).replace(/\s+/g, '');
      // A base64 quantum (four characters) cut by the slice's end waits for the next slice.
      const end = isLast ? text.length : text.length - (text.length % 4);
      carried = text.slice(end);
      length += bytes.write(text.slice(0, end), length, 'base64');
      if (length > options.maxBytes) tooLarge(length);
    }
    return bytes.subarray(0, length);
  }
  const chunks: Buffer[] = [];
  let length = 0;
  let carried = '';
  for (let start = 0; start < payload.length; start += sliceLength) {
    if (start > 0) await nextTurn();
    const text = carried + payload.slice(start, start + sliceLength);
    // A `%XX` escape or a UTF-16 surrogate pair cut by the slice's end waits for the next slice.
    let end = text.length;
    if (start + sliceLength < payload.length) {
      const percent = text.lastIndexOf('%', end - 1);
      if (percent >= 0 && percent > end - 3) end = percent;
      const last = text.charCodeAt(end - 1);
      if (last >= 0xd800 && last <= 0xdbff) end--;
    }
    carried = text.slice(end);
    const decoded = percentDecode(text.slice(0, end));
    length += decoded.length;
    if (length > options.maxBytes) tooLarge(length);
    chunks.push(Buffer.from(decoded.buffer, decoded.byteOffset, decoded.byteLength));
  }
  return Buffer.concat(chunks, length);
}
