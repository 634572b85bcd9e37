import type { MediaRules } from '@seer/core';

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

/**
 * Says what is wrong with the added media for a task, or undefined when they fit its rules (the same
 * rules the server checks before it runs anything).
 *
 * @example
 * describeMediaProblem('Video narration', videoNarration.media, { image: 2, video: 0 });
 * // 'Video narration needs exactly one video and no images (added: 2 images).'
 */
export function describeMediaProblem(
  title: string,
  rules: MediaRules,
  counts: MediaCounts,
): string | undefined {
  const fits = (count: number, range: { min: number; max: number }) =>
    count >= range.min && count <= range.max;
  const isMixed = !rules.allowsMixing && counts.image > 0 && counts.video > 0;
  if (fits(counts.image, rules.image) && fits(counts.video, rules.video) && !isMixed) return undefined;
  const verb = rules.image.min > 0 || rules.video.min > 0 ? 'needs' : 'takes';
  return `${title} ${verb} ${needsOf(rules)} (added: ${addedOf(counts)}).`;
}
