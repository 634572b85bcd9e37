import { planImage } from '@seer/core';
import { expect, test } from 'vitest';
import { planMedia } from './plan-media';

const qvqMax = {
  family: 'qwen2.5-vl' as const,
  provider: 'dashscope' as const,
  prices: { inputPerMillion: 1.2, outputPerMillion: 4.8 },
};

test('plans an upright iPhone photo for QVQ-Max at its default cap, with its cost', () => {
  const plan = planMedia([{ id: 'photo', source: { width: 3024, height: 4032 } }], qvqMax);
  expect(plan.images.get('photo')).toMatchObject({
    width: 840,
    height: 1148,
    tokens: 1230,
    factor: 28,
    cost: { inputUSD: 0.001476 },
  });
  expect(plan.totalTokens).toBe(1230);
  expect(plan.totalCost).toEqual({ inputUSD: 0.001476 });
});

test('totals several images, leaves out those still being read, and prices the total once', () => {
  const plan = planMedia(
    [
      { id: 'a', source: { width: 1920, height: 1080 } },
      { id: 'b' },
      { id: 'c', source: { width: 10, height: 10 } },
    ],
    qvqMax,
  );
  expect([...plan.images.keys()]).toEqual(['a', 'c']);
  expect(plan.images.get('c')).toMatchObject({ width: 56, height: 56, tokens: 4 });
  const tokens = plan.images.get('a')!.tokens + 4;
  expect(plan.totalTokens).toBe(tokens);
  expect(plan.totalCost).toEqual({ inputUSD: Math.round(tokens * 1.2) / 1e6 });
});

test('without prices there is no cost; Qwen3-VL plans on its 32-pixel grid', () => {
  const plan = planMedia([{ id: 'a', source: { width: 3024, height: 4032 } }], {
    family: 'qwen3-vl',
    provider: 'custom',
  });
  const image = plan.images.get('a')!;
  expect(image.cost).toBeUndefined();
  expect(plan.totalCost).toBeUndefined();
  expect(image.width % 32).toBe(0);
  expect(image.height % 32).toBe(0);
});

test('a video counts the tokens of its sampled frames, priced with the images; one being sampled waits', () => {
  const plan = planMedia(
    [
      { id: 'clip', kind: 'video', video: { tokens: 3910 } },
      { id: 'next', kind: 'video' },
      { id: 'photo', kind: 'image', source: { width: 3024, height: 4032 } },
    ],
    qvqMax,
  );
  expect(plan.videos.get('clip')).toEqual({ tokens: 3910, cost: { inputUSD: 0.004692 } });
  expect(plan.videos.has('next')).toBe(false);
  expect(plan.images.has('clip')).toBe(false);
  expect(plan.totalTokens).toBe(3910 + 1230);
  expect(plan.totalCost).toEqual({ inputUSD: Math.round((3910 + 1230) * 1.2) / 1e6 });
});

test('plans a model listed without media limits from its family', () => {
  const photo = { width: 3024, height: 4032 };
  expect(planImage(photo, { ...qvqMax, media: undefined })).toEqual(planImage(photo, qvqMax));
  expect(planImage(photo, qvqMax)).toMatchObject({ width: 840, height: 1148, tokens: 1230 });
});
