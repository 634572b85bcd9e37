import { isMathEqual } from './compare-answers';
import { ANSWER_LENGTH_LIMIT, TEXT_COMMAND } from './normalize-answer';

/** The letters options are named by, in order. */
export const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];

/**
 * The option a multiple-choice answer names, as its letter: a bare letter (`C`, `(c)`, `Option C`, `选C`), an
 * option's own text (`7 cm` for the option "7 cm"), or a letter given with text (`(C) 7 cm`, `C. 7 cm`, `C 7 cm`
 * when the text is that option's). Only letters within the options count. `undefined` when none is named; a value
 * that merely equals an option's is left to {@link isMathEqual}.
 *
 * @example
 * readOptionLetter('\\text{(B) }12', ['10', '12', '14']); // 'B'
 */
export function readOptionLetter(answer: string, options: readonly string[]): string | undefined {
  if (answer.length > ANSWER_LENGTH_LIMIT) return undefined;
  const letters = LETTERS.slice(0, options.length);
  const text = tidyOptionText(answer);
  if (!text) return undefined;
  const bare = /^(?:(?:option|choice|选项|选)\s*[:：]?\s*)?[([]?\s*([a-h])\s*[)\]]?$/i
    .exec(text)?.[1]
    ?.toUpperCase();
  if (bare && letters.includes(bare)) return bare;
  const key = optionKey(text);
  const byText = options.findIndex((option) => optionKey(tidyOptionText(option)) === key);
  if (byText !== -1) return letters[byText];
  const marked = /^(?:(?:option|choice)\s*)?(?:\(([A-H])\)|\[([A-H])\]|([A-H])\s*[.:)])\s*(.*)$/i.exec(text);
  const markedLetter = (marked?.[1] ?? marked?.[2] ?? marked?.[3])?.toUpperCase();
  if (markedLetter && letters.includes(markedLetter)) return markedLetter;
  const spaced = /^([A-H])\s+(.+)$/.exec(text);
  if (spaced) {
    const index = letters.indexOf(spaced[1]!);
    const option = options[index];
    if (option !== undefined && namesOption(spaced[2]!, option)) return letters[index];
  }
  const trailing = /^(.+?)\s+\(([A-H])\)$/.exec(text);
  if (trailing && letters.includes(trailing[2]!)) return trailing[2];
  return undefined;
}

/** An answer or option text with math delimiters, markdown, text wrappers and closing punctuation dropped. */
export function tidyOptionText(text: string): string {
  let tidy = text.normalize('NFKC').replace(/\*\*|__|`|\$|\\[()[\]]/g, '');
  for (let previous = ''; previous !== tidy; ) {
    previous = tidy;
    tidy = tidy.replace(TEXT_COMMAND, '$1');
  }
  return tidy
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s.。,，;；:：!！?？]+$/, '');
}

/** How an option's text is compared with an answer's: case, spaces and closing full stops ignored. */
export function optionKey(text: string): string {
  return text.toLowerCase().replace(/[\s.。]+/g, '');
}

/** Whether the text after a letter ("C 7 cm") is that option's own text or value. */
function namesOption(text: string, option: string): boolean {
  return optionKey(tidyOptionText(text)) === optionKey(tidyOptionText(option)) || isMathEqual(option, text);
}
