/**
 * How the numbers of a mark are to be read: in the pixels of the picture the model was sent, or on
 * a 0–1000 grid over its width and height.
 */
export type CoordinateSystem = 'pixels' | 'grid-1000';

/** One mark as the model wrote it, before it is placed on a picture. */
export interface WrittenMark {
  label: string;
  box?: [number, number, number, number];
  points?: [number, number][];
  /** The picture it names, 1-based as the prompt counts them ("Image 2"). */
  image?: number;
  /** The video frame it names, 1-based as the prompt counts them. */
  frame?: number;
  /** The video time it names, in seconds. */
  time?: number;
  /** Set when the form fixes the grid whatever the model family (Qwen-VL's `<box>` tags are 0–1000). */
  system?: CoordinateSystem;
  /** Where it was written in the answer: `[start, end)`. */
  span: [number, number];
}

/** The marks of an answer, the ones that could not be read, and the answer's text without them. */
export interface AnswerMarks {
  marks: WrittenMark[];
  /** Marks with coordinates that are not numbers in the shape their key promises. */
  malformed: number;
  /**
   * The answer with each block that held only marks taken out, so that reading the rest of the result
   * (sections, lists) does not trip over coordinates.
   */
  prose: string;
}

/** A label names a thing; past this it is cut (the `<ref>` tag form is bounded the same). */
const MAX_LABEL_CHARACTERS = 200;

const BOX_KEYS = ['bbox_2d', 'bbox', 'box_2d', 'box'] as const;
const POINT_KEYS = ['point_2d', 'point'] as const;
const PATH_KEYS = ['points_2d', 'points', 'path'] as const;
const LABEL_KEYS = ['label', 'name', 'object', 'text'] as const;
const COORDINATE_KEYS = [...BOX_KEYS, ...POINT_KEYS, ...PATH_KEYS];

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function asPair(value: unknown): [number, number] | undefined {
  return Array.isArray(value) && value.length === 2 && value.every(isNumber)
    ? [value[0] as number, value[1] as number]
    : undefined;
}

function firstKey(object: Record<string, unknown>, keys: readonly string[]): string | undefined {
  return keys.find((key) => key in object);
}

function positiveInteger(value: unknown): number | undefined {
  const number = typeof value === 'string' ? Number(value.replace(/^\D+/, '')) : value;
  return isNumber(number) && Number.isInteger(number) && number >= 1 ? number : undefined;
}

/** Reads one JSON object as a mark; `malformed` when it has a coordinate key whose value is not usable. */
function markFromObject(
  object: Record<string, unknown>,
  span: [number, number],
): WrittenMark | 'malformed' | undefined {
  const boxKey = firstKey(object, BOX_KEYS);
  const pointKey = firstKey(object, POINT_KEYS);
  const pathKey = firstKey(object, PATH_KEYS);
  if (!boxKey && !pointKey && !pathKey) return undefined;
  const labelKey = firstKey(object, LABEL_KEYS);
  const label =
    labelKey && typeof object[labelKey] === 'string'
      ? [...(object[labelKey] as string).trim()].slice(0, MAX_LABEL_CHARACTERS).join('')
      : '';
  const mark: WrittenMark = { label, span };
  if (boxKey) {
    const box = object[boxKey];
    if (!Array.isArray(box) || box.length !== 4 || !box.every(isNumber)) return 'malformed';
    mark.box = box as [number, number, number, number];
  } else if (pointKey) {
    const point = asPair(object[pointKey]);
    if (!point) return 'malformed';
    mark.points = [point];
  } else if (pathKey) {
    const path = object[pathKey];
    const points = Array.isArray(path) ? path.map(asPair) : [];
    if (points.length === 0 || points.some((point) => point === undefined)) return 'malformed';
    mark.points = points as [number, number][];
  }
  const image = positiveInteger(object.image ?? object.image_index ?? object.picture);
  if (image !== undefined) mark.image = image;
  const frame = positiveInteger(object.frame);
  if (frame !== undefined) mark.frame = frame;
  const time = object.time ?? object.timestamp;
  if (isNumber(time) && time >= 0) mark.time = time;
  return mark;
}

