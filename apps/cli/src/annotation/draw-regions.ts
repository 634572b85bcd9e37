import type { Region } from '@seer/core';
import sharp from 'sharp';
import { regionOverlaySVG } from './region-overlay';

/** The size regions are given in: the picture upright, at its original size. */
export interface PictureSize {
  width: number;
  height: number;
}

/**
 * The picture upright (EXIF orientation applied) at `size`, as PNG; resized only when a decoder
 * disagrees about the size the regions were placed in.
 */
async function uprightPNG(bytes: Uint8Array, size: PictureSize): Promise<Buffer> {
  const resize = (picture: sharp.Sharp) => picture.resize(size.width, size.height, { fit: 'fill' }).png();
  try {
    return await resize(sharp(bytes).rotate()).toBuffer();
  } catch (error) {
    // libvips as sharp ships it has no HEVC decoder; libheif applies the container's rotation itself.
    const { default: decodeHEIC } = await import('heic-decode');
    const decoded = await decodeHEIC({ buffer: bytes }).catch(() => {
      throw error;
    });
    const pixels = Buffer.from(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength);
    return resize(
      sharp(pixels, { raw: { width: decoded.width, height: decoded.height, channels: 4 } }),
    ).toBuffer();
  }
}

/**
 * Draws `regions` on a picture: upright, at `size` (the picture's original size, which the regions
 * are in), with the overlay of {@link regionOverlaySVG} composited on top. Resolves with a PNG.
 */
export async function drawRegions(
  bytes: Uint8Array,
  size: PictureSize,
  regions: readonly Region[],
): Promise<Buffer> {
  // Composited in a second pass: within one pipeline sharp composites before it rotates.
  const upright = await uprightPNG(bytes, size);
  const overlay = Buffer.from(regionOverlaySVG(size.width, size.height, regions));
  return sharp(upright)
    .composite([{ input: overlay, left: 0, top: 0 }])
    .png()
    .toBuffer();
}
