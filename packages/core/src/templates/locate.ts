import type { Locale } from '../contract/templates';
import { findLabeledValue } from '../extract/sections';
import { markPlacesParagraph } from './mark-places';
import { answerLanguageLine, countMedia, joinParagraphs } from './prompt-parts';
import type { PromptInput, Template } from './template';

/** The structured result of Find and mark, besides its `regions`. */
export type LocateResult = {
  /** How many the model says it found, from its `Count:` line. */
  count?: number;
};

function buildLocatePrompt(input: PromptInput): string {
  const target = typeof input.question === 'string' ? input.question.trim() : '';
  const images = countMedia(input.media, 'image');
  const mark = markPlacesParagraph(input.locale, input.coordinates, input.media, {
    shape: 'box',
    example: { en: 'red car', zh: '红色汽车' },
  });
  if (input.locale === 'zh') {
    return joinParagraphs([
      `请在${images > 1 ? `这 ${images} 张图片` : '这张图片'}里找出每一个“${target || '值得注意的东西'}”。`,
      '一个不漏，也不要把不是的算进去。被挡住一部分或很小的也算，但要说明。每找到一个，用一句话说清它在哪里、什么样子，名字前后保持一致。如果一个也没有，就直说。',
      '最后单独一行写：数量：<找到的总数>',
      mark,
      answerLanguageLine('zh'),
    ]);
  }
  return joinParagraphs([
    `Find every instance of “${target || 'anything notable'}” in ${images > 1 ? `these ${images} images` : 'this image'}.`,
    'Miss none, and count nothing that is not one. Partly hidden or small ones count, but say so. For each one you find, say in a sentence where it is and what it looks like, naming it the same way each time. If there are none, say so.',
    'Then write, on a line of its own: Count: <how many you found>',
    mark,
    answerLanguageLine('en'),
  ]);
}

/**
 * Reads the `Count:` / `数量：` line of a Find and mark answer; the places themselves come as the
 * result's `regions`.
 *
 * @example
 * extractLocate('Two cars, one by the tree.\nCount: 2'); // { count: 2 }
 */
export function extractLocate(answer: string): LocateResult {
  const value = findLabeledValue(typeof answer === 'string' ? answer : '', [
    'count',
    'total',
    '数量',
    '总数',
  ]);
  const count = value === undefined ? Number.NaN : Number.parseInt(value.replace(/[^\d]/g, ''), 10);
  return Number.isFinite(count) ? { count } : {};
}

/** Find and mark: every instance of what the person names, each boxed on the picture (1–8 images). */
export const locateTemplate: Template = {
  id: 'locate',
  title: { en: 'Find and mark', zh: '查找并标出' },
  description: {
    en: 'Find every instance of what you name in up to 8 images, each one boxed on the picture.',
    zh: '在最多 8 张图片里找出你说的每一个东西，并在图上框出来。',
  },
  media: { image: { min: 1, max: 8 }, video: { min: 0, max: 0 }, allowsMixing: false },
  question: 'required',
  buildPrompt: buildLocatePrompt,
  extractResult: (answer: string, _locale: Locale) => extractLocate(answer),
};
