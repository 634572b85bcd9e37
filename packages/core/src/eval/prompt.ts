import type { Locale } from '../contract/templates';
import type { Template } from '../templates/template';
import type { EvalItem } from './record';

const LETTERS = 'ABCDEFGH';

/** The `<image1>` placeholders of a MathVision question: the picture is sent before the text instead. */
function withoutPlaceholders(question: string): string {
  return question.replace(/<image\d*>/g, '').trim();
}

/** Whether the choices are only their own letters (the choices are drawn in the picture). */
function isLettersOnly(options: readonly string[]): boolean {
  return options.length > 0 && options.every((option, index) => option.trim() === LETTERS[index]);
}

/**
 * MathVision's standard prompt for one item, as the benchmark's evaluation suites ask it: solve step by
 * step and put the answer in one `\boxed{}`, the question, and the choices as `A. …` lines, with only
 * one letter allowed in the box for a multiple-choice item. Choices that are only their own letters
 * (drawn in the picture) are named rather than listed, as MathVision's own scripts do.
 */
export function mathVisionPrompt(
  item: Pick<EvalItem, 'question' | 'options'>,
  locale: Locale = 'en',
): string {
  const question = withoutPlaceholders(item.question);
  const letters = item.options.map((_, index) => LETTERS[index]).join(', ');
  const choices =
    item.options.length === 0
      ? ''
      : isLettersOnly(item.options)
        ? `\n${locale === 'zh' ? '选项' : 'Choices'}: ${letters}`
        : `\n${locale === 'zh' ? '选项' : 'Choices'}:\n${item.options.map((option, index) => `${LETTERS[index]}. ${option}`).join('\n')}`;
  if (locale === 'zh') {
    const multipleChoice = item.options.length > 0 ? '如果是选择题，\\boxed{} 里只写一个选项字母。' : '';
    return `请一步一步解题，并把最终答案写在一个 "\\boxed{}" 里。${multipleChoice}\n${question}${choices}`;
  }
  const multipleChoice =
    item.options.length > 0
      ? ' If it is a multiple choice question, only one letter is allowed in the "\\boxed{}".'
      : '';
  return `Please solve the problem step by step and put your answer in one "\\boxed{}".${multipleChoice}\n${question}${choices}`;
}

/**
 * The question as Seer's number-pattern task (`math-pattern`) reads it when an eval runs with
 * `--template math-pattern`: the placeholders dropped and the options listed.
 */
export function taskQuestion(item: Pick<EvalItem, 'question' | 'options'>): string {
  const question = withoutPlaceholders(item.question);
  if (item.options.length === 0) return question;
  return `${question}\n\nOptions:\n${item.options.map((option, index) => `(${LETTERS[index]}) ${option}`).join('\n')}\nAnswer with the option's letter.`;
}

/**
 * The evaluation's own task: the request's question is the whole prompt, sent after the picture as it
 * is ({@link mathVisionPrompt} writes it), so that results compare with published MathVision figures.
 * It is offered to `seer eval` only, not listed among the playground's tasks.
 */
export const mathVisionTemplate: Template = {
  id: 'mathvision',
  title: { en: 'MathVision (standard prompt)', zh: 'MathVision（标准提示词）' },
  description: {
    en: "A MathVision item asked with the benchmark's standard prompt.",
    zh: '用 MathVision 基准的标准提示词提问。',
  },
  media: { image: { min: 1, max: 8 }, video: { min: 0, max: 0 }, allowsMixing: false },
  question: 'required',
  buildPrompt: (input) => input.question ?? '',
};
