import { expect, test } from 'vitest';
import { describeSkippedFiles } from './describe-skipped-files';

test('says which files were neither an image nor a video', () => {
  expect(describeSkippedFiles([])).toBeUndefined();
  expect(describeSkippedFiles([{ name: 'notes.txt' }])).toBe(
    'notes.txt: not an image or a video, so it was not added.',
  );
  expect(describeSkippedFiles([{ name: 'notes.txt' }, { name: 'song.mp3' }])).toBe(
    'notes.txt, song.mp3: not images or videos, so they were not added.',
  );
});
