// Where the OpenAI SDK's rules and Seer's differ, Seer's win: each case here would go the SDK's way
// without Seer's deadlines and guarded fetch.
import { type MockUpstream, startMockUpstream } from '@seer/mock-upstream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ModelStreamEvent } from '../contract/events';
import { UpstreamError } from '../errors';
import type { ModelEndpoint } from '../models/config';
import { DASHSCOPE_PRESETS } from '../models/presets';
import { type CallModelOptions, callModel, RequestAbortedError } from './call-model';

let mock: MockUpstream;
let endpoint: ModelEndpoint;

beforeAll(async () => {
  mock = await startMockUpstream();
  endpoint = { preset: DASHSCOPE_PRESETS[0]!, baseURL: mock.url, apiKey: 'test-key' };
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

async function collect(stream: ReadableStream<ModelStreamEvent>): Promise<ModelStreamEvent[]> {
  const events: ModelStreamEvent[] = [];
  for await (const event of stream as unknown as AsyncIterable<ModelStreamEvent>) events.push(event);
  return events;
}

const call = (options: Partial<CallModelOptions> = {}) =>
  callModel({
    endpoint,
    messages: [{ role: 'user', content: 'What comes next?' }],
    idleTimeoutMs: 5000,
    ...options,
  });

describe('callModel keeps to Seer’s rules over the SDK’s', () => {
  it('never retries once output began: a stream that breaks off ends with an error after its output', async () => {
    mock.script(
      {
        kind: 'stream',
        dialect: 'reasoning_content',
        reasoning: 'Counting the rows',
        answer: 'never',
        chunkChars: 4,
        delayMs: 20,
        fault: { after: 3, type: 'drop' },
      },
      { kind: 'stream', dialect: 'reasoning_content', reasoning: 'again', answer: 'a second answer' },
    );
    const events = await collect(await call());
    expect(events.some((event) => event.type === 'reasoning-delta')).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'error', code: 'upstream_error' });
    expect(mock.requests).toHaveLength(1);
  });

  it('cuts a provider silent before its first byte at the idle timeout, without retrying it', async () => {
    mock.script({ kind: 'silence' }, { kind: 'stream', dialect: 'reasoning', answer: 'too late' });
    const started = Date.now();
    await expect(call({ idleTimeoutMs: 300 })).rejects.toMatchObject({
      code: 'upstream_timeout',
      message: 'The model provider sent nothing within 300 ms.',
    });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(mock.requests).toHaveLength(1);
  });

  it('stops the idle timer while the SDK waits out a Retry-After longer than the idle timeout', async () => {
    mock.script(
      { kind: 'status', status: 429, retryAfter: 1 },
      { kind: 'stream', dialect: 'reasoning', reasoning: 'r', answer: 'after the wait' },
    );
    const events = await collect(await call({ idleTimeoutMs: 400 }));
    expect(events.at(-1)).toMatchObject({ type: 'finish' });
    expect(mock.requests).toHaveLength(2);
  });

  it('backs off instead of waiting when a Retry-After asks for more than a minute', async () => {
    mock.script(
      { kind: 'status', status: 503, retryAfter: 3600 },
      { kind: 'stream', dialect: 'reasoning', reasoning: 'r', answer: 'soon' },
    );
    const events = await collect(await call());
    expect(events.at(-1)).toMatchObject({ type: 'finish' });
    expect(mock.requests[1]!.receivedAt - mock.requests[0]!.receivedAt).toBeLessThan(2000);
  });

  it('rejects at once when the caller aborts while the SDK waits to retry', async () => {
    mock.script({ kind: 'status', status: 429, retryAfter: 5 });
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 100);
    const started = Date.now();
    await expect(call({ signal: abort.signal })).rejects.toBeInstanceOf(RequestAbortedError);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("keeps the provider's request id, from its header or its error body, in the error's details", async () => {
    mock.script({
      kind: 'status',
      status: 400,
      body: { error: { message: 'image too small' } },
      headers: { 'x-request-id': 'req_abc123' },
    });
    const error = (await call().catch((caught: unknown) => caught)) as UpstreamError;
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.message).toBe('The model provider answered 400: image too small.');
    expect(error.details).toEqual({ upstreamStatus: 400, upstreamRequestId: 'req_abc123' });
    expect(error.toJSON().error).toMatchObject({ upstreamRequestId: 'req_abc123' });

    mock.script({
      kind: 'status',
      status: 400,
      body: { code: 'InvalidParameter', message: 'The image is too small.', request_id: 'ds-42' },
    });
    await expect(call()).rejects.toMatchObject({
      message: 'The model provider answered 400: The image is too small..',
      details: { upstreamStatus: 400, upstreamRequestId: 'ds-42' },
    });
  });

  it('ends a stream that reports an error mid-way with the provider’s words', async () => {
    mock.script({
      kind: 'stream',
      dialect: 'reasoning_content',
      reasoning: 'Thinking',
      answer: 'never',
      fault: { after: 2, type: 'error-event' },
    });
    const events = await collect(await call());
    expect(events.at(-1)).toMatchObject({
      type: 'error',
      code: 'upstream_error',
      message: expect.stringMatching(/^The model provider failed mid-stream: /),
    });
  });

  it('ends a stream whose message is not JSON with upstream_error, after what came before it', async () => {
    mock.script({
      kind: 'replay',
      sse: `data: ${JSON.stringify({ choices: [{ delta: { content: 'Four' } }] })}\n\ndata: {not json\n\n`,
    });
    const events = await collect(await call());
    expect(events.filter((event) => event.type === 'text-delta')).toEqual([
      { type: 'text-delta', text: 'Four' },
    ]);
    expect(events.at(-1)).toMatchObject({
      type: 'error',
      code: 'upstream_error',
      message: 'The model provider sent a stream message that is not JSON.',
    });
  });

  it('sends its User-Agent and nothing of the OpenAI environment; a keyless endpoint gets no Authorization', async () => {
    const saved = process.env.OPENAI_ORG_ID;
    process.env.OPENAI_ORG_ID = 'org-secret';
    try {
      mock.script({ kind: 'stream', dialect: 'reasoning', answer: 'ok' });
      await collect(await call({ endpoint: { ...endpoint, baseURL: `${mock.url}/v1`, apiKey: '' } }));
    } finally {
      if (saved === undefined) delete process.env.OPENAI_ORG_ID;
      else process.env.OPENAI_ORG_ID = saved;
    }
    const headers = mock.requests[0]!.headers;
    expect(headers['user-agent']).toMatch(/^OpenAI\/JS /);
    expect(headers.authorization).toBeUndefined();
    expect(headers['openai-organization']).toBeUndefined();
    expect(headers.accept).toBe('text/event-stream');
  });
});
