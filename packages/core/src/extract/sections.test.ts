import { describe, expect, it } from 'vitest';
import { cleanAnswerLine, findLabeledValue, findListSection } from './sections';

describe('cleanAnswerLine', () => {
  it('removes markdown decoration', () => {
    expect(cleanAnswerLine('- **Heart line:** long')).toEqual({
      text: 'Heart line: long',
      isBullet: true,
      isHeading: false,
    });
    expect(cleanAnswerLine('### Traits').isHeading).toBe(true);
    expect(cleanAnswerLine('1、热情').text).toBe('热情');
  });
});

describe('findLabeledValue', () => {
  it('reads the last labelled line in any styling', () => {
    const text = 'Rule: a first guess\n...\n**Rule**: each number doubles.\n\\boxed{32}';
    expect(findLabeledValue(text, ['rule'])).toBe('each number doubles.');
    expect(findLabeledValue('规律：每个数都是前两个数之和', ['规律'])).toBe('每个数都是前两个数之和');
  });

  it('takes the next paragraph when the label stands alone', () => {
    expect(findLabeledValue('### Rule\n\nEach row adds 3.\n\nMore text', ['rule'])).toBe('Each row adds 3.');
  });

  it('returns undefined when the label is missing', () => {
    expect(findLabeledValue('Nothing here.', ['rule'])).toBeUndefined();
    expect(findLabeledValue('The rule of thumb is simple.', ['rule'])).toBeUndefined();
  });
});

describe('findListSection', () => {
  it('reads list items, with blank lines and wrapped lines', () => {
    const text = 'Traits:\n- curious\n\n- warm and\n  generous\n* stubborn\n\nFor entertainment only.';
    expect(findListSection(text, ['traits'])).toEqual(['curious', 'warm and generous', 'stubborn']);
  });

  it('splits inline text when asked', () => {
    expect(findListSection('性格特点：热情、细心、有主见。', ['性格特点'], { splitInline: true })).toEqual([
      '热情',
      '细心',
      '有主见',
    ]);
  });

  it('returns undefined without the section', () => {
    expect(findListSection('Just prose.', ['traits'])).toBeUndefined();
  });
});
