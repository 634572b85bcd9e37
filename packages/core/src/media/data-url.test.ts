import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RequestError } from '../errors';
import { parseDataURL, percentDecode, splitDataURL } from './data-url';

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

describe('splitDataURL', () => {
  it('splits at the comma, lower-casing the declared type and defaulting it to text/plain', () => {
    expect(splitDataURL('data:Image/PNG;base64,QUJD')).toEqual({
      declaredType: 'image/png',
      isBase64: true,
      payload: 'QUJD',
    });
    expect(splitDataURL('data:,a%20b')).toEqual({
      declaredType: 'text/plain',
      isBase64: false,
      payload: 'a%20b',
    });
  });

  it('refuses a data URL without a comma with 400', () => {
    expect(() => splitDataURL('data:image/png;base64')).toThrow(/not a well-formed data URL/);
  });
});

describe('percentDecode', () => {
  it('inverts encodeURIComponent for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(percentDecode(encodeURIComponent(text))).toEqual(new TextEncoder().encode(text));
      }),
    );
  });

  it('reads escapes as bytes, whatever UTF-8 makes of them', () => {
    expect([...percentDecode('%ff%80é')]).toEqual([0xff, 0x80, 0xc3, 0xa9]);
  });

  it.each(['%', '%4', '%g0', 'abc%', '%%'])('refuses %s with 400 invalid_request and a sentence', (text) => {
    let caught: unknown;
    try {
      percentDecode(text);
    } catch (error) {
      caught = error;
    }
    expect(RequestError.isInstance(caught)).toBe(true);
    expect(caught).toMatchObject({ status: 400, code: 'invalid_request' });
    expect((caught as Error).message).toMatch(/broken percent-encoding/);
  });
});

describe('parseDataURL', () => {
  it('re-encodes percent-encoded bytes as base64, also past the size of one String.fromCharCode call', () => {
    const bytes = new Uint8Array(100_000).map((_, index) => (index * 7) % 256);
    const encoded = Array.from(bytes, (byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
    expect(parseDataURL(`data:application/octet-stream,${encoded}`).base64).toBe(toBase64(bytes));
  });

  it('drops whitespace from a base64 payload', () => {
    expect(parseDataURL('data:image/png;base64,QU\nJD\r\n').base64).toBe('QUJD');
  });

  it('refuses data:,% with 400 rather than failing inside', () => {
    expect(() => parseDataURL('data:,%')).toThrow(/broken percent-encoding/);
  });
});
