import { type AnalysisEvent, fromSSEParts } from '@seer/core';
import { type MockUpstream, startMockUpstream } from '@seer/mock-upstream';
import { type APIServer, startAPIServer, waitForExit } from '@seer/test-setup';
import { EventSourceParserStream } from 'eventsource-parser/stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const model = 'qwen2.5-vl-72b-instruct';
const token = 'seer-token-for-the-log-test';
const providerKey = 'sk-provider-key-for-the-log-test';
const question = 'What does the private question about the label say?';

/** The analysis's events, one at a time, as they arrive. */
async function* readEvents(response: Response): AsyncGenerator<AnalysisEvent> {
  const messages = response
    .body!.pipeThrough(new TextDecoderStream())
    .pipeThrough(new EventSourceParserStream());
  for await (const message of messages)
    yield fromSSEParts(message.event ?? 'message', JSON.parse(message.data));
}

/** Reads until the first thinking text, then returns a function that reads the rest. */
async function streamUntilThinking(response: Response) {
  const events = readEvents(response);
  for (;;) {
    const { value, done } = await events.next();
    if (done) throw new Error('The stream ended before any thinking.');
    if (value.type === 'reasoning-delta') break;
  }
  return async () => {
    const rest: AnalysisEvent[] = [];
    for await (const event of events) rest.push(event);
    return rest;
  };
}

describe('graceful shutdown (SIGTERM)', () => {
  let mock: MockUpstream;
  let api: APIServer | undefined;
  beforeAll(async () => {
    mock = await startMockUpstream();
  });
  afterEach(async () => {
    await api?.stop();
    mock.reset();
  });
  afterAll(() => mock.close());

  const start = (graceMs: number) =>
    startAPIServer({
      NODE_ENV: 'test',
      SEER_BASE_URL: mock.url,
      SEER_API_KEY: providerKey,
      SEER_MODEL: model,
      SEER_SHUTDOWN_GRACE_MS: String(graceMs),
    });
  const analyze = (url: string) =>
    fetch(`${url}/v1/analyses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ template: 'freeform', question }),
    });

  it('ends a stream that outlasts the grace period with a retryable error event and aborts its upstream', async () => {
    api = await start(400);
    // About 20 s of thinking: far longer than the grace period.
    mock.script({
      kind: 'stream',
      dialect: 'reasoning_content',
      reasoning: 'step '.repeat(2000),
      answer: 'done',
      chunkChars: 10,
      delayMs: 100,
    });
    const response = await analyze(api.url);
    expect(response.status).toBe(200);
    const readRest = await streamUntilThinking(response);
    const signalled = performance.now();
    api.child.kill('SIGTERM');
    const rest = await readRest();
    const ended = performance.now() - signalled;
    expect(rest.at(-1)).toEqual({
      type: 'error',
      code: 'shutting_down',
      message: 'Seer is restarting, so this analysis was stopped. Try again in a moment.',
      retryable: true,
    });
    expect(rest.some((event) => event.type === 'finish')).toBe(false);
    // The grace period, then the end: not cut at once, not left running.
    expect(ended).toBeGreaterThan(350);
    expect(ended).toBeLessThan(4000);
    expect(await waitForExit(api.child, 5000)).toBe(true);
    expect(api.child.exitCode).toBe(0);
    await expect.poll(() => mock.requests[0]?.abortedByClient, { timeout: 3000 }).toBe(true);
  });

  it('lets a stream that ends within the grace period finish, then exits', async () => {
    api = await start(10_000);
    mock.script({
      kind: 'stream',
      dialect: 'reasoning_content',
      reasoning: 'step '.repeat(40),
      answer: 'The answer is 7.',
      chunkChars: 10,
      delayMs: 40,
    });
    const response = await analyze(api.url);
    const readRest = await streamUntilThinking(response);
    api.child.kill('SIGTERM');
    const rest = await readRest();
    expect(rest.at(-1)?.type).toBe('finish');
    expect(rest.some((event) => event.type === 'error')).toBe(false);
    expect(await waitForExit(api.child, 8000)).toBe(true);
    expect(api.child.exitCode).toBe(0);
  });

  const analyzeWhole = (url: string) =>
    fetch(`${url}/v1/analyses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ template: 'freeform', question, stream: false }),
    });

  it('waits for a `stream: false` analysis that ends within the grace period and answers it whole', async () => {
    api = await start(3000);
    // About 1.5 s of thinking, well past the moment of SIGTERM and within the grace period.
    mock.script({
      kind: 'stream',
      dialect: 'reasoning_content',
      reasoning: 'step '.repeat(60),
      answer: 'The answer is 7.',
      chunkChars: 10,
      delayMs: 50,
    });
    const pending = analyzeWhole(api.url);
    await mock.waitForRequests(1);
    api.child.kill('SIGTERM');
    const response = await pending;
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ text: 'The answer is 7.', finishReason: 'stop' });
    expect(await waitForExit(api.child, 8000)).toBe(true);
    expect(api.child.exitCode).toBe(0);
  });

  it('answers a `stream: false` analysis that outlasts the grace period with 503 shutting_down and aborts its upstream', async () => {
    api = await start(400);
    mock.script({
      kind: 'stream',
      dialect: 'reasoning_content',
      reasoning: 'step '.repeat(2000),
      answer: 'done',
      chunkChars: 10,
      delayMs: 100,
    });
    const pending = analyzeWhole(api.url);
    await mock.waitForRequests(1);
    api.child.kill('SIGTERM');
    const response = await pending;
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      error: {
        code: 'shutting_down',
        message: 'Seer is shutting down. Try again in a moment.',
        retryable: true,
      },
    });
    await expect.poll(() => mock.requests[0]?.abortedByClient, { timeout: 3000 }).toBe(true);
    expect(await waitForExit(api.child, 5000)).toBe(true);
  });
});

