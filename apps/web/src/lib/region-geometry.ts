import type { Region } from '@seer/core';

/** A picture's size in the pixels its regions are given in (the `media` event's original size). */
export interface PictureSize {
  width: number;
  height: number;
}

/** A region's box as fractions of its picture: left and top edges, width and height, each 0–1. */
export interface FractionBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

const clampFraction = (value: number) => Math.min(1, Math.max(0, value));

/**
 * A region's box as fractions of its picture, so that it lands in the same place however large the
 * picture is shown (the playground shows the resized upload, smaller than the server's "original").
 * Undefined when the region has no box.
 *
 * @example
 * boxFractions({ box: [100, 50, 300, 150], … }, { width: 400, height: 200 });
 * // { left: 0.25, top: 0.25, width: 0.5, height: 0.5 }
 */
export function boxFractions(region: Region, size: PictureSize): FractionBox | undefined {
  if (!region.box) return undefined;
  const [x1, y1, x2, y2] = region.box;
  const left = clampFraction(Math.min(x1, x2) / size.width);
  const top = clampFraction(Math.min(y1, y2) / size.height);
  const right = clampFraction(Math.max(x1, x2) / size.width);
  const bottom = clampFraction(Math.max(y1, y2) / size.height);
  return { left, top, width: right - left, height: bottom - top };
}

/**
 * A region's points as fractions `[x, y]` of its picture (empty when it has none).
 *
 * @example
 * pointFractions({ points: [[200, 100]], … }, { width: 400, height: 200 }); // [[0.5, 0.5]]
 */
export function pointFractions(region: Region, size: PictureSize): [number, number][] {
  return (region.points ?? []).map(([x, y]) => [
    clampFraction(x / size.width),
    clampFraction(y / size.height),
  ]);
}

/**
 * Where a region's label goes, as fractions: the box's top-left corner, or its first point.
 *
 * @example
 * labelAnchor({ box: [100, 50, 300, 150], … }, { width: 400, height: 200 }); // [0.25, 0.25]
 */
export function labelAnchor(region: Region, size: PictureSize): [number, number] {
  const box = boxFractions(region, size);
  if (box) return [box.left, box.top];
  return pointFractions(region, size)[0] ?? [0, 0];
}

/** The centre of a region as fractions: the box's middle, or the mean of its points. */
export function regionCentre(region: Region, size: PictureSize): [number, number] {
  const box = boxFractions(region, size);
  if (box) return [box.left + box.width / 2, box.top + box.height / 2];
  const points = pointFractions(region, size);
  if (points.length === 0) return [0.5, 0.5];
  const sum = points.reduce(([sx, sy], [x, y]) => [sx + x, sy + y], [0, 0]);
  return [sum[0] / points.length, sum[1] / points.length];
}

/** What a region is drawn as: a box, a single point, or a path through its points. */
export type RegionShape = 'box' | 'point' | 'path';

/** A region's shape: its box when it has one, else one point or a path. */
export function regionShape(region: Region): RegionShape {
  if (region.box) return 'box';
  return (region.points?.length ?? 0) > 1 ? 'path' : 'point';
}

/** Where in the picture a region is, in thirds: what a list of regions says in words. */
export interface RegionPlace {
  vertical: 'top' | 'middle' | 'bottom';
  horizontal: 'left' | 'centre' | 'right';
}

/**
 * The third of the picture (across and down) a region's centre is in.
 *
 * @example
 * regionPlace({ box: [0, 0, 40, 40], … }, { width: 400, height: 300 }); // { vertical: 'top', horizontal: 'left' }
 */
export function regionPlace(region: Region, size: PictureSize): RegionPlace {
  const [x, y] = regionCentre(region, size);
  return {
    vertical: y < 1 / 3 ? 'top' : y < 2 / 3 ? 'middle' : 'bottom',
    horizontal: x < 1 / 3 ? 'left' : x < 2 / 3 ? 'centre' : 'right',
  };
}

/** The colour of the region at `index`: the same as in the command's annotated pictures. */
export { regionColour } from '@seer/core';
