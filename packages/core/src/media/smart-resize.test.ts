import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { imageTokens, roundHalfToEven, smartResize } from './smart-resize';

interface Vector {
  height: number;
  width: number;
  qwen25_f28: { out?: [number, number]; llm_tokens?: number; error?: string };
  qwen3_f32: { out?: [number, number]; llm_tokens?: number; error?: string };
}

const sharedVectors = fileURLToPath(
  new URL('../../../../../shared/fixtures/qwen-vl/smart-resize.json', import.meta.url),
);

/** The project's own vectors, computed with qwen-vl-utils' rules (see docs/media.md, images). */
const OWN_VECTORS: [
  number,
  number,
  [number, number, number] | 'error',
  [number, number, number] | 'error',
][] = [
  [10, 10, [56, 56, 4], [64, 64, 4]],
  [1080, 1920, [1092, 1932, 2691], [1088, 1920, 2040]],
  [4032, 3024, [4032, 3024, 15552], [4032, 3008, 11844]],
  [4096, 4096, [3584, 3584, 16384], [4096, 4096, 16384]],
  [12000, 9000, [4116, 3080, 16170], [4704, 3520, 16170]],
  [100, 20000, [112, 19992, 2856], [96, 20000, 1875]],
  [100, 20001, 'error', 'error'],
  [4111, 4111, [3556, 3556, 16129], [4096, 4096, 16384]],
  // Ties: 42/28 = 1.5 rounds to 2 (even) and 70/28 = 2.5 to 2; 98/28 = 3.5 rounds to 4.
  [42, 70, [56, 56, 4], [64, 96, 6]],
  [98, 98, [112, 112, 16], [96, 96, 9]],
  // An aspect ratio of exactly 200 is allowed; 201 is not.
  [1, 200, [28, 196, 7], [32, 192, 6]],
  [1, 201, 'error', 'error'],
  [14, 14, [56, 56, 4], [64, 64, 4]],
  [3000, 15, [2996, 28, 107], [3008, 32, 94]],
  [2, 400, [28, 392, 14], [32, 384, 12]],
  // Shrinking a very long image: 0.0.11 keeps each side at least 28, 0.0.14 does not need to here.
  [50000, 300, [46256, 252, 14868], [49984, 288, 14058]],
];

describe('smartResize', () => {
  it('rounds ties to even like Python', () => {
    expect([0.5, 1.5, 2.5, 3.5, 2.4, 2.6, 7].map(roundHalfToEven)).toEqual([0, 2, 2, 4, 2, 3, 7]);
  });

  it.each(OWN_VECTORS)(
    '%ix%i gives the qwen-vl-utils size for factors 28 and 32',
    (height, width, f28, f32) => {
      for (const [factor, expected] of [
        [28, f28],
        [32, f32],
      ] as const) {
        if (expected === 'error') {
          expect(() => smartResize(height, width, { factor })).toThrow(/aspect ratio/);
          continue;
        }
        const size = smartResize(height, width, { factor });
        expect([size.height, size.width, imageTokens(size, factor)]).toEqual(expected);
      }
    },
  );

  it('refuses a zero side', () => {
    expect(() => smartResize(0, 10, { factor: 28 })).toThrow(/above zero/);
  });

  describe.runIf(existsSync(sharedVectors))('on the vectors computed with qwen-vl-utils', () => {
    const vectors: Vector[] = existsSync(sharedVectors)
      ? JSON.parse(readFileSync(sharedVectors, 'utf8')).vectors
      : [];
    it(`matches all ${vectors.length} of them for both factors`, () => {
      for (const vector of vectors) {
        for (const [key, factor] of [
          ['qwen25_f28', 28],
          ['qwen3_f32', 32],
        ] as const) {
          const expected = vector[key];
          if (expected.error !== undefined || !expected.out) {
            expect(
              () => smartResize(vector.height, vector.width, { factor }),
              `${vector.height}x${vector.width}`,
            ).toThrow();
            continue;
          }
          const size = smartResize(vector.height, vector.width, { factor });
          expect([size.height, size.width], `${vector.height}x${vector.width} f${factor}`).toEqual(
            expected.out,
          );
          expect(imageTokens(size, factor)).toBe(expected.llm_tokens);
        }
      }
    });
  });
});
