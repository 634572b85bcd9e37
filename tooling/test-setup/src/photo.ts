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
export function photoLikeJPEG(width: number, height: number): Promise<Buffer> {
  return layeredJPEG(width, height, [
    [24, 18],
    [8, 6],
    [1, 3],
  ]);
}

/**
 * A photo-like JPEG full of fine detail, like foliage, gravel or fabric filling the frame: the octaves
 * of `photoLikeJPEG` at 1/24 of the size, then strong ones at 1/4, 1/2 and the pixel itself (30, 30,
 * 20), quality 95. Resizing filters differ most on such detail.
 */
export function detailedPhotoJPEG(width: number, height: number): Promise<Buffer> {
  return layeredJPEG(width, height, [
    [24, 30],
    [4, 30],
    [2, 30],
    [1, 20],
  ]);
}

/** Noise at 1/96 of the size overlaid with noise at each `[scale, sigma]`, encoded at quality 95. */
async function layeredJPEG(width: number, height: number, octaves: [number, number][]): Promise<Buffer> {
  const layers = await Promise.all(octaves.map(([scale, sigma]) => octave(width, height, scale, sigma)));
  return sharp(await octave(width, height, 96, 70))
    .composite(layers.map((input) => ({ input, blend: 'overlay' as const })))
    .jpeg({ quality: 95 })
    .toBuffer();
}
