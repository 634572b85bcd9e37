import { expect, test } from 'vitest';
import { describeSkippedFiles } from './describe-skipped-files';

test('says why videos and other files were not added', () => {
  expect(describeSkippedFiles([])).toBeUndefined();
  expect(
    describeSkippedFiles([
      { name: 'clip.mp4', type: 'video/mp4' },
      { name: 'notes.txt', type: 'text/plain' },
    ]),
  ).toBe(
    'clip.mp4: video arrives in a later version of the playground; for now it takes images. ' +
      'notes.txt: not an image, so it was not added.',
  );
});
