import { describe, expect, it } from 'vitest';
import { makeExampleClip } from './examples';
import { prepareVideo } from './prepare-video';

describe('try-it material', () => {
  it('makes a six-second clip that Seer samples', async () => {
    const video = await prepareVideo(await makeExampleClip(), {
      family: 'qwen2.5-vl',
      provider: 'dashscope',
    });
    expect(video.probe.durationSeconds).toBeCloseTo(6, 0);
    expect(video.frames).toHaveLength(12);
  });
});
