import { describe, expect, test } from 'vitest';
import { countMedia, describeMediaCounts } from './media-words';

describe('describeMediaCounts', () => {
  test('counts what was added, in English and Chinese', () => {
    expect(describeMediaCounts({ image: 1, video: 0 }, 'en')).toBe('1 image');
    expect(describeMediaCounts({ image: 2, video: 1 }, 'en')).toBe('2 images and 1 video');
    expect(describeMediaCounts({ image: 0, video: 2 }, 'en')).toBe('2 videos');
    expect(describeMediaCounts({ image: 0, video: 0 }, 'en')).toBe('none');
    expect(describeMediaCounts({ image: 2, video: 1 }, 'zh')).toBe('2 张图片、1 段视频');
    expect(describeMediaCounts({ image: 0, video: 0 }, 'zh')).toBe('无');
  });
});

test('countMedia counts items by kind', () => {
  expect(countMedia([])).toEqual({ image: 0, video: 0 });
  expect(countMedia([{ kind: 'image' }, { kind: 'video' }, { kind: 'image' }])).toEqual({
    image: 2,
    video: 1,
  });
});
