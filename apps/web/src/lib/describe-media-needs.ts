import type { MediaRules } from '@seer/core';
import type { Locale } from './i18n';
import { describeCountRange, mediaWords } from './media-words';

/**
 * What a template takes, as a short sentence for the task picker, in English or Chinese.
 *
 * @example
 * describeMediaNeeds({ image: { min: 1, max: 4 }, video: { min: 0, max: 0 }, allowsMixing: false });
 * // 'Takes 1 to 4 images.'
 * describeMediaNeeds({ image: { min: 1, max: 4 }, video: { min: 0, max: 0 }, allowsMixing: false }, 'zh');
 * // '可添加 1 到 4 张图片。'
 */
export function describeMediaNeeds(rules: MediaRules, locale: Locale = 'en'): string {
  const words = mediaWords[locale];
  const images = describeCountRange(rules.image, 'image', locale, { stressesExact: false });
  const video = describeCountRange(rules.video, 'video', locale, { stressesExact: false });
  const takesImages = rules.image.max > 0;
  const takesVideo = rules.video.max > 0;
  if (takesImages && takesVideo)
    return words.takes(`${images}${rules.allowsMixing ? words.and : words.or}${video}`);
  if (takesVideo) return words.takes(video);
  if (takesImages) return words.takes(images);
  return words.takesNothing;
}
