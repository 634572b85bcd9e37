import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataURL } from '../test/test-images';
import { postAnalysis, readEvents, useAPIWithMockUpstream } from '../test/test-support';
import { encodeVideo } from '../test/test-videos';

const servers = useAPIWithMockUpstream((mockURL) => ({
  DASHSCOPE_API_KEY: 'dashscope-key',
  DASHSCOPE_BASE_URL: mockURL,
  OPENAI_API_KEY: 'openai-key',
  OPENAI_BASE_URL: mockURL,
  OPENROUTER_API_KEY: 'openrouter-key',
  OPENROUTER_BASE_URL: mockURL,
}));

type Part = {
  type: string;
  text?: string;
  image_url?: { url: string };
  video?: string[];
  fps?: number;
  max_pixels?: number;
};
type Body = Record<string, unknown> & { messages: { content: Part[] }[] };

let photo: string;
let fiveMinutes: string;
beforeAll(async () => {
  const png = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#fff' } })
    .png()
    .toBuffer();
  photo = dataURL(png);
  // 5 minutes at 10 fps, small: the frame plan depends on the duration and the rate, not the size.
  fiveMinutes = dataURL(await encodeVideo({ width: 64, height: 48, rate: '10', frames: 3000 }));
}, 60_000);

/** Sends one analysis and returns the request the provider received, and the stream's events. */
async function send(body: Record<string, unknown>) {
  servers.mock.script({ kind: 'stream', dialect: 'reasoning_content', reasoning: 'r', answer: 'a' });
  const log = await readEvents(await postAnalysis(servers.api, body));
  return { sent: servers.mock.requests.at(-1)!.body as Body, log };
}

const image = (model: string, extra: Record<string, unknown> = {}) => ({
  template: 'freeform',
  question: 'What is this?',
  model,
  media: [{ type: 'image', url: photo }],
  ...extra,
});

describe('each preset sends the parameters its provider documents', () => {
  it('qvq-max: no thinking switch or budget field (it always thinks), max_tokens for the answer', async () => {
    const { sent } = await send(image('qvq-max', { maxAnswerTokens: 512 }));
    expect(sent).toMatchObject({ model: 'qvq-max', stream: true, max_tokens: 512 });
    for (const field of ['enable_thinking', 'thinking_budget', 'max_completion_tokens', 'reasoning_effort']) {
      expect(sent).not.toHaveProperty(field);
    }
  });

  it('qwen3-vl-plus: thinking on always with an explicit thinking_budget, its longest when none is asked', async () => {
    const { sent } = await send(image('qwen3-vl-plus'));
    expect(sent).toMatchObject({ enable_thinking: true, thinking_budget: 81920 });
  });

  it('gpt-5-mini: max_completion_tokens, never max_tokens, which OpenAI reasoning models refuse', async () => {
    const { sent } = await send(
      image('gpt-5-mini', { maxAnswerTokens: 512, thinking: { effort: 'minimal' } }),
    );
    expect(sent).toMatchObject({ max_completion_tokens: 512, reasoning_effort: 'minimal' });
    expect(sent).not.toHaveProperty('max_tokens');
  });

  it('openrouter: the budget as reasoning.max_tokens', async () => {
    const { sent } = await send(image('openrouter/qwen3-vl-235b-thinking', { thinking: { budget: 4096 } }));
    expect(sent).toMatchObject({ reasoning: { max_tokens: 4096 } });
    expect(sent).not.toHaveProperty('thinking_budget');
  });
});

describe('a 5-minute clip, within each model frame range', () => {
  const video = (model: string) => ({
    template: 'video-narration',
    model,
    media: [{ type: 'video', url: fiveMinutes }],
  });

  it('qvq-max: a frame list of 512 frames at the rate that fits, with that fps, and the plan says why', async () => {
    const { sent, log } = await send(video('qvq-max'));
    const list = sent.messages[0]!.content.find((part) => part.type === 'video')!;
    expect(list.video).toHaveLength(512);
    // 512 frames over 299.9 s: 511 intervals of 0.587 s.
    expect(list.fps).toBeCloseTo(511 / 299.9, 2);
    const media = log.events.find((event) => event.type === 'media') as { item: Record<string, unknown> };
    expect(media.item).toMatchObject({
      sampledFps: list.fps,
      note: "sampled at 1.7 fps to stay within qvq-max's 512 frames",
    });
  }, 60_000);

  it('qwen3-vl-plus: 600 frames at the asked 2 fps, within its 2,000', async () => {
    const { sent } = await send(video('qwen3-vl-plus'));
    const list = sent.messages[0]!.content.find((part) => part.type === 'video')!;
    expect(list.video).toHaveLength(600);
    expect(list.fps).toBeCloseTo(599 / 299.9, 2);
  }, 60_000);

  it('gpt-5-mini: frames as images, each after its timestamp', async () => {
    const { sent } = await send(video('gpt-5-mini'));
    const parts = sent.messages[0]!.content;
    const images = parts.filter((part) => part.type === 'image_url');
    expect(images).toHaveLength(64);
    expect(parts[0]).toEqual({ type: 'text', text: '[00:00.0]' });
    expect(parts.some((part) => part.type === 'video')).toBe(false);
  }, 60_000);

  it('refuses frames below the model minimum, naming its range', async () => {
    const response = await postAnalysis(servers.api, {
      ...video('qvq-max'),
      media: [{ type: 'video', url: fiveMinutes, frames: 2 }],
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toBe(
      "frames: 2 is outside qvq-max's range of 4 to 512 frames.",
    );
  }, 60_000);
});
