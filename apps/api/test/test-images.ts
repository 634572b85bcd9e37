import sharp from 'sharp';

/** RGB colours the orientation tests paint the four quadrants of an upright picture with. */
export const QUADRANTS = {
  topLeft: [255, 0, 0],
  topRight: [0, 255, 0],
  bottomLeft: [0, 0, 255],
  bottomRight: [255, 255, 0],
} as const;

/** An upright picture `width`×`height` with four coloured quadrants, as raw RGB. */
export async function quadrantPicture(width: number, height: number): Promise<Buffer> {
  const half = (size: number) => Math.floor(size / 2);
  const tile = (colour: readonly number[], w: number, h: number) =>
    sharp({
      create: {
        width: w,
        height: h,
        channels: 3,
        background: { r: colour[0]!, g: colour[1]!, b: colour[2]! },
      },
    })
      .png()
      .toBuffer();
  return sharp({ create: { width, height, channels: 3, background: '#000000' } })
    .composite([
      { input: await tile(QUADRANTS.topLeft, half(width), half(height)), left: 0, top: 0 },
      { input: await tile(QUADRANTS.topRight, width - half(width), half(height)), left: half(width), top: 0 },
      {
        input: await tile(QUADRANTS.bottomLeft, half(width), height - half(height)),
        left: 0,
        top: half(height),
      },
      {
        input: await tile(QUADRANTS.bottomRight, width - half(width), height - half(height)),
        left: half(width),
        top: half(height),
      },
    ])
    .png()
    .toBuffer();
}

/**
 * Stores an upright picture the way a camera does for EXIF orientation `orientation` (1–8): the pixels
 * turned by the inverse transform, and the tag set, so that a viewer that honours the tag shows the
 * upright picture again. The transforms are written out here rather than taken from the code under test.
 */
export async function withOrientation(upright: Buffer, orientation: number): Promise<Buffer> {
  const stored = async () => {
    switch (orientation) {
      case 1:
        return upright;
      case 2:
        return sharp(upright).flop().png().toBuffer();
      case 3:
        return sharp(upright).rotate(180).png().toBuffer();
      case 4:
        return sharp(upright).flip().png().toBuffer();
      case 5: // transpose: its own inverse
        return sharp(await sharp(upright).rotate(90).png().toBuffer())
          .flop()
          .png()
          .toBuffer();
      case 6: // shown turned 90° clockwise, so stored turned 90° anticlockwise
        return sharp(upright).rotate(270).png().toBuffer();
      case 7: // transverse: its own inverse
        return sharp(await sharp(upright).rotate(90).png().toBuffer())
          .flip()
          .png()
          .toBuffer();
      case 8:
        return sharp(upright).rotate(90).png().toBuffer();
      default:
        throw new Error(`no EXIF orientation ${orientation}`);
    }
  };
  return sharp(await stored())
    .jpeg({ quality: 95 })
    .withExif({
      IFD0: { Make: 'SeerTestCamera', Model: 'Palm 1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLongitudeRef: 'E' },
    })
    .withMetadata({ orientation })
    .toBuffer();
}

/** The RGB colour at the centre of each quadrant of an image. */
export async function quadrantColours(image: Buffer): Promise<Record<keyof typeof QUADRANTS, number[]>> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number) => {
    const offset = (Math.floor(y) * info.width + Math.floor(x)) * info.channels;
    return [data[offset]!, data[offset + 1]!, data[offset + 2]!];
  };
  const { width, height } = info;
  return {
    topLeft: at(width / 4, height / 4),
    topRight: at((3 * width) / 4, height / 4),
    bottomLeft: at(width / 4, (3 * height) / 4),
    bottomRight: at((3 * width) / 4, (3 * height) / 4),
  };
}

/** A data URL for bytes. */
export function dataURL(bytes: Buffer, type = 'application/octet-stream'): string {
  return `data:${type};base64,${bytes.toString('base64')}`;
}
