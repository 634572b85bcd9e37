import { isMathEqual } from './compare-answers';
import { extractMathVisionAnswer } from './extract-answer';
import { normalizeMathAnswer } from './normalize-answer';
import { LETTERS, optionKey, readOptionLetter, tidyOptionText } from './read-option-letter';
import type { EvalItem } from './record';

/**
 * Scores a model's response to a MathVision-format item as MathVision's evaluate.py would, with its extraction
 * widened for reasoning models ({@link extractMathVisionAnswer}). A multiple-choice answer is right when it names
 * the gold letter ({@link readOptionLetter}) or, given as a value, equals the gold option's value (MathVision's
 * second `is_equal`); a free-form answer is right when {@link isMathEqual} holds. `extracted` is the option
 * letter or the normalized answer, and is `undefined` when no answer could be read (the caller counts that as
 * unparsed).
 *
 * @example
 * scoreAnswer('The correct option is (C) 7 cm.', { answer: 'C', options: ['3 cm', '5 cm', '7 cm'] });
 * // { extracted: 'C', isCorrect: true }
 */
export function scoreAnswer(
  response: string,
  item: Pick<EvalItem, 'answer' | 'options'>,
): { extracted?: string | undefined; isCorrect: boolean } {
  const answer = extractMathVisionAnswer(response);
  if (answer === undefined) return { isCorrect: false };
  const gold = String(item.answer ?? '').trim();
  const options = Array.isArray(item.options) ? item.options.map(String) : [];
  if (options.length > 0) {
    const goldLetter = gold.toUpperCase();
    const goldOption = options[LETTERS.indexOf(goldLetter)];
    const letter = readOptionLetter(answer, options);
    if (letter) {
      if (letter === goldLetter) return { extracted: letter, isCorrect: true };
      // A letter that is also the gold option's own text ("E", where option D reads "E") is right, as
      // MathVision's second `is_equal` has it.
      const isGoldText =
        goldOption !== undefined &&
        optionKey(tidyOptionText(goldOption)) === optionKey(tidyOptionText(answer));
      return isGoldText
        ? { extracted: goldLetter, isCorrect: true }
        : { extracted: letter, isCorrect: false };
    }
    const value = normalizeMathAnswer(answer);
    if (!value) return { isCorrect: false };
    if (goldOption !== undefined && isMathEqual(goldOption, answer))
      return { extracted: goldLetter, isCorrect: true };
    // A free-form gold among options (or a letter-valued one) is still compared directly, as MathVision's first
    // `is_equal` does.
    if (isMathEqual(gold, answer)) return { extracted: value, isCorrect: true };
    const matched = options.findIndex((option) => isMathEqual(option, answer));
    return { extracted: matched === -1 ? value : LETTERS[matched], isCorrect: false };
  }
  const value = normalizeMathAnswer(answer);
  if (!value) return { isCorrect: false };
  return { extracted: value, isCorrect: isMathEqual(gold, answer) };
}
