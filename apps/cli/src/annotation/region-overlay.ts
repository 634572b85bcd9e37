import { type Region, regionColour } from '@seer/core';

/** Labels are model output of any length; a chip wider than this many characters is cut short. */
const MAX_LABEL_CHARACTERS = 48;

/** The sizes an overlay is drawn with, proportional to the picture so that they read the same at any size. */
export interface OverlayScale {
  /** Outline width in pixels. */
  stroke: number;
  /** Label font size in pixels. */
  fontSize: number;
}

/** The stroke and font size for a `width`×`height` picture: about 1/200 and 1/36 of its shorter side. */
export function overlayScale(width: number, height: number): OverlayScale {
  const side = Math.min(width, height);
  return { stroke: Math.max(2, Math.round(side / 200)), fontSize: Math.max(12, Math.round(side / 36)) };
}

/**
 * Text made safe to put inside SVG markup: the five XML specials escaped, and the characters XML does
 * not allow at all (C0 controls, lone surrogates, U+FFFE/U+FFFF) removed, since one of them makes the
 * whole overlay unrenderable.
 */
export function escapeXML(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function shortLabel(label: string): string {
  const oneLine = label.replace(/\s+/g, ' ').trim();
  const characters = [...oneLine];
  return characters.length > MAX_LABEL_CHARACTERS
    ? `${characters.slice(0, MAX_LABEL_CHARACTERS - 1).join('')}…`
    : oneLine;
}

/** Black or white, whichever reads better on `colour` (`#rrggbb`). */
function textColourOn(colour: string): string {
  const [r, g, b] = [1, 3, 5].map((offset) => Number.parseInt(colour.slice(offset, offset + 2), 16));
  return 0.299 * r! + 0.587 * g! + 0.114 * b! > 150 ? '#000000' : '#ffffff';
}

const round = (value: number) => Math.round(value * 10) / 10;

/**
 * A label chip: a filled rounded rectangle in the region's colour with the label on it, placed above
 * `anchor` when there is room, otherwise just below it, and kept inside the picture.
 */
function chip(
  label: string,
  colour: string,
  anchor: { x: number; y: number },
  size: { width: number; height: number },
  scale: OverlayScale,
): string {
  const text = shortLabel(label);
  if (text === '') return '';
  const padding = Math.round(scale.fontSize * 0.35);
  const height = Math.round(scale.fontSize * 1.4);
  // librsvg measures the text, not this code: the width is an estimate a little on the generous side.
  const width = Math.min(size.width, Math.round([...text].length * scale.fontSize * 0.7) + 2 * padding);
  const x = Math.max(0, Math.min(anchor.x, size.width - width));
  const above = anchor.y - height;
  const y = above >= 0 ? above : Math.min(anchor.y, size.height - height);
  return [
    `<rect x="${round(x)}" y="${round(y)}" width="${width}" height="${height}" rx="${Math.round(height / 5)}"`,
    ` fill="${colour}" stroke="#000000" stroke-opacity="0.35" stroke-width="1"/>`,
    `<text x="${round(x + padding)}" y="${round(y + height / 2)}" dominant-baseline="central"`,
    ` font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="${scale.fontSize}"`,
    ` font-weight="bold" fill="${textColourOn(colour)}">${escapeXML(text)}</text>`,
  ].join('');
}

/** The outline of one region: a rectangle for a box, a circle for a point, a polyline for a path. */
function shape(region: Region, colour: string, scale: OverlayScale): string {
  // A dark, wider stroke under the coloured one keeps the outline visible on light and busy pictures.
  const strokes = (draw: (stroke: string) => string) =>
    draw(`stroke="#000000" stroke-opacity="0.35" stroke-width="${scale.stroke + 2}"`) +
    draw(`stroke="${colour}" stroke-width="${scale.stroke}"`);
  if (region.box) {
    const [x1, y1, x2, y2] = region.box;
    const [left, top] = [Math.min(x1, x2), Math.min(y1, y2)];
    const [width, height] = [Math.abs(x2 - x1), Math.abs(y2 - y1)];
    return strokes(
      (stroke) =>
        `<rect x="${round(left)}" y="${round(top)}" width="${round(width)}" height="${round(height)}" fill="none" ${stroke}/>`,
    );
  }
  const points = region.points ?? [];
  if (points.length === 1) {
    const [[x, y]] = points as [[number, number]];
    const radius = scale.stroke * 4;
    return (
      strokes((stroke) => `<circle cx="${round(x)}" cy="${round(y)}" r="${radius}" fill="none" ${stroke}/>`) +
      `<circle cx="${round(x)}" cy="${round(y)}" r="${scale.stroke}" fill="${colour}"/>`
    );
  }
  const list = points.map(([x, y]) => `${round(x)},${round(y)}`).join(' ');
  return strokes(
    (stroke) =>
      `<polyline points="${list}" fill="none" stroke-linecap="round" stroke-linejoin="round" ${stroke}/>`,
  );
}

/** Where a region's label goes: the box's top-left corner, or beside its first point. */
function labelAnchor(region: Region, scale: OverlayScale): { x: number; y: number } {
  if (region.box) {
    const [x1, y1, x2, y2] = region.box;
    return { x: Math.min(x1, x2) - scale.stroke, y: Math.min(y1, y2) - scale.stroke };
  }
  const [x, y] = region.points?.[0] ?? [0, 0];
  return { x: x + scale.stroke * 5, y: y - scale.stroke * 5 };
}

/**
 * The SVG that draws `regions` over a `width`×`height` picture, in the picture's own pixels: each
 * region's outline in its colour, then every label on a chip, so that no outline crosses a label.
 * Labels are escaped: they are model output.
 */
export function regionOverlaySVG(width: number, height: number, regions: readonly Region[]): string {
  const scale = overlayScale(width, height);
  const shapes = regions.map((region, position) => shape(region, regionColour(position), scale));
  const chips = regions.map((region, position) =>
    chip(region.label, regionColour(position), labelAnchor(region, scale), { width, height }, scale),
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    ...shapes,
    ...chips,
    '</svg>',
  ].join('\n');
}
