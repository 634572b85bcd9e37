/** A list marker: `-`, `*`, `+`, `•`, `·`, `1.`, `1)`, `1、`, `(1)`, `（1）`. */
const BULLET = /^(?:[-*+]\s+|[•·●▪◦]\s*|\d{1,2}[.)]\s+|\d{1,2}、\s*|[（(]\d{1,2}[)）]\s*)/;

/** A line that opens with a short label and a colon (`Mood:`, `图2：`), which ends a running paragraph. */
const LABEL_LIKE = /^[^\s:：][^:：。.!?！？]{0,30}[:：]/;

/** One answer line with its markdown decoration removed. */
export type AnswerLine = {
  /** The text without emphasis, heading, quote or list markers. */
  text: string;
  /** Whether the line was a list item. */
  isBullet: boolean;
  /** Whether the line was a markdown heading. */
  isHeading: boolean;
};

/**
 * Strips the markdown a model dresses its answer lines in (`**bold**`, `## heading`, `> quote`, list markers),
 * so that labels such as `Heart line:` are found however they are styled.
 *
 * @example
 * cleanAnswerLine('- **Heart line:** long and curved'); // { text: 'Heart line: long and curved', isBullet: true, … }
 */
export function cleanAnswerLine(raw: string): AnswerLine {
  let text = raw.replace(/\*\*|__/g, '').trim();
  text = text.replace(/^>\s*/, '');
  const isHeading = /^#{1,6}\s/.test(text);
  text = text.replace(/^#{1,6}\s+/, '');
  const bullet = BULLET.exec(text);
  if (bullet) text = text.slice(bullet[0].length);
  return { text: text.trim(), isBullet: bullet !== null, isHeading };
}

/** Options of {@link findLabeledValue}. */
export type LabeledValueOptions = {
  /** Also take the paragraph lines that follow the label line (up to a blank line, list or next label). */
  multiline?: boolean;
};

/**
 * Builds the matcher for a line that starts with one of `labels` (any case, flexible spacing, an optional
 * bracketed note such as `Image 1 (left)`), then a colon or a spaced dash; group 1 is the rest of the line.
 * A line holding only the label (a heading) matches too, with an empty rest.
 */
export function labelPattern(labels: readonly string[]): RegExp {
  const alternatives = labels
    .map((label) =>
      label
        .trim()
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        .replace(/\s+/g, '\\s*'),
    )
    .join('|');
  return new RegExp(
    `^[*_]*(?:${alternatives})[*_]*\\s*(?:[(（][^)）]{0,40}[)）])?[*_]*\\s*(?:(?:[:：]|[-–—](?=\\s))\\s*(.*))?$`,
    'iu',
  );
}

/**
 * Returns the text after the last line labelled with one of `labels` (`Heart line: long and deep` →
 * `long and deep`), or `undefined` when no such line has any text. When the label stands alone, the next
 * paragraph is its value.
 *
 * @example
 * findLabeledValue('Rule: each number doubles.\n\\boxed{32}', ['rule', '规律']); // 'each number doubles.'
 */
export function findLabeledValue(
  text: string,
  labels: readonly string[],
  options: LabeledValueOptions = {},
): string | undefined {
  if (typeof text !== 'string') return undefined;
  const lines = text.split(/\r?\n/);
  const pattern = labelPattern(labels);
  for (let index = lines.length - 1; index >= 0; index--) {
    const match = pattern.exec(cleanAnswerLine(lines[index] ?? '').text);
    if (!match) continue;
    const inline = (match[1] ?? '').trim();
    const value = [
      inline,
      ...readParagraph(lines, index + 1, inline === '', inline === '' || !!options.multiline),
    ]
      .filter(Boolean)
      .join(' ')
      .trim();
    if (value) return value;
  }
  return undefined;
}

/**
 * Reads the plain lines of a paragraph starting at `start`, stopping at a blank line, a list item, a heading or
 * a new label. With `skipBlank`, blank lines before the paragraph are passed over first.
 */
export function readParagraph(
  lines: readonly string[],
  start: number,
  skipBlank: boolean,
  enabled = true,
): string[] {
  const paragraph: string[] = [];
  if (!enabled) return paragraph;
  let index = start;
  if (skipBlank) while (index < lines.length && !(lines[index] ?? '').trim()) index++;
  for (; index < lines.length; index++) {
    const raw = lines[index] ?? '';
    if (!raw.trim()) break;
    const line = cleanAnswerLine(raw);
    if (line.isBullet || line.isHeading || LABEL_LIKE.test(line.text)) break;
    paragraph.push(line.text);
  }
  return paragraph;
}

/** Options of {@link findListSection}. */
export type ListSectionOptions = {
  /** When the section has no list items, split its inline text at `,` `;` `、` into items. */
  splitInline?: boolean;
};

/** A list section found in an answer: its items and the lines it spans (0-based, inclusive). */
export type ListSection = { items: string[]; start: number; end: number };

/**
 * Finds the last section labelled with one of `labels` (`Traits:`, `### Differences`, `**差异：**`) that has
 * content, and returns its list items with their lines' span. Items are the list lines that follow the label
 * (blank lines between them allowed, indented lines continue an item); without any, the inline text after
 * the label is the one item, or several with `splitInline`.
 */
export function locateListSection(
  text: string,
  labels: readonly string[],
  options: ListSectionOptions = {},
): ListSection | undefined {
  if (typeof text !== 'string') return undefined;
  const lines = text.split(/\r?\n/);
  const pattern = labelPattern(labels);
  for (let index = lines.length - 1; index >= 0; index--) {
    const match = pattern.exec(cleanAnswerLine(lines[index] ?? '').text);
    if (!match) continue;
    const items: string[] = [];
    let end = index;
    for (let next = index + 1; next < lines.length; next++) {
      const raw = lines[next] ?? '';
      if (!raw.trim()) continue;
      const line = cleanAnswerLine(raw);
      if (line.isBullet && !line.isHeading) {
        if (line.text) items.push(line.text);
        end = next;
      } else if (items.length > 0 && /^(?: {2,}|\t)/.test(raw) && !line.isHeading) {
        items[items.length - 1] = `${items[items.length - 1]} ${line.text}`;
        end = next;
      } else {
        break;
      }
    }
    const inline = (match[1] ?? '').trim();
    if (items.length === 0 && inline) {
      const parts = options.splitInline ? inline.split(/\s*[,，;；、]\s*/) : [inline];
      items.push(...parts.map((part) => part.replace(/[.。]$/, '').trim()).filter(Boolean));
    }
    if (items.length > 0) return { items, start: index, end };
  }
  return undefined;
}

/**
 * Returns the items of the last list section labelled with one of `labels`, or `undefined` when there is
 * none; see {@link locateListSection}.
 *
 * @example
 * findListSection('Traits:\n- curious\n- warm', ['traits']); // ['curious', 'warm']
 */
export function findListSection(
  text: string,
  labels: readonly string[],
  options: ListSectionOptions = {},
): string[] | undefined {
  return locateListSection(text, labels, options)?.items;
}
