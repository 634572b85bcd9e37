import type { Locale } from './i18n';

/** A kind of media item, as the sentences name it. */
export type MediaKind = 'image' | 'video';

/** How many items of each kind are added. */
export interface MediaCounts {
  image: number;
  video: number;
}

/** The fewest and the most items of one kind a task takes. */
export interface CountRange {
  min: number;
  max: number;
}

/**
 * The pieces the media sentences are made of, in one language: the task picker's "Takes up to 8 images
 * or one video." and the refusal "Video narration needs exactly one video and no images (added: 2
 * images)."
 */
export interface MediaWords {
  /** "2 images", "1 video". */
  count: (count: number, kind: MediaKind) => string;
  /** A count that must be met exactly, stressed: "exactly one video". */
  exactly: (count: number, kind: MediaKind) => string;
  /** Where at most one may be added: "one video". */
  atMostOne: (kind: MediaKind) => string;
  /** "up to 8 images". */
  upTo: (max: number, kind: MediaKind) => string;
  /** "1 to 2 images". */
  between: (min: number, max: number, kind: MediaKind) => string;
  /** Between the counts of what was added: "2 images and 1 video". */
  listJoiner: string;
  /** What was added, when nothing was. */
  nothingAdded: string;
  /** Between the two kinds when both may come together. */
  and: string;
  /** Between the two kinds when only one of them may come. */
  or: string;
  /** The task picker's sentence around what a task takes. */
  takes: (what: string) => string;
  /** The task picker's sentence for a task without media. */
  takesNothing: string;
  /** What a task takes when one kind rules out the other. */
  notBoth: (what: string) => string;
  /** What a task takes when it takes no images. */
  withoutImages: (what: string) => string;
  /** What a task takes when it takes no video. */
  withoutVideo: (what: string) => string;
  /** The refusal: the task, whether it needs the media or only takes them, what it takes, what was added. */
  problem: (title: string, isNeeded: boolean, takes: string, added: string) => string;
}

const numberWords = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'];

const noun = (count: number, kind: MediaKind) => (count === 1 ? kind : `${kind}s`);

const english: MediaWords = {
  count: (count, kind) => `${count} ${noun(count, kind)}`,
  exactly: (count, kind) => `exactly ${numberWords[count] ?? count} ${noun(count, kind)}`,
  atMostOne: (kind) => `one ${kind}`,
  upTo: (max, kind) => `up to ${max} ${noun(max, kind)}`,
  between: (min, max, kind) => `${min} to ${max} ${noun(max, kind)}`,
  listJoiner: ' and ',
  nothingAdded: 'none',
  and: ' and ',
  or: ' or ',
  takes: (what) => `Takes ${what}.`,
  takesNothing: 'Takes no media.',
  notBoth: (what) => `${what}, not both`,
  withoutImages: (what) => `${what} and no images`,
  withoutVideo: (what) => `${what} and no video`,
  problem: (title, isNeeded, takes, added) =>
    `${title} ${isNeeded ? 'needs' : 'takes'} ${takes} (added: ${added}).`,
};

const units: Record<MediaKind, string> = { image: '张图片', video: '段视频' };

const chinese: MediaWords = {
  count: (count, kind) => `${count} ${units[kind]}`,
  exactly: (count, kind) => `恰好 ${count} ${units[kind]}`,
  atMostOne: (kind) => `1 ${units[kind]}`,
  upTo: (max, kind) => `最多 ${max} ${units[kind]}`,
  between: (min, max, kind) => `${min} 到 ${max} ${units[kind]}`,
  listJoiner: '、',
  nothingAdded: '无',
  and: ' 和 ',
  or: ' 或 ',
  takes: (what) => `可添加 ${what}。`,
  takesNothing: '无需媒体。',
  notBoth: (what) => `${what}（不能同时添加）`,
  withoutImages: (what) => `${what}，不能有图片`,
  withoutVideo: (what) => `${what}，不能有视频`,
  problem: (title, isNeeded, takes, added) =>
    `“${title}”${isNeeded ? '需要' : '可添加'} ${takes}（已添加：${added}）。`,
};

/** The media sentences' words, by locale. */
export const mediaWords: Record<Locale, MediaWords> = { en: english, zh: chinese };

/**
 * How many of one kind a task takes: "1 to 2 images", "up to 8 images", "one video". An exact count
 * reads "1 video" where the picker lists what a task takes, and is stressed ("exactly one video")
 * where a refusal says what it needs.
 *
 * @example
 * describeCountRange({ min: 1, max: 1 }, 'video', 'en', { stressesExact: true }); // 'exactly one video'
 */
export function describeCountRange(
  range: CountRange,
  kind: MediaKind,
  locale: Locale,
  { stressesExact }: { stressesExact: boolean },
): string {
  const words = mediaWords[locale];
  if (range.min === range.max) {
    return stressesExact ? words.exactly(range.min, kind) : words.count(range.min, kind);
  }
  if (range.min <= 0) return range.max === 1 ? words.atMostOne(kind) : words.upTo(range.max, kind);
  return words.between(range.min, range.max, kind);
}

/**
 * What was added, counted: "2 images and 1 video", "1 video", or "none".
 *
 * @example
 * describeMediaCounts({ image: 2, video: 1 }, 'zh'); // '2 张图片、1 段视频'
 */
export function describeMediaCounts(counts: MediaCounts, locale: Locale): string {
  const words = mediaWords[locale];
  const parts: string[] = [];
  if (counts.image > 0) parts.push(words.count(counts.image, 'image'));
  if (counts.video > 0) parts.push(words.count(counts.video, 'video'));
  return parts.length > 0 ? parts.join(words.listJoiner) : words.nothingAdded;
}

/**
 * How many of each kind `items` hold.
 *
 * @example
 * countMedia([{ kind: 'image' }, { kind: 'video' }]); // { image: 1, video: 1 }
 */
export function countMedia(items: ReadonlyArray<{ kind: MediaKind }>): MediaCounts {
  const video = items.filter((item) => item.kind === 'video').length;
  return { image: items.length - video, video };
}
