import { describe, expect, test } from 'vitest';
import { isHEIF, isLosslessType, sniffImageType } from './sniff-image';

/** The start of an ISO base media file: a box size, `ftyp`, and the major brand. */
function ftyp(brand: string): Uint8Array {
  return new Uint8Array([0, 0, 0, 0x18, ...new TextEncoder().encode(`ftyp${brand}`), 0, 0, 0, 0]);
}

describe('isHEIF', () => {
  test.each(['heic', 'heix', 'hevc', 'hevx', 'mif1', 'msf1', 'heif'])('knows the %s brand', (brand) => {
    expect(isHEIF(ftyp(brand))).toBe(true);
  });

  test('is false for other ISO files and for short or unrelated bytes', () => {
    expect(isHEIF(ftyp('avif'))).toBe(false);
    expect(isHEIF(ftyp('isom'))).toBe(false);
    expect(isHEIF(ftyp('qt  '))).toBe(false);
    expect(isHEIF(new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74]))).toBe(false);
    expect(isHEIF(new TextEncoder().encode('xxxxheicxxxxxxxx'))).toBe(false);
  });
});

describe('sniffImageType', () => {
  const bytes = (...values: number[]) => new Uint8Array([...values, ...new Array(16).fill(0)]);
  const text = (value: string) => new TextEncoder().encode(value.padEnd(16, '\0'));

  test('tells the formats apart by their signatures, not their names', () => {
    expect(sniffImageType(bytes(0xff, 0xd8, 0xff, 0xe1))).toBe('image/jpeg');
    expect(sniffImageType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('image/png');
    expect(sniffImageType(text('GIF89a'))).toBe('image/gif');
    expect(sniffImageType(text('GIF87a'))).toBe('image/gif');
    expect(sniffImageType(text('BM'))).toBe('image/bmp');
    expect(sniffImageType(text('RIFF\x10\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffImageType(bytes(0x49, 0x49, 0x2a, 0x00))).toBe('image/tiff');
    expect(sniffImageType(bytes(0x4d, 0x4d, 0x00, 0x2a))).toBe('image/tiff');
    expect(sniffImageType(ftyp('avif'))).toBe('image/avif');
    expect(sniffImageType(ftyp('heic'))).toBe('image/heif');
    expect(sniffImageType(ftyp('mif1'))).toBe('image/heif');
  });

  test('is undefined for what is not an image it knows', () => {
    expect(sniffImageType(text('<svg xmlns="http'))).toBeUndefined();
    expect(sniffImageType(text('hello, world'))).toBeUndefined();
    expect(sniffImageType(ftyp('isom'))).toBeUndefined();
    expect(sniffImageType(new Uint8Array())).toBeUndefined();
  });
});

test('only PNG, GIF and BMP count as lossless sources', () => {
  expect(['image/png', 'image/gif', 'image/bmp'].every((type) => isLosslessType(type as never))).toBe(true);
  expect(isLosslessType('image/jpeg')).toBe(false);
  expect(isLosslessType('image/heif')).toBe(false);
  expect(isLosslessType(undefined)).toBe(false);
});
