import { checkMediaRules, type MediaRules, type TemplateDescription } from '@seer/core';
import type { Locale } from './i18n';
import { describeCountRange, describeMediaCounts, type MediaCounts, mediaWords } from './media-words';

/** "up to 8 images or one video, not both", "exactly one video and no images". */
function describeLimits(rules: MediaRules, locale: Locale): string {
  const words = mediaWords[locale];
  const images = describeCountRange(rules.image, 'image', locale, { stressesExact: true });
  const video = describeCountRange(rules.video, 'video', locale, { stressesExact: true });
  if (rules.image.max > 0 && rules.video.max > 0) {
    return rules.allowsMixing
      ? `${images}${words.and}${video}`
      : words.notBoth(`${images}${words.or}${video}`);
  }
  if (rules.video.max > 0) return words.withoutImages(video);
  return words.withoutVideo(images);
}

/**
 * Says what is wrong with the added media for a task, or undefined when they fit its rules. The check
 * is core's `checkMediaRules`, the one the server runs before it runs anything; only the wording, in
 * English or Chinese, is the playground's.
 *
 * @example
 * describeMediaProblem(videoNarration, { image: 2, video: 0 });
 * // 'Video narration needs exactly one video and no images (added: 2 images).'
 * describeMediaProblem(videoNarration, { image: 2, video: 0 }, 'zh');
 * // '“视频讲述”需要 恰好 1 段视频，不能有图片（已添加：2 张图片）。'
 */
export function describeMediaProblem(
  template: Pick<TemplateDescription, 'title' | 'media'>,
  counts: MediaCounts,
  locale: Locale = 'en',
): string | undefined {
  if (checkMediaRules(template, counts) === undefined) return undefined;
  const rules = template.media;
  const isNeeded = rules.image.min > 0 || rules.video.min > 0;
  const added = describeMediaCounts(counts, locale);
  return mediaWords[locale].problem(template.title[locale], isNeeded, describeLimits(rules, locale), added);
}
