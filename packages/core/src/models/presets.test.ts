import { describe, expect, it } from 'vitest';
import { estimateInputCost, planImage } from '../media/plan-image';
import { planVideo } from '../media/plan-video';
import { findKnownPreset } from './known-presets';
import { requestCost } from './prices';

const preset = (id: string) => {
  const found = findKnownPreset(id);
  if (!found) throw new Error(`no preset ${id}`);
  return found;
};

/** A 12-megapixel phone photo, landscape. */
const photo = { width: 4032, height: 3024 };
/** A 10-second 1080p clip at 30 fps, sampled at the default 2 fps: 20 frames. */
const clip = { totalFrames: 300, videoFps: 30, width: 1920, height: 1080 };

describe('each preset plans a photo and a clip as its provider documents', () => {
  // Each row is worked by hand from the documented rules:
  // beta = sqrt(h·w / maxPixels), side = floor(side / beta / factor) · factor, tokens = cells (× tokens per cell).
  it.each([
    {
      // QVQ: 28-pixel grid, 1,003,520 px (1,280 cells) by default. beta = 3.4857:
      // 3024/3.4857/28 = 30.98 → 840, 4032/3.4857/28 = 41.31 → 1148; 30·41 = 1,230 tokens at $1.20/M.
      id: 'qvq-max',
      image: { width: 1148, height: 840, tokens: 1230, costUSD: 0.001476 },
      // Frames: at most 501,760 px. beta = 2.0328: 1080 → 504, 1920 → 924; (20/2)·18·33 = 5,940 tokens.
      video: { width: 924, height: 504, frames: 20, tokens: 5940, costUSD: 0.007128 },
    },
    {
      // Qwen3-VL: 32-pixel grid, 2,621,440 px (2,560 cells). beta = 2.1567: 3024 → 43·32 = 1376,
      // 4032 → 58·32 = 1856; 43·58 = 2,494 tokens at $0.20/M.
      id: 'qwen3-vl-plus',
      image: { width: 1856, height: 1376, tokens: 2494, costUSD: 0.000499 },
      // Frames: at most 655,360 px. beta = 1.7788: 1080 → 18·32 = 576, 1920 → 33·32 = 1056; 10·18·33 = 5,940.
      video: { width: 1056, height: 576, frames: 20, tokens: 5940, costUSD: 0.001188 },
    },
    {
      // qwen-vl-max counts 32×32 pixels a token: 1,280 cells are 1,310,720 px. beta = 3.0500:
      // 3024 → 30·32 = 960, 4032 → 41·32 = 1312; 1,230 tokens at $0.80/M.
      id: 'qwen-vl-max',
      image: { width: 1312, height: 960, tokens: 1230, costUSD: 0.000984 },
      video: { width: 1056, height: 576, frames: 20, tokens: 5940, costUSD: 0.004752 },
    },
    {
      // OpenAI bills 32-pixel patches, at most 1,536, times 1.62 for gpt-5-mini. beta = 2.7842:
      // 3024 → 33·32 = 1056, 4032 → 45·32 = 1440; 33·45 = 1,485 patches · 1.62 = 2,405.7 → 2,406 tokens.
      id: 'gpt-5-mini',
      image: { width: 1440, height: 1056, tokens: 2406, costUSD: 0.000602 },
      // Frames go as images: 786,432 px each (qwen-vl-utils' 768 cells), beta = 1.6238: 640×1152, 720
      // patches · 1.62 = 1,167 tokens, plus 2 marker and 6 timestamp tokens: 1,175 · 20 = 23,500.
      video: { width: 1152, height: 640, frames: 20, tokens: 23500, costUSD: 0.005875 },
    },
  ])('$id', ({ id, image, video }) => {
    const model = preset(id);
    const imagePlan = planImage(photo, model);
    expect({
      width: imagePlan.width,
      height: imagePlan.height,
      tokens: imagePlan.tokens,
      costUSD: estimateInputCost(model, imagePlan.tokens)?.inputUSD,
    }).toEqual(image);
    const videoPlan = planVideo(clip, model);
    expect({
      width: videoPlan.width,
      height: videoPlan.height,
      frames: videoPlan.frameIndices.length,
      tokens: videoPlan.tokens,
      costUSD: estimateInputCost(model, videoPlan.tokens)?.inputUSD,
    }).toEqual(video);
  });

  it("lifts a small image to Qwen3-VL's documented minimum of 65,536 pixels", () => {
    // 100×100 is 10,000 px: beta = sqrt(65,536/10,000) = 2.56, sides ceil(256/32)·32 = 256: 8·8 = 64 tokens.
    expect(planImage({ width: 100, height: 100 }, preset('qwen3-vl-plus'))).toMatchObject({
      width: 256,
      height: 256,
      tokens: 64,
    });
  });
});

describe('a video within each model frame range', () => {
  const fiveMinutes = { totalFrames: 9000, videoFps: 30, width: 640, height: 480 };

  it('samples a 5-minute clip for QVQ-Max at a lower rate to stay within 512 frames, and says so', () => {
    const plan = planVideo(fiveMinutes, preset('qvq-max'));
    expect(plan.frameIndices).toHaveLength(512);
    expect(plan.sampledFps).toBeCloseTo(511 / (8999 / 30), 3);
    expect(plan.note).toBe("sampled at 1.7 fps to stay within qvq-max's 512 frames");
  });

  it('samples it for Qwen3-VL at the asked 2 fps: 600 frames is within its 2,000', () => {
    const plan = planVideo(fiveMinutes, preset('qwen3-vl-plus'));
    expect(plan.frameIndices).toHaveLength(600);
    expect(plan.note).toBeUndefined();
  });

  it('refuses an exact frame count below or above the model range, naming the range', () => {
    expect(() => planVideo(clip, preset('qvq-max'), { frames: 2 })).toThrow(
      "frames: 2 is outside qvq-max's range of 4 to 512 frames.",
    );
    expect(() => planVideo({ ...clip, totalFrames: 30_000 }, preset('qvq-max'), { frames: 600 })).toThrow(
      /outside qvq-max's range of 4 to 512/,
    );
    expect(planVideo(clip, preset('qwen3-vl-plus'), { frames: 4 }).frameIndices).toHaveLength(4);
  });
});

describe('prices with bands', () => {
  it('bills a Qwen3-VL request above 32 K input tokens at the dearer band, the whole of it', () => {
    const prices = preset('qwen3-vl-plus').prices!;
    // ≤ 32 K: $0.20 / $1.60 per million.
    expect(requestCost(prices, 30_000, 1_000)).toBe(0.0076);
    // 32 K–128 K: $0.30 / $2.40: 40,000 · 0.3e-6 + 1,000 · 2.4e-6 = 0.0144.
    expect(requestCost(prices, 40_000, 1_000)).toBe(0.0144);
    // Above 128 K: $0.60 / $4.80.
    expect(requestCost(prices, 200_000, 1_000)).toBe(0.1248);
    expect(estimateInputCost(preset('qwen3-vl-plus'), 40_000)).toEqual({ inputUSD: 0.012 });
  });
});
