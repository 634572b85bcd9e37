import { type AnalysisEvent, MAX_SSE_EVENT_LENGTH, SeerError } from '@seer/core';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { fetchModels, preprocessFile, preprocessMedia, streamAnalysis } from './seer-api';

const request = { template: 'math-pattern', locale: 'en' as const, media: [] };

/** A `text/event-stream` response whose body arrives in the given pieces. */
function sseResponse(pieces: string[]): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const piece of pieces) controller.enqueue(encoder.encode(piece));
      controller.close();
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}

function stubFetch(response: Response) {
  const fetchMock = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => response);
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('streamAnalysis', () => {
  test('posts the request and validates each event, whatever the chunking', async () => {
    const wire =
      'event: start\nid: 0\ndata: {"id":"a1","model":"demo","template":"math-pattern","locale":"en"}\n\n' +
      ': ping\n\n' +
      'event: media\nid: 1\ndata: {"index":0,"type":"image","width":56,"height":56,"tokens":4,"bytes":900}\n\n' +
      'event: reasoning-start\nid: 2\ndata: {}\n\n' +
      'event: reasoning-delta\nid: 3\ndata: {"text":"三加七"}\n\n' +
      'event: reasoning-end\nid: 4\ndata: {"durationMs":1234}\n\n' +
      'event: something-new\nid: 5\ndata: {"x":1}\n\n' +
      'event: text-delta\nid: 6\ndata: {"text":"10"}\n\n' +
      'event: finish\nid: 7\ndata: {"finishReason":"stop","usage":{"inputTokens":4,"outputTokens":2},"timing":{"reasoningMs":1234,"totalMs":2000}}\n\n';
    // Cut every 7 characters, also inside the Chinese text and the line endings.
    const pieces = wire.match(/[\s\S]{1,7}/g) ?? [];
    const fetchMock = stubFetch(sseResponse(pieces));
    const events: AnalysisEvent[] = [];

    const last = await streamAnalysis(request, { onEvent: (event) => events.push(event) });

    expect(fetchMock).toHaveBeenCalledOnce();
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/v1/analyses');
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toEqual(request);
    expect(events.map((event) => event.type)).toEqual([
      'start',
      'media',
      'reasoning-start',
      'reasoning-delta',
      'reasoning-end',
      'text-delta',
      'finish',
    ]);
    expect(events[1]).toMatchObject({ type: 'media', item: { index: 0, type: 'image', tokens: 4 } });
    expect(events[3]).toEqual({ type: 'reasoning-delta', text: '三加七' });
    expect(last.type).toBe('finish');
  });

  test('sends files as multipart: the request as JSON in a field, and one field per file', async () => {
    const fetchMock = stubFetch(
      sseResponse([
        'event: finish\ndata: {"finishReason":"stop","usage":{"inputTokens":4,"outputTokens":2},"timing":{"reasoningMs":0,"totalMs":1}}\n\n',
      ]),
    );
    const photo = new File([new Uint8Array([0xff, 0xd8, 0xff, 0xd9])], 'IMG_0001.jpg', {
      type: 'image/jpeg',
    });
    const withFile = { ...request, media: [{ type: 'image' as const, file: 'image0' }] };

    await streamAnalysis(withFile, { files: new Map([['image0', photo]]), onEvent: () => {} });

    const init = fetchMock.mock.calls[0]![1]!;
    expect(new Headers(init.headers).get('content-type')).toBeNull();
    expect(new Headers(init.headers).get('accept')).toBe('text/event-stream');
    const form = init.body as FormData;
    expect(JSON.parse(String(form.get('request')))).toEqual(withFile);
    const sent = form.get('image0') as File;
    expect(sent.name).toBe('IMG_0001.jpg');
    expect(sent.type).toBe('image/jpeg');
    expect(new Uint8Array(await sent.arrayBuffer())).toEqual(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]));
  });

  test('resolves with an error event that ends the stream', async () => {
    stubFetch(
      sseResponse([
        'event: text-delta\ndata: {"text":"partial"}\n\n',
        'event: error\ndata: {"code":"upstream_error","message":"The model provider failed.","retryable":true}\n\n',
      ]),
    );
    const last = await streamAnalysis(request, { onEvent: () => {} });
    expect(last).toEqual({
      type: 'error',
      code: 'upstream_error',
      message: 'The model provider failed.',
      retryable: true,
    });
  });

  test('rejects with the API error of a refused request', async () => {
    const body = { error: { code: 'invalid_request', message: 'Freeform needs a question.', issues: [] } };
    stubFetch(Response.json(body, { status: 400 }));
    const error = await streamAnalysis(request, { onEvent: () => {} }).catch((caught: unknown) => caught);
    expect(SeerError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'invalid_request',
      message: 'Freeform needs a question.',
      status: 400,
      isRetryable: false,
      details: { issues: [] },
    });
  });

  test('rejects when the stream breaks off before its last event', async () => {
    stubFetch(sseResponse(['event: reasoning-delta\ndata: {"text":"Hmm"}\n\n']));
    await expect(streamAnalysis(request, { onEvent: () => {} })).rejects.toMatchObject({
      code: 'stream_ended',
    });
  });

  test('rejects on a malformed known event', async () => {
    stubFetch(sseResponse(['event: text-delta\ndata: {"text":42}\n\n']));
    await expect(streamAnalysis(request, { onEvent: () => {} })).rejects.toMatchObject({
      code: 'invalid_event',
    });
  });

  test('stops at an event longer than the reader holds, after the events before it', async () => {
    const events: AnalysisEvent[] = [];
    const endless = `event: text-delta\ndata: {"text":"${'x'.repeat(MAX_SSE_EVENT_LENGTH)}`;
    stubFetch(
      sseResponse([
        'event: text-delta\ndata: {"text":"Hi"}\n\n',
        ...(endless.match(/[\s\S]{1,65536}/g) ?? []),
      ]),
    );
    await expect(streamAnalysis(request, { onEvent: (event) => events.push(event) })).rejects.toMatchObject({
      code: 'invalid_event',
      message: expect.stringContaining('4 MB'),
    });
    expect(events).toEqual([{ type: 'text-delta', text: 'Hi' }]);
  });
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
