/** Reads the start of a body as text; a body that breaks off gives what arrived. */
export async function readBodyStart(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<string> {
  if (!body) return '';
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  try {
    while (bytes < maxBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      bytes += value.byteLength;
    }
  } catch {
    // What arrived is still the best description there is.
  } finally {
    reader.cancel().catch(() => {});
  }
  return text + decoder.decode();
}
