import { describe, expect, it } from 'vitest';
import { groundAnswer } from '../grounding/ground-answer';
import { extractLocate, locateTemplate } from './locate';
import { markPlacesParagraph } from './mark-places';
import { mathPatternTemplate } from './math-pattern';
import { palmReadingTemplate } from './palm-reading';
import { videoNarrationTemplate } from './video-narration';

const photo = { type: 'image' as const, width: 1288, height: 966 };

describe('asking the model to mark places', () => {
  it('asks Qwen2.5-VL and QVQ for pixels of the image they see, naming its size', () => {
    const paragraph = markPlacesParagraph('en', 'pixels', [photo], {
      shape: 'box',
      example: { en: 'boat', zh: '小船' },
    });
    expect(paragraph).toContain('"bbox_2d"');
    expect(paragraph).toContain('1288×966 pixels');
    expect(paragraph).not.toContain('0–1000');
  });

  it('asks Qwen3-VL and other models for the 0–1000 grid, in English and Chinese', () => {
    const en = markPlacesParagraph('en', 'grid-1000', [photo, photo], {
      shape: 'point',
      example: { en: 'x', zh: 'x' },
    });
    expect(en).toContain('0–1000');
    expect(en).toContain('"image": 1');
    expect(en).toContain('"point_2d"');
    const zh = markPlacesParagraph('zh', 'grid-1000', [photo], {
      shape: 'path',
      example: { en: 'x', zh: '感情线' },
    });
    expect(zh).toContain('0 到 1000');
    expect(zh).toContain('"points_2d"');
    expect(zh).toContain('感情线');
  });

  it("gives an example that Seer's own reader places on the picture", () => {
    const paragraph = markPlacesParagraph('en', 'pixels', [photo], {
      shape: 'box',
      example: { en: 'boat', zh: '' },
    })!;
    const example = paragraph.slice(paragraph.indexOf('```'));
    const grounded = groundAnswer(example, [{ index: 0, tokens: 1, bytes: 1, ...photo }], 'pixels');
    expect(grounded.dropped).toBe(0);
    expect(grounded.regions).toMatchObject([{ label: 'boat', box: expect.any(Array) }]);
  });

  it('asks nothing when the model is not known (the evaluation prompts stay as they were)', () => {
    expect(
      markPlacesParagraph('en', undefined, [photo], { shape: 'box', example: { en: '', zh: '' } }),
    ).toBeUndefined();
    const prompt = mathPatternTemplate.buildPrompt({ locale: 'en', media: [photo] });
    expect(prompt).not.toContain('bbox_2d');
    expect(prompt).toContain('Write nothing after the box.');
  });

  it('is part of the palm reading, the math puzzle, the narration and Find and mark', () => {
    const input = { locale: 'en' as const, media: [photo], coordinates: 'pixels' as const, question: 'cars' };
    expect(palmReadingTemplate.buildPrompt(input)).toContain('"points_2d"');
    expect(mathPatternTemplate.buildPrompt(input)).toContain('After the box, write only the JSON block');
    expect(locateTemplate.buildPrompt(input)).toMatch(/^Find every instance of “cars” in this image\./);
    const video = { type: 'video' as const, width: 644, height: 364, frameTimestamps: [0, 0.5, 1] };
    expect(videoNarrationTemplate.buildPrompt({ ...input, media: [video] })).toContain('"frame": 3');
  });
});

describe('Find and mark', () => {
  it('reads the count line in English and Chinese', () => {
    expect(extractLocate('Two cars, one by the tree.\nCount: 2')).toEqual({ count: 2 });
    expect(extractLocate('找到三辆车。\n数量：3')).toEqual({ count: 3 });
    expect(extractLocate('No count here.')).toEqual({});
  });
});
