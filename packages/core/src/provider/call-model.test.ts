import { type MockUpstream, startMockUpstream } from '@seer/mock-upstream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ModelStreamEvent } from '../contract/events';
import { UpstreamError } from '../errors';
import type { ModelEndpoint } from '../models/config';
import { DASHSCOPE_PRESETS } from '../models/presets';
import { callModel, RequestAbortedError } from './call-model';
import type { ProviderFetch } from './provider-fetch';

let mock: MockUpstream;
let endpoint: ModelEndpoint;

beforeAll(async () => {
  mock = await startMockUpstream();
  endpoint = { preset: DASHSCOPE_PRESETS[0]!, baseURL: `${mock.url}/`, apiKey: 'test-key' };
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

async function collect(stream: ReadableStream<ModelStreamEvent>): Promise<ModelStreamEvent[]> {
  const events: ModelStreamEvent[] = [];
  for await (const event of stream as unknown as AsyncIterable<ModelStreamEvent>) events.push(event);
  return events;
}

/** Waits up to a second for the mock to see request `index`'s connection close. */
async function waitUntilClosed(index: number): Promise<void> {
  const deadline = Date.now() + 1000;
  while (mock.requests[index]?.closedAt === undefined && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Counts the requests it passes on, to show that an injected fetch is the one the SDK uses. */
let injectedCalls = 0;
const injectedFetch: ProviderFetch = (input, init) => {
  injectedCalls++;
  return fetch(input, init);
};
const fetches: [string, ProviderFetch | undefined][] = [
  ["the platform's fetch", undefined],
  ['an injected fetch', injectedFetch],
];

describe.each(fetches)('callModel through the OpenAI SDK over %s', (_name, fetchOption) => {
  const transport = fetchOption ? { fetch: fetchOption } : {};
  const call = (options: { signal?: AbortSignal; idleTimeoutMs?: number } = {}) =>
    callModel({
      endpoint,
      messages: [{ role: 'user', content: 'What comes next?' }],
      maxAnswerTokens: 300,
      extraBody: { enable_thinking: true },
      idleTimeoutMs: options.idleTimeoutMs ?? 5000,
      ...transport,
      ...(options.signal ? { signal: options.signal } : {}),
    });

  it('sends the request as a streaming chat completion and returns the normalized events', async () => {
    mock.script({ kind: 'stream', dialect: 'reasoning_content', reasoning: 'Two plus two', answer: 'Four.' });
    const injectedBefore = injectedCalls;
    const events = await collect(await call());
    expect(injectedCalls - injectedBefore).toBe(fetchOption ? 1 : 0);
    const texts = (type: string) =>
      events.flatMap((event) => (event.type === type && 'text' in event ? [event.text] : [])).join('');
    expect(texts('reasoning-delta')).toBe('Two plus two');
    expect(texts('text-delta')).toBe('Four.');
    expect(events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' });
    const [request] = mock.requests;
    expect(request!.path).toBe('/v1/chat/completions');
    expect(request!.headers.authorization).toBe('Bearer test-key');
    expect(request!.body).toMatchObject({
      model: endpoint.preset.upstreamModel,
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 300,
      enable_thinking: true,
    });
  });

  it('keeps multi-byte characters whole when the bytes split inside them', async () => {
    const sse = `data: ${JSON.stringify({ choices: [{ delta: { content: '答案是四。' } }] })}\n\ndata: ${JSON.stringify({ choices: [{ delta: {}, finish_reason: 'stop' }] })}\n\ndata: [DONE]\n\n`;
    const first = sse.indexOf('答') + 1;
    mock.script({ kind: 'replay', sse, split: [first, first + 2, first + 4] });
    const events = await collect(await call());
    expect(
      events
        .filter((event) => event.type === 'text-delta')
        .map((event) => event.text)
        .join(''),
    ).toBe('答案是四。');
  });

  it('retries a 429 after its Retry-After and a 503, then streams', async () => {
    mock.script(
      { kind: 'status', status: 429, retryAfter: 1 },
      { kind: 'status', status: 503, headers: { 'retry-after-ms': '50' } },
      { kind: 'stream', dialect: 'reasoning', reasoning: 'r', answer: 'third time' },
    );
    const events = await collect(await call());
    expect(events.at(-1)).toMatchObject({ type: 'finish' });
    expect(mock.requests).toHaveLength(3);
    expect(mock.requests[1]!.receivedAt - mock.requests[0]!.receivedAt).toBeGreaterThanOrEqual(950);
    expect(mock.requests[2]!.receivedAt - mock.requests[1]!.receivedAt).toBeLessThan(450);
  });

  it('gives up after two retries with the provider status', async () => {
    mock.script(
      { kind: 'status', status: 500, headers: { 'retry-after-ms': '10' } },
      { kind: 'status', status: 500, headers: { 'retry-after-ms': '10' } },
      { kind: 'status', status: 502, body: { error: { message: 'bad gateway today' } } },
    );
    const error = await call().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ code: 'upstream_error', upstreamStatus: 502, isRetryable: true });
    expect((error as Error).message).toBe('The model provider answered 502: bad gateway today.');
    expect(mock.requests).toHaveLength(3);
  });

  it('does not retry a 400, and says what the provider said, from JSON or plain text', async () => {
    mock.script({ kind: 'status', status: 400, body: { error: { message: 'image too small' } } });
    await expect(call()).rejects.toMatchObject({
      message: 'The model provider answered 400: image too small.',
      isRetryable: false,
    });
    mock.script({ kind: 'status', status: 401, body: 'no such key' });
    await expect(call()).rejects.toThrow('The model provider answered 401: no such key.');
    expect(mock.requests).toHaveLength(2);
  });

  it('ends with upstream_timeout when the provider goes silent mid-stream', async () => {
    mock.script({
      kind: 'stream',
      dialect: 'reasoning_content',
      reasoning: 'Thinking and thinking',
      answer: 'never',
      chunkChars: 4,
      fault: { after: 3, type: 'silence' },
    });
    const events = await collect(await call({ idleTimeoutMs: 300 }));
    expect(events.some((event) => event.type === 'reasoning-delta')).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'error', code: 'upstream_timeout', retryable: true });
    await waitUntilClosed(0);
    expect(mock.requests[0]!.abortedByClient).toBe(true);
  });

  it('ends with upstream_timeout at the total deadline, though keep-alive comments keep arriving', async () => {
    const ping = ': ping\n\n';
    mock.script({
      kind: 'replay',
      sse: ping.repeat(100),
      split: Array.from({ length: 99 }, (_, index) => (index + 1) * ping.length),
      delayMs: 20,
    });
    const started = Date.now();
    const stream = await callModel({
      endpoint,
      messages: [{ role: 'user', content: 'What comes next?' }],
      idleTimeoutMs: 5000,
      totalTimeoutMs: 300,
      ...transport,
    });
    const events = await collect(stream);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(events).toEqual([
      {
        type: 'error',
        code: 'upstream_timeout',
        message: 'The model provider was still answering after 300 ms, the longest one answer may take.',
        retryable: true,
      },
    ]);
    await waitUntilClosed(0);
    expect(mock.requests[0]!.abortedByClient).toBe(true);
  });

  it('aborts the provider request when the caller aborts, before and during the stream', async () => {
    const before = new AbortController();
    before.abort();
    await expect(call({ signal: before.signal })).rejects.toBeInstanceOf(RequestAbortedError);

    mock.script({
      kind: 'stream',
      dialect: 'reasoning_content',
      reasoning: 'A long thought '.repeat(50),
      answer: 'late',
      chunkChars: 8,
      delayMs: 20,
    });
    const during = new AbortController();
    const reader = (await call({ signal: during.signal })).getReader();
    await reader.read();
    during.abort();
    await waitUntilClosed(0);
    expect(mock.requests[0]!.abortedByClient).toBe(true);
  });

  it('cancels a stream whose response has fully arrived, and the next call goes through', async () => {
    // No pause: the provider's whole answer arrives (and its connection goes back to the pool) while
    // events are still queued, as when a forced thinking budget cuts a fast provider late in its thought.
    const longThought = 'Counting the dots row by row. '.repeat(1500);
    for (let round = 0; round < 3; round++) {
      mock.script(
        {
          kind: 'stream',
          dialect: 'reasoning_content',
          reasoning: longThought,
          answer: 'unused',
          chunkChars: 400,
        },
        { kind: 'stream', dialect: 'reasoning_content', reasoning: '', answer: 'Ten.' },
      );
      const reader = (await call()).getReader();
      let thought = 0;
      while (thought < longThought.length * 0.9) {
        const { value } = await reader.read();
        if (value?.type === 'reasoning-delta') thought += value.text.length;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
      await reader.cancel();
      const events = await collect(await call());
      expect(events.at(-1)).toMatchObject({ type: 'finish' });
    }
  });
});
