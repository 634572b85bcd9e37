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

/**
 * The indices (in `regions`) of the regions a sentence names: those whose label it contains,
 * case-insensitively. A region without a label is named by no sentence.
 *
 * @example
 * regionsNamedIn('Your heart line curves up.', [{ label: 'Heart line', … }, { label: 'life line', … }]); // [0]
 */
export function regionsNamedIn(sentence: string, regions: readonly Pick<Region, 'label'>[]): number[] {
  const lower = sentence.toLocaleLowerCase();
  const named: number[] = [];
  regions.forEach((region, index) => {
    const label = region.label.trim().toLocaleLowerCase();
    if (label && lower.includes(label)) named.push(index);
  });
  return named;
}
