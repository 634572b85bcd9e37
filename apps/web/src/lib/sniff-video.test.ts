import { describe, expect, test } from 'vitest';
import { sniffVideoType } from './sniff-video';

const encode = (value: string) => new TextEncoder().encode(value);

/** The start of an ISO base media file: a box size, `ftyp`, and the major brand. */
function ftyp(brand: string): Uint8Array {
  return new Uint8Array([0, 0, 0, 0x20, ...encode(`ftyp${brand}`), 0, 0, 2, 0, ...encode('isomiso2')]);
}

/** Bytes from hexadecimal pairs, spaces ignored. */
const hex = (pairs: string) =>
  Uint8Array.from(pairs.replace(/ /g, '').match(/../g) ?? [], (pair) => parseInt(pair, 16));

/** An EBML header as WebM and Matroska files open with: magic, header size, version, then the DocType. */
function ebml(docType: string): Uint8Array {
  return new Uint8Array([...hex('1a45dfa3 9f 4286 81 01 4282 84'), ...encode(docType)]);
}

describe('sniffVideoType', () => {
  test('knows MP4 and MOV by their ftyp box, whatever the brand', () => {
    expect(sniffVideoType(ftyp('isom'))).toBe('video/mp4');
    expect(sniffVideoType(ftyp('mp42'))).toBe('video/mp4');
    expect(sniffVideoType(ftyp('3gp5'))).toBe('video/mp4');
    expect(sniffVideoType(ftyp('qt  '))).toBe('video/quicktime');
    // Audio-only MP4s look like video here; the server refuses them with its reason.
    expect(sniffVideoType(ftyp('M4A '))).toBe('video/mp4');
  });

  test('leaves HEIC and AVIF photos to the image sniffer', () => {
    for (const brand of ['heic', 'heix', 'mif1', 'msf1', 'hevc', 'avif', 'avis']) {
      expect(sniffVideoType(ftyp(brand))).toBeUndefined();
    }
  });

  test('knows QuickTime files that open with another atom', () => {
    expect(sniffVideoType(encode('\0\0\0\x08wide\0\0\0\0mdat'))).toBe('video/quicktime');
    expect(sniffVideoType(encode('\0\0\x01\0moov\0\0\0\0mvhd'))).toBe('video/quicktime');
  });

  test('knows WebM, Matroska and AVI', () => {
    expect(sniffVideoType(ebml('webm'))).toBe('video/webm');
    expect(sniffVideoType(ebml('matroska'))).toBe('video/x-matroska');
    expect(sniffVideoType(encode('RIFF\x10\0\0\0AVI LIST'))).toBe('video/x-msvideo');
  });

  test('is undefined for images, other RIFF files, text and short input', () => {
    expect(
      sniffVideoType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new Array(12).fill(0)])),
    ).toBeUndefined();
    expect(sniffVideoType(encode('RIFF\x10\0\0\0WEBPVP8 '))).toBeUndefined();
    expect(sniffVideoType(encode('RIFF\x10\0\0\0WAVEfmt '))).toBeUndefined();
    expect(sniffVideoType(encode('clip.mp4 is not a video'))).toBeUndefined();
    expect(sniffVideoType(encode('\0\0\0'))).toBeUndefined();
    expect(sniffVideoType(new Uint8Array())).toBeUndefined();
  });
});
