import { expect, test } from 'vitest';
import { createMediaId, toSampledVideo, uploadName } from './media-item';

test('an upload keeps the original name with the extension of what is sent', () => {
  expect(uploadName('IMG_0001.HEIC', 'image/jpeg')).toBe('IMG_0001.jpg');
  expect(uploadName('puzzle.gif', 'image/png')).toBe('puzzle.png');
  expect(uploadName('scan.final.tiff', 'image/jpeg')).toBe('scan.final.jpg');
  expect(uploadName('pasted image', 'image/png')).toBe('pasted image.png');
  expect(uploadName('.jpg', 'image/jpeg')).toBe('image.jpg');
});

test('media ids are unique', () => {
  expect(createMediaId()).not.toBe(createMediaId());
});

test('a sampled video keeps what the strip and the facts need, and needs its frames', () => {
  const prepared = {
    index: 0,
    type: 'video' as const,
    width: 644,
    height: 476,
    tokens: 3910,
    bytes: 459221,
    originalWidth: 640,
    originalHeight: 480,
    durationSeconds: 10,
    videoFps: 30,
    frames: [
      { index: 0, timestamp: 0 },
      { index: 299, timestamp: 9.967 },
    ],
    urls: ['data:image/jpeg;base64,AA', 'data:image/jpeg;base64,AB'],
  };
  expect(toSampledVideo(prepared, 'qvq-max')).toEqual({
    model: 'qvq-max',
    width: 644,
    height: 476,
    tokens: 3910,
    bytes: 459221,
    original: { width: 640, height: 480 },
    durationSeconds: 10,
    frames: prepared.frames,
    urls: prepared.urls,
  });
  const { urls: _urls, ...withoutURLs } = prepared;
  const { frames: _frames, ...withoutFrames } = prepared;
  expect(() => toSampledVideo(withoutURLs, 'qvq-max')).toThrow(/frames/);
  expect(() => toSampledVideo(withoutFrames, 'qvq-max')).toThrow(/frames/);
});
