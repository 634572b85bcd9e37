import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { bytesOfDataURL, readEvents, startAPI, useAPIWithMockUpstream } from '../test/test-support';
import { encodeAudio, encodeLongVideo, encodeVideo, type TestVideo } from '../test/test-videos';

const servers = useAPIWithMockUpstream((mockURL) => ({
  DASHSCOPE_API_KEY: 'sk-test',
  DASHSCOPE_BASE_URL: mockURL,
}));

interface VideoItem {
  type: string;
  width: number;
  height: number;
  tokens: number;
  bytes: number;
  originalWidth: number;
  originalHeight: number;
  durationSeconds: number;
  videoFps: number;
  frames: { index: number; timestamp: number }[];
  urls?: string[];
}

/** Sends a video by multipart, as the playground does. */
async function preprocessVideo(
  video: Buffer,
  options: Record<string, unknown> = {},
  model = 'qvq-max',
): Promise<{ status: number; json: { media: VideoItem[]; error?: { code: string; message: string } } }> {
  const form = new FormData();
  form.set('request', JSON.stringify({ model, media: [{ type: 'video', file: 'clip', ...options }] }));
  form.set('clip', new Blob([new Uint8Array(video)]), 'clip.mp4');
  const response = await fetch(`${servers.api.url}/v1/preprocess?include=data`, {
    method: 'POST',
    body: form,
  });
  return { status: response.status, json: await response.json() };
}

const luma = async (jpeg: Buffer) => (await sharp(jpeg).greyscale().stats()).channels[0]!.mean;

