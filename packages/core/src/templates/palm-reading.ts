import type { Locale } from '../contract/templates';
import { findLabeledValue, findListSection } from '../extract/sections';
import { type MarkRequest, markPlacesParagraph } from './mark-places';
import { answerLanguageLine, countMedia, extraQuestionParagraph, joinParagraphs } from './prompt-parts';
import type { PromptInput, Template } from './template';

/** Each palm line read is marked as a path along it. */
const PALM_MARKS: MarkRequest = { shape: 'path', example: { en: 'heart line', zh: '感情线' } };

/** The structured result of a palm reading. */
export type PalmReadingResult = {
  /** Personality traits, one per item. */
  traits: string[];
  /** What each major line looks like and suggests; a line the answer does not cover is absent. */
  lines: { heart?: string; head?: string; life?: string; fate?: string };
  /** Always present: palm reading is for entertainment only. */
  disclaimer: string;
};

/** The labels each palm line may carry in an answer, in English and Chinese. */
const LINE_LABELS = {
  heart: ['heart line', 'line of heart', 'love line', '感情线', '爱情线', '心线'],
  head: ['head line', 'headline', 'line of head', 'wisdom line', '智慧线', '头脑线', '脑线'],
  life: ['life line', 'lifeline', 'line of life', '生命线'],
  fate: [
    'fate line',
    'line of fate',
    'destiny line',
    'career line',
    'saturn line',
    '事业线',
    '命运线',
    '玉柱线',
  ],
} as const;

const TRAIT_LABELS = [
  'traits',
  'personality traits',
  'character traits',
  'key traits',
  '性格特点',
  '性格特征',
  '个性特点',
  '性格',
];

/** The disclaimer every palm-reading result carries. */
export const PALM_READING_DISCLAIMER: Readonly<Record<Locale, string>> = {
  en: 'For entertainment only.',
  zh: '仅供娱乐。',
};

function buildPalmReadingPrompt(input: PromptInput): string {
  const isPair = countMedia(input.media, 'image') === 2;
  if (input.locale === 'zh') {
    return joinParagraphs([
      isPair
        ? '上面两张照片分别是左手和右手的手掌（第一张左手，第二张右手）。请根据照片里真正看得到的掌纹，来一段轻松有趣、温暖贴心的手相解读。'
        : '上面是一张手掌的照片。请根据照片里真正看得到的掌纹，来一段轻松有趣、温暖贴心的手相解读。',
      '仔细看看几条主要掌纹：感情线、智慧线、生命线，如果有事业线也一并看看。留意每条线的长短、深浅、弧度和走向，有没有分叉、断开或交叉。手形、手指和掌丘看得清的话，也可以顺带聊几句。',
      isPair &&
        '两只手请对照着看。老话说“左手看先天，右手看后天”，可以聊聊两只手的异同：天生的底子和后来的变化各是什么样。',
      '每一句解读都要落在一个看得见的特征上，并点明是哪一处。哪条线看不清或被挡住了，就直说，别凭空编。要是照片里根本不是手掌，简单说明一下就好，不必硬解。',
      '语气要亲切、俏皮、多鼓励，别预言疾病、寿命或灾祸。记得在解读里说明：看手相仅供娱乐，没有科学依据，也不能当作任何建议。',
      extraQuestionParagraph('zh', input.question),
      [
        '最后请严格按下面的格式收尾，每条掌纹单独一行（看不到事业线就省掉那一行）：',
        '感情线：<它的样子，以及寓意>',
        '智慧线：<它的样子，以及寓意>',
        '生命线：<它的样子，以及寓意>',
        '事业线：<它的样子，以及寓意>',
        '性格特点：',
        '- <一个特点，一句话说明>',
        '- <一共列 3 到 5 条>',
      ].join('\n'),
      markPlacesParagraph('zh', input.coordinates, input.media, PALM_MARKS),
      answerLanguageLine('zh'),
    ]);
  }
  return joinParagraphs([
    isPair
      ? 'The two photos above show the left palm (first photo) and the right palm (second photo) of one person. Give a playful, warm palm reading based on what you can actually see.'
      : 'The photo above shows an open palm. Give a playful, warm palm reading based on what you can actually see.',
    'Look closely at the major lines: the heart line, the head line, the life line, and the fate line if there is one. Note how long, deep and curved each is, where it starts and ends, and any forks, breaks or crossings. If the shape of the hand, the fingers or the mounts are clear, you may read those too.',
    isPair &&
      'Read the two hands side by side. Palmists say the non-dominant hand shows what you were born with and the dominant hand what you have made of it, so talk about what the two palms share and where they differ.',
    'Tie every remark to a feature you can see, and say which one. If a line is faint, hidden or out of frame, say so rather than invent it. If the photo does not show a palm at all, just say so briefly.',
    'Keep the tone kind, light-hearted and encouraging, and make no predictions about illness, lifespan or misfortune. Say clearly in your reading that palm reading is for entertainment only: it is not science and not advice.',
    extraQuestionParagraph('en', input.question),
    [
      'End your answer with these sections, in exactly this form, one line per palm line (leave out the fate line if it is not visible):',
      'Heart line: <what it looks like and what it suggests>',
      'Head line: <what it looks like and what it suggests>',
      'Life line: <what it looks like and what it suggests>',
      'Fate line: <what it looks like and what it suggests>',
      'Traits:',
      '- <a trait, with a short explanation>',
      '- <3 to 5 traits in all>',
    ].join('\n'),
    markPlacesParagraph('en', input.coordinates, input.media, PALM_MARKS),
    answerLanguageLine('en'),
  ]);
}

/**
 * Reads a palm reading's line sections (`Heart line: …`, `感情线：…`) and its `Traits:` / `性格特点：` list.
 * Always returns a result, since the disclaimer is always owed; the missing pieces are simply absent.
 *
 * @example
 * extractPalmReading('Heart line: long and curved\nTraits:\n- warm', 'en');
 * // { traits: ['warm'], lines: { heart: 'long and curved' }, disclaimer: 'For entertainment only.' }
 */
export function extractPalmReading(answer: string, locale: Locale): PalmReadingResult {
  const text = typeof answer === 'string' ? answer : '';
  const lines: PalmReadingResult['lines'] = {};
  for (const key of ['heart', 'head', 'life', 'fate'] as const) {
    const value = findLabeledValue(text, LINE_LABELS[key]);
    if (value) lines[key] = value;
  }
  return {
    traits: findListSection(text, TRAIT_LABELS, { splitInline: true }) ?? [],
    lines,
    disclaimer: PALM_READING_DISCLAIMER[locale === 'zh' ? 'zh' : 'en'],
  };
}

/** Palm reading: a playful reading of the lines on one or both palms (1–2 images, no video). */
export const palmReadingTemplate: Template = {
  id: 'palm-reading',
  title: { en: 'Palm reading', zh: '手相解读' },
  description: {
    en: 'A playful, warm reading of the lines on one or both palms, for entertainment only.',
    zh: '根据一只或两只手掌的掌纹，来一段轻松有趣的解读，仅供娱乐。',
  },
  media: { image: { min: 1, max: 2 }, video: { min: 0, max: 0 }, allowsMixing: false },
  question: 'optional',
  buildPrompt: buildPalmReadingPrompt,
  extractResult: extractPalmReading,
};