/** Walks a parsed JSON value and reads every object in it that carries coordinates. */
function collectMarks(
  value: unknown,
  span: [number, number],
  found: { marks: WrittenMark[]; malformed: number; other: number },
): void {
  if (Array.isArray(value)) {
    for (const item of value) collectMarks(item, span, found);
    return;
  }
  if (value === null || typeof value !== 'object') {
    found.other++;
    return;
  }
  const mark = markFromObject(value as Record<string, unknown>, span);
  if (mark === 'malformed') found.malformed++;
  else if (mark) found.marks.push(mark);
  else {
    // A wrapper such as {"regions": [...]} holds only marks; any other value is more than marks.
    for (const child of Object.values(value)) {
      if (child !== null && typeof child === 'object') collectMarks(child, span, found);
      else found.other++;
    }
  }
}

// Marks are short; bounding the search keeps an answer full of stray brackets linear to read.
const MAX_JSON_CHARS = 20_000;
/** How far before its first coordinate key a mark's JSON may open. */
const MAX_LEAD_CHARS = 2_000;

/** The end (exclusive) of the JSON value that opens at `start`, matching brackets outside strings. */
function endOfJSON(text: string, start: number): number | undefined {
  const stack: string[] = [];
  let inString = false;
  const last = Math.min(text.length, start + MAX_JSON_CHARS);
  for (let offset = start; offset < last; offset++) {
    const char = text[offset];
    if (inString) {
      if (char === '\\') offset++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === '{' || char === '[') stack.push(char === '{' ? '}' : ']');
    else if (char === '}' || char === ']') {
      if (stack.pop() !== char) return undefined;
      if (stack.length === 0) return offset + 1;
    }
  }
  return undefined;
}

const COORDINATE_KEY_PATTERN = new RegExp(`"(${COORDINATE_KEYS.join('|')})"\\s*:`);
// Qwen's grounding tags: Qwen-VL's <ref>boat</ref><box>(120,80),(300,260)</box>, always on a 0–1000
// grid, and the special-token form <|object_ref_start|>boat<|object_ref_end|><|box_start|>(…),(…)<|box_end|>,
// which Qwen2.5-VL writes in the pixels of its input and later families on their grid.
const TAGGED_BOX =
  /(?:(?:<ref>|<\|object_ref_start\|>)([^<]{0,200})(?:<\/ref>|<\|object_ref_end\|>)\s*)?(?:<box>|<\|box_start\|>)([^<]{0,200})(?:<\/box>|<\|box_end\|>)/g;
const NUMBER = /-?\d+(?:\.\d+)?/g;

/** Reads the `<box>` tags of an answer. */
function readTaggedBoxes(answer: string, found: { marks: WrittenMark[]; malformed: number }): void {
  for (const match of answer.matchAll(TAGGED_BOX)) {
    const span: [number, number] = [match.index, match.index + match[0].length];
    const numbers = (match[2]?.match(NUMBER) ?? []).map(Number);
    // A tag may hold several boxes of one label: (x1,y1),(x2,y2)(x1,y1),(x2,y2)…
    if (numbers.length === 0 || numbers.length % 4 !== 0) {
      found.malformed++;
      continue;
    }
    for (let offset = 0; offset < numbers.length; offset += 4) {
      const [x1, y1, x2, y2] = numbers.slice(offset, offset + 4) as [number, number, number, number];
      const mark: WrittenMark = { label: (match[1] ?? '').trim(), box: [x1, y1, x2, y2], span };
      if (match[0].includes('<box>')) mark.system = 'grid-1000';
      found.marks.push(mark);
    }
  }
}

const FENCE = /```[a-zA-Z]*[ \t]*\n?([\s\S]*?)```/g;

/**
 * Finds the boxes and points a model wrote in its answer, in the forms the Qwen families use:
 * JSON objects with `bbox_2d` / `point_2d` (and a `label`), whether in a fenced block, a bare array or
 * inline, and Qwen-VL's `<ref>…</ref><box>(x1,y1),(x2,y2)</box>` tags. Nothing is placed yet: the
 * numbers are as written.
 *
 * @example
 * readMarks('The boat ```json\n[{"bbox_2d": [10, 20, 110, 90], "label": "boat"}]\n```').marks;
 * // [{ label: 'boat', box: [10, 20, 110, 90], span: [9, 63] }]
 */
