import { expect, test } from 'vitest';
import { hasAtMostColours, PNG_MAX_COLOURS } from './count-colours';

/** RGBA pixels, one per colour given as 0xRRGGBB, with varying alpha that must not count. */
function pixels(colours: number[]): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(colours.length * 4);
  colours.forEach((colour, index) => {
    rgba.set([colour >> 16, (colour >> 8) & 0xff, colour & 0xff, index % 256], index * 4);
  });
  return rgba;
}

test('a black-on-white puzzle has few colours', () => {
  const puzzle = Array.from({ length: 10_000 }, (_, index) => (index % 7 === 0 ? 0x000000 : 0xffffff));
  expect(hasAtMostColours(pixels(puzzle))).toBe(true);
});

test('exactly 256 colours is few; 257 is not', () => {
  const colours = Array.from({ length: PNG_MAX_COLOURS }, (_, index) => index * 0x010101);
  expect(hasAtMostColours(pixels([...colours, ...colours]))).toBe(true);
  expect(hasAtMostColours(pixels([...colours, 0x123456]))).toBe(false);
});

test('colours differing in one channel are different colours', () => {
  expect(hasAtMostColours(pixels([0x000001, 0x000100, 0x010000]), 2)).toBe(false);
  expect(hasAtMostColours(pixels([0x000001, 0x000001, 0x000001]), 1)).toBe(true);
});

test('an empty picture has no colours', () => {
  expect(hasAtMostColours(new Uint8ClampedArray(), 0)).toBe(true);
});
