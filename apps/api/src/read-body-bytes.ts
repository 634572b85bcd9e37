/**
 * Reads a whole request body into one `ArrayBuffer` of its own, copying each chunk as it arrives.
 * `Request.arrayBuffer()` gathers the chunks and then copies them all at once (twice, through
 * `@hono/node-server`), which holds the event loop for as long as copying tens of megabytes takes; here
 * the copies are spread over the reads. With a declared length the buffer is allocated once; without
 * one it doubles as it fills. The caller holds the body to its limit (the body-limit middleware).
 */
export async function readBodyBytes(request: Request): Promise<ArrayBuffer> {
  if (!request.body) return new ArrayBuffer(0);
  const declared = Number(request.headers.get('content-length'));
  let buffer = new Uint8Array(Number.isSafeInteger(declared) && declared > 0 ? declared : 64 * 1024);
  let length = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (length + value.length > buffer.length) {
      const grown = new Uint8Array(Math.max(buffer.length * 2, length + value.length));
      grown.set(buffer.subarray(0, length));
      buffer = grown;
    }
    buffer.set(value, length);
    length += value.length;
  }
  return length === buffer.length ? buffer.buffer : buffer.buffer.slice(0, length);
}
