import type { Region } from '@seer/core';
import {
  boxFractions,
  labelAnchor,
  type PictureSize,
  pointFractions,
  regionColour,
  regionShape,
} from './region-geometry';

/** The shorter exports are scaled up to, so that the marks and labels stay legible on a small preview. */
const MIN_LONG_SIDE = 640;
/** The larger exports are scaled down to: big enough to read the details, small enough to share. */
const MAX_LONG_SIDE = 2048;

/**
 * The size a `width`×`height` picture is exported at: its own, a small one (a saved preview) scaled up
 * to 640 px on its longer side so the marks and labels stay legible, a big one down to 2048 px.
 *
 * @example
 * annotatedSize(160, 120); // { width: 640, height: 480 }
 */
export function annotatedSize(width: number, height: number): PictureSize {
  const longSide = Math.max(width, height);
  const scale = Math.min(Math.max(1, MIN_LONG_SIDE / longSide), MAX_LONG_SIDE / longSide);
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

/** Loads an image URL (a `data:` preview or a `blob:`) for drawing. */
async function loadImage(url: string): Promise<HTMLImageElement> {
  const image = new Image();
  image.src = url;
  await image.decode();
  return image;
}

/**
 * The picture at `url` with `regions` drawn on it, as a PNG at `annotatedSize`: each box, point or path in its colour over
 * a dark outline, its label in white on a dark chip, placed by fractions of the picture (`size` is the
 * size the regions' pixels are in). `regions` are the result's, each with its index there, which picks
 * its colour as on the page.
 */
export async function annotatePicture(
  url: string,
  regions: readonly { region: Region; index: number }[],
  size: PictureSize,
): Promise<Blob> {
  const image = await loadImage(url);
  const { width, height } = annotatedSize(image.naturalWidth, image.naturalHeight);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw on a canvas.');
  context.drawImage(image, 0, 0, width, height);
  const line = Math.max(2, Math.round(Math.max(width, height) / 200));
  context.lineJoin = 'round';
  context.lineCap = 'round';

  const trace = (region: Region) => {
    context.beginPath();
    const box = boxFractions(region, size);
    if (box) {
      context.rect(box.left * width, box.top * height, box.width * width, box.height * height);
      return;
    }
    const points = pointFractions(region, size);
    if (regionShape(region) === 'point') {
      const [x, y] = points[0]!;
      context.arc(x * width, y * height, line * 2.5, 0, Math.PI * 2);
      return;
    }
    points.forEach(([x, y], position) => {
      if (position === 0) context.moveTo(x * width, y * height);
      else context.lineTo(x * width, y * height);
    });
  };

  for (const { region, index } of regions) {
    trace(region);
    context.strokeStyle = 'rgb(0 0 0 / 60%)';
    context.lineWidth = line + 3;
    context.stroke();
    context.strokeStyle = regionColour(index);
    context.lineWidth = line;
    context.stroke();
    if (regionShape(region) === 'point') {
      context.fillStyle = regionColour(index);
      context.fill();
    }
  }

  const fontSize = Math.max(12, Math.round(Math.max(width, height) / 45));
  context.font = `600 ${fontSize}px system-ui, sans-serif`;
  context.textBaseline = 'top';
  for (const { region, index } of regions) {
    if (!region.label) continue;
    const [fx, fy] = labelAnchor(region, size);
    const textWidth = context.measureText(region.label).width;
    const chipWidth = textWidth + fontSize * 0.8;
    const chipHeight = fontSize * 1.4;
    const x = Math.min(fx * width, width - chipWidth);
    const y = fy * height - chipHeight >= 0 ? fy * height - chipHeight : fy * height;
    context.fillStyle = 'rgb(0 0 0 / 75%)';
    context.fillRect(x, y, chipWidth, chipHeight);
    context.fillStyle = regionColour(index);
    context.fillRect(x, y, fontSize * 0.25, chipHeight);
    context.fillStyle = '#fff';
    context.fillText(region.label, x + fontSize * 0.45, y + fontSize * 0.2);
  }

  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The PNG could not be made.'))),
      'image/png',
    ),
  );
}
