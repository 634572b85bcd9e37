import { encodeWithFFmpeg } from '@seer/core/node';
import { type MockUpstream, startMockUpstream } from '@seer/mock-upstream';
import { type APIServer, startAPIServer } from '@seer/test-setup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quadrantPicture } from '../test/test-images';

// `pnpm start` runs the bundle, not the sources: a package the bundler cannot see (one imported by
// name at run time) only fails here.
let api: APIServer;
let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream();
  api = await startAPIServer(
    { DASHSCOPE_API_KEY: 'sk-test', DASHSCOPE_BASE_URL: mock.url, SEER_CHECK_MODELS: '0' },
    60_000,
    { built: true },
  );
}, 90_000);

afterAll(async () => {
  await api?.stop();
  await mock?.close();
});

async function upload(path: string, request: object, file: Buffer, type: string): Promise<Response> {
  const form = new FormData();
  form.set('request', JSON.stringify(request));
  form.set('file', new Blob([new Uint8Array(file)], { type }), 'upload');
  return fetch(`${api.url}${path}`, { method: 'POST', body: form });
}

describe('the built server', () => {
  it('prepares a video upload large enough to go to disk', async () => {
    // Busy, barely compressed frames, so that the file is large without being long.
    const padded = await encodeWithFFmpeg(
      [
        '-f',
        'lavfi',
        '-i',
        'testsrc2=s=1280x720:r=30',
        '-t',
        '3',
        '-c:v',
        'libx264',
        '-preset',
        'ultrafast',
        '-crf',
        '8',
      ],
      'busy.mp4',
    );
    expect(padded.length, 'larger than what an upload keeps in memory').toBeGreaterThan(1024 * 1024);
    const response = await upload(
      '/v1/preprocess',
      { model: 'qvq-max', media: [{ type: 'video', file: 'file', frames: 4 }] },
      padded,
      'video/mp4',
    );
    const body = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(body.media[0]).toMatchObject({ type: 'video', frames: expect.any(Array) });
    expect(body.media[0].frames).toHaveLength(4);
  }, 60_000);

  it('analyses an uploaded photo through the provider', async () => {
    mock.script({
      kind: 'stream',
      dialect: 'reasoning_content',
      reasoning: 'Looking.',
      answer: 'Four colours.',
    });
    const response = await upload(
      '/v1/analyses',
      {
        model: 'qvq-max',
        template: 'freeform',
        question: 'What colours?',
        stream: false,
        media: [{ type: 'image', file: 'file' }],
      },
      await quadrantPicture(800, 600),
      'image/png',
    );
    const body = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ text: 'Four colours.', media: [{ type: 'image', originalWidth: 800 }] });
  });

  it('serves its health and the API reference', async () => {
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${api.url}/openapi.json`)).status).toBe(200);
  });
});
