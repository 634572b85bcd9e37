import { type AnalysisEvent, SeerError } from '@seer/core';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { fetchModels, streamAnalysis } from './seer-api';

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
});

describe('fetchModels', () => {
  test('reads the models leniently and keeps the default flag', async () => {
    const data = [
      { id: 'demo', label: 'Demo', provider: 'demo', family: 'generic', default: true, extra: 1 },
    ];
    stubFetch(Response.json({ data }));
    expect(await fetchModels()).toEqual([{ id: 'demo', label: 'Demo', provider: 'demo', default: true }]);
  });

  test('says what went wrong when the server answers without an error body', async () => {
    stubFetch(new Response('Bad gateway', { status: 502, statusText: 'Bad Gateway' }));
    await expect(fetchModels()).rejects.toMatchObject({ code: 'http_error', status: 502, isRetryable: true });
  });
});
