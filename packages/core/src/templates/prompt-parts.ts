import type { Locale } from '../contract/templates';

/**
 * The closing line that sets the language of the answer: the locale decides it, whatever language the
 * question was typed in.
 */
export function answerLanguageLine(locale: Locale): string {
  return locale === 'zh' ? '请用简体中文作答。' : 'Write your answer in English.';
}

/**
 * The paragraph that passes on the person's own question to a task template, or `undefined` when there is
 * none (or it is only whitespace).
 */
export function extraQuestionParagraph(locale: Locale, question: string | undefined): string | undefined {
  const text = typeof question === 'string' ? question.trim() : '';
  if (!text) return undefined;
  return locale === 'zh'
    ? `对方还特别问了一个问题：“${text}”\n请在回答里一并解答。`
    : `The person also asks: "${text}"\nAnswer this too, as part of your response.`;
}

/** Joins the prompt's paragraphs with blank lines, leaving out the ones that are absent. */
export function joinParagraphs(paragraphs: ReadonlyArray<string | undefined | false>): string {
  return paragraphs
    .filter((paragraph): paragraph is string => typeof paragraph === 'string' && !!paragraph)
    .join('\n\n');
}

/** How many items of `type` the prompt input holds; a prompt speaks of "this image" or "these 3 images". */
export function countMedia(
  media: ReadonlyArray<{ type: string }> | undefined,
  type: 'image' | 'video',
): number {
  return Array.isArray(media) ? media.filter((item) => item?.type === type).length : 0;
}
