/** Escapes text for SVG content and attribute values. */
export const escapeXML = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (character) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[character]!,
  );

/** Rounds a coordinate so the SVG stays short and byte-for-byte stable. */
export const coordinate = (value: number) => String(Math.round(value * 100) / 100);

/** Colour-blind-safe colours (Okabe and Ito), in the order series take them. */
export const SERIES_COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];
/** Marker shapes, in the order series take them, so that series differ in shape as well as colour. */
export const MARKER_SHAPES = ['circle', 'square', 'triangle', 'diamond'] as const;
/** One of {@link MARKER_SHAPES}. */
export type MarkerShape = (typeof MARKER_SHAPES)[number];

/** A marker of `shape` centred on (`x`, `y`), filled with `color` and outlined in white. */
export function marker(shape: MarkerShape, x: number, y: number, color: string): string {
  const stroke = `fill="${color}" stroke="#fff" stroke-width="1.2"`;
  const at = (dx: number, dy: number) => `${coordinate(x + dx)},${coordinate(y + dy)}`;
  switch (shape) {
    case 'circle':
      return `<circle cx="${coordinate(x)}" cy="${coordinate(y)}" r="4.5" ${stroke}/>`;
    case 'square':
      return `<rect x="${coordinate(x - 4)}" y="${coordinate(y - 4)}" width="8" height="8" ${stroke}/>`;
    case 'triangle':
      return `<polygon points="${at(0, -5.5)} ${at(5, 3.5)} ${at(-5, 3.5)}" ${stroke}/>`;
    case 'diamond':
      return `<polygon points="${at(0, -5.5)} ${at(5.5, 0)} ${at(0, 5.5)} ${at(-5.5, 0)}" ${stroke}/>`;
  }
}

/** A rough width of text in DejaVu Sans, enough to lay out legends and avoid overlapping labels. */
export const textWidth = (text: string, fontSize: number) => text.length * fontSize * 0.6;

/**
 * Splits `text` at spaces into lines no wider than `maxWidth` ({@link textWidth}); a longer word has a
 * line of its own.
 */
export function wrapText(text: string, fontSize: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (line !== '' && textWidth(candidate, fontSize) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** A rectangle in pixels, to tell whether a label would cover something already drawn. */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** A label to place, with the spots it may take in order of preference. */
export interface LabelSpot {
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
}

/** The box `text` covers when drawn at `spot`. */
export function textBox(text: string, fontSize: number, spot: LabelSpot): Box {
  const width = textWidth(text, fontSize);
  const left =
    spot.anchor === 'start' ? spot.x : spot.anchor === 'middle' ? spot.x - width / 2 : spot.x - width;
  return { left, right: left + width, top: spot.y - fontSize * 0.8, bottom: spot.y + fontSize * 0.25 };
}
