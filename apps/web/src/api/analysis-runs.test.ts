import { type AnalysisEvent, MAX_SSE_EVENT_LENGTH, SeerError } from '@seer/core';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { saveAccessToken } from '../lib/access-token';
import { cancelAnalysis, followAnalysis, type RunNotice, streamAnalysis } from './analysis-runs';

const request = { template: 'math-pattern', locale: 'en' as const, media: [] };

/**
 * A `text/event-stream` response whose body arrives in the given pieces, then ends, or with `drops`
 * breaks off as a lost connection does (a `TypeError`).
 */
function sseResponse(pieces: string[], { drops = false, runId }: { drops?: boolean; runId?: string } = {}) {
  const encoder = new TextEncoder();
  const queue = [...pieces];
  // One piece per pull: an error raised at once would discard the pieces queued before it.
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const piece = queue.shift();
      if (piece !== undefined) controller.enqueue(encoder.encode(piece));
      else if (drops) controller.error(new TypeError('network error'));
      else controller.close();
    },
  });
  return new Response(body, {
    headers: { 'content-type': 'text/event-stream', ...(runId ? { 'x-seer-analysis-id': runId } : {}) },
  });
}

function stubFetch(response: Response) {
  const fetchMock = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => response);
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

/** Answers each request with the next of `answers` (a response, or an error to reject with). */
function stubFetchSequence(...answers: (Response | Error)[]) {
  const fetchMock = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => {
    const answer = answers.shift();
    if (!answer) throw new Error('No more answers scripted.');
    if (answer instanceof Error) throw answer;
    return answer;
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

/** The header `name` of the `call`th request. */
function headerOf(fetchMock: ReturnType<typeof stubFetchSequence>, call: number, name: string) {
  return new Headers(fetchMock.mock.calls[call]?.[1]?.headers).get(name);
}

const start =
  'event: start\nid: 0\ndata: {"id":"an_1","model":"demo","template":"math-pattern","locale":"en"}\n\n';
const thought = (id: number, text: string) =>
  `event: reasoning-delta\nid: ${id}\ndata: {"text":"${text}"}\n\n`;
const answered = (id: number, text: string) => `event: text-delta\nid: ${id}\ndata: {"text":"${text}"}\n\n`;
const finish = (id: number) =>
  `event: finish\nid: ${id}\ndata: {"finishReason":"stop","usage":{"inputTokens":4,"outputTokens":2},"timing":{"reasoningMs":1,"totalMs":2}}\n\n`;

/** The thinking and answer texts the events add up to. */
function texts(events: AnalysisEvent[]) {
  let thinking = '';
  let answer = '';
  for (const event of events) {
    if (event.type === 'reasoning-delta') thinking += event.text;
    if (event.type === 'text-delta') answer += event.text;
  }
  return { thinking, answer };
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  saveAccessToken(undefined);
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

describe('streamAnalysis when the connection drops', () => {
  test('reconnects after the last event read, with the token, and reads on without a repeat', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    saveAccessToken('secret');
    const fetchMock = stubFetchSequence(
      sseResponse([start, thought(1, 'Three '), thought(2, 'plus ')], { drops: true, runId: 'an_1' }),
      sseResponse([thought(3, 'seven.'), answered(4, '10'), finish(5)]),
    );
    const events: AnalysisEvent[] = [];
    const calls: string[] = [];

    const done = streamAnalysis(request, {
      onEvent: (event) => events.push(event),
      onRunId: (id) => calls.push(`id ${id}`),
      onReconnecting: () => calls.push('reconnecting'),
      onReconnected: () => calls.push('reconnected'),
    });
    await vi.advanceTimersByTimeAsync(499);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    const last = await done;

    expect(last.type).toBe('finish');
    expect(fetchMock.mock.calls[1]?.[0]).toBe('/v1/analyses/an_1/events');
    expect(headerOf(fetchMock, 1, 'last-event-id')).toBe('2');
    expect(headerOf(fetchMock, 1, 'authorization')).toBe('Bearer secret');
    expect(texts(events)).toEqual({ thinking: 'Three plus seven.', answer: '10' });
    expect(events.filter((event) => event.type === 'start')).toHaveLength(1);
    expect(calls).toEqual(['id an_1', 'reconnecting', 'reconnected']);
  });

  test('knows the run by its start event when the header is missing, and reconnects when the stream just ends', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const fetchMock = stubFetchSequence(
      sseResponse([start, thought(1, 'Hmm')]),
      sseResponse([answered(2, '10'), finish(3)]),
    );
    const events: AnalysisEvent[] = [];
    const done = streamAnalysis(request, { onEvent: (event) => events.push(event) });
    await vi.advanceTimersByTimeAsync(500);
    await done;
    expect(headerOf(fetchMock, 1, 'last-event-id')).toBe('1');
    expect(texts(events)).toEqual({ thinking: 'Hmm', answer: '10' });
  });

  test('backs off while the server cannot be reached or answers 5xx, then reads on', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const unavailable = { error: { code: 'unavailable', message: 'Down.' } };
    const fetchMock = stubFetchSequence(
      sseResponse([start, thought(1, 'a')], { drops: true }),
      new TypeError('Failed to fetch'),
      Response.json(unavailable, { status: 503 }),
      sseResponse([thought(2, 'b'), finish(3)]),
    );
    const events: AnalysisEvent[] = [];
    const done = streamAnalysis(request, { onEvent: (event) => events.push(event) });
    // Waits of 0.5 s, 1 s and 2 s before the three attempts.
    await vi.advanceTimersByTimeAsync(500);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(fetchMock).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(1999);
    expect(fetchMock).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(1);
    await done;
    expect(texts(events).thinking).toBe('ab');
    expect(headerOf(fetchMock, 3, 'last-event-id')).toBe('1');
  });

  test('gives up after two minutes without the server', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const fetchMock = vi.fn(async (): Promise<Response> => {
      throw new TypeError('Failed to fetch');
    });
    fetchMock.mockImplementationOnce(async () => sseResponse([start], { drops: true }));
    vi.stubGlobal('fetch', fetchMock);
    const done = streamAnalysis(request, { onEvent: () => {} }).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(125_000);
    const error = await done;
    expect(error).toMatchObject({
      code: 'stream_ended',
      message: expect.stringContaining('could not be restored'),
    });
    // 0.5 + 1 + 2 + 4 + 8 s, then every 10 s up to two minutes.
    expect(fetchMock.mock.calls.length).toBe(1 + 5 + 10);
  });

  test('stops at once when the server no longer has the run', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const gone = { error: { code: 'unknown_analysis', message: 'There is no analysis an_1.' } };
    stubFetchSequence(sseResponse([start], { drops: true }), Response.json(gone, { status: 404 }));
    const done = streamAnalysis(request, { onEvent: () => {} }).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(500);
    expect(await done).toMatchObject({
      code: 'stream_ended',
      message: expect.stringContaining('There is no analysis an_1.'),
    });
  });

  test('does not move its place for a notice, which has no id, and reports it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const notice =
      'event: notice\ndata: {"code":"thinking_dropped","message":"Early thinking was dropped.","droppedEvents":3}\n\n';
    const fetchMock = stubFetchSequence(
      sseResponse([start, thought(1, 'a'), notice, 'event: notice\ndata: {"nonsense":true}\n\n'], {
        drops: true,
      }),
      sseResponse([finish(2)]),
    );
    const notices: RunNotice[] = [];
    const done = streamAnalysis(request, { onEvent: () => {}, onNotice: (value) => notices.push(value) });
    await vi.advanceTimersByTimeAsync(500);
    await done;
    expect(notices).toEqual([{ code: 'thinking_dropped', message: 'Early thinking was dropped.' }]);
    expect(headerOf(fetchMock, 1, 'last-event-id')).toBe('1');
  });

  test('resumes after an unknown event by its id, without passing it on', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const fetchMock = stubFetchSequence(
      sseResponse([start, 'event: something-new\nid: 1\ndata: {}\n\n'], { drops: true }),
      sseResponse([finish(2)]),
    );
    const events: AnalysisEvent[] = [];
    const done = streamAnalysis(request, { onEvent: (event) => events.push(event) });
    await vi.advanceTimersByTimeAsync(500);
    await done;
    expect(events.map((event) => event.type)).toEqual(['start', 'finish']);
    expect(headerOf(fetchMock, 1, 'last-event-id')).toBe('1');
  });

  test('without the run id, a drop cannot be read past: it ends the run', async () => {
    const fetchMock = stubFetch(
      sseResponse(['event: reasoning-delta\nid: 3\ndata: {"text":"Hmm"}\n\n'], { drops: true }),
    );
    await expect(streamAnalysis(request, { onEvent: () => {} })).rejects.toMatchObject({
      code: 'stream_ended',
    });
    expect(fetchMock).toHaveBeenCalledOnce();
  });

  test('a failing handler is not a dropped connection: nothing is read again', async () => {
    const fetchMock = stubFetch(sseResponse([start, thought(1, 'a')], { runId: 'an_1' }));
    const failure = new Error('A bug in the page.');
    await expect(
      streamAnalysis(request, {
        onEvent: (event) => {
          if (event.type === 'reasoning-delta') throw failure;
        },
      }),
    ).rejects.toBe(failure);
    expect(fetchMock).toHaveBeenCalledOnce();
  });

  test('stops reconnecting when aborted', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const fetchMock = stubFetchSequence(sseResponse([start], { drops: true }));
    const controller = new AbortController();
    const done = streamAnalysis(request, { signal: controller.signal, onEvent: () => {} }).catch(
      (error: unknown) => error,
    );
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    expect(await done).toMatchObject({ name: 'AbortError' });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});

