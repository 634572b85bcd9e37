import type Sharp from 'sharp';

let loaded: Promise<typeof Sharp> | undefined;

/**
 * sharp, loaded on first use rather than when the program starts: its native library takes a large
 * share of the API's and the command's start, and most requests and commands never touch a pixel.
 * The first load turns libvips' operation cache off: Seer never decodes the same input twice.
 */
export function loadSharp(): Promise<typeof Sharp> {
  loaded ??= import('sharp').then(({ default: sharp }) => {
    sharp.cache(false);
    return sharp;
  });
  return loaded;
}
