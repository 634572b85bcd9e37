import { cleanAnswerLine, locateListSection, readParagraph } from '../extract/sections';
import { type MarkRequest, markPlacesParagraph } from './mark-places';
import { answerLanguageLine, countMedia, extraQuestionParagraph, joinParagraphs } from './prompt-parts';
import type { PromptInput, Template } from './template';

/** The things compared, and the places where the pictures differ, are boxed in each picture. */
const COMPARE_MARKS: MarkRequest = { shape: 'box', example: { en: 'the boat', zh: '小船' } };

/** The structured result of a multi-image comparison. */
export type ImageComparisonResult = {
  /** One description per image, in image order. */
  perImage: string[];
  /** The differences, one per item. */
  differences: string[];
  /** The mood of each image, when the answer speaks of it. */
  mood?: string[];
};

const DIFFERENCE_LABELS = [
  'differences',
  'difference',
  'key differences',
  'main differences',
  '差异',
  '区别',
  '不同之处',
  '不同点',
  '主要差异',
  '主要区别',
];

const MOOD_LABELS = [
  'mood',
  'moods',
  'atmosphere',
  'mood and atmosphere',
  '氛围',
  '情绪',
  '意境',
  '氛围与情绪',
];

const CHINESE_NUMERALS = '一二三四五六七八九十';

/**
 * An image label opening a line: `Image 1:`, `Photo 2 (autumn):`, `### Image 3`, `图1：`, `图片 2：`, `第一张：`,
 * `第2张图：`. Group 1 is the number, group 2 the rest of the line.
 */
const IMAGE_LABEL = new RegExp(
  String.raw`^(?:(?:image|picture|photo|pic)\s*#?\s*(\d{1,2}|[${CHINESE_NUMERALS}])|(?:图片?|照片|第)\s*(\d{1,2}|[${CHINESE_NUMERALS}])\s*(?:张|幅)?\s*(?:图片?|照片)?)\s*(?:[(（][^)）]{0,40}[)）])?\s*(?:(?:[:：]|[-–—](?=\s))\s*(.*))?$`,
  'iu',
);

/** Reads `3` or `三` as 3. */
function imageNumber(value: string): number {
  const numeral = CHINESE_NUMERALS.indexOf(value);
  return numeral >= 0 ? numeral + 1 : Number(value);
}

function formatLines(count: number, line: (index: number) => string): string[] {
  return Array.from({ length: count }, (_, index) => line(index + 1));
}

function buildMultiImageComparePrompt(input: PromptInput): string {
  const count = countMedia(input.media, 'image');
  // The format lists one line per image; with an unknown count two lines show the pattern.
  const shown = Math.min(Math.max(count, 2), 8);
  if (input.locale === 'zh') {
    return joinParagraphs([
      count > 0
        ? `上面共有 ${count} 张图片，按出现顺序依次是${count === 2 ? '图1和图2' : `图1到图${count}`}。请仔细比较它们。`
        : '请仔细比较上面这几张图片，按出现顺序依次称为图1、图2……',
      '先一张一张地描述：拍的是什么、在什么地方，光线和色彩如何，是什么季节或时段，有哪些值得注意的细节。再找出它们之间的不同——内容上多了什么、少了什么、变了什么；氛围和情绪上又有什么差别。有共同点的话也可以顺带点出。',
      '只写看得见的东西；拿不准的地方就说明拿不准，别自行脑补。',
      extraQuestionParagraph('zh', input.question),
      [
        '请严格按下面的格式作答：',
        ...formatLines(shown, (index) => `图${index}：<对图${index}的描述>`),
        '差异：',
        '- <每条写一处不同，重要的放在前面>',
        '氛围：',
        ...formatLines(shown, (index) => `- 图${index}：<用几个词概括它的氛围>`),
        '如果这组图片谈不上氛围（比如截图、图表或文档），就省掉“氛围”这一部分。',
      ].join('\n'),
      markPlacesParagraph('zh', input.coordinates, input.media, COMPARE_MARKS),
      answerLanguageLine('zh'),
    ]);
  }
  return joinParagraphs([
    count > 0
      ? `There are ${count} images above, numbered ${count === 2 ? 'Image 1 and Image 2' : `Image 1 to Image ${count}`} in the order shown. Compare them carefully.`
      : 'Compare the images above carefully, numbering them Image 1, Image 2, and so on, in the order shown.',
    'First describe each image on its own: the subject and setting, the light and colours, the season or time of day, and any details worth noticing. Then work out how they differ: in content (what appears, what is gone, what has changed) and in mood or atmosphere. Mention what they have in common if that helps.',
    'Describe only what you can actually see; if something is unclear, say so instead of guessing.',
    extraQuestionParagraph('en', input.question),
    [
      'Format your answer exactly like this:',
      ...formatLines(shown, (index) => `Image ${index}: <description of image ${index}>`),
      'Differences:',
      '- <one difference per item, the most important first>',
      'Mood:',
      ...formatLines(shown, (index) => `- Image ${index}: <its mood or atmosphere, in a few words>`),
      'Leave out the Mood section if mood does not apply to these images (for example, screenshots, charts or documents).',
    ].join('\n'),
    markPlacesParagraph('en', input.coordinates, input.media, COMPARE_MARKS),
    answerLanguageLine('en'),
  ]);
}

