import { describe, expect, it } from 'vitest';
import { didYouMean, nearestNames } from './nearest-names';

const TASKS = ['palm-reading', 'multi-image-compare', 'math-pattern', 'video-narration', 'freeform'];
const MODELS = [
  'qvq-max',
  'qvq-plus',
  'qwen3-vl-plus',
  'qwen3-vl-flash',
  'qwen-vl-max',
  'gpt-5-mini',
  'demo',
];

describe('nearestNames', () => {
  it('finds a name a typo or two away', () => {
    expect(nearestNames('math-patern', TASKS)).toEqual(['math-pattern']);
    expect(nearestNames('freefrom', TASKS)).toEqual(['freeform']);
    expect(nearestNames('qvq-mx', MODELS)).toEqual(['qvq-max']);
  });

  it('ignores case and finds the names that contain what was typed, nearest first', () => {
    expect(nearestNames('QVQ-MAX', MODELS)).toEqual(['qvq-max']);
    expect(nearestNames('video', TASKS)).toEqual(['video-narration']);
    expect(nearestNames('qwen3-vl', MODELS)).toEqual(['qwen3-vl-plus', 'qwen3-vl-flash']);
  });

  it('offers nothing for a name that is far from every candidate', () => {
    expect(nearestNames('horoscope', TASKS)).toEqual([]);
    expect(nearestNames('gpt-9', MODELS)).toEqual([]);
    expect(nearestNames('', TASKS)).toEqual([]);
  });

  it('keeps only the nearest, so a clear typo gets one answer', () => {
    expect(nearestNames('qwen3-vl-plu', MODELS)).toEqual(['qwen3-vl-plus']);
    expect(nearestNames('qwen', ['qwen-vl', 'qwen-vl-max', 'qwen3'])).toEqual(['qwen3']);
  });

  it('gives at most `max` names, without duplicates', () => {
    expect(nearestNames('qvq', [...MODELS, 'qvq-max'], 1)).toEqual(['qvq-max']);
    expect(nearestNames('qvq', [...MODELS, 'qvq-max'])).toEqual(['qvq-max', 'qvq-plus']);
  });
});

describe('didYouMean', () => {
  it('words one, two or three names as a question, and says nothing when none is near', () => {
    expect(didYouMean('math-patern', TASKS)).toBe('Did you mean "math-pattern"?');
    expect(didYouMean('qvq', MODELS)).toBe('Did you mean "qvq-max" or "qvq-plus"?');
    expect(didYouMean('qvq', ['qvq-a', 'qvq-b', 'qvq-c'])).toBe('Did you mean "qvq-a", "qvq-b" or "qvq-c"?');
    expect(didYouMean('horoscope', TASKS)).toBe('');
  });
});
