import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MediaError, RequestError } from '../errors';
import { decodeDataURL } from './decode-data-url';

const unlimited = { kind: 'image' as const, maxBytes: Number.MAX_SAFE_INTEGER };

/** Percent-encodes every byte that is not an unreserved ASCII character, as a client might. */
const percentEncode = (bytes: Uint8Array) =>
  Array.from(bytes, (byte) =>
    /[A-Za-z0-9._~-]/.test(String.fromCharCode(byte))
      ? String.fromCharCode(byte)
      : `%${byte.toString(16).padStart(2, '0')}`,
  ).join('');

describe('decodeDataURL', () => {
  it('decodes base64 a slice at a time to the bytes a whole decoding gives, whitespace and all', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 300 }),
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom('', '\n', '\r\n', ' '),
        async (bytes, sliceLength, newline) => {
          const base64 = Buffer.from(bytes).toString('base64');
          const wrapped = base64.replace(/.{1,7}/g, (line) => `${line}${newline}`);
          const decoded = await decodeDataURL(`data:image/png;base64,${wrapped}`, {
            ...unlimited,
            sliceLength,
          });
          expect(Buffer.compare(decoded, Buffer.from(bytes))).toBe(0);
        },
      ),
    );
  });

  it('decodes percent-encoding a slice at a time, escapes and surrogate pairs cut by a slice end included', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ bytes, text: percentEncode(bytes) })),
          fc.string({ unit: 'grapheme', maxLength: 60 }).map((text) => ({
            bytes: new TextEncoder().encode(text),
            text: text.replace(/[%#]/g, (character) => encodeURIComponent(character)),
          })),
        ),
        fc.integer({ min: 1, max: 20 }),
        async ({ bytes, text }, sliceLength) => {
          const decoded = await decodeDataURL(`data:text/plain,${text}`, { ...unlimited, sliceLength });
          expect(Buffer.compare(decoded, Buffer.from(bytes))).toBe(0);
        },
      ),
    );
  });

  it('takes escapes as bytes, not UTF-8 text: %FF is the byte 255', async () => {
    expect([...(await decodeDataURL('data:,%FF%00a%C3%A9', unlimited))]).toEqual([0xff, 0, 0x61, 0xc3, 0xa9]);
  });

  it.each(['data:,%', 'data:,%4', 'data:,a%zz', 'data:image/png,%%41'])(
    'refuses the broken percent-encoding of %s with 400 and a sentence',
    async (url) => {
      const error = await decodeDataURL(url, unlimited).catch((caught: unknown) => caught);
      expect(RequestError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ status: 400, code: 'invalid_request' });
      expect((error as Error).message).toMatch(/percent-encoding/);
    },
  );

  it('stops with 413 as soon as the bytes pass the limit, naming the whole size', async () => {
    const base64 = Buffer.alloc(3 * 1024 * 1024).toString('base64');
    const error = await decodeDataURL(`data:image/png;base64,${base64}`, {
      kind: 'image',
      maxBytes: 1024 * 1024,
      sliceLength: 4096,
    }).catch((caught: unknown) => caught);
    expect(MediaError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 413, code: 'media_too_large' });
    expect((error as Error).message).toContain('3 MB');
  });

  it('yields to the event loop between slices of a large payload', async () => {
    const base64 = Buffer.alloc(6 * 1024 * 1024, 7).toString('base64');
    let turns = 0;
    const ticking = setInterval(() => turns++, 0);
    const decoded = await decodeDataURL(`data:video/mp4;base64,${base64}`, {
      kind: 'video',
      maxBytes: 10 * 1024 * 1024,
    });
    clearInterval(ticking);
    expect(decoded.length).toBe(6 * 1024 * 1024);
    expect(turns).toBeGreaterThan(1);
  });
});
