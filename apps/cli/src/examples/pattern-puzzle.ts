import sharp from 'sharp';

/** Which of the seven segments (a–g) each digit lights. */
const SEGMENTS: Record<string, string> = {
  '0': 'abcdef',
  '1': 'bc',
  '2': 'abdeg',
  '3': 'abcdg',
  '4': 'bcfg',
  '5': 'acdfg',
  '6': 'acdefg',
  '7': 'abc',
  '8': 'abcdefg',
  '9': 'abcdfg',
};

/** One digit (or `?`) as SVG rectangles: drawn, not typeset, so no font is needed on the machine. */
function glyph(character: string, x: number, y: number, size: number): string {
  const w = size * 0.55;
  const h = size;
  const t = size * 0.12;
  const bars: Record<string, [number, number, number, number]> = {
    a: [t, 0, w - 2 * t, t],
    b: [w - t, t, t, h / 2 - t],
    c: [w - t, h / 2, t, h / 2 - t],
    d: [t, h - t, w - 2 * t, t],
    e: [0, h / 2, t, h / 2 - t],
    f: [0, t, t, h / 2 - t],
    g: [t, h / 2 - t / 2, w - 2 * t, t],
  };
  const lit = character === '?' ? 'abeg' : (SEGMENTS[character] ?? '');
  const rects = [...lit].map((segment) => {
    const [bx, by, bw, bh] = bars[segment]!;
    return `<rect x="${x + bx}" y="${y + by}" width="${bw}" height="${bh}" rx="${t / 3}"/>`;
  });
  // The question mark's dot.
  if (character === '?')
    rects.push(`<rect x="${x + w / 2 - t / 2}" y="${y + h - t}" width="${t}" height="${t}"/>`);
  return rects.join('');
}

/** A number-pattern puzzle and its solution. */
export interface PatternPuzzle {
  png: Buffer;
  /** The rows as shown, `?` for the missing number. */
  rows: string[][];
  answer: string;
  rule: { en: string; zh: string };
}

/** A small seeded generator, so the same seed gives the same puzzle. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** The hidden rules a puzzle can follow. */
const RULES = [
  {
    en: 'The third number is the sum of the first two.',
    zh: '第三个数是前两个数之和。',
    apply: (a: number, b: number) => a + b,
  },
  {
    en: 'The third number is the product of the first two.',
    zh: '第三个数是前两个数之积。',
    apply: (a: number, b: number) => a * b,
  },
  {
    en: 'The third number is the difference of the first two.',
    zh: '第三个数是前两个数之差。',
    apply: (a: number, b: number) => a - b,
  },
] as const;

/**
 * Draws a number-pattern puzzle like QVQ-Max's launch demo: rows of three numbers where the third follows
 * from the first two by a hidden rule, and a last row whose third number is a question mark.
 *
 * @example
 * const puzzle = await makePatternPuzzle({ seed: 7 }); // rows like 3 7 10 / 4 5 9 / 6 2 ?
 */
export async function makePatternPuzzle(
  options: { seed?: number; rows?: number; rule?: number } = {},
): Promise<PatternPuzzle> {
  const next = random(options.seed ?? 1);
  const rule = RULES[(options.rule ?? Math.floor(next() * RULES.length)) % RULES.length]!;
  const rowCount = options.rows ?? 3;
  const rows: string[][] = [];
  let answer = '';
  for (let row = 0; row < rowCount; row++) {
    let a = 2 + Math.floor(next() * 8);
    let b = 1 + Math.floor(next() * 8);
    if (rule.apply(a, b) < 0) [a, b] = [b, a];
    const c = rule.apply(a, b);
    const isLast = row === rowCount - 1;
    if (isLast) answer = String(c);
    rows.push([String(a), String(b), isLast ? '?' : String(c)]);
  }
  const size = 64;
  const cell = size * 2.2;
  const margin = 40;
  const width = margin * 2 + cell * 3;
  const height = margin * 2 + rowCount * size * 1.6;
  const shapes = rows.flatMap((row, rowIndex) =>
    row.map((number, column) =>
      [...number]
        .map((character, position) =>
          glyph(
            character,
            margin + column * cell + position * size * 0.7,
            margin + rowIndex * size * 1.6,
            size,
          ),
        )
        .join(''),
    ),
  );
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/><g fill="#1d2a4d">${shapes.join('')}</g></svg>`;
  const png = await sharp(Buffer.from(svg)).png({ palette: true }).toBuffer();
  return { png, rows, answer, rule: { en: rule.en, zh: rule.zh } };
}
