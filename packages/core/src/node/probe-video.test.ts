import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffmpegSlots } from './media-slots';
import { probeVideo } from './probe-video';
import { encodeWithFFmpeg } from './video-tools';

let folder: string;
let path: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'seer-probe-test-'));
  path = join(folder, 'clip.mp4');
  const video = await encodeWithFFmpeg(
    [
      '-f',
      'lavfi',
      '-i',
      'testsrc=s=64x48:r=10',
      '-frames:v',
      '10',
      '-c:v',
      'libx264',
      '-pix_fmt',
      'yuv420p',
    ],
    'clip.mp4',
  );
  await writeFile(path, video);
}, 30_000);
afterAll(() => rm(folder, { recursive: true, force: true }));

describe('probeVideo', () => {
  it('waits for a place among the ffmpeg processes, as frame extraction does', async () => {
    ffmpegSlots.setLimit(1);
    const release = await ffmpegSlots.acquire();
    let isDone = false;
    const probing = probeVideo(path).then((probe) => {
      isDone = true;
      return probe;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(isDone).toBe(false);
    release();
    const probe = await probing;
    expect(probe).toMatchObject({ width: 64, height: 48, totalFrames: 10 });
    expect(ffmpegSlots.inUse).toBe(0);
    ffmpegSlots.setLimit(2);
  });
});
