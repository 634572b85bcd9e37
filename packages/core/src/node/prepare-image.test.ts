import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DEMO_PRESET } from '../models/presets';
import { imagePixels } from './media-slots';
import { COLOUR_SAMPLE_PIXELS, prepareImage } from './prepare-image';

const SIZE = 1500;

/** A `SIZE`×`SIZE` PNG of `count` colours in square blocks, each colour its own block. */
function blocksPNG(count: number): Promise<Buffer> {
  const perSide = Math.ceil(Math.sqrt(count));
  const block = Math.ceil(SIZE / perSide);
  const pixels = Buffer.alloc(SIZE * SIZE * 3);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const colour = Math.min(count - 1, Math.floor(y / block) * perSide + Math.floor(x / block));
      const offset = (y * SIZE + x) * 3;
      pixels[offset] = colour & 0xff;
      pixels[offset + 1] = (colour >> 8) * 40;
      pixels[offset + 2] = 200;
    }
  }
  return sharp(pixels, { raw: { width: SIZE, height: SIZE, channels: 3 } })
    .png()
    .toBuffer();
}

describe('prepareImage on images larger than the colour sample', () => {
  it('counts colours on a sample, not on all the pixels', () => {
    expect(SIZE * SIZE).toBeGreaterThan(COLOUR_SAMPLE_PIXELS);
  });

  it('keeps a source of 256 colours PNG: a nearest-neighbour sample adds none', async () => {
    const prepared = await prepareImage(await blocksPNG(256), DEMO_PRESET);
    expect(prepared.mime).toBe('image/png');
  });

  it('turns a source of a thousand colours into JPEG', async () => {
    const prepared = await prepareImage(await blocksPNG(1024), DEMO_PRESET);
    expect(prepared.mime).toBe('image/jpeg');
  });

  it('samples a turned PNG by its stored size and still gives the planned, upright size', async () => {
    const stored = await sharp(await blocksPNG(16))
      .resize(SIZE, SIZE / 2)
      .withMetadata({ orientation: 6 })
      .png()
      .toBuffer();
    const prepared = await prepareImage(stored, DEMO_PRESET);
    expect(prepared.original).toMatchObject({ width: SIZE / 2, height: SIZE });
    expect(prepared.height).toBeGreaterThan(prepared.width);
    const output = await sharp(prepared.bytes).metadata();
    expect([output.format, output.width, output.height]).toEqual(['png', prepared.width, prepared.height]);
  });

  it('gives its pixels back to the budget when the image cannot be decoded', async () => {
    const png = await blocksPNG(4);
    const truncated = png.subarray(0, Math.floor(png.length / 2));
    await expect(prepareImage(truncated, DEMO_PRESET)).rejects.toMatchObject({ code: 'unreadable_media' });
    expect(imagePixels.pixelsInFlight).toBe(0);
  });
});