/**
 * Reads a comparison's per-image descriptions (`Image 1: …`, `图1：…`, in image order, the first description
 * of each number winning), its `Differences:` / `差异：` list and its `Mood:` / `氛围：` list (with the image
 * labels taken off). Returns `undefined` when none of them is found; never throws.
 *
 * @example
 * extractImageComparison('Image 1: a frozen lake\nImage 2: the lake in summer\nDifferences:\n- ice vs water');
 * // { perImage: ['a frozen lake', 'the lake in summer'], differences: ['ice vs water'] }
 */
export function extractImageComparison(answer: string): ImageComparisonResult | undefined {
  if (typeof answer !== 'string' || !answer.trim()) return undefined;
  const differences = locateListSection(answer, DIFFERENCE_LABELS);
  const mood = locateListSection(answer, MOOD_LABELS);
  const isInSection = (index: number) =>
    [differences, mood].some((section) => section && index >= section.start && index <= section.end);

  const lines = answer.split(/\r?\n/);
  const descriptions = new Map<number, string>();
  lines.forEach((raw, index) => {
    if (isInSection(index)) return;
    const match = IMAGE_LABEL.exec(cleanAnswerLine(raw).text);
    if (!match) return;
    const number = imageNumber(match[1] ?? match[2] ?? '');
    if (!Number.isFinite(number) || descriptions.has(number)) return;
    const inline = (match[3] ?? '').trim();
    const text = [inline, ...readParagraph(lines, index + 1, inline === '')].join(' ').trim();
    if (text) descriptions.set(number, text);
  });

  const perImage = [...descriptions.entries()].sort(([a], [b]) => a - b).map(([, text]) => text);
  const moods = mood?.items.map((item) => {
    const labelled = IMAGE_LABEL.exec(item);
    return labelled?.[3]?.trim() || item;
  });
  if (perImage.length === 0 && !differences && !moods) return undefined;
  return {
    perImage,
    differences: differences?.items ?? [],
    ...(moods ? { mood: moods } : {}),
  };
}

/** Multi-image comparison: what each of 2–8 images shows and how they differ in content and mood. */
export const multiImageCompareTemplate: Template = {
  id: 'multi-image-compare',
  title: { en: 'Multi-image comparison', zh: '多图对比' },
  description: {
    en: 'Describes each of 2 to 8 images and how they differ in content and mood.',
    zh: '逐张描述 2 到 8 张图片，并比较它们在内容和氛围上的差异。',
  },
  media: { image: { min: 2, max: 8 }, video: { min: 0, max: 0 }, allowsMixing: false },
  question: 'optional',
  buildPrompt: buildMultiImageComparePrompt,
  extractResult: (answer) => extractImageComparison(answer),
};