describe('structured logs', () => {
  it('logs each request and analysis as JSON with its request id and timings, and no token, key or prompt', async () => {
    const mock = await startMockUpstream();
    const api = await startAPIServer({
      NODE_ENV: 'test',
      SEER_BASE_URL: mock.url,
      SEER_API_KEY: providerKey,
      SEER_MODEL: model,
      SEER_AUTH_TOKENS: token,
    });
    try {
      mock.script({
        kind: 'stream',
        dialect: 'reasoning_content',
        reasoning: 'Looking closely.',
        answer: 'It says 42.',
        chunkChars: 5,
        delayMs: 5,
      });
      const response = await fetch(`${api.url}/v1/analyses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ template: 'freeform', question }),
      });
      const requestId = response.headers.get('x-request-id');
      expect(requestId).toBeTruthy();
      await response.text();
      const refused = await fetch(`${api.url}/v1/models`, {
        headers: { authorization: 'Bearer wrong-token-xyz' },
      });
      expect(refused.status).toBe(401);

      const entries = () =>
        api
          .stdout()
          .split('\n')
          .filter((line) => line.trim() !== '')
          .map((line) => JSON.parse(line) as Record<string, unknown>);
      // The log reaches this process through a pipe, a little after the responses.
      await expect
        .poll(
          () =>
            entries().some((entry) => entry.msg === 'analysis') &&
            entries().some((entry) => entry.msg === 'request' && entry.status === 401),
          { timeout: 5000 },
        )
        .toBe(true);
      const log = entries();
      expect(log.find((entry) => entry.msg === 'request' && entry.requestId === requestId)).toMatchObject({
        method: 'POST',
        path: '/v1/analyses',
        status: 200,
        durationMs: expect.any(Number),
      });
      expect(log.find((entry) => entry.msg === 'analysis')).toMatchObject({
        requestId,
        model,
        template: 'freeform',
        outcome: 'finished',
        finishReason: 'stop',
        firstTokenMs: expect.any(Number),
        durationMs: expect.any(Number),
      });
      expect(log.find((entry) => entry.msg === 'request' && entry.status === 401)).toBeTruthy();
      const text = api.stdout();
      for (const secret of [
        token,
        providerKey,
        'wrong-token-xyz',
        question,
        'It says 42',
        'Looking closely',
      ]) {
        expect(text).not.toContain(secret);
      }
    } finally {
      await api.stop();
      await mock.close();
    }
  });
});
