import type { ModelFamily } from '../contract/models';
import type { CoordinateSystem } from './read-marks';

/**
 * How a model family writes the coordinates of boxes and points: Qwen2.5-VL and QVQ in the pixels of
 * the image they were sent; Qwen3-VL (and Qwen3.5) on a 0–1000 grid. Other models are asked for the
 * 0–1000 grid in so many words, because they are not told the size they see.
 */
export function coordinateSystemFor(family: ModelFamily): CoordinateSystem {
  return family === 'qwen2.5-vl' ? 'pixels' : 'grid-1000';
}
