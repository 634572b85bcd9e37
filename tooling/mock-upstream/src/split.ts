/** A small seeded PRNG (mulberry32): the same seed always gives the same sequence in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Cuts bytes at the given offsets (out-of-range and repeated offsets are ignored).
 * Concatenating the pieces gives back the input; an empty input gives no pieces.
 */
export function splitAtOffsets(bytes: Uint8Array, offsets: readonly number[]): Uint8Array[] {
  const cuts = [...new Set(offsets)].filter((o) => o > 0 && o < bytes.length).sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    if (cut > start) pieces.push(bytes.slice(start, cut));
    start = cut;
  }
  return pieces;
}

/**
 * Cuts bytes into 1..maxPieces pieces at pseudo-random offsets chosen by `seed`, so a failing
 * test can be replayed. Cuts ignore character boundaries on purpose: readers must cope with a
 * multi-byte UTF-8 character arriving in two reads.
 *
 * @example splitAtRandomBoundaries(new TextEncoder().encode(sse), 42, 16)
 */
export function splitAtRandomBoundaries(bytes: Uint8Array, seed: number, maxPieces = 64): Uint8Array[] {
  const random = mulberry32(seed);
  const pieceCount = 1 + Math.floor(random() * Math.max(1, Math.min(maxPieces, bytes.length)));
  const cuts = new Set<number>();
  while (cuts.size < pieceCount - 1) cuts.add(1 + Math.floor(random() * (bytes.length - 1)));
  return splitAtOffsets(bytes, [...cuts]);
}
