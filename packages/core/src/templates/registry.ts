import type { MediaRules, TemplateDescription } from '../contract/templates';
import { freeformTemplate } from './freeform';
import { locateTemplate } from './locate';
import { mathPatternTemplate } from './math-pattern';
import { multiImageCompareTemplate } from './multi-image-compare';
import { palmReadingTemplate } from './palm-reading';
import type { Template } from './template';
import { videoNarrationTemplate } from './video-narration';

/** The built-in templates, in the order of `BUILT_IN_TEMPLATE_IDS`. */
export const builtInTemplates: readonly Template[] = Object.freeze([
  palmReadingTemplate,
  multiImageCompareTemplate,
  mathPatternTemplate,
  videoNarrationTemplate,
  locateTemplate,
  freeformTemplate,
]);

const templatesById = new Map(builtInTemplates.map((template) => [template.id, template]));

/**
 * Returns the built-in template with this id, or `undefined` for an unknown one (the API's `unknown_template`).
 *
 * @example
 * getTemplate('math-pattern')?.title.en; // 'Math patterns'
 */
export function getTemplate(id: string): Template | undefined {
  return templatesById.get(id);
}

/**
 * Finds a template among the built-in ones and the given custom ones (built-in ids cannot be taken).
 */
export function findTemplate(id: string, custom: readonly Template[] = []): Template | undefined {
  return templatesById.get(id) ?? custom.find((template) => template.id === id);
}

/** Returns the built-in templates in their listing order, as a new array the caller may change. */
export function listTemplates(): Template[] {
  return [...builtInTemplates];
}

/** How many media items of each kind a request holds. */
export type MediaCounts = { image: number; video: number };

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** "1 to 2 images", "exactly 1 video", "up to 8 images", "no images", "no video". */
function describeRange(range: { min: number; max: number }, noun: 'image' | 'video'): string {
  // "No video" reads as the kind of input, "no images" as a count of items.
  if (range.max <= 0) return noun === 'image' ? 'no images' : 'no video';
  if (range.min === range.max) return `exactly ${plural(range.min, noun)}`;
  if (range.min <= 0) return range.max === 1 ? `up to 1 ${noun}` : `up to ${range.max} ${noun}s`;
  return `${range.min} to ${range.max} ${noun}s`;
}

/**
 * What a task takes, in words, for its error messages and `seer tasks`: "1 to 2 images and no video",
 * "up to 8 images or 1 video, not both".
 */
export function describeMediaRules(rules: MediaRules): string {
  const takesImages = rules.image.max > 0;
  const takesVideo = rules.video.max > 0;
  if (takesImages && takesVideo && !rules.allowsMixing) {
    const video = rules.video.max === 1 ? '1 video' : `up to ${rules.video.max} videos`;
    return `${describeRange(rules.image, 'image')} or ${video}, not both`;
  }
  const image = describeRange(rules.image, 'image');
  const video = describeRange(rules.video, 'video');
  // The kind the task is about comes first: "exactly 1 video and no images".
  return rules.video.min > 0 && rules.image.min <= 0 ? `${video} and ${image}` : `${image} and ${video}`;
}

/**
 * Checks media counts against a template's rules. Returns a sentence saying what the task needs and what it
 * got when they break the rules (for a 400 `invalid_request`), else `undefined`.
 *
 * @example
 * checkMediaRules(palmReadingTemplate, { image: 0, video: 0 });
 * // 'Palm reading needs 1 to 2 images and no video; got 0 images.'
 */
export function checkMediaRules(
  template: Pick<Template, 'title' | 'media'>,
  counts: MediaCounts,
): string | undefined {
  const { image: imageRule, video: videoRule, allowsMixing } = template.media;
  const images = Number.isFinite(counts.image) ? counts.image : 0;
  const videos = Number.isFinite(counts.video) ? counts.video : 0;
  const isImageCountOK = images >= imageRule.min && images <= imageRule.max;
  const isVideoCountOK = videos >= videoRule.min && videos <= videoRule.max;
  const isMixed = !allowsMixing && images > 0 && videos > 0;
  if (isImageCountOK && isVideoCountOK && !isMixed) return undefined;

  const got: string[] = [];
  if (images > 0 || imageRule.min > 0 || videos === 0) got.push(plural(images, 'image'));
  if (videos > 0 || videoRule.min > 0) got.push(plural(videos, 'video'));
  // Name the required kind first so the sentence reads in the same order as the needs.
  if (videoRule.min > 0 && imageRule.min <= 0) got.reverse();
  return `${template.title.en} needs ${describeMediaRules(template.media)}; got ${got.join(' and ')}.`;
}

/**
 * Describes a template for `GET /v1/templates`: its id, titles, descriptions, media rules and inputs, as plain
 * JSON (copies, so callers cannot change the template through it).
 */
export function describeTemplate(template: Template): TemplateDescription {
  return {
    id: template.id,
    title: { ...template.title },
    description: { ...template.description },
    media: {
      image: { ...template.media.image },
      video: { ...template.media.video },
      allowsMixing: template.media.allowsMixing,
    },
    inputs: { question: template.question },
  };
}
