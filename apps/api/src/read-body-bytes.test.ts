import { describe, expect, it } from 'vitest';
import { readBodyBytes } from './read-body-bytes';

/** A request whose body arrives in the given chunks, with or without a declared length. */
function requestOf(chunks: Uint8Array[], declared?: number): Request {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  const headers = declared === undefined ? undefined : { 'content-length': String(declared) };
  return new Request('http://seer.test/', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
}

const bytesOf = (length: number, seed: number) =>
  new Uint8Array(length).map((_, index) => (index * seed) % 251);

describe('readBodyBytes', () => {
  it('reads a body of declared length into a buffer of exactly that length', async () => {
    const chunks = [bytesOf(70_000, 3), bytesOf(5, 5), bytesOf(30_000, 7)];
    const buffer = await readBodyBytes(requestOf(chunks, 100_005));
    expect(new Uint8Array(buffer)).toEqual(new Uint8Array(Buffer.concat(chunks)));
    expect(buffer.byteLength).toBe(100_005);
  });

  it('grows the buffer for a body without a declared length, and trims it to what came', async () => {
    const chunks = Array.from({ length: 9 }, (_, index) => bytesOf(40_000 + index, index + 2));
    const buffer = await readBodyBytes(requestOf(chunks));
    expect(new Uint8Array(buffer)).toEqual(new Uint8Array(Buffer.concat(chunks)));
  });

  it('reads an empty body or none as an empty buffer', async () => {
    expect((await readBodyBytes(requestOf([]))).byteLength).toBe(0);
    expect((await readBodyBytes(new Request('http://seer.test/', { method: 'POST' }))).byteLength).toBe(0);
  });
});
