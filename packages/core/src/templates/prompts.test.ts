import { describe, expect, it } from 'vitest';
import type { Locale } from '../contract/templates';
import { builtInTemplates, getTemplate } from './registry';
import type { PromptInput, PromptMediaInfo, Template } from './template';

const image: PromptMediaInfo = { type: 'image', width: 1148, height: 840 };
const video: PromptMediaInfo = {
  type: 'video',
  width: 644,
  height: 476,
  frameTimestamps: [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7, 7.5, 8, 8.5, 9, 9.5],
};

/** Media that satisfy each template's rules. */
function mediaFor(template: Template): PromptMediaInfo[] {
  if (template.id === 'video-narration') return [video];
  if (template.id === 'multi-image-compare') return [image, image, image];
  return [image];
}

const CJK = /\p{Script=Han}/u;
/** Three English words in a row: an English sentence, not a format token like `\boxed{B}` or `[00:03.5]`. */
const ENGLISH_WORDS = /[A-Za-z]{2,}[\s,]+[A-Za-z]{2,}[\s,]+[A-Za-z]{2,}/;

function prompt(id: string, input: Partial<PromptInput> & { locale: Locale }): string {
  const template = getTemplate(id)!;
  return template.buildPrompt({ media: mediaFor(template), ...input });
}

describe('prompts', () => {
  describe.each(builtInTemplates.map((template) => template.id))('%s', (id) => {
    it('includes the question in both locales', () => {
      expect(prompt(id, { locale: 'en', question: 'Is the left one older?' })).toContain(
        'Is the left one older?',
      );
      expect(prompt(id, { locale: 'zh', question: '左边这张是不是更早拍的？' })).toContain(
        '左边这张是不是更早拍的？',
      );
    });

    it('writes Chinese prompts in Chinese', () => {
      const text = prompt(id, { locale: 'zh', question: '请说得详细一点' });
      expect(text).toMatch(CJK);
      expect(text).not.toMatch(ENGLISH_WORDS);
      expect(text).toContain('请用简体中文作答');
    });

    it('writes English prompts in English', () => {
      const text = prompt(id, { locale: 'en', question: 'Please be detailed.' });
      expect(text).not.toMatch(CJK);
      expect(text).toContain('Write your answer in English.');
    });

    it('is a plain instruction that does not start with whitespace', () => {
      for (const locale of ['en', 'zh'] as const) {
        const text = prompt(id, { locale, question: 'x' });
        expect(text).toBe(text.trim());
        expect(text).not.toMatch(/undefined|\bfalse\b|\n{3,}/);
      }
    });
  });

  it('leaves the question out of task prompts when there is none', () => {
    expect(prompt('palm-reading', { locale: 'en' })).not.toContain('also asks');
    expect(prompt('palm-reading', { locale: 'en', question: '   ' })).not.toContain('also asks');
    expect(prompt('math-pattern', { locale: 'zh' })).not.toContain('还特别问了');
  });

  it('asks for the palm reading sections and the disclaimer', () => {
    const en = prompt('palm-reading', { locale: 'en' });
    for (const label of ['Heart line:', 'Head line:', 'Life line:', 'Fate line:', 'Traits:']) {
      expect(en).toContain(label);
    }
    expect(en).toContain('entertainment only');
    const zh = prompt('palm-reading', { locale: 'zh' });
    for (const label of ['感情线：', '智慧线：', '生命线：', '事业线：', '性格特点：'])
      expect(zh).toContain(label);
    expect(zh).toContain('仅供娱乐');
  });

  it('names the left and right palm when there are two photos', () => {
    const template = getTemplate('palm-reading')!;
    expect(template.buildPrompt({ locale: 'en', media: [image, image] })).toMatch(/left palm.*right palm/);
    expect(template.buildPrompt({ locale: 'zh', media: [image, image] })).toContain('左手和右手');
    expect(template.buildPrompt({ locale: 'en', media: [image] })).not.toContain('left palm');
  });

  it('tells the comparison how many images there are and the format', () => {
    const en = prompt('multi-image-compare', { locale: 'en' });
    expect(en).toContain('There are 3 images');
    expect(en).toContain('Image 3: <description of image 3>');
    expect(en).toContain('Differences:');
    expect(en).toContain('Mood:');
    const zh = prompt('multi-image-compare', { locale: 'zh' });
    expect(zh).toContain('共有 3 张图片');
    expect(zh).toContain('图3：');
    expect(zh).toContain('差异：');
    expect(zh).toContain('氛围：');
  });

  it('asks the math prompt for a rule line and a boxed answer', () => {
    const en = prompt('math-pattern', { locale: 'en' });
    expect(en).toContain('Rule:');
    expect(en).toContain('\\boxed{');
    expect(en).toContain('option letter');
    const zh = prompt('math-pattern', { locale: 'zh' });
    expect(zh).toContain('规律：');
    expect(zh).toContain('\\boxed{');
    expect(zh).toContain('选项字母');
  });

  it('gives the video prompt the frame times and the beat format', () => {
    const en = prompt('video-narration', { locale: 'en' });
    expect(en).toContain('20 frames');
    expect(en).toContain('from 00:00.0 to 00:09.5');
    expect(en).toContain('9.5 s');
    expect(en).toContain('one frame every 0.5 s');
    expect(en).toContain('[mm:ss.s]');
    expect(en).toMatch(/timestamp|frame times/);
    const zh = prompt('video-narration', { locale: 'zh' });
    expect(zh).toContain('20 帧');
    expect(zh).toContain('00:09.5');
    expect(zh).toContain('约 9.5 秒');
    expect(zh).toContain('[00:03.5]');
  });

  it('lists uneven frame times and copes without any', () => {
    const template = getTemplate('video-narration')!;
    const uneven = template.buildPrompt({
      locale: 'en',
      media: [{ ...video, frameTimestamps: [0, 0.4, 3, 3.1] }],
    });
    expect(uneven).toContain('00:00.0, 00:00.4, 00:03.0, 00:03.1');
    expect(uneven).not.toContain('one frame every');
    const untimed = template.buildPrompt({ locale: 'en', media: [{ ...video, frameTimestamps: undefined }] });
    expect(untimed).toContain('estimate');
    expect(untimed).toContain('[mm:ss.s]');
    expect(() => template.buildPrompt({ locale: 'zh', media: [] })).not.toThrow();
  });

  it('makes the question the freeform instruction, with light guidance', () => {
    const template = getTemplate('freeform')!;
    const en = template.buildPrompt({ locale: 'en', question: 'What breed is this dog?', media: [image] });
    expect(en.startsWith('What breed is this dog?')).toBe(true);
    expect(en).toContain('image above');
    expect(en.length).toBeLessThan(250);
    const zh = template.buildPrompt({ locale: 'zh', question: 'What breed is this dog?', media: [video] });
    expect(zh.startsWith('What breed is this dog?')).toBe(true);
    expect(zh).toContain('请用简体中文作答');
    const textOnly = template.buildPrompt({ locale: 'en', question: 'Hi', media: [] });
    expect(textOnly).toBe('Hi\n\nWrite your answer in English.');
  });
});
