import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { linspaceIndices, planVideo, smartFrameCount } from './plan-video';

const qvq = { family: 'qwen2.5-vl', provider: 'dashscope' } as const;
const qwen3 = { family: 'qwen3-vl', provider: 'dashscope' } as const;

describe('smartFrameCount', () => {
  it.each([
    [300, 30, {}, 20],
    [100, 30, {}, 6],
    [10, 30, {}, 4],
    [3, 30, {}, 2],
    [720, 24000 / 1001, {}, 60],
    [1440, 30, { fps: 1 }, 48],
    [1440, 30, { fps: 4, maxFrames: 100 }, 100],
    [1440, 30, { fps: 4, maxFrames: 101 }, 100],
    [300, 30, { minFrames: 31 }, 32],
    [300, 30, { frames: 7 }, 8],
    [300, 30, { frames: 9 }, 8],
    [300, 30, { frames: 11 }, 12],
    [300, 30, { frames: 5 }, 4],
  ])('%i frames at %d fps with %o gives %i', (total, fps, options, expected) => {
    expect(smartFrameCount(total, fps, options)).toBe(expected);
  });

  it('refuses a one-frame video and more frames than there are', () => {
    expect(() => smartFrameCount(1, 30)).toThrow(/between 2 and 1/);
    expect(() => smartFrameCount(10, 30, { frames: 12 })).toThrow(/between 2 and 10/);
  });
});

describe('linspaceIndices', () => {
  it('matches torch.linspace(...).round() for 300 frames sampled to 20', () => {
    expect(linspaceIndices(0, 299, 20)).toEqual([
      0, 16, 31, 47, 63, 79, 94, 110, 126, 142, 157, 173, 189, 205, 220, 236, 252, 268, 283, 299,
    ]);
  });
});

describe('planVideo', () => {
  it('sizes 1080x1920 frames sampled to 20 as qwen-vl-utils does', () => {
    const source = { totalFrames: 300, videoFps: 30, width: 1920, height: 1080 };
    expect(planVideo(source, qvq)).toMatchObject({ width: 1008, height: 560, tokens: 7200 });
    expect(planVideo(source, qwen3)).toMatchObject({ width: 1152, height: 640, tokens: 7200 });
  });

  it('keeps the timestamps of the sampled frames', () => {
    const plan = planVideo({ totalFrames: 300, videoFps: 30, width: 640, height: 480 }, qvq);
    expect(plan.timestamps.slice(0, 3)).toEqual([0, 0.533, 1.033]);
  });

  it('samples only between start and end', () => {
    const plan = planVideo({ totalFrames: 300, videoFps: 30, width: 640, height: 480 }, qvq, {
      start: 2,
      end: 6,
    });
    expect(plan.frameIndices[0]).toBe(60);
    expect(plan.frameIndices.at(-1)).toBe(180);
    expect(plan.frameIndices).toHaveLength(8);
  });

  const shared = fileURLToPath(
    new URL('../../../../../shared/fixtures/qwen-vl/nframes.json', import.meta.url),
  );
  describe.runIf(existsSync(shared))('on the vectors computed with qwen-vl-utils', () => {
    const vectors: Record<string, unknown>[] = existsSync(shared)
      ? JSON.parse(readFileSync(shared, 'utf8')).vectors
      : [];
    it.each(vectors)('$total_frames frames at $video_fps fps', (vector: Record<string, unknown>) => {
      const total = vector.total_frames as number;
      const fps = vector.video_fps as number;
      const ele = vector.ele as { fps?: number; nframes?: number; min_frames?: number; max_frames?: number };
      const options = {
        ...(ele.fps === undefined ? {} : { fps: ele.fps }),
        ...(ele.nframes === undefined ? {} : { frames: ele.nframes }),
        ...(ele.min_frames === undefined ? {} : { minFrames: ele.min_frames }),
        ...(ele.max_frames === undefined ? {} : { maxFrames: ele.max_frames }),
      };
      if (vector.error) {
        expect(() =>
          planVideo({ totalFrames: total, videoFps: fps, width: 640, height: 480 }, qvq, options),
        ).toThrow();
        return;
      }
      for (const [key, value] of Object.entries(vector)) {
        const match = /^(qwen25|qwen3)_(\d+)x(\d+)$/.exec(key);
        if (!match) continue;
        const expected = value as { resized: [number, number]; llm_tokens: number };
        const plan = planVideo(
          { totalFrames: total, videoFps: fps, height: Number(match[2]), width: Number(match[3]) },
          match[1] === 'qwen3' ? qwen3 : qvq,
          options,
        );
        expect(plan.frameIndices).toEqual(vector.frame_indices_torchvision);
        expect([plan.height, plan.width]).toEqual(expected.resized);
        expect(plan.tokens).toBe(expected.llm_tokens);
      }
    });
  });
});
