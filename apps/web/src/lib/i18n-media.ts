import type { MediaRules } from '@seer/core';

/** "1 到 4 张图片", "最多 8 张图片", "1 段视频". */
function count(range: { min: number; max: number }, unit: string, noun: string): string {
  if (range.min === range.max) return `${range.min} ${unit}${noun}`;
  if (range.min <= 0) return range.max === 1 ? `1 ${unit}${noun}` : `最多 ${range.max} ${unit}${noun}`;
  return `${range.min} 到 ${range.max} ${unit}${noun}`;
}

/**
 * What a template takes, in Chinese, for the task picker (the counterpart of `describeMediaNeeds`).
 *
 * @example
 * describeMediaNeedsZh({ image: { min: 1, max: 4 }, video: { min: 0, max: 0 }, allowsMixing: false });
 * // '可添加 1 到 4 张图片。'
 */
export function describeMediaNeedsZh(rules: MediaRules): string {
  const images = count(rules.image, '张', '图片');
  const video = count(rules.video, '段', '视频');
  const takesImages = rules.image.max > 0;
  const takesVideo = rules.video.max > 0;
  if (takesImages && takesVideo) return `可添加 ${images}${rules.allowsMixing ? ' 和 ' : ' 或 '}${video}。`;
  if (takesVideo) return `可添加 ${video}。`;
  if (takesImages) return `可添加 ${images}。`;
  return '无需媒体。';
}
