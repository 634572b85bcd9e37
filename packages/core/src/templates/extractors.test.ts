import { describe, expect, it } from 'vitest';
import { freeformTemplate } from './freeform';
import { extractMathPattern, mathPatternTemplate } from './math-pattern';
import { extractImageComparison, multiImageCompareTemplate } from './multi-image-compare';
import { extractPalmReading, palmReadingTemplate } from './palm-reading';
import { extractVideoNarration, videoNarrationTemplate } from './video-narration';

describe('palm-reading extractor', () => {
  it('reads the English sections', () => {
    const answer = [
      'What a lovely palm! Remember, palm reading is for entertainment only.',
      '',
      '**Heart line:** Long and gently curved, ending between the index and middle fingers: a warm, open heart.',
      '**Head line:** Straight and clear, a practical thinker.',
      '- **Life line:** Deep and wide around the thumb, plenty of energy.',
      '',
      '### Traits',
      '- Warm-hearted',
      '- Practical',
      '- Energetic',
    ].join('\n');
    expect(palmReadingTemplate.extractResult!(answer, 'en')).toEqual({
      traits: ['Warm-hearted', 'Practical', 'Energetic'],
      lines: {
        heart: 'Long and gently curved, ending between the index and middle fingers: a warm, open heart.',
        head: 'Straight and clear, a practical thinker.',
        life: 'Deep and wide around the thumb, plenty of energy.',
      },
      disclaimer: 'For entertainment only.',
    });
  });

  it('reads the Chinese sections', () => {
    const answer = [
      '你的手掌很有意思！（看手相仅供娱乐哦）',
      '感情线：又长又深，弧度柔和，重感情。',
      '智慧线：平直清晰，做事有条理。',
      '生命线：饱满有力，精力充沛。',
      '事业线：若隐若现，后劲十足。',
      '性格特点：',
      '1. 重感情',
      '2. 有条理',
      '3. 乐观开朗',
    ].join('\n');
    expect(extractPalmReading(answer, 'zh')).toEqual({
      traits: ['重感情', '有条理', '乐观开朗'],
      lines: {
        heart: '又长又深，弧度柔和，重感情。',
        head: '平直清晰，做事有条理。',
        life: '饱满有力，精力充沛。',
        fate: '若隐若现，后劲十足。',
      },
      disclaimer: '仅供娱乐。',
    });
  });

  it('always carries the disclaimer, even with nothing to read', () => {
    expect(extractPalmReading('I cannot see a palm in this photo.', 'en')).toEqual({
      traits: [],
      lines: {},
      disclaimer: 'For entertainment only.',
    });
    expect(extractPalmReading('', 'zh').disclaimer).toBe('仅供娱乐。');
    expect(() => extractPalmReading(undefined as unknown as string, 'en')).not.toThrow();
  });

  it('splits inline traits', () => {
    expect(extractPalmReading('Traits: curious, kind; a little stubborn.', 'en').traits).toEqual([
      'curious',
      'kind',
      'a little stubborn',
    ]);
  });
});

