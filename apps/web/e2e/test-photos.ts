import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findSystemTool, HEIF_ENCODER } from '@seer/test-setup';
import sharp from 'sharp';

/** The colour painted along the top of the picture as displayed, to check it arrives upright. */
export const TOP_MARK = { r: 230, g: 20, b: 20 };

/**
 * RGB pixels that compress like a photo: smooth light and colour, some mid-sized shapes, and sensor-like
 * grain, which is what makes a 12-megapixel JPEG weigh megabytes and what downscaling averages away.
 * The top rows (as `width`×`height` is displayed) are `TOP_MARK` red.
 */
function photoPixels(width: number, height: number, seed = 1): Buffer {
  const pixels = Buffer.alloc(width * height * 3);
  let state = seed >>> 0;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const markRows = Math.round(height / 20);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const offset = (y * width + x) * 3;
      if (y < markRows) {
        pixels[offset] = TOP_MARK.r;
        pixels[offset + 1] = TOP_MARK.g;
        pixels[offset + 2] = TOP_MARK.b;
        continue;
      }
      const u = x / width;
      const v = y / height;
      const shape = Math.sin(u * 23 + Math.sin(v * 7) * 2) * Math.cos(v * 17) * 40;
      const grain = (random() - 0.5) * 36;
      pixels[offset] = Math.max(0, Math.min(255, 70 + u * 120 + shape + grain));
      pixels[offset + 1] = Math.max(0, Math.min(255, 90 + v * 100 - shape / 2 + grain));
      pixels[offset + 2] = Math.max(0, Math.min(255, 150 - u * 60 + shape / 3 + grain));
    }
  }
  return pixels;
}

/**
 * A phone photo as an iPhone stores a portrait shot: the sensor's landscape pixels with EXIF orientation
 * 6 (turn 90° clockwise to display). Displayed, it is `width`×`height` with `TOP_MARK` along its top.
 *
 * @example
 * const jpeg = await createRotatedPhoto(3024, 4032); // stored 4032×3024, displayed 3024×4032
 */
export async function createRotatedPhoto(width: number, height: number): Promise<Buffer> {
  const upright = sharp(photoPixels(width, height), { raw: { width, height, channels: 3 } });
  // Stored = displayed turned 90° counter-clockwise, so that orientation 6 turns it back.
  const stored = await upright.rotate(-90).raw().toBuffer({ resolveWithObject: true });
  return sharp(stored.data, { raw: { width: height, height: width, channels: 3 } })
    .jpeg({ quality: 92 })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/**
 * A HEIC photo of `width`×`height`, made from a PNG with Debian's `heif-enc` (libheif-examples), as
 * the tests of the server do. Throws when `heif-enc` is not installed.
 */
export async function createHEIC(width: number, height: number): Promise<Buffer> {
  const encoder = findSystemTool(HEIF_ENCODER);
  if (!encoder) throw new Error('heif-enc is not installed (Debian: apt-get install -y libheif-examples).');
  const directory = mkdtempSync(path.join(tmpdir(), 'seer-heic-'));
  try {
    const png = path.join(directory, 'photo.png');
    const heic = path.join(directory, 'photo.heic');
    writeFileSync(
      png,
      await sharp(photoPixels(width, height, 7), { raw: { width, height, channels: 3 } })
        .png()
        .toBuffer(),
    );
    execFileSync(encoder, ['-q', '80', png, '-o', heic], { stdio: 'pipe' });
    return readFileSync(heic);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
