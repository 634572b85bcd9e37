import type { Region } from '@seer/core';

/** A sentence of a text: `[start, end)` offsets. */
export interface SentenceSpan {
  start: number;
  end: number;
}

/**
 * The sentences of a text: it is cut after `.`, `!`, `?` (and `…`) followed by a space, after the
 * Chinese `。！？`, and at line breaks. Spaces between sentences belong to neither; empty pieces are left
 * out.
 *
 * @example
 * splitSentences('A boat. Two cars!\nDone'); // [{0,7}, {8,17}, {18,22}]
 */
export function splitSentences(text: string): SentenceSpan[] {
  const sentences: SentenceSpan[] = [];
  let start = 0;
  const push = (end: number) => {
    let from = start;
    while (from < end && /\s/.test(text[from]!)) from++;
    let to = end;
    while (to > from && /\s/.test(text[to - 1]!)) to--;
    if (to > from) sentences.push({ start: from, end: to });
    start = end;
  };
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (char === '\n') push(index + 1);
    else if ('。！？'.includes(char)) push(index + 1);
    else if ('.!?…'.includes(char) && (index + 1 === text.length || /\s/.test(text[index + 1]!))) {
      // "e.g. this" or "3.5 cm" do not end a sentence: only a mark followed by a space does.
      push(index + 1);
    }
  }
  push(text.length);
  return sentences;
}

/** A letter or digit of a word that runs on: "car" is not named in "scarf". Chinese has no spaces between words. */
const wordChar = /[\p{L}\p{N}]/u;
const hanChar = /\p{Script=Han}/u;

/**
 * Whether `text` names `name` (both lower-cased): as a whole word, or anywhere for a name that begins
 * or ends in Chinese characters.
 */
function containsName(text: string, name: string): boolean {
  if (!name) return false;
  for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + 1)) {
    const before = text[at - 1];
    const after = text[at + name.length];
    const isStartFree = before === undefined || hanChar.test(name[0]!) || !wordChar.test(before);
    const isEndFree = after === undefined || hanChar.test(name.at(-1)!) || !wordChar.test(after);
    if (isStartFree && isEndFree) return true;
  }
  return false;
}

/**
 * The indices (in `regions`) of the regions a sentence names: those whose label it contains as a
 * word (or, in Chinese, anywhere), case-insensitively. A region without a label is named by no sentence.
 *
 * @example
 * regionsNamedIn('Your heart line curves up.', [{ label: 'Heart line', … }, { label: 'life line', … }]); // [0]
 */
export function regionsNamedIn(sentence: string, regions: readonly Pick<Region, 'label'>[]): number[] {
  return regionsNamedBy(
    sentence,
    regions.map((region) => (region.label.trim() ? [region.label.trim()] : [])),
  );
}

/**
 * What names each region in the answer, for linking it to its sentences: its label when the answer's
 * prose (the text outside every mark) uses it; else, for a mark written inline in a line of prose
 * (`the <ref>boat</ref><box>…</box> by the pier`), the longest stretch of prose on that line beside it.
 * A region named by neither is linked to no sentence.
 *
 * @example
 * namesOfRegions('A boat.\n```json\n[…]\n```', [{ label: 'boat', span: [8, 20] }]); // [['boat']]
 */
export function namesOfRegions(
  answer: string,
  regions: readonly Pick<Region, 'label' | 'span'>[],
): string[][] {
  // Marks blanked out, offsets kept: the label inside a mark is not the prose naming it.
  let prose = answer;
  for (const { span } of regions) {
    const [start, end] = [Math.min(span[0], answer.length), Math.min(span[1], answer.length)];
    prose = prose.slice(0, start) + prose.slice(start, end).replace(/[^\n]/g, ' ') + prose.slice(end);
  }
  const lowerProse = prose.toLocaleLowerCase();
  return regions.map(({ label, span }) => {
    const name = label.trim().toLocaleLowerCase();
    if (containsName(lowerProse, name)) return [label.trim()];
    const marked = answer.slice(span[0], span[1]);
    if (marked.includes('\n')) return [];
    const lineStart = prose.lastIndexOf('\n', span[0] - 1) + 1;
    const lineEnd = prose.indexOf('\n', span[1]) === -1 ? prose.length : prose.indexOf('\n', span[1]);
    const pieces = prose
      .slice(lineStart, lineEnd)
      .split(/\s{2,}|[*_`#>]/)
      .map((piece) => piece.trim())
      .filter((piece) => piece.length >= 6)
      .sort((a, b) => b.length - a.length);
    return pieces.length > 0 ? [pieces[0]!] : [];
  });
}

/**
 * The indices of the regions a sentence names, given what names each (`namesOfRegions`):
 * case-insensitively, any of its names.
 *
 * @example
 * regionsNamedBy('The boat is red.', [['boat'], ['car']]); // [0]
 */
export function regionsNamedBy(sentence: string, names: readonly (readonly string[])[]): number[] {
  const lower = sentence.toLocaleLowerCase();
  return names.flatMap((regionNames, index) =>
    regionNames.some((name) => containsName(lower, name.toLocaleLowerCase())) ? [index] : [],
  );
}
