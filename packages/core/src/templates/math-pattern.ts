import { extractFinalAnswer } from '../extract/final-answer';
import { findLabeledValue } from '../extract/sections';
import { type MarkRequest, markPlacesParagraph } from './mark-places';
import { answerLanguageLine, countMedia, extraQuestionParagraph, joinParagraphs } from './prompt-parts';
import type { PromptInput, Template } from './template';

/** The cells read and the blank are boxed. */
const MATH_MARKS: MarkRequest = { shape: 'box', example: { en: 'the blank', zh: '空格' } };

/** The structured result of a math-pattern puzzle. */
export type MathPatternResult = {
  /** The final answer: the boxed value, or the option letter of a multiple-choice question. */
  answer?: string;
  /** The rule, as the answer states it on its `Rule:` / `规律：` line. */
  rule?: string;
};

const RULE_LABELS = ['rule', 'the rule', 'pattern', '规律', '规则'];

function buildMathPatternPrompt(input: PromptInput): string {
  const count = countMedia(input.media, 'image');
  if (input.locale === 'zh') {
    return joinParagraphs([
      count > 1
        ? `上面这 ${count} 张图合起来是一道数学题或找规律的题，请把它解出来。`
        : '上面的图是一道数学题或找规律的题，请把它解出来。',
      '先把图里的数字、图形和文字逐一看清楚，找准空缺或问号所在的位置。然后找出已知数字之间的规律，并用每一组已知数据逐一验证，别只看第一组就下结论。题目给了选项的话，答案必须是其中之一。',
      extraQuestionParagraph('zh', input.question),
      [
        '作答时简要说明规律和关键的推算步骤，然后单独一行写出规律，最后把最终答案写在方框里，格式如下：',
        '规律：<用一句话概括规律>',
        '\\boxed{<最终答案>}',
        `如果是选择题，方框里只写选项字母，例如 \\boxed{B}。${input.coordinates ? '方框之后只写下面要求的 JSON 代码块。' : '方框之后不要再写别的内容。'}`,
      ].join('\n'),
      markPlacesParagraph('zh', input.coordinates, input.media, MATH_MARKS),
      answerLanguageLine('zh'),
    ]);
  }
  return joinParagraphs([
    count > 1
      ? `Together, the ${count} images above show a math or number-pattern puzzle. Solve it.`
      : 'The image above shows a math or number-pattern puzzle. Solve it.',
    'Read every number, shape and label carefully, and locate the blank or question mark. Find the rule that links the given values, and check it against every example, not just the first, before you rely on it. If the puzzle offers answer options, your answer must be one of them.',
    extraQuestionParagraph('en', input.question),
    [
      'In your answer, explain the rule and the key steps briefly. Then state the rule on its own line and finish with the final answer in a box, exactly like this:',
      'Rule: <the rule in one sentence>',
      '\\boxed{<final answer>}',
      `For a multiple-choice question, put only the option letter in the box, for example \\boxed{B}. ${input.coordinates ? 'After the box, write only the JSON block asked for below.' : 'Write nothing after the box.'}`,
    ].join('\n'),
    markPlacesParagraph('en', input.coordinates, input.media, MATH_MARKS),
    answerLanguageLine('en'),
  ]);
}

/**
 * Reads a puzzle's final answer (see `extractFinalAnswer`: `\boxed{…}`, "the answer is …", "答案是…", or a
 * closing option letter) and its `Rule:` / `规律：` line. Returns `undefined` when neither is found.
 *
 * @example
 * extractMathPattern('Rule: the third number is the sum of the first two.\n\\boxed{10}');
 * // { answer: '10', rule: 'the third number is the sum of the first two.' }
 */
export function extractMathPattern(answer: string): MathPatternResult | undefined {
  if (typeof answer !== 'string' || !answer.trim()) return undefined;
  const final = extractFinalAnswer(answer);
  const rule = findLabeledValue(answer, RULE_LABELS);
  if (final === undefined && rule === undefined) return undefined;
  return { ...(final !== undefined ? { answer: final } : {}), ...(rule !== undefined ? { rule } : {}) };
}

/** Math patterns: finds the rule behind a number puzzle or math picture and gives a boxed answer (1–4 images). */
export const mathPatternTemplate: Template = {
  id: 'math-pattern',
  title: { en: 'Math patterns', zh: '数字规律' },
  description: {
    en: 'Finds the rule behind a number puzzle or math picture and gives the final answer.',
    zh: '找出数字谜题或数学图题背后的规律，并给出最终答案。',
  },
  media: { image: { min: 1, max: 4 }, video: { min: 0, max: 0 }, allowsMixing: false },
  question: 'optional',
  buildPrompt: buildMathPatternPrompt,
  extractResult: (answer) => extractMathPattern(answer),
};
