import { afterEach, describe, expect, test, vi } from 'vitest';
import { fetchModels, preprocessFile, preprocessMedia } from './seer-api';

function stubFetch(response: Response) {
  const fetchMock = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => response);
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('fetchModels', () => {
  test('reads the models leniently and keeps the default flag, the family and the prices', async () => {
    const prices = { inputPerMillion: 1.2, outputPerMillion: 4.8 };
    const data = [
      { id: 'demo', label: 'Demo', provider: 'demo', family: 'generic', default: true, extra: 1 },
      { id: 'qvq-max', label: 'QVQ-Max', provider: 'dashscope', family: 'qwen2.5-vl', prices },
      { id: 'next', label: 'Next', provider: 'custom', family: 'qwen9-vl' },
    ];
    stubFetch(Response.json({ data }));
    expect(await fetchModels()).toEqual([
      { id: 'demo', label: 'Demo', provider: 'demo', family: 'generic', default: true },
      { id: 'qvq-max', label: 'QVQ-Max', provider: 'dashscope', family: 'qwen2.5-vl', prices },
      { id: 'next', label: 'Next', provider: 'custom', family: 'generic' },
    ]);
  });

  test('leaves out the task entries the server lists for chat clients', async () => {
    const model = {
      id: 'qvq-max',
      label: 'QVQ-Max',
      provider: 'dashscope',
      family: 'qwen2.5-vl',
      object: 'model',
    };
    const task = { ...model, id: 'qvq-max/math-pattern', task: 'math-pattern', model: 'qvq-max' };
    stubFetch(Response.json({ object: 'list', data: [model, task] }));
    expect(await fetchModels()).toEqual([
      { id: 'qvq-max', label: 'QVQ-Max', provider: 'dashscope', family: 'qwen2.5-vl' },
    ]);
  });

  test('says what went wrong when the server answers without an error body', async () => {
    stubFetch(new Response('Bad gateway', { status: 502, statusText: 'Bad Gateway' }));
    await expect(fetchModels()).rejects.toMatchObject({ code: 'http_error', status: 502, isRetryable: true });
  });
});

describe('preprocessFile', () => {
  const tiff = new File([new Uint8Array([0x49, 0x49, 0x2a, 0])], 'scan.tiff', { type: 'image/tiff' });

  test('asks the server to prepare one uploaded file for a model, with its preview', async () => {
    const image = {
      index: 0,
      type: 'image',
      mime: 'image/jpeg',
      width: 1148,
      height: 840,
      tokens: 1230,
      bytes: 151234,
      originalWidth: 4032,
      originalHeight: 3024,
      originalBytes: 3912345,
      urls: ['data:image/jpeg;base64,/9j/'],
    };
    const fetchMock = stubFetch(Response.json({ model: 'qvq-max', media: [image], totalTokens: 1230 }));

    expect(await preprocessFile(tiff, 'qvq-max')).toEqual(image);

    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/v1/preprocess?include=data');
    const form = init?.body as FormData;
    expect(JSON.parse(String(form.get('request')))).toEqual({
      model: 'qvq-max',
      media: [{ type: 'image', file: 'image0' }],
    });
    expect((form.get('image0') as File).name).toBe('scan.tiff');
  });

  test("rejects with the server's reason when it cannot read the file", async () => {
    const body = { error: { code: 'unsupported_media_type', message: 'These bytes are not an image.' } };
    stubFetch(Response.json(body, { status: 415 }));
    await expect(preprocessFile(tiff)).rejects.toMatchObject({
      code: 'unsupported_media_type',
      status: 415,
      message: 'These bytes are not an image.',
    });
  });
});

describe('preprocessMedia', () => {
  test('uploads a video as multipart and reads its sampled frames', async () => {
    const clip = new File([new Uint8Array([0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70])], 'clip.mp4');
    const video = {
      index: 0,
      type: 'video',
      mime: 'image/jpeg',
      width: 644,
      height: 476,
      tokens: 3910,
      bytes: 459221,
      originalWidth: 640,
      originalHeight: 480,
      originalBytes: 220676,
      durationSeconds: 10,
      videoFps: 30,
      frames: [
        { index: 0, timestamp: 0 },
        { index: 299, timestamp: 9.967 },
      ],
      urls: ['data:image/jpeg;base64,/9j/', 'data:image/jpeg;base64,/9j/'],
    };
    const fetchMock = stubFetch(Response.json({ model: 'qvq-max', media: [video], totalTokens: 3910 }));

    expect(await preprocessMedia(clip, 'video', 'qvq-max')).toEqual(video);

    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/v1/preprocess?include=data');
    const form = init?.body as FormData;
    expect(JSON.parse(String(form.get('request')))).toEqual({
      model: 'qvq-max',
      media: [{ type: 'video', file: 'video0' }],
    });
    expect(form.get('video0')).toBeInstanceOf(File);
    expect((form.get('video0') as File).name).toBe('clip.mp4');
  });
});
