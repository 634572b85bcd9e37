import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeExampleClip } from './examples';
import { prepareVideo, prepareVideoFile } from './prepare-video';

const model = { family: 'qwen2.5-vl', provider: 'dashscope' } as const;
let folder: string;
let clip: Buffer;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'seer-test-'));
  clip = await makeExampleClip();
});
afterAll(() => rm(folder, { recursive: true, force: true }));

it('samples a video from its file exactly as from its bytes, and leaves the file in place', async () => {
  const path = join(folder, 'upload');
  await writeFile(path, clip);
  const fromFile = await prepareVideoFile(path, model);
  const fromBytes = await prepareVideo(clip, model);
  expect(fromFile.plan).toEqual(fromBytes.plan);
  expect(fromFile.originalBytes).toBe(clip.length);
  expect(fromFile.frames.map((frame) => frame.length)).toEqual(fromBytes.frames.map((frame) => frame.length));
  expect((await stat(path)).size).toBe(clip.length);
});

it('refuses a file that is not a video (415) or over the limit (413)', async () => {
  const text = join(folder, 'notes.txt');
  await writeFile(text, 'not a video at all, just some words in a file');
  await expect(prepareVideoFile(text, model)).rejects.toMatchObject({ status: 415 });
  const path = join(folder, 'clip');
  await writeFile(path, clip);
  await expect(prepareVideoFile(path, model, {}, { maxBytes: 1000, maxSeconds: 600 })).rejects.toMatchObject({
    status: 413,
    code: 'media_too_large',
  });
});
