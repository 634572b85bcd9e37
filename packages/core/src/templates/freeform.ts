import { answerLanguageLine, countMedia, joinParagraphs } from './prompt-parts';
import type { PromptInput, Template } from './template';

function buildFreeformPrompt(input: PromptInput): string {
  const question = typeof input.question === 'string' ? input.question.trim() : '';
  const images = countMedia(input.media, 'image');
  const hasVideo = countMedia(input.media, 'video') > 0;
  const isChinese = input.locale === 'zh';
  let guidance: string | undefined;
  if (hasVideo) {
    guidance = isChinese
      ? '上面的画面是从一段视频里按时间顺序抽取的。请结合看到的内容作答，拿不准的地方请说明。'
      : 'The frames above were sampled in order from one video. Base your answer on what you can see, and say when something is uncertain.';
  } else if (images > 0) {
    guidance = isChinese
      ? '请结合上面的图片作答，拿不准的地方请说明。'
      : `Base your answer on what you can see in the ${images === 1 ? 'image' : 'images'} above, and say when something is uncertain.`;
  }
  // The question is required by the template; an empty one still yields a sensible prompt.
  const fallback = isChinese ? '请描述上面的内容。' : 'Describe what is shown above.';
  return joinParagraphs([question || fallback, guidance, answerLanguageLine(input.locale)]);
}

/** Freeform: the person's own question about up to 8 images or one video (not both). */
export const freeformTemplate: Template = {
  id: 'freeform',
  title: { en: 'Freeform', zh: '自由提问' },
  description: {
    en: 'Ask your own question about up to 8 images or one video.',
    zh: '针对最多 8 张图片或一段视频，提出你自己的问题。',
  },
  media: { image: { min: 0, max: 8 }, video: { min: 0, max: 1 }, allowsMixing: false },
  question: 'required',
  buildPrompt: buildFreeformPrompt,
};