describe('frames sampled as qwen-vl-utils samples them, from real videos', () => {
  const cases: {
    name: string;
    video: TestVideo;
    options?: Record<string, unknown>;
    frames: number[];
    size: [number, number];
    tokens: number;
  }[] = [
    {
      name: '300 frames at 30 fps',
      video: { width: 640, height: 480, rate: '30', frames: 300 },
      frames: [0, 16, 31, 47, 63, 79, 94, 110, 126, 142, 157, 173, 189, 205, 220, 236, 252, 268, 283, 299],
      size: [476, 644],
      tokens: 3910,
    },
    {
      name: '100 frames at 30 fps',
      video: { width: 640, height: 480, rate: '30', frames: 100, numbered: true },
      frames: [0, 20, 40, 59, 79, 99],
      size: [476, 644],
      tokens: 1173,
    },
    {
      name: '10 frames at 30 fps',
      video: { width: 640, height: 480, rate: '30', frames: 10 },
      frames: [0, 3, 6, 9],
      size: [476, 644],
      tokens: 782,
    },
    {
      name: '3 frames at 30 fps',
      video: { width: 640, height: 480, rate: '30', frames: 3 },
      frames: [0, 2],
      size: [476, 644],
      tokens: 391,
    },
    {
      name: '720 frames at 23.976 fps',
      video: { width: 320, height: 240, rate: '24000/1001', frames: 720 },
      frames: [
        0, 12, 24, 37, 49, 61, 73, 85, 97, 110, 122, 134, 146, 158, 171, 183, 195, 207, 219, 232, 244, 256,
        268, 280, 292, 305, 317, 329, 341, 353, 366, 378, 390, 402, 414, 427, 439, 451, 463, 475, 487, 500,
        512, 524, 536, 548, 561, 573, 585, 597, 609, 622, 634, 646, 658, 670, 682, 695, 707, 719,
      ],
      size: [280, 392],
      tokens: 4200,
    },
    {
      name: '90 frames with minFrames 8',
      video: { width: 640, height: 480, rate: '30', frames: 90, numbered: true },
      options: { minFrames: 8 },
      frames: [0, 13, 25, 38, 51, 64, 76, 89],
      size: [476, 644],
      tokens: 1564,
    },
    {
      name: '300 frames at fps 1',
      video: { width: 640, height: 480, rate: '30', frames: 300 },
      options: { fps: 1 },
      frames: [0, 33, 66, 100, 133, 166, 199, 233, 266, 299],
      size: [476, 644],
      tokens: 1955,
    },
    {
      name: '300 frames with maxFrames 7',
      video: { width: 640, height: 480, rate: '30', frames: 300 },
      options: { maxFrames: 7 },
      frames: [0, 60, 120, 179, 239, 299],
      size: [476, 644],
      tokens: 1173,
    },
    {
      name: '100 frames with frames 9',
      video: { width: 640, height: 480, rate: '30', frames: 100, numbered: true },
      options: { frames: 9 },
      frames: [0, 14, 28, 42, 57, 71, 85, 99],
      size: [476, 644],
      tokens: 1564,
    },
    {
      name: '300 frames of 1920x1080',
      video: { width: 1920, height: 1080, rate: '30', frames: 300 },
      frames: [0, 16, 31, 47, 63, 79, 94, 110, 126, 142, 157, 173, 189, 205, 220, 236, 252, 268, 283, 299],
      // qwen-vl-utils would make 560x1008; DashScope keeps at most 501,760 pixels of a QVQ frame.
      size: [504, 924],
      tokens: 5940,
    },
  ];

  it.each(cases)('$name', async ({ video, options, frames, size, tokens }) => {
    const clip = await encodeVideo(video);
    const { status, json } = await preprocessVideo(clip, options);
    expect(status, JSON.stringify(json).slice(0, 300)).toBe(200);
    const [item] = json.media;
    const [num, den] = video.rate.split('/').map(Number);
    const fps = num! / (den ?? 1);
    expect(item!.frames.map((frame) => frame.index)).toEqual(frames);
    expect(item!.frames.map((frame) => frame.timestamp)).toEqual(
      frames.map((index) => Math.round((index / fps) * 1000) / 1000),
    );
    expect([item!.height, item!.width, item!.tokens]).toEqual([...size, tokens]);
    expect(item!.videoFps).toBeCloseTo(fps, 3);
    expect(item!.urls).toHaveLength(frames.length);
    const first = await sharp(bytesOfDataURL(item!.urls![0]!)).metadata();
    expect([first.height, first.width]).toEqual(size);
    if (video.numbered) {
      // Each frame is painted with video luma 16 + 2n, which is 2n·255/219 in the JPEG's full range:
      // the frame received is the frame planned, within one.
      for (const [position, url] of item!.urls!.entries()) {
        const seen = ((await luma(bytesOfDataURL(url))) * 219) / 510;
        expect(Math.abs(seen - frames[position]!), `frame ${frames[position]}`).toBeLessThanOrEqual(1);
      }
    }
  });

  const shared = fileURLToPath(new URL('../../../../shared/fixtures/qwen-vl/nframes.json', import.meta.url));
  const vectors: Record<string, unknown>[] = existsSync(shared)
    ? JSON.parse(readFileSync(shared, 'utf8')).vectors
    : [];
  it.each(vectors.filter((vector) => !vector.error))(
    'shared vector: $total_frames frames at $video_fps fps',
    async (vector) => {
      const clip = await encodeVideo({
        width: 640,
        height: 480,
        rate: String(vector.video_fps),
        frames: vector.total_frames as number,
      });
      for (const [model, key] of [
        ['qvq-max', 'qwen25_480x640'],
        ['qwen3-vl-plus', 'qwen3_480x640'],
      ] as const) {
        const { json } = await preprocessVideo(clip, {}, model);
        const expected = vector[key] as { resized: [number, number]; llm_tokens: number };
        expect(json.media[0]!.frames.map((frame) => frame.index)).toEqual(vector.frame_indices_torchvision);
        expect([json.media[0]!.height, json.media[0]!.width, json.media[0]!.tokens]).toEqual([
          ...expected.resized,
          expected.llm_tokens,
        ]);
      }
    },
  );

  it('turns a phone video recorded sideways upright', async () => {
    const clip = await encodeVideo({ width: 640, height: 480, rate: '30', frames: 30, rotate: 90 });
    const { json } = await preprocessVideo(clip);
    expect(json.media[0]).toMatchObject({ originalWidth: 480, originalHeight: 640, width: 476, height: 644 });
    const frame = await sharp(bytesOfDataURL(json.media[0]!.urls![0]!)).metadata();
    expect([frame.width, frame.height]).toEqual([476, 644]);
  });

  it.each([
    { name: 'a one-frame video', video: { width: 64, height: 64, rate: '30', frames: 1 }, options: {} },
    {
      name: '`frames` above the total',
      video: { width: 64, height: 64, rate: '30', frames: 10 },
      options: { frames: 12 },
    },
  ])('refuses $name with 422', async ({ video, options }) => {
    const { status, json } = await preprocessVideo(await encodeVideo(video), options);
    expect(status).toBe(422);
    expect(json.error?.message).toMatch(/between 2 and/);
  });
});

