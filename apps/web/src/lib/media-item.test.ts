import { expect, test } from 'vitest';
import { createMediaId, uploadName } from './media-item';

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