export function readMarks(answer: string): AnswerMarks {
  const text = typeof answer === 'string' ? answer : '';
  const found = { marks: [] as WrittenMark[], malformed: 0, other: 0 };
  const blocksToRemove: [number, number][] = [];
  const consumed: [number, number][] = [];

  // Fenced blocks first: a block that holds only marks is taken out of the prose.
  for (const fence of text.matchAll(FENCE)) {
    const body = fence[1] ?? '';
    if (!COORDINATE_KEY_PATTERN.test(body)) continue;
    const span: [number, number] = [fence.index, fence.index + fence[0].length];
    consumed.push(span);
    const inFence = { marks: [] as WrittenMark[], malformed: 0, other: 0 };
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.trim());
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined) readLooseJSON(body, span, inFence);
    else collectMarks(parsed, span, inFence);
    found.marks.push(...inFence.marks);
    found.malformed += inFence.malformed;
    if (inFence.other === 0) blocksToRemove.push(span);
  }

  // Then JSON outside fences.
  let cursor = 0;
  const outside = (offset: number) => consumed.every(([start, end]) => offset < start || offset >= end);
  // Only brackets shortly before a coordinate key can open a mark, which keeps long answers quick.
  const keyAt = [...text.matchAll(new RegExp(COORDINATE_KEY_PATTERN.source, 'g'))].map(
    (match) => match.index,
  );
  let nextKey = 0;
  while (cursor < text.length) {
    while (nextKey < keyAt.length && (keyAt[nextKey] as number) < cursor) nextKey++;
    if (nextKey === keyAt.length) break;
    cursor = Math.max(cursor, (keyAt[nextKey] as number) - MAX_LEAD_CHARS);
    const open = text.slice(cursor, keyAt[nextKey]).search(/[[{]/);
    if (open === -1) {
      cursor = (keyAt[nextKey] as number) + 1;
      continue;
    }
    const start = cursor + open;
    if (!outside(start)) {
      cursor = consumed.find(([from, to]) => start >= from && start < to)?.[1] ?? start + 1;
      continue;
    }
    const end = endOfJSON(text, start);
    const candidate = end === undefined ? undefined : text.slice(start, end);
    if (end === undefined || candidate === undefined || !COORDINATE_KEY_PATTERN.test(candidate)) {
      cursor = start + 1;
      continue;
    }
    const span: [number, number] = [start, end];
    let parsed: unknown;
    try {
      parsed = JSON.parse(candidate);
    } catch {
      // Not JSON as a whole (a bracketed aside holding an object, say): look inside it.
      cursor = start + 1;
      continue;
    }
    const here = { marks: [] as WrittenMark[], malformed: 0, other: 0 };
    collectMarks(parsed, span, here);
    found.marks.push(...here.marks);
    found.malformed += here.malformed;
    if (here.other === 0 && /^\s*$/.test(lineAround(text, start, end))) blocksToRemove.push(span);
    consumed.push(span);
    cursor = end;
  }

  readTaggedBoxes(text, found);
  found.marks.sort((a, b) => a.span[0] - b.span[0]);
  return { marks: found.marks, malformed: found.malformed, prose: removeSpans(text, blocksToRemove) };
}

/** What is left on the lines of `[start, end)` besides the span itself. */
function lineAround(text: string, start: number, end: number): string {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', end);
  return text.slice(lineStart, start) + text.slice(end, lineEnd === -1 ? text.length : lineEnd);
}

/** A fenced block that is not valid JSON as a whole: each object in it is read on its own. */
function readLooseJSON(
  body: string,
  span: [number, number],
  found: { marks: WrittenMark[]; malformed: number; other: number },
): void {
  let cursor = 0;
  while (cursor < body.length) {
    const start = body.indexOf('{', cursor);
    if (start === -1) break;
    const end = endOfJSON(body, start);
    if (end === undefined) {
      if (COORDINATE_KEY_PATTERN.test(body.slice(start))) found.malformed++;
      break;
    }
    const candidate = body.slice(start, end);
    try {
      collectMarks(JSON.parse(candidate), span, found);
    } catch {
      if (COORDINATE_KEY_PATTERN.test(candidate)) found.malformed++;
    }
    cursor = end;
  }
}

function removeSpans(text: string, spans: [number, number][]): string {
  if (spans.length === 0) return text;
  let prose = '';
  let cursor = 0;
  for (const [start, end] of [...spans].sort((a, b) => a[0] - b[0])) {
    prose += text.slice(cursor, start);
    cursor = end;
  }
  return (prose + text.slice(cursor)).replace(/\n{3,}/g, '\n\n').trim();
}