describe('what reaches the model', () => {
  it('qvq-max receives a frame list of the planned size', async () => {
    servers.mock.script({
      kind: 'stream',
      dialect: 'reasoning_content',
      reasoning: 'r',
      answer: '[00:01.0] A square moves.',
    });
    const form = new FormData();
    form.set(
      'request',
      JSON.stringify({
        template: 'video-narration',
        model: 'qvq-max',
        media: [{ type: 'video', file: 'clip' }],
      }),
    );
    form.set(
      'clip',
      new Blob([new Uint8Array(await encodeVideo({ width: 640, height: 480, rate: '30', frames: 100 }))]),
      'clip.mp4',
    );
    const log = await readEvents(
      await fetch(`${servers.api.url}/v1/analyses`, { method: 'POST', body: form }),
    );
    expect(log.events.at(-1)).toMatchObject({
      type: 'finish',
      result: { beats: [{ time: '00:01.0', text: 'A square moves.' }] },
    });
    const media = log.events.find((event) => event.type === 'media');
    expect(media).toMatchObject({
      item: {
        type: 'video',
        width: 644,
        height: 476,
        frames: [{ index: 0, timestamp: 0 }, {}, {}, {}, {}, {}],
      },
    });
    const body = servers.mock.requests[0]!.body as {
      messages: { content: { type: string; video?: string[]; text?: string }[] }[];
    };
    const parts = body.messages[0]!.content;
    expect(parts.map((part) => part.type)).toEqual(['video', 'text']);
    expect(parts[0]!.video).toHaveLength(6);
    const frame = await sharp(bytesOfDataURL(parts[0]!.video![3]!)).metadata();
    expect([frame.width, frame.height]).toEqual([644, 476]);
  });

  it('a generic model receives the frames as images, each after its timestamp', async () => {
    const generic = await startAPI({
      SEER_BASE_URL: servers.mock.url,
      SEER_MODEL: 'some-vlm',
      SEER_MODEL_FAMILY: 'generic',
    });
    try {
      servers.mock.script({ kind: 'stream', dialect: 'think-tags', reasoning: 'r', answer: 'ok' });
      const form = new FormData();
      form.set(
        'request',
        JSON.stringify({ template: 'video-narration', media: [{ type: 'video', file: 'clip' }] }),
      );
      form.set(
        'clip',
        new Blob([new Uint8Array(await encodeVideo({ width: 320, height: 240, rate: '30', frames: 100 }))]),
        'clip.mp4',
      );
      await readEvents(await fetch(`${generic.url}/v1/analyses`, { method: 'POST', body: form }));
      const parts = (
        servers.mock.requests[0]!.body as { messages: { content: { type: string; text?: string }[] }[] }
      ).messages[0]!.content;
      expect(parts.slice(0, 4).map((part) => part.type)).toEqual(['text', 'image_url', 'text', 'image_url']);
      expect(parts.filter((part) => part.type === 'image_url')).toHaveLength(6);
      expect(
        parts
          .filter((part) => part.type === 'text')
          .map((part) => part.text)
          .slice(0, 6),
      ).toEqual(['[00:00.0]', '[00:00.7]', '[00:01.3]', '[00:02.0]', '[00:02.6]', '[00:03.3]']);
    } finally {
      await generic.close();
    }
  });
});

