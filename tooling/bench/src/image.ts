import { DASHSCOPE_PRESETS, planImage } from '@seer/core';
import { prepareImage } from '@seer/core/node';
import { photoLikeJPEG } from '@seer/test-setup';
import sharp from 'sharp';
import { compare, ms } from './measure';

/**
 * A 12 MP JPEG to its model-ready form for qvq-max at `detail: auto`, against the naive path (decode
 * at full size, then resize and encode: what a PIL pipeline does) to the same output size.
 */
export async function benchImage(): Promise<string[]> {
  // libvips caches operations on the same input buffer: with the cache on, repeated runs would measure
  // the cache, not the decoding. Seer serves each upload once, so neither side gets it here.
  sharp.cache(false);
  const preset = DASHSCOPE_PRESETS.find((candidate) => candidate.id === 'qvq-max')!;
  const photo = await photoLikeJPEG(4032, 3024);
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
