import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { makePatternPuzzle } from './pattern-puzzle';

describe('the number-pattern puzzle', () => {
  it.each([0, 1, 2])(
    'a pattern puzzle with rule %i has rows that follow it and the missing number as answer',
    async (rule) => {
      const puzzle = await makePatternPuzzle({ seed: 11, rule });
      const apply = [
        (a: number, b: number) => a + b,
        (a: number, b: number) => a * b,
        (a: number, b: number) => a - b,
      ][rule]!;
      for (const [a, b, c] of puzzle.rows.slice(0, -1)) expect(Number(c)).toBe(apply(Number(a), Number(b)));
      const [a, b, missing] = puzzle.rows.at(-1)!;
      expect(missing).toBe('?');
      expect(puzzle.answer).toBe(String(apply(Number(a), Number(b))));
      const image = await sharp(puzzle.png).metadata();
      expect(image.format).toBe('png');
      expect(image.width).toBeGreaterThan(300);
    },
  );

  it('gives the same puzzle for the same seed', async () => {
    expect(
      (await makePatternPuzzle({ seed: 5 })).png.equals((await makePatternPuzzle({ seed: 5 })).png),
    ).toBe(true);
  });
});
