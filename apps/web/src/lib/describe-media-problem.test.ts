import { expect, test } from 'vitest';
import { describeMediaProblem } from './describe-media-problem';

const task = (en: string, zh: string, media: (typeof videoNarration)['media']) => ({
  title: { en, zh },
  media,
});
const videoNarration = {
  title: { en: 'Video narration', zh: '视频讲述' },
  media: { image: { min: 0, max: 0 }, video: { min: 1, max: 1 }, allowsMixing: false },
};
const freeform = task('Freeform', '自由提问', {
  image: { min: 0, max: 8 },
  video: { min: 0, max: 1 },
  allowsMixing: false,
});
const palmReading = task('Palm reading', '手相解读', {
  image: { min: 1, max: 2 },
  video: { min: 0, max: 0 },
  allowsMixing: false,
});
const mixed = task('Mixed', '混合', {
  image: { min: 1, max: 4 },
  video: { min: 0, max: 1 },
  allowsMixing: true,
});

test('media that fit the task raise nothing', () => {
  expect(describeMediaProblem(videoNarration, { image: 0, video: 1 })).toBeUndefined();
  expect(describeMediaProblem(freeform, { image: 0, video: 0 })).toBeUndefined();
  expect(describeMediaProblem(freeform, { image: 8, video: 0 })).toBeUndefined();
  expect(describeMediaProblem(freeform, { image: 0, video: 1 })).toBeUndefined();
  expect(describeMediaProblem(palmReading, { image: 2, video: 0 })).toBeUndefined();
  expect(describeMediaProblem(mixed, { image: 2, video: 1 })).toBeUndefined();
});

test('says what a video task needs and what was added', () => {
  expect(describeMediaProblem(videoNarration, { image: 0, video: 0 })).toBe(
    'Video narration needs exactly one video and no images (added: none).',
  );
  expect(describeMediaProblem(videoNarration, { image: 2, video: 0 })).toBe(
    'Video narration needs exactly one video and no images (added: 2 images).',
  );
  expect(describeMediaProblem(videoNarration, { image: 0, video: 2 })).toBe(
    'Video narration needs exactly one video and no images (added: 2 videos).',
  );
});

test('says when images and a video may not come together, or there are too many', () => {
  expect(describeMediaProblem(freeform, { image: 1, video: 1 })).toBe(
    'Freeform takes up to 8 images or one video, not both (added: 1 image and 1 video).',
  );
  expect(describeMediaProblem(freeform, { image: 9, video: 0 })).toBe(
    'Freeform takes up to 8 images or one video, not both (added: 9 images).',
  );
  expect(describeMediaProblem(palmReading, { image: 0, video: 1 })).toBe(
    'Palm reading needs 1 to 2 images and no video (added: 1 video).',
  );
  expect(describeMediaProblem(mixed, { image: 5, video: 1 })).toBe(
    'Mixed needs 1 to 4 images and one video (added: 5 images and 1 video).',
  );
});

test('says the same in Chinese, with the Chinese title', () => {
  expect(describeMediaProblem(videoNarration, { image: 2, video: 0 }, 'zh')).toBe(
    '“视频讲述”需要 恰好 1 段视频，不能有图片（已添加：2 张图片）。',
  );
  expect(describeMediaProblem(freeform, { image: 1, video: 1 }, 'zh')).toBe(
    '“自由提问”可添加 最多 8 张图片 或 1 段视频（不能同时添加）（已添加：1 张图片、1 段视频）。',
  );
  expect(describeMediaProblem(palmReading, { image: 0, video: 0 }, 'zh')).toBe(
    '“手相解读”需要 1 到 2 张图片，不能有视频（已添加：无）。',
  );
  expect(describeMediaProblem(palmReading, { image: 1, video: 0 }, 'zh')).toBeUndefined();
});
