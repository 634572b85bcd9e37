import sharp from 'sharp';

/** RGB pixels of one picture, three bytes each, row by row. */
export interface RGBPixels {
  data: Buffer;
  width: number;
  height: number;
}

/**
 * Decodes an image file (or raw RGBA pixels, given their size) to RGB, dropping alpha.
 *
 * @example
 * const pixels = await decodeRGB(jpeg);
 */
export async function decodeRGB(
  input: Buffer,
  raw?: { width: number; height: number; channels: 3 | 4 },
): Promise<RGBPixels> {
  const { data, info } = await sharp(input, raw ? { raw } : {})
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/**
 * Peak signal-to-noise ratio of two pictures of the same size over their RGB values, in dB: 10·log10 of
 * 255² over the mean squared difference; Infinity for identical pictures.
 *
 * @throws Error when their sizes differ.
 * @example
 * psnr(await decodeRGB(browserUpload), await decodeRGB(serverUpload)); // 45.5
 */
export function psnr(a: RGBPixels, b: RGBPixels): number {
  if (a.width !== b.width || a.height !== b.height) {
    throw new Error(`The sizes differ: ${a.width}×${a.height} and ${b.width}×${b.height}.`);
  }
  let sum = 0;
  for (let index = 0; index < a.data.length; index++) {
    const difference = a.data[index]! - b.data[index]!;
    sum += difference * difference;
  }
  const meanSquare = sum / a.data.length;
  return meanSquare === 0 ? Number.POSITIVE_INFINITY : 10 * Math.log10((255 * 255) / meanSquare);
}
