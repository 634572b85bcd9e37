import sharp from 'sharp';

/** Gaussian noise at 1/`scale` of the size, smoothly enlarged: detail at one spatial frequency. */
async function octave(width: number, height: number, scale: number, sigma: number): Promise<Buffer> {
  return sharp({
    create: {
      width: Math.max(1, Math.ceil(width / scale)),
      height: Math.max(1, Math.ceil(height / scale)),
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
 * A photo-like JPEG made here, so tests and benchmarks need no downloaded pictures. Natural pictures
 * carry their energy roughly as 1/frequency, so it is built from noise at four scales whose amplitude
 * falls with the scale (70, 18, 6 at 1/96, 1/24, 1/8 of the size), plus sensor grain, and encoded at
 * quality 95 as phone cameras do: a 4032×3024 one is about 2.7 MB, like a real 12 MP photo.
 */
export async function photoLikeJPEG(width: number, height: number): Promise<Buffer> {
  const layers = await Promise.all([
    octave(width, height, 24, 18),
    octave(width, height, 8, 6),
    octave(width, height, 1, 3),
  ]);
  return sharp(await octave(width, height, 96, 70))
    .composite(layers.map((input) => ({ input, blend: 'overlay' as const })))
    .jpeg({ quality: 95 })
    .toBuffer();
}