describe('followAnalysis', () => {
  test('reads a run from its first event', async () => {
    const fetchMock = stubFetch(sseResponse([start, thought(1, 'a'), answered(2, 'b'), finish(3)]));
    const events: AnalysisEvent[] = [];
    const last = await followAnalysis('an_1', { onEvent: (event) => events.push(event) });
    expect(last.type).toBe('finish');
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/v1/analyses/an_1/events');
    expect(headerOf(fetchMock, 0, 'last-event-id')).toBeNull();
    expect(texts(events)).toEqual({ thinking: 'a', answer: 'b' });
  });

  test('rejects with the API error when the run is gone', async () => {
    const gone = { error: { code: 'unknown_analysis', message: 'There is no analysis an_1.' } };
    stubFetch(Response.json(gone, { status: 404 }));
    const error = await followAnalysis('an_1', { onEvent: () => {} }).catch((caught: unknown) => caught);
    expect(SeerError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'unknown_analysis', status: 404 });
  });
});

describe('cancelAnalysis', () => {
  test('asks the server to stop the run, with the token', async () => {
    saveAccessToken('secret');
    const fetchMock = stubFetch(Response.json({ id: 'an_1', status: 'cancelled' }));
    await cancelAnalysis('an_1');
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/v1/analyses/an_1/cancel');
    expect(fetchMock.mock.calls[0]?.[1]?.method).toBe('POST');
    expect(headerOf(fetchMock, 0, 'authorization')).toBe('Bearer secret');
  });
});
