import { parseDataURL } from '@seer/core';
import { fetchMediaURL } from '@seer/core/node';

/** The most bytes an image fetched again may have: the API's own limit on one image. */
const MAX_IMAGE_BYTES = 25 * 1024 * 1024;

/** The bytes of an image named on the command line: a local file's bytes as read, or its URL fetched again. */
export async function readSourceImage(location: string, bytes: Uint8Array | undefined): Promise<Uint8Array> {
  if (bytes) return bytes;
  if (location.toLowerCase().startsWith('data:')) return Buffer.from(parseDataURL(location).base64, 'base64');
  // The person's own command fetches the URL they typed, as curl would: no address rule, unlike a server.
  const fetched = await fetchMediaURL(location, {
    allowPrivate: true,
    maxBytes: MAX_IMAGE_BYTES,
    timeoutMs: 60_000,
  });
  return fetched.bytes;
}
