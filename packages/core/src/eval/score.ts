import { extractFinalAnswer } from '../extract/final-answer';

/** One item of a MathVision-format data set. */
export interface EvalItem {
  id: string;
  question: string;
  options: string[];
  answer: string;
  image: string;
  level?: number;
  subject?: string;
}

const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];

/** Turns `\frac{a}{b}`, `a/b`, decimals, percentages and plain numbers into a number, else undefined. */
export function parseNumber(text: string): number | undefined {
  const cleaned = text
    .replace(/\\d?frac\{([^{}]+)\}\{([^{}]+)\}/g, '($1)/($2)')
    .replace(/\\(?:left|right|,|;|!|\s)/g, '')
    .replace(/[$\s]/g, '')
    .replace(/\\%|%/g, '/100')
    .replace(/(?<=\d),(?=\d{3}\b)/g, '')
    .replace(/^[^\d\-+.(]+|[^\d)./]+$/g, '');
  if (!/^[-+]?[\d.()/]+$/.test(cleaned)) return undefined;
  const parts = cleaned.replace(/[()]/g, '').split('/');
  if (parts.length > 3) return undefined;
  const numbers = parts.map(Number);
  if (numbers.some((value) => !Number.isFinite(value))) return undefined;
  return numbers.slice(1).reduce((value, divisor) => value / divisor, numbers[0]!);
}

function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .replace(/\\text\{([^{}]*)\}/g, '$1')
    .replace(/[\s$.。:：()（）]/g, '');
}

/**
 * Reads a model's answer to a MathVision-format item and scores it the way MathVision's own evaluation
 * does: an option letter (or an option's text) for multiple choice, otherwise numeric equivalence
 * (fractions, decimals, units dropped) or, failing that, the same text.
 */
export function scoreAnswer(
  response: string,
  item: Pick<EvalItem, 'answer' | 'options'>,
): { extracted?: string; isCorrect: boolean } {
  const extracted = extractFinalAnswer(response);
  if (extracted === undefined) return { isCorrect: false };
  const gold = item.answer.trim();
  if (item.options.length > 0) {
    const letter = /^\(?([A-H])\)?(?:[.:)]|$)/i.exec(extracted.trim())?.[1]?.toUpperCase();
    if (letter) return { extracted: letter, isCorrect: letter === gold.toUpperCase() };
    const index = item.options.findIndex((option) => normalizeText(option) === normalizeText(extracted));
    if (index !== -1) return { extracted: LETTERS[index]!, isCorrect: LETTERS[index] === gold.toUpperCase() };
  }
  const goldNumber = parseNumber(gold);
  const number = parseNumber(extracted);
  if (goldNumber !== undefined && number !== undefined) {
    return {
      extracted,
      isCorrect: Math.abs(goldNumber - number) <= 1e-6 * Math.max(1, Math.abs(goldNumber)),
    };
  }
  return { extracted, isCorrect: normalizeText(extracted) === normalizeText(gold) };
}
