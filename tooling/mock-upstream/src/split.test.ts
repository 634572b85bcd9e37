import { describe, expect, it } from 'vitest';
import { splitAtOffsets, splitAtRandomBoundaries } from './split';

const concat = (pieces: Uint8Array[]) => Buffer.concat(pieces.map((piece) => Buffer.from(piece)));

describe('splitAtRandomBoundaries', () => {
  const bytes = new TextEncoder().encode('data: {"reasoning":"Ünïcödé 思考 🤔 text"}\n\n'.repeat(20));

  it('is deterministic per seed and differs between seeds', () => {
    const first = splitAtRandomBoundaries(bytes, 7, 32).map((piece) => piece.length);
    expect(splitAtRandomBoundaries(bytes, 7, 32).map((piece) => piece.length)).toEqual(first);
    const others = [8, 9, 10].map((seed) => splitAtRandomBoundaries(bytes, seed, 32).map((p) => p.length));
    expect(others.some((lengths) => JSON.stringify(lengths) !== JSON.stringify(first))).toBe(true);
  });

  it('covers every byte, in order, in at most maxPieces non-empty pieces', () => {
    for (let seed = 0; seed < 50; seed++) {
      const pieces = splitAtRandomBoundaries(bytes, seed, 16);
      expect(concat(pieces).equals(Buffer.from(bytes))).toBe(true);
      expect(pieces.length).toBeGreaterThanOrEqual(1);
      expect(pieces.length).toBeLessThanOrEqual(16);
      expect(pieces.every((piece) => piece.length > 0)).toBe(true);
    }
    expect(splitAtRandomBoundaries(new Uint8Array(0), 1)).toEqual([]);
    expect(concat(splitAtRandomBoundaries(new Uint8Array([1, 2]), 3, 100))).toEqual(Buffer.from([1, 2]));
  });

  it('cuts inside multi-byte UTF-8 characters', () => {
    const isContinuationByte = (byte: number | undefined) => byte !== undefined && (byte & 0xc0) === 0x80;
    const cutsInsideACharacter = [0, 1, 2, 3, 4].some((seed) =>
      splitAtRandomBoundaries(bytes, seed, 64)
        .slice(1)
        .some((piece) => isContinuationByte(piece[0])),
    );
    expect(cutsInsideACharacter).toBe(true);
  });
});

describe('splitAtOffsets', () => {
  it('cuts at the given offsets and ignores repeated or out-of-range ones', () => {
    const pieces = splitAtOffsets(new Uint8Array([1, 2, 3, 4, 5]), [3, 1, 3, 0, 5, 99]);
    expect(pieces.map((piece) => [...piece])).toEqual([[1], [2, 3], [4, 5]]);
  });
});
