import { describe, expect, it } from 'vitest';
import { freeformTemplate } from './freeform';
import { mathPatternTemplate } from './math-pattern';
import { multiImageCompareTemplate } from './multi-image-compare';
import { palmReadingTemplate } from './palm-reading';
import { builtInTemplates, checkMediaRules, describeTemplate, getTemplate, listTemplates } from './registry';
import { BUILT_IN_TEMPLATE_IDS } from './template';
import { videoNarrationTemplate } from './video-narration';

describe('registry', () => {
  it('lists the built-in templates in the order of BUILT_IN_TEMPLATE_IDS', () => {
    expect(builtInTemplates.map((template) => template.id)).toEqual([...BUILT_IN_TEMPLATE_IDS]);
    expect(listTemplates().map((template) => template.id)).toEqual([...BUILT_IN_TEMPLATE_IDS]);
  });

  it('hands out a copy of the list', () => {
    const list = listTemplates();
    list.pop();
    expect(listTemplates()).toHaveLength(6);
  });

  it('finds templates by id', () => {
    expect(getTemplate('palm-reading')).toBe(palmReadingTemplate);
    expect(getTemplate('multi-image-compare')).toBe(multiImageCompareTemplate);
    expect(getTemplate('math-pattern')).toBe(mathPatternTemplate);
    expect(getTemplate('video-narration')).toBe(videoNarrationTemplate);
    expect(getTemplate('freeform')).toBe(freeformTemplate);
    expect(getTemplate('tarot')).toBeUndefined();
    expect(getTemplate('')).toBeUndefined();
  });

  it('has the exact English titles and Chinese titles', () => {
    expect(builtInTemplates.map((template) => template.title.en)).toEqual([
      'Palm reading',
      'Multi-image comparison',
      'Math patterns',
      'Video narration',
      'Find and mark',
      'Freeform',
    ]);
    expect(builtInTemplates.map((template) => template.title.zh)).toEqual([
      '手相解读',
      '多图对比',
      '数字规律',
      '视频讲述',
      '查找并标出',
      '自由提问',
    ]);
  });

  it('has a one-sentence description in both languages', () => {
    for (const template of builtInTemplates) {
      expect(template.description.en).toMatch(/^[A-Z][^.]*\.$/);
      expect(template.description.zh).toMatch(/^[^。]+。$/);
    }
  });

  it('requires the question only for Find and mark (what to find) and freeform', () => {
    expect(builtInTemplates.filter((template) => template.question === 'required').map((t) => t.id)).toEqual([
      'locate',
      'freeform',
    ]);
  });

  it('describes a template as /v1/templates lists it', () => {
    const description = describeTemplate(palmReadingTemplate);
    expect(description).toEqual({
      id: 'palm-reading',
      title: { en: 'Palm reading', zh: '手相解读' },
      description: palmReadingTemplate.description,
      media: { image: { min: 1, max: 2 }, video: { min: 0, max: 0 }, allowsMixing: false },
      inputs: { question: 'optional' },
    });
    expect(JSON.parse(JSON.stringify(description))).toEqual(description);
    description.media.image.max = 99;
    expect(palmReadingTemplate.media.image.max).toBe(2);
    expect(describeTemplate(freeformTemplate).inputs).toEqual({ question: 'required' });
  });
});

describe('checkMediaRules', () => {
  it.each([
    ['palm-reading', 1, 0],
    ['palm-reading', 2, 0],
    ['multi-image-compare', 2, 0],
    ['multi-image-compare', 8, 0],
    ['math-pattern', 1, 0],
    ['math-pattern', 4, 0],
    ['video-narration', 0, 1],
    ['freeform', 0, 0],
    ['freeform', 8, 0],
    ['freeform', 0, 1],
  ])('accepts %s with %i images and %i videos', (id, image, video) => {
    expect(checkMediaRules(getTemplate(id)!, { image, video })).toBeUndefined();
  });

  it.each([
    ['palm-reading', 0, 0, 'Palm reading needs 1 to 2 images and no video; got 0 images.'],
    ['palm-reading', 3, 0, 'Palm reading needs 1 to 2 images and no video; got 3 images.'],
    ['palm-reading', 1, 1, 'Palm reading needs 1 to 2 images and no video; got 1 image and 1 video.'],
    ['multi-image-compare', 1, 0, 'Multi-image comparison needs 2 to 8 images and no video; got 1 image.'],
    ['multi-image-compare', 9, 0, 'Multi-image comparison needs 2 to 8 images and no video; got 9 images.'],
    ['math-pattern', 0, 1, 'Math patterns needs 1 to 4 images and no video; got 0 images and 1 video.'],
    ['math-pattern', 5, 0, 'Math patterns needs 1 to 4 images and no video; got 5 images.'],
    [
      'video-narration',
      0,
      0,
      'Video narration needs exactly 1 video and no images; got 0 videos and 0 images.',
    ],
    [
      'video-narration',
      2,
      0,
      'Video narration needs exactly 1 video and no images; got 0 videos and 2 images.',
    ],
    ['video-narration', 0, 2, 'Video narration needs exactly 1 video and no images; got 2 videos.'],
    ['freeform', 2, 1, 'Freeform needs up to 8 images or 1 video, not both; got 2 images and 1 video.'],
    ['freeform', 9, 0, 'Freeform needs up to 8 images or 1 video, not both; got 9 images.'],
    ['freeform', 0, 2, 'Freeform needs up to 8 images or 1 video, not both; got 2 videos.'],
  ])('rejects %s with %i images and %i videos', (id, image, video, message) => {
    expect(checkMediaRules(getTemplate(id)!, { image, video })).toBe(message);
  });
});
