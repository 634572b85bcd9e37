import type { MediaRules } from '@seer/core';
import type { Locale } from './i18n';

/** How many items of each kind are added. */
export interface MediaCounts {
  image: number;
  video: number;
}

const numberWords = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'];

/** "one video", "2 images": small counts in words, as a sentence reads them. */
function countOf(count: number, noun: string, inWords = true): string {
  const number = inWords ? (numberWords[count] ?? String(count)) : String(count);
  return `${number} ${count === 1 ? noun : `${noun}s`}`;
}

/** "exactly one video", "1 to 2 images", "up to 8 images", "one video" (when it may be none too). */
function rangeOf(range: { min: number; max: number }, noun: string): string {
  if (range.min === range.max) return `exactly ${countOf(range.min, noun)}`;
  if (range.min <= 0) return range.max === 1 ? countOf(1, noun) : `up to ${countOf(range.max, noun, false)}`;
  return `${range.min} to ${countOf(range.max, noun, false)}`;
}

/** "exactly one video and no images", "up to 8 images or one video, not both". */
function needsOf(rules: MediaRules): string {
  const images = rangeOf(rules.image, 'image');
  const video = rangeOf(rules.video, 'video');
  if (rules.image.max > 0 && rules.video.max > 0) {
    return rules.allowsMixing ? `${images} and ${video}` : `${images} or ${video}, not both`;
  }
  if (rules.video.max > 0) return `${video} and no images`;
  return `${images} and no video`;
}

/** "2 images and 1 video", "1 video", "none". */
function addedOf(counts: MediaCounts): string {
  const parts = [];
  if (counts.image > 0) parts.push(countOf(counts.image, 'image', false));
  if (counts.video > 0) parts.push(countOf(counts.video, 'video', false));
  return parts.length > 0 ? parts.join(' and ') : 'none';
}

/** "恰好 1 段视频", "1 到 2 张图片", "最多 8 张图片", "1 段视频": `rangeOf` in Chinese. */
function rangeOfZh(range: { min: number; max: number }, unit: string): string {
  if (range.min === range.max) return `恰好 ${range.min} ${unit}`;
  if (range.min <= 0) return range.max === 1 ? `1 ${unit}` : `最多 ${range.max} ${unit}`;
  return `${range.min} 到 ${range.max} ${unit}`;
}

/** What a task takes, and what was added, in Chinese. */
function describeZh(title: string, rules: MediaRules, counts: MediaCounts, needs: boolean): string {
  const images = rangeOfZh(rules.image, '张图片');
  const video = rangeOfZh(rules.video, '段视频');
  let takes: string;
  if (rules.image.max > 0 && rules.video.max > 0) {
    takes = rules.allowsMixing ? `${images} 和 ${video}` : `${images} 或 ${video}（不能同时添加）`;
  } else if (rules.video.max > 0) takes = `${video}，不能有图片`;
  else takes = `${images}，不能有视频`;
  const parts = [];
  if (counts.image > 0) parts.push(`${counts.image} 张图片`);
  if (counts.video > 0) parts.push(`${counts.video} 段视频`);
  const added = parts.length > 0 ? parts.join('、') : '无';
  return `“${title}”${needs ? '需要' : '可添加'} ${takes}（已添加：${added}）。`;
}

/**
 * Says what is wrong with the added media for a task, or undefined when they fit its rules (the same
 * rules the server checks before it runs anything), in English or Chinese.
 *
 * @example
 * describeMediaProblem('Video narration', videoNarration.media, { image: 2, video: 0 });
 * // 'Video narration needs exactly one video and no images (added: 2 images).'
 * describeMediaProblem('视频讲述', videoNarration.media, { image: 2, video: 0 }, 'zh');
 * // '“视频讲述”需要 恰好 1 段视频，不能有图片（已添加：2 张图片）。'
 */
export function describeMediaProblem(
  title: string,
  rules: MediaRules,
  counts: MediaCounts,
  locale: Locale = 'en',
): string | undefined {
  const fits = (count: number, range: { min: number; max: number }) =>
    count >= range.min && count <= range.max;
  const isMixed = !rules.allowsMixing && counts.image > 0 && counts.video > 0;
  if (fits(counts.image, rules.image) && fits(counts.video, rules.video) && !isMixed) return undefined;
  const isNeeded = rules.image.min > 0 || rules.video.min > 0;
  if (locale === 'zh') return describeZh(title, rules, counts, isNeeded);
  const verb = isNeeded ? 'needs' : 'takes';
  return `${title} ${verb} ${needsOf(rules)} (added: ${addedOf(counts)}).`;
}
