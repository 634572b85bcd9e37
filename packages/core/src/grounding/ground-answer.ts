import type { PreparedMediaInfo } from '../contract/events';
import type { Region } from '../contract/regions';
import { placeRegions } from './place-regions';
import { type CoordinateSystem, readMarks } from './read-marks';

/** An answer's marks placed on the person's pictures, and the answer's prose without the blocks of marks. */
export interface GroundedAnswer {
  regions: Region[];
  /** Marks found but not placed: malformed, outside their picture, or naming none. */
  dropped: number;
  prose: string;
}

/**
 * Reads the boxes and points of an answer and places them on the pictures they name (docs/grounding.md).
 *
 * @example
 * groundAnswer('```json\n[{"bbox_2d":[0,0,50,50],"label":"cat"}]\n```', [photo], 'pixels').regions;
 * // [{ image: 0, label: 'cat', box: [0, 0, 200, 200], span: [0, 47] }] for a 400 px photo sent at 100 px
 */
export function groundAnswer(
  answer: string,
  media: readonly PreparedMediaInfo[],
  system: CoordinateSystem,
): GroundedAnswer {
  const { marks, malformed, prose } = readMarks(answer);
  const { regions, dropped } = placeRegions(marks, media, system);
  return { regions, dropped: dropped + malformed, prose };
}
