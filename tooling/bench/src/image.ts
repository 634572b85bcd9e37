import { DASHSCOPE_PRESETS, planImage } from '@seer/core';
import { prepareImage } from '@seer/core/node';
import sharp from 'sharp';
import { compare, ms } from './measure';

/** Gaussian noise at 1/`scale` of the size, smoothly enlarged: detail of one spatial frequency. */
async function octave(width: number, height: number, scale: number, sigma: number): Promise<Buffer> {
  return sharp({
    create: {
      width: Math.ceil(width / scale),
      height: Math.ceil(height / scale),
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma },
    },
  })
    .resize(width, height, { kernel: 'cubic' })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

/**
 * A 12-megapixel photo-like JPEG (4032×3024 at quality 92, about 2 MB, as a phone takes), made here so
 * nothing is downloaded. Natural pictures carry most of their energy in coarse structure and less at
 * each finer scale, so it is built from noise at several scales with falling amplitude, plus sensor
 * grain; pure noise would make a file no camera produces.
 */
async function twelveMegapixelPhoto(): Promise<Buffer> {
  const width = 4032;
  const height = 3024;
  const layers = await Promise.all([
    octave(width, height, 24, 30),
    octave(width, height, 8, 12),
    octave(width, height, 1, 3),
  ]);
  return sharp(await octave(width, height, 96, 70))
    .composite(layers.map((input) => ({ input, blend: 'overlay' as const })))
    .jpeg({ quality: 92 })
    .toBuffer();
}

/**
 * A 12 MP JPEG to its model-ready form for qvq-max at `detail: auto`, against the naive path (decode
 * at full size, then resize and encode: what a PIL pipeline does) to the same output size.
 */
export async function benchImage(): Promise<string[]> {
  // libvips caches operations on the same input buffer: with the cache on, repeated runs would measure
  // the cache, not the decoding. Seer serves each upload once, so neither side gets it here.
  sharp.cache(false);
  const preset = DASHSCOPE_PRESETS.find((candidate) => candidate.id === 'qvq-max')!;
  const photo = await twelveMegapixelPhoto();
  const plan = planImage({ width: 4032, height: 3024 }, preset);
  let seerBytes = 0;
  let naiveBytes = 0;
  const result = await compare(
    async () => {
      const prepared = await prepareImage(photo, preset);
      seerBytes = prepared.bytes.length;
    },
    async () => {
      const { data, info } = await sharp(photo).raw().toBuffer({ resolveWithObject: true });
      const output = await sharp(data, {
        raw: { width: info.width, height: info.height, channels: info.channels },
      })
        .resize(plan.width, plan.height, { fit: 'fill', kernel: 'lanczos3' })
        .jpeg({ quality: 90 })
        .toBuffer();
      naiveBytes = output.length;
    },
    15,
  );
  return [
    `image: 12 MP JPEG (${(photo.length / 1e6).toFixed(2)} MB) → ${plan.width}×${plan.height} (${plan.tokens} tokens) for qvq-max, detail auto`,
    `  Seer   ${ms(result.candidate.median)} median, ${seerBytes.toLocaleString('en-US')} bytes out (${(photo.length / seerBytes).toFixed(1)}× smaller)`,
    `  naive  ${ms(result.baseline.median)} median (full decode, then resize), ${naiveBytes.toLocaleString('en-US')} bytes out`,
    `  ratio  ${result.ratio.toFixed(2)} of the naive time (target ≤ 0.50)`,
  ];
}
