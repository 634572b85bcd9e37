/** At most this many colours, a lossless source is sent as PNG, as the server decides (docs/media.md). */
export const PNG_MAX_COLOURS = 256;

/**
 * Whether RGBA pixels (as `getImageData` gives them) hold at most `limit` distinct RGB colours. Alpha
 * is ignored: the pixels were flattened on white before. Stops at the first colour over the limit, so a
 * photo is rejected after a few hundred pixels.
 *
 * @example
 * hasAtMostColours(context.getImageData(0, 0, width, height).data); // true for a black-on-white puzzle
 */
export function hasAtMostColours(
  rgba: Uint8ClampedArray | Uint8Array,
  limit: number = PNG_MAX_COLOURS,
): boolean {
  const seen = new Set<number>();
  for (let offset = 0; offset + 2 < rgba.length; offset += 4) {
    seen.add((rgba[offset]! << 16) | (rgba[offset + 1]! << 8) | rgba[offset + 2]!);
    if (seen.size > limit) return false;
  }
  return true;
}