describe('bad videos', () => {
  const randomBytes = () =>
    Buffer.from(Array.from({ length: 100_000 }, (_, index) => (index * 7919 + 13) % 251));
  it.each([
    { name: 'an audio-only file', bytes: encodeAudio, status: 415, code: 'unsupported_media_type' },
    {
      name: 'a video over 10 minutes',
      bytes: () => encodeLongVideo(610),
      status: 413,
      code: 'media_too_large',
    },
    {
      name: 'a truncated video',
      bytes: async () => {
        const clip = await encodeVideo({ width: 320, height: 240, rate: '30', frames: 60 });
        return clip.subarray(0, Math.floor(clip.length / 3));
      },
      status: 422,
      code: 'unreadable_media',
    },
    { name: 'random bytes', bytes: async () => randomBytes(), status: 415, code: 'unsupported_media_type' },
  ])(
    '$name gets $status $code within a few seconds, and the server stays healthy',
    async ({ bytes, status, code }) => {
      const payload = await bytes();
      const started = Date.now();
      const { status: got, json } = await preprocessVideo(payload);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(got).toBe(status);
      expect(json.error?.code).toBe(code);
      expect((await fetch(`${servers.api.url}/healthz`)).status).toBe(200);
    },
  );

  it('leaves no ffmpeg process behind when the request is aborted', async () => {
    const clip = await encodeVideo({ width: 1280, height: 720, rate: '30', frames: 900 });
    const form = new FormData();
    form.set(
      'request',
      JSON.stringify({ model: 'qvq-max', media: [{ type: 'video', file: 'clip', fps: 4 }] }),
    );
    form.set('clip', new Blob([new Uint8Array(clip)]), 'clip.mp4');
    const client = new AbortController();
    const pending = fetch(`${servers.api.url}/v1/preprocess`, {
      method: 'POST',
      body: form,
      signal: client.signal,
    }).catch(() => undefined);
    // Only this process's own ffmpeg (it runs the API): another program's on the machine must not count.
    const ffmpegRunning = () => runningFFmpegProcesses() > 0;
    await expect.poll(ffmpegRunning, { timeout: 5000, interval: 20 }).toBe(true);
    client.abort();
    await pending;
    await expect.poll(ffmpegRunning, { timeout: 2000, interval: 50 }).toBe(false);
  });
});

/** How many ffmpeg processes this test process (which runs the API) has running now. */
function runningFFmpegProcesses(): number {
  let count = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // `pid (comm) state ppid …`: the command name is in parentheses, the parent right after.
      const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === process.pid && /ffmpeg/.test(command)) count++;
    } catch {
      // The process ended while it was being read.
    }
  }
  return count;
}

describe.runIf(process.platform === 'linux')('twenty videos uploaded at once', () => {
  it('are all prepared, with never more than two ffmpeg processes running (the rest wait in line)', async () => {
    const clip = await encodeVideo({ width: 640, height: 360, rate: '30', frames: 90 });
    let most = 0;
    const watcher = setInterval(() => {
      most = Math.max(most, runningFFmpegProcesses());
    }, 5);
    try {
      const results = await Promise.all(Array.from({ length: 20 }, () => preprocessVideo(clip)));
      expect(results.map((result) => result.status)).toEqual(Array(20).fill(200));
      expect(results.every((result) => (result.json.media[0]?.frames.length ?? 0) >= 2)).toBe(true);
    } finally {
      clearInterval(watcher);
    }
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(2);
  }, 120_000);
});
