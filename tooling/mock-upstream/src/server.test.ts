import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ReasoningDialect } from './scenario';
import { type MockUpstream, type ReceivedRequest, startMockUpstream } from './server';

type Chunk = {
  choices: { delta: Record<string, unknown>; finish_reason: string | null }[];
  usage?: Record<string, unknown>;
  error?: { type: string };
};

let upstream: MockUpstream;
beforeAll(async () => {
  upstream = await startMockUpstream();
});
afterEach(() => upstream.reset());
afterAll(() => upstream.close());

function chat(body: unknown = { model: 'test-model', stream: true, messages: [] }, init: RequestInit = {}) {
  return fetch(`${upstream.url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer test-key' },
    body: JSON.stringify(body),
    ...init,
  });
}

/** The `data:` payloads of an SSE body: JSON objects, or the raw text for `[DONE]`. */
function parseSSE(text: string): (Chunk | string)[] {
  return text
    .split('\n\n')
    .flatMap((event) => event.split('\n').filter((line) => line.startsWith('data: ')))
    .map((line) => line.slice('data: '.length))
    .map((data) => (data === '[DONE]' ? data : (JSON.parse(data) as Chunk)));
}

const deltaText = (chunks: (Chunk | string)[], read: (delta: Record<string, unknown>) => unknown) =>
  chunks
    .filter((chunk): chunk is Chunk => typeof chunk !== 'string')
    .map((chunk) => read(chunk.choices[0]?.delta ?? {}) ?? '')
    .join('');

async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const reasoning = 'Count the fingers: 1, 2, 3… ünïcödé 🤔 and five.';
const answer = 'There are **five** fingers — 五.';

describe('stream scenario', () => {
  const dialects: [ReasoningDialect, (delta: Record<string, unknown>) => unknown][] = [
    ['reasoning_content', (delta) => delta.reasoning_content],
    ['reasoning', (delta) => delta.reasoning],
    ['reasoning_details', (delta) => (delta.reasoning_details as { text: string }[] | undefined)?.[0]?.text],
  ];

  it.each(dialects)('%s carries the reasoning and the answer in order', async (dialect, readReasoning) => {
    upstream.script({ kind: 'stream', dialect, reasoning, answer, chunkChars: 5 });
    const response = await chat();
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const chunks = parseSSE(await response.text());
    expect(deltaText(chunks, readReasoning)).toBe(reasoning);
    expect(deltaText(chunks, (delta) => delta.content)).toBe(answer);
    expect((chunks[0] as Chunk).choices[0]?.delta.role).toBe('assistant');
    expect(chunks.at(-1)).toBe('[DONE]');
    const usageChunk = chunks.at(-2) as Chunk;
    expect(usageChunk.choices).toEqual([]);
    expect(usageChunk.usage).toMatchObject({ prompt_tokens: 10, completion_tokens_details: {} });
    expect(chunks.some((chunk) => (chunk as Chunk).choices?.[0]?.finish_reason === 'stop')).toBe(true);
    if (dialect === 'reasoning_details')
      expect(deltaText(chunks, (delta) => delta.reasoning)).toBe(reasoning);
  });

  it('think-tags puts the thinking inline in content', async () => {
    upstream.script({ kind: 'stream', dialect: 'think-tags', reasoning, answer, chunkChars: 3 });
    const chunks = parseSSE(await (await chat()).text());
    expect(deltaText(chunks, (delta) => delta.content)).toBe(`<think>${reasoning}</think>${answer}`);
    expect(deltaText(chunks, (delta) => delta.reasoning_content ?? delta.reasoning)).toBe('');
  });

  it('none hides the reasoning but still counts its tokens; usage can ride on the finish chunk', async () => {
    upstream.script({
      kind: 'stream',
      dialect: 'none',
      reasoning,
      answer,
      finishReason: 'length',
      usagePlacement: 'finish-chunk',
    });
    const chunks = parseSSE(await (await chat()).text());
    expect(deltaText(chunks, (delta) => delta.content)).toBe(answer);
    const finish = chunks.at(-2) as Chunk;
    expect(finish.choices[0]?.finish_reason).toBe('length');
    expect(finish.usage).toMatchObject({
      completion_tokens_details: { reasoning_tokens: Math.ceil(reasoning.length / 4) },
    });
  });

  it('answers stream: false with one chat.completion document', async () => {
    upstream.script({ kind: 'stream', dialect: 'reasoning_content', reasoning, answer, usage: null });
    const response = await chat({ model: 'm', stream: false, messages: [] });
    const completion = (await response.json()) as Record<string, unknown>;
    expect(completion).toMatchObject({
      object: 'chat.completion',
      model: 'm',
      choices: [{ message: { role: 'assistant', content: answer, reasoning_content: reasoning } }],
    });
    expect(completion.usage).toBeUndefined();
  });

  it('error-event fault sends an error payload and ends without [DONE]', async () => {
    upstream.script({
      kind: 'stream',
      dialect: 'reasoning',
      reasoning,
      answer,
      fault: { after: 3, type: 'error-event' },
    });
    const chunks = parseSSE(await (await chat()).text());
    expect(chunks).toHaveLength(4);
    expect((chunks[3] as Chunk).error?.type).toBe('server_error');
    expect(chunks).not.toContain('[DONE]');
  });

  it('drop fault makes the body reader reject', async () => {
    upstream.script({
      kind: 'stream',
      dialect: 'reasoning',
      reasoning,
      answer,
      fault: { after: 2, type: 'drop' },
    });
    const response = await chat();
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    await until(() => upstream.requests[0]?.closedAt !== undefined);
    expect(upstream.requests[0]?.abortedByClient).toBe(false);
  });

  it('silence fault keeps the connection open after some chunks until the client leaves', async () => {
    upstream.script({
      kind: 'stream',
      dialect: 'reasoning',
      reasoning,
      answer,
      fault: { after: 2, type: 'silence' },
    });
    const controller = new AbortController();
    const response = await chat(undefined, { signal: controller.signal });
    const reader = response.body!.getReader();
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toContain('"role":"assistant"');
    const stalled = await Promise.race([
      reader.read().then(() => reader.read()),
      new Promise((resolve) => setTimeout(() => resolve('stalled'), 200)),
    ]);
    expect(stalled).toBe('stalled');
    controller.abort();
    await until(() => upstream.requests[0]?.abortedByClient === true);
  });

  it('waits delayMs between chunks', async () => {
    upstream.script({ kind: 'stream', dialect: 'none', answer: 'abcdefgh', chunkChars: 2, delayMs: 40 });
    const started = Date.now();
    await (await chat()).text();
    // role + 4 answer chunks + finish + usage: 6 pauses.
    expect(Date.now() - started).toBeGreaterThanOrEqual(6 * 40 - 20);
  });
});

describe('status, silence and slow-headers', () => {
  it('answers with the status, an OpenAI-style error body and Retry-After', async () => {
    upstream.script({ kind: 'status', status: 429, retryAfter: 2, headers: { 'x-request-id': 'r1' } });
    const response = await chat();
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(response.headers.get('x-request-id')).toBe('r1');
    expect(await response.json()).toMatchObject({
      error: { type: 'rate_limit_error', code: 'rate_limit_exceeded' },
    });
  });

  it('silence never sends headers and records the client abort', async () => {
    upstream.script({ kind: 'silence' });
    const controller = new AbortController();
    const pending = chat(undefined, { signal: controller.signal });
    const [record] = await upstream.waitForRequests(1);
    expect(record?.scenario).toBe('silence');
    expect(record?.closedAt).toBeUndefined();
    controller.abort();
    await expect(pending).rejects.toThrow();
    await until(() => record?.closedAt !== undefined);
    expect(record?.abortedByClient).toBe(true);
  });

  it('slow-headers waits, then plays the next scenario', async () => {
    // biome-ignore lint/suspicious/noThenProperty: a non-callable `then` is not thenable, and the scenario API names it so.
    upstream.script({ kind: 'slow-headers', delayMs: 150, then: { kind: 'status', status: 503 } });
    const started = Date.now();
    const response = await chat();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(response.status).toBe(503);
  });
});

describe('recording and scripting', () => {
  it('records method, path, headers, parsed body and completion; falls back to the default scenario', async () => {
    upstream.script({ kind: 'status', status: 500 });
    expect(
      (await chat({ model: 'first', stream: true, messages: [{ role: 'user', content: 'hi' }] })).status,
    ).toBe(500);
    const response = await chat();
    expect(response.status).toBe(200);
    await response.text();
    const raw = await fetch(`${upstream.url}/chat/completions`, { method: 'POST', body: 'not json' });
    await raw.text();
    const requests: ReceivedRequest[] = await upstream.waitForRequests(3);
    expect(requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      body: { model: 'first', messages: [{ role: 'user', content: 'hi' }] },
      scenario: 'status',
      abortedByClient: false,
    });
    expect(requests[0]?.headers.authorization).toBe('Bearer test-key');
    expect(requests[1]?.scenario).toBe('stream');
    expect(requests[2]?.body).toBe('not json');
    await until(() => requests.every((request) => request.closedAt !== undefined));
    expect(requests[0]!.closedAt!).toBeGreaterThanOrEqual(requests[0]!.receivedAt);
  });

  it('accepts any path ending in /chat/completions', async () => {
    upstream.setDefault({ kind: 'status', status: 418 });
    const origin = new URL(upstream.url).origin;
    for (const path of ['/chat/completions', '/api/openai/v1/chat/completions']) {
      expect((await fetch(`${origin}${path}`, { method: 'POST', body: '{}' })).status).toBe(418);
    }
    upstream.reset();
    expect((await chat()).status).toBe(200);
  });

  it('rejects waitForRequests after the timeout', async () => {
    await expect(upstream.waitForRequests(1, 50)).rejects.toThrow(/0 of 1/);
  });
});

describe('HTTP control', () => {
  const control = (path: string, body?: unknown) =>
    fetch(
      `${new URL(upstream.url).origin}/__mock/${path}`,
      body === undefined ? { method: 'GET' } : { method: 'POST', body: JSON.stringify(body) },
    );

  it('scripts, sets the default, lists requests and resets over HTTP', async () => {
    expect((await control('script', { scenarios: [{ kind: 'status', status: 401 }] })).status).toBe(200);
    expect((await control('default', { scenario: { kind: 'status', status: 502 } })).status).toBe(200);
    expect((await chat()).status).toBe(401);
    expect((await chat()).status).toBe(502);
    const listed = (await (await control('requests')).json()) as { requests: ReceivedRequest[] };
    expect(listed.requests.map((request) => request.scenario)).toEqual(['status', 'status']);
    expect((await control('reset', {})).status).toBe(200);
    expect(upstream.requests).toEqual([]);
    const response = await chat();
    expect(response.status).toBe(200);
    await response.text();
  });

  it('refuses malformed scenarios and serves /v1/models', async () => {
    expect((await control('script', { scenarios: [{ kind: 'nope' }] })).status).toBe(400);
    expect((await control('default', {})).status).toBe(400);
    const models = await (await fetch(`${upstream.url}/models`)).json();
    expect(models).toEqual({ object: 'list', data: [{ id: 'mock-model', object: 'model' }] });
  });

  it('scripts what /v1/models lists or answers, in code and over HTTP, until reset', async () => {
    const models = () => fetch(`${upstream.url}/models`);
    type List = { data: { id: string }[] };
    const listed = async () => ((await (await models()).json()) as List).data;
    upstream.setModels(['qvq-max', 'other']);
    expect((await listed()).map((model) => model.id)).toEqual(['qvq-max', 'other']);
    upstream.setModels({ status: 401, body: { error: { message: 'Incorrect API key provided' } } });
    const refused = await models();
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: { message: 'Incorrect API key provided' } });
    expect((await control('models', { status: 404 })).status).toBe(200);
    const missing = await models();
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toBe(
      'Mock upstream answered with status 404.',
    );
    expect((await control('models', { models: ['a'] })).status).toBe(200);
    expect(await listed()).toEqual([{ id: 'a', object: 'model' }]);
    expect((await control('models', { models: [1] })).status).toBe(400);
    expect(upstream.requests).toEqual([]);
    upstream.reset();
    expect(await listed()).toEqual([{ id: 'mock-model', object: 'model' }]);
  });
});
