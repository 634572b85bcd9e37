import { describe, expect, test } from 'vitest';
import { describeMediaNeeds } from './describe-media-needs';

const none = { min: 0, max: 0 };
const mathPattern = { image: { min: 1, max: 4 }, video: none, allowsMixing: false };
const videoNarration = { image: none, video: { min: 1, max: 1 }, allowsMixing: false };
const freeform = { image: { min: 0, max: 8 }, video: { min: 0, max: 1 }, allowsMixing: false };
const mixed = { image: { min: 2, max: 2 }, video: { min: 0, max: 1 }, allowsMixing: true };
const noMedia = { image: none, video: none, allowsMixing: false };

describe('describeMediaNeeds', () => {
  test('says what a task takes', () => {
    expect(describeMediaNeeds(mathPattern)).toBe('Takes 1 to 4 images.');
    expect(describeMediaNeeds(videoNarration)).toBe('Takes 1 video.');
    expect(describeMediaNeeds(freeform)).toBe('Takes up to 8 images or one video.');
    expect(describeMediaNeeds(mixed)).toBe('Takes 2 images and one video.');
    expect(describeMediaNeeds(noMedia)).toBe('Takes no media.');
  });

  test('says it in Chinese', () => {
    expect(describeMediaNeeds(mathPattern, 'zh')).toBe('可添加 1 到 4 张图片。');
    expect(describeMediaNeeds(videoNarration, 'zh')).toBe('可添加 1 段视频。');
    expect(describeMediaNeeds(freeform, 'zh')).toBe('可添加 最多 8 张图片 或 1 段视频。');
    expect(describeMediaNeeds(mixed, 'zh')).toBe('可添加 2 张图片 和 1 段视频。');
    expect(describeMediaNeeds(noMedia, 'zh')).toBe('无需媒体。');
  });
});
