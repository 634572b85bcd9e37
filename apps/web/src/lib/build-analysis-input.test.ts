import { expect, test } from 'vitest';
import { buildAnalysisInput } from './build-analysis-input';

const palm = new File(['palm'], 'palm.jpg', { type: 'image/jpeg' });
const back = new File(['back'], 'back.jpg', { type: 'image/jpeg' });
const clip = new File(['clip'], 'clip.mp4', { type: 'video/mp4' });

test('names each upload by its kind and place, and sends what was asked', () => {
  const input = buildAnalysisInput(
    { templateId: 'freeform', locale: 'zh', question: '  What is this?  ', modelId: 'qvq-max', budget: 4096 },
    [
      { kind: 'image', file: palm },
      { kind: 'video', file: clip },
      { kind: 'image', file: back },
    ],
  );
  expect(input.request).toEqual({
    template: 'freeform',
    locale: 'zh',
    question: 'What is this?',
    media: [
      { type: 'image', file: 'image0' },
      { type: 'video', file: 'video0' },
      { type: 'image', file: 'image1' },
    ],
    model: 'qvq-max',
    thinking: { budget: 4096 },
  });
  expect([...(input.files ?? [])]).toEqual([
    ['image0', palm],
    ['video0', clip],
    ['image1', back],
  ]);
});

test('leaves out an empty question and an unset budget', () => {
  const { request } = buildAnalysisInput(
    { templateId: 'palm-reading', locale: 'en', question: '   ', modelId: 'qvq-max', budget: undefined },
    [{ kind: 'image', file: palm }],
  );
  expect(request).toEqual({
    template: 'palm-reading',
    locale: 'en',
    media: [{ type: 'image', file: 'image0' }],
    model: 'qvq-max',
  });
});
