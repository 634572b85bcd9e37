import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { APIError } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAIClient, pngDataURL, readStream, sizeOfDataURL, userMessage } from '../test/chat-client';
import { startAPI, useAPIWithMockUpstream } from '../test/test-support';
import { encodeVideo } from '../test/test-videos';

const servers = useAPIWithMockUpstream((mockURL) => ({
  DASHSCOPE_API_KEY: 'dashscope-key',
  DASHSCOPE_BASE_URL: mockURL,
  OPENAI_API_KEY: 'openai-key',
  OPENAI_BASE_URL: mockURL,
}));

type SentPart = { type: string; text?: string; image_url?: { url: string }; video?: string[]; fps?: number };
const sentParts = () =>
  (servers.mock.requests[0]!.body as { messages: { content: SentPart[] }[] }).messages[0]!.content;

let clip: string;
let frames: string[];
beforeAll(async () => {
  const video = await encodeVideo({ width: 320, height: 240, rate: '10', frames: 40 });
  clip = `data:video/mp4;base64,${video.toString('base64')}`;
  frames = await Promise.all([0, 1, 2, 3].map((seed) => pngDataURL(640, 480, seed)));
});

const answer = {
  kind: 'stream',
  dialect: 'reasoning_content',
  reasoning: 'Frames.',
  answer: 'A clip.',
} as const;

describe('videos through /v1/chat/completions', () => {
  it("samples a video_url and sends QVQ-Max DashScope's frame list, streamed", async () => {
    servers.mock.script(answer);
    const stream = await openAIClient(servers.api).chat.completions.create({
      model: 'qvq-max',
      messages: [
        userMessage({ type: 'video_url', video_url: { url: clip } }, { type: 'text', text: 'What happens?' }),
      ],
      stream: true,
      seer: { fps: 1 },
    } as never);
    const read = await readStream(stream as never);
    expect(read.content).toBe('A clip.');
    expect(read.last.seer!.media[0]).toMatchObject({
      type: 'video',
      durationSeconds: 4,
      sampledFps: expect.any(Number),
    });

    const [video, question] = sentParts();
    expect(video!.type).toBe('video');
    expect(video!.video!.length).toBe(4);
    expect(video!.fps).toBeGreaterThan(0);
    expect(question).toEqual({ type: 'text', text: 'What happens?' });
  });

  it('sends the same video to a model that only takes images as images after their timestamps', async () => {
    servers.mock.script(answer);
    await openAIClient(servers.api).chat.completions.create({
      model: 'gpt-5-mini',
      messages: [userMessage({ type: 'video', video: clip }, { type: 'text', text: 'What happens?' })],
      seer: { fps: 1 },
    } as never);
    const parts = sentParts();
    expect(parts.filter((part) => part.type === 'image_url')).toHaveLength(4);
    expect(parts.slice(0, 2).map((part) => part.text ?? part.type)).toEqual(['[00:00.0]', 'image_url']);
    expect(parts.at(-1)).toEqual({ type: 'text', text: 'What happens?' });
  });

  it("reads DashScope's frame list: each frame sized as the model keeps a frame, sent in the model's form", async () => {
    servers.mock.script(answer, answer);
    const message = userMessage(
      { type: 'video', video: frames, fps: 1 },
      { type: 'text', text: 'Describe.' },
    );
    const client = openAIClient(servers.api);
    await client.chat.completions.create({ model: 'qvq-max', messages: [message] });
    const [list] = sentParts();
    expect(list).toMatchObject({ type: 'video', fps: 1 });
    expect(list!.video).toHaveLength(4);
    const [width, height] = await sizeOfDataURL(list!.video![0]!);
    expect(width * height).toBeLessThanOrEqual(640 * 28 * 28);

    servers.mock.reset();
    servers.mock.script(answer);
    const completion = await client.chat.completions.create({ model: 'gpt-5-mini', messages: [message] });
    const timestamps = sentParts().flatMap((part) => (part.text?.startsWith('[') ? [part.text] : []));
    expect(timestamps).toEqual(['[00:00.0]', '[00:01.0]', '[00:02.0]', '[00:03.0]']);
    expect((completion as unknown as { seer: { media: object[] } }).seer.media[0]).toMatchObject({
      type: 'video',
      frames: [0, 1, 2, 3].map((index) => ({ index, timestamp: index })),
    });
  });

  it('refuses a frame list shorter than the model takes, with a 400 saying so', async () => {
    const error = await openAIClient(servers.api)
      .chat.completions.create({
        model: 'qvq-max',
        messages: [userMessage({ type: 'video', video: frames.slice(0, 2) })],
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toMatchObject({ status: 400, type: 'invalid_request_error' });
    expect((error as APIError).message).toMatch(/4 to 512 frames/);
    expect(servers.mock.requests).toHaveLength(0);
  });
});

describe('image URLs through the same guard as /v1/analyses', () => {
  let picture: Server;
  let url: string;
  beforeAll(async () => {
    const png = Buffer.from((await pngDataURL(64, 48)).split(',')[1]!, 'base64');
    picture = createServer((_request, response) => response.end(png));
    await new Promise<void>((resolve) => picture.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(picture.address() as AddressInfo).port}/picture.png`;
  });
  afterAll(() => new Promise<void>((resolve) => picture.close(() => resolve())));

  it('refuses a loopback URL by default, and fetches it with SEER_ALLOW_PRIVATE_URLS=1', async () => {
    const message = userMessage({ type: 'image_url', image_url: { url } }, { type: 'text', text: 'What?' });
    const error = await openAIClient(servers.api)
      .chat.completions.create({ model: 'qvq-max', messages: [message] })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 422, code: 'url_not_allowed', param: null });

    const open = await startAPI({
      DASHSCOPE_API_KEY: 'k',
      DASHSCOPE_BASE_URL: servers.mock.url,
      SEER_ALLOW_PRIVATE_URLS: '1',
    });
    try {
      servers.mock.script(answer);
      await openAIClient(open).chat.completions.create({ model: 'qvq-max', messages: [message] });
      const image = sentParts().find((part) => part.type === 'image_url')!;
      expect(image.image_url!.url).toMatch(/^data:image\/png;base64,/);
    } finally {
      await open.close();
    }
  });
});