describe('multi-image-compare extractor', () => {
  it('reads the English format', () => {
    const answer = [
      'Image 1: A frozen lake under a pale winter sky, with bare birches on the shore.',
      'Image 2: The same lake in summer, deep blue water and green trees.',
      '',
      'Differences:',
      '- Ice in image 1, open water in image 2.',
      '- The trees are bare in winter and full in summer.',
      '',
      'Mood:',
      '- Image 1: quiet, cold, still',
      '- Image 2: lively and warm',
    ].join('\n');
    expect(multiImageCompareTemplate.extractResult!(answer, 'en')).toEqual({
      perImage: [
        'A frozen lake under a pale winter sky, with bare birches on the shore.',
        'The same lake in summer, deep blue water and green trees.',
      ],
      differences: [
        'Ice in image 1, open water in image 2.',
        'The trees are bare in winter and full in summer.',
      ],
      mood: ['quiet, cold, still', 'lively and warm'],
    });
  });

  it('reads markdown headings with paragraphs', () => {
    const answer = [
      '### Image 1 (spring)',
      'Cherry blossoms line the path.',
      'Petals float on the water.',
      '',
      '### Image 2 (autumn)',
      'Red maples and a grey sky.',
      '',
      '### Differences',
      '1. Pink blossoms versus red leaves.',
      '2. Bright light versus overcast.',
    ].join('\n');
    expect(extractImageComparison(answer)).toEqual({
      perImage: ['Cherry blossoms line the path. Petals float on the water.', 'Red maples and a grey sky.'],
      differences: ['Pink blossoms versus red leaves.', 'Bright light versus overcast.'],
    });
  });

  it('reads the Chinese format', () => {
    const answer = [
      '图1：冬天的湖面结了冰，岸边的白桦光秃秃的。',
      '图2：夏天的湖水碧蓝，树木郁郁葱葱。',
      '差异：',
      '- 图1湖面结冰，图2是开阔的水面',
      '- 树木从光秃到茂盛',
      '氛围：',
      '- 图1：清冷、安静',
      '- 图2：明快、热闹',
    ].join('\n');
    expect(extractImageComparison(answer)).toEqual({
      perImage: ['冬天的湖面结了冰，岸边的白桦光秃秃的。', '夏天的湖水碧蓝，树木郁郁葱葱。'],
      differences: ['图1湖面结冰，图2是开阔的水面', '树木从光秃到茂盛'],
      mood: ['清冷、安静', '明快、热闹'],
    });
  });

  it('accepts 第一张 labels and returns undefined for plain prose', () => {
    expect(extractImageComparison('第一张：海边日出\n第二张：海边日落')?.perImage).toEqual([
      '海边日出',
      '海边日落',
    ]);
    expect(extractImageComparison('Both pictures show a lake; the first is colder.')).toBeUndefined();
    expect(extractImageComparison('')).toBeUndefined();
  });
});

describe('math-pattern extractor', () => {
  it('reads the answer and the rule', () => {
    const answer =
      'In each row the third number is the sum of the first two: 2 + 3 = 5, 4 + 4 = 8.\n\nRule: the third number is the sum of the first two.\n\\boxed{10}';
    expect(mathPatternTemplate.extractResult!(answer, 'en')).toEqual({
      answer: '10',
      rule: 'the third number is the sum of the first two.',
    });
  });

  it('reads Chinese answers', () => {
    expect(extractMathPattern('规律：每个数是前一个数的两倍\n所以答案是：32')).toEqual({
      answer: '32',
      rule: '每个数是前一个数的两倍',
    });
    expect(extractMathPattern('第三个图形旋转了90度。\n最终答案：C')).toEqual({ answer: 'C' });
  });

  it('reads option letters and fractions', () => {
    expect(extractMathPattern('Only (B) fits the rule.\n\n$\\boxed{B}$')).toEqual({ answer: 'B' });
    expect(extractMathPattern('So \\[ \\boxed{\\frac{1}{2}} \\]')).toEqual({ answer: '\\frac{1}{2}' });
  });

  it('returns undefined when there is nothing to read', () => {
    expect(extractMathPattern('The image is too blurry to read the numbers.')).toBeUndefined();
    expect(extractMathPattern('')).toBeUndefined();
  });
});

describe('video-narration extractor', () => {
  it('reads beats with timestamps', () => {
    const answer = [
      '[00:00.0] A blank page waits under the lamp.',
      '[00:03.5] The snail’s shell spirals out from a single dot.',
      '[00:07.0] Two curious feelers pop up.',
      '',
      'A tiny snail comes to life in seconds.',
    ].join('\n');
    expect(videoNarrationTemplate.extractResult!(answer, 'en')).toEqual({
      beats: [
        { time: '00:00.0', text: 'A blank page waits under the lamp.' },
        { time: '00:03.5', text: 'The snail’s shell spirals out from a single dot.' },
        { time: '00:07.0', text: 'Two curious feelers pop up.' },
      ],
    });
  });

  it('reads Chinese beats and bare mm:ss times', () => {
    expect(extractVideoNarration('00:01 一支笔落在纸上。\n00:04：蜗牛壳一圈圈画出来。')).toEqual({
      beats: [
        { time: '00:01.0', text: '一支笔落在纸上。' },
        { time: '00:04.0', text: '蜗牛壳一圈圈画出来。' },
      ],
    });
  });

  it('returns undefined without timestamps', () => {
    expect(extractVideoNarration('Someone draws a snail.')).toBeUndefined();
  });
});

describe('freeform', () => {
  it('has no extractor', () => {
    expect(freeformTemplate.extractResult).toBeUndefined();
  });
});
