import type { PreparedMediaInfo } from '../contract/events';
import type { Region } from '../contract/regions';
import type { CoordinateSystem, WrittenMark } from './read-marks';

/** The regions that could be placed on the person's pictures, and how many marks could not. */
export interface PlacedRegions {
  regions: Region[];
  dropped: number;
}

/**
 * How far past the picture's edge a mark may reach and still be kept (pulled back to the edge), as a
 * share of its side: models round, and a box around something at the border often overshoots by a pixel.
 */
const EDGE_TOLERANCE = 0.02;

/**
 * The most regions one answer places: more than anyone can look at on one run, and a bound on what a
 * runaway answer makes the page draw. The rest are counted as dropped.
 */
export const MAX_REGIONS = 256;

/** The item a mark names: by its picture number, or the only one there is. */
function itemFor(mark: WrittenMark, media: readonly PreparedMediaInfo[]): PreparedMediaInfo | undefined {
  if (mark.image !== undefined) return media[mark.image - 1];
  return media.length === 1 ? media[0] : undefined;
}

/** The position (0-based) of the sampled frame nearest `seconds`; the first of two as near. */
export function nearestFrame(frames: readonly { timestamp: number }[], seconds: number): number {
  let nearest = 0;
  frames.forEach((frame, position) => {
    if (Math.abs(frame.timestamp - seconds) < Math.abs(frames[nearest]!.timestamp - seconds))
      nearest = position;
  });
  return nearest;
}

/** The sampled frame a video mark names, by number or by the nearest time within half an interval. */
function frameFor(mark: WrittenMark, item: PreparedMediaInfo): { frame: number; time: number } | undefined {
  const frames = item.frames ?? [];
  if (frames.length === 0) return undefined;
  if (mark.frame !== undefined) {
    const frame = frames[mark.frame - 1];
    return frame ? { frame: mark.frame - 1, time: frame.timestamp } : undefined;
  }
  if (mark.time === undefined)
    return frames.length === 1 ? { frame: 0, time: frames[0]!.timestamp } : undefined;
  const nearest = nearestFrame(frames, mark.time);
  const interval =
    frames.length > 1 ? (frames.at(-1)!.timestamp - frames[0]!.timestamp) / (frames.length - 1) : 0;
  const distance = Math.abs(frames[nearest]!.timestamp - mark.time);
  return distance <= interval / 2 + 0.05 ? { frame: nearest, time: frames[nearest]!.timestamp } : undefined;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * Maps one coordinate from the model's space to the person's picture: within `[0, extent]` of the
 * model's space (a little past the edge is pulled back), scaled to `target`; `undefined` when outside.
 */
function mapCoordinate(value: number, extent: number, target: number): number | undefined {
  const slack = extent * EDGE_TOLERANCE;
  if (value < -slack || value > extent + slack) return undefined;
  return round((Math.min(Math.max(value, 0), extent) / extent) * target);
}

/**
 * Places each mark on the picture it names (docs/grounding.md): from the pixels of the image the model
 * was sent (or the 0–1000 grid, as its family writes them) to the pixels of the person's own picture,
 * upright, by the exact scale of Seer's resize. A mark that names no picture, lies outside it, or has
 * no area is dropped and counted, never drawn somewhere wrong.
 *
 * @param system how the model family writes coordinates; a form with a fixed grid (`<box>` tags) overrides it.
 */
export function placeRegions(
  marks: readonly WrittenMark[],
  media: readonly PreparedMediaInfo[],
  system: CoordinateSystem,
): PlacedRegions {
  const regions: Region[] = [];
  let dropped = 0;
  for (const mark of marks) {
    const region = regions.length < MAX_REGIONS ? placeMark(mark, media, mark.system ?? system) : undefined;
    if (region) regions.push(region);
    else dropped++;
  }
  return { regions, dropped };
}

function placeMark(
  mark: WrittenMark,
  media: readonly PreparedMediaInfo[],
  system: CoordinateSystem,
): Region | undefined {
  const item = itemFor(mark, media);
  if (!item) return undefined;
  const sentWidth = system === 'grid-1000' ? 1000 : item.width;
  const sentHeight = system === 'grid-1000' ? 1000 : item.height;
  const width = item.originalWidth ?? item.width;
  const height = item.originalHeight ?? item.height;
  const x = (value: number) => mapCoordinate(value, sentWidth, width);
  const y = (value: number) => mapCoordinate(value, sentHeight, height);
  const region: Region = { image: item.index, label: mark.label, span: mark.span };
  if (item.type === 'video') {
    const frame = frameFor(mark, item);
    if (!frame) return undefined;
    region.frame = frame.frame;
    region.time = frame.time;
  }
  if (mark.box) {
    const [x1, y1, x2, y2] = [x(mark.box[0]), y(mark.box[1]), x(mark.box[2]), y(mark.box[3])];
    if (x1 === undefined || y1 === undefined || x2 === undefined || y2 === undefined) return undefined;
    // A box written right-to-left is still the same box; one with no area marks nothing.
    const box: [number, number, number, number] = [
      Math.min(x1, x2),
      Math.min(y1, y2),
      Math.max(x1, x2),
      Math.max(y1, y2),
    ];
    if (box[2] - box[0] <= 0 || box[3] - box[1] <= 0) return undefined;
    region.box = box;
  } else if (mark.points) {
    const points: [number, number][] = [];
    for (const [px, py] of mark.points) {
      const [mappedX, mappedY] = [x(px), y(py)];
      if (mappedX === undefined || mappedY === undefined) return undefined;
      points.push([mappedX, mappedY]);
    }
    region.points = points;
  } else {
    return undefined;
  }
  return region;
}
