import type { MediaRules } from '@seer/core';

/** "1 to 4 images", "up to 8 images", "one video", "2 images". */
function count(range: { min: number; max: number }, noun: string): string {
  const plural = range.max === 1 ? noun : `${noun}s`;
  if (range.min === range.max) return `${range.min} ${plural}`;
  if (range.min <= 0) return range.max === 1 ? `one ${noun}` : `up to ${range.max} ${plural}`;
  return `${range.min} to ${range.max} ${plural}`;
}

/**
 * What a template takes, as a short sentence for the task picker.
 *
 * @example
 * describeMediaNeeds({ image: { min: 1, max: 4 }, video: { min: 0, max: 0 }, allowsMixing: false });
 * // 'Takes 1 to 4 images.'
 */
export function describeMediaNeeds(rules: MediaRules): string {
  const takesImages = rules.image.max > 0;
  const takesVideo = rules.video.max > 0;
  if (takesImages && takesVideo) {
    const joiner = rules.allowsMixing ? 'and' : 'or';
    return `Takes ${count(rules.image, 'image')} ${joiner} ${count(rules.video, 'video')}.`;
  }
  if (takesVideo) return `Takes ${count(rules.video, 'video')}.`;
  if (takesImages) return `Takes ${count(rules.image, 'image')}.`;
  return 'Takes no media.';
}
