/** A width and a height in pixels. */
export interface Size {
  width: number;
  height: number;
}

/**
 * The sizes to draw through on the way from `source` to `target`: halvings while both sides stay at
 * least the target's, then the target itself. A canvas samples only a few source pixels per output
 * pixel, so a 4× reduction in one draw aliases fine detail; halving first averages every pixel.
 *
 * @example
 * resizeSteps({ width: 3024, height: 4032 }, { width: 840, height: 1148 });
 * // [{ width: 1512, height: 2016 }, { width: 840, height: 1148 }]
 */
export function resizeSteps(source: Size, target: Size): Size[] {
  const steps: Size[] = [];
  let { width, height } = source;
  while (Math.floor(width / 2) >= target.width && Math.floor(height / 2) >= target.height) {
    width = Math.floor(width / 2);
    height = Math.floor(height / 2);
    if (width === target.width && height === target.height) break;
    steps.push({ width, height });
  }
  steps.push({ width: target.width, height: target.height });
  return steps;
}

/**
 * The size of a thumbnail of `source` whose longer side is at most `maxSide`, keeping its shape; a
 * smaller picture keeps its size.
 *
 * @example
 * fitWithin({ width: 3024, height: 4032 }, 192); // { width: 144, height: 192 }
 */
export function fitWithin(source: Size, maxSide: number): Size {
  const scale = Math.min(1, maxSide / Math.max(source.width, source.height));
  return {
    width: Math.max(1, Math.round(source.width * scale)),
    height: Math.max(1, Math.round(source.height * scale)),
  };
}
