import type { Locale } from '../contract/templates';
import type { CoordinateSystem } from '../grounding/read-marks';
import type { PromptMediaInfo } from './template';

/** What a task asks the model to mark, and in which shape. */
export interface MarkRequest {
  /** `box` for things, `path` for lines (a few points along them), `point` for a spot. */
  shape: 'box' | 'path' | 'point';
  /** An example label in each language, shown in the example object. */
  example: Record<Locale, string>;
}

const KEYS = { box: 'bbox_2d', path: 'points_2d', point: 'point_2d' } as const;

function exampleValue(
  shape: MarkRequest['shape'],
  coordinates: CoordinateSystem,
  media: PromptMediaInfo,
): string {
  const scale = (share: number, side: number) =>
    Math.round(coordinates === 'grid-1000' ? share * 1000 : share * side);
  const x = (share: number) => scale(share, media.width);
  const y = (share: number) => scale(share, media.height);
  if (shape === 'box') return `[${x(0.21)}, ${y(0.3)}, ${x(0.48)}, ${y(0.62)}]`;
  if (shape === 'point') return `[${x(0.4)}, ${y(0.55)}]`;
  return `[[${x(0.2)}, ${y(0.4)}], [${x(0.45)}, ${y(0.36)}], [${x(0.7)}, ${y(0.42)}]]`;
}

/**
 * The paragraph that asks the model to mark what it talks about, in the form its family grounds in
 * (docs/grounding.md): a JSON block at the end, `bbox_2d`, `point_2d` or `points_2d` with a `label`, in
 * the pixels of the image it was given (Qwen2.5-VL, QVQ) or on a 0–1000 grid (Qwen3-VL, others).
 * Several pictures, or the frames of a video, are named by number.
 */
export function markPlacesParagraph(
  locale: Locale,
  coordinates: CoordinateSystem | undefined,
  media: readonly PromptMediaInfo[],
  request: MarkRequest,
): string | undefined {
  const first = media[0];
  if (!coordinates || !first) return undefined;
  const key = KEYS[request.shape];
  const isVideo = first.type === 'video';
  const manyImages = !isVideo && media.length > 1;
  const fields = [
    manyImages ? '"image": 1' : undefined,
    isVideo ? '"frame": 3' : undefined,
    `"${key}": ${exampleValue(request.shape, coordinates, first)}`,
    `"label": "${request.example[locale]}"`,
  ].filter(Boolean);
  const block = ['```json', `[{${fields.join(', ')}}]`, '```'].join('\n');
  if (locale === 'zh') {
    const where =
      coordinates === 'grid-1000'
        ? '坐标按 0 到 1000 的相对刻度写：图片左上角是 (0, 0)，右下角是 (1000, 1000)。'
        : `坐标用你看到的图片的像素写，左上角是 (0, 0)${media.length === 1 && !isVideo ? `，这张图片宽 ${first.width}、高 ${first.height} 像素` : ''}。`;
    const shapeLine = {
      box: '每个东西用 "bbox_2d": [x1, y1, x2, y2] 框出来（左上角和右下角）',
      path: '每条线用 "points_2d" 给出沿线的 3 到 8 个点，按从一端到另一端的顺序',
      point: '每个位置用 "point_2d": [x, y] 标出一个点',
    }[request.shape];
    return [
      `最后，请把你提到的地方在图上标出来：在回答末尾另起一个 JSON 代码块，${shapeLine}，并用 "label" 写上它的名字（和正文里的叫法一致）。${manyImages ? '用 "image" 写明是第几张图（从 1 开始）。' : ''}${isVideo ? '用 "frame" 写明是第几帧（从 1 开始，按上面帧的顺序）。' : ''}${where}例如：`,
      block,
    ].join('\n');
  }
  const where =
    coordinates === 'grid-1000'
      ? 'Write coordinates on a relative 0–1000 scale: (0, 0) is the top-left corner of the image and (1000, 1000) the bottom-right.'
      : `Write coordinates in pixels of the image as you see it, from (0, 0) at the top-left${media.length === 1 && !isVideo ? `; this image is ${first.width}×${first.height} pixels` : ''}.`;
  const shapeLine = {
    box: 'each thing as "bbox_2d": [x1, y1, x2, y2] (top-left and bottom-right corners)',
    path: 'each line as "points_2d": 3 to 8 points along it, in order from one end to the other',
    point: 'each spot as "point_2d": [x, y]',
  }[request.shape];
  return [
    `Finally, mark what you talk about: end your answer with a JSON code block listing ${shapeLine}, with a "label" that names it as your text does.${manyImages ? ' Say which image with "image" (counting from 1).' : ''}${isVideo ? ' Say which frame with "frame" (counting from 1, in the order the frames were given).' : ''} ${where} For example:`,
    block,
  ].join('\n');
}
