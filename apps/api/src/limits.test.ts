import { request } from 'node:http';
import { type RedisServer, startRedisServer } from '@seer/test-setup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningAPI, startAPI, useAPIWithMockUpstream } from '../test/test-support';
import { createRateLimitStore } from './rate-limit-store';

/** Sends headers that declare `declaredBytes` and then only `sentBytes`, and returns the response. */
function postDeclaring(
  url: string,
  declaredBytes: number,
  sentBytes: number,
): Promise<{ status: number; body: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/v1/analyses`,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': declaredBytes } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (text: string) => {
          body += text;
        });
        res.on('end', () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, body, ms: performance.now() - started });
        });
      },
    );
    req.on('error', reject);
    req.write(Buffer.alloc(sentBytes, 0x20));
  });
}

describe('body limits (SEER_MAX_BODY_MB)', () => {
  let api: RunningAPI;
  beforeAll(async () => {
    api = await startAPI();
  });
  afterAll(() => api.close());

  it('refuses an 80 MB body with 413 from its declared length, before the body is sent', async () => {
    const response = await postDeclaring(api.url, 80 * 1024 * 1024, 1024);
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body).error).toMatchObject({
      code: 'payload_too_large',
      message: 'The request body is over 64 MB.',
    });
    expect(response.ms).toBeLessThan(2000);
  });

  it('refuses a chunked 80 MB body with 413 once it passes the limit, and stays healthy', async () => {
    let sent = 0;
    const chunk = new Uint8Array(1024 * 1024).fill(0x20);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 80) return controller.close();
        sent++;
        controller.enqueue(chunk);
      },
    });
    const response = await fetch(`${api.url}/v1/analyses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe('payload_too_large');
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
  });

  it('reports the limits in /healthz so a client can check before uploading', async () => {
    const { limits } = await (await fetch(`${api.url}/healthz`)).json();
    expect(limits.bodyBytes).toBe(64 * 1024 * 1024);
    expect(limits.multipartBytes).toBe(limits.videoBytes + limits.bodyBytes);
  });
});

describe('CORS (SEER_CORS_ORIGINS)', () => {
  const preflight = (api: RunningAPI, origin: string, path = '/v1/analyses', headers = 'content-type') =>
    fetch(`${api.url}${path}`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': headers },
    });

  it('is off by default: no page elsewhere may call the API from a browser', async () => {
    const api = await startAPI();
    try {
      const response = await preflight(api, 'https://elsewhere.example');
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await api.close();
    }
  });

  it('allows exactly the configured origins', async () => {
    const api = await startAPI({ SEER_CORS_ORIGINS: 'https://studio.example, https://lab.example' });
    try {
      const allowed = await preflight(api, 'https://lab.example');
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://lab.example');
      expect(allowed.headers.get('access-control-allow-headers')).toContain('content-type');
      // What OpenAI's SDK sends from a browser page, as LobeChat's client mode does.
      const sdkHeaders = 'authorization,content-type,x-stainless-lang,x-stainless-package-version';
      const fromSDK = await preflight(api, 'https://lab.example', '/v1/chat/completions', sdkHeaders);
      expect(fromSDK.headers.get('access-control-allow-headers')).toBe(sdkHeaders);
      const refused = await preflight(api, 'https://elsewhere.example');
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await api.close();
    }
  });
});

describe('request ids', () => {
  it('gives every response an X-Request-Id, keeping a sane one the caller sent', async () => {
    const api = await startAPI();
    try {
      const own = await fetch(`${api.url}/v1/models`, { headers: { 'x-request-id': 'trace-42' } });
      expect(own.headers.get('x-request-id')).toBe('trace-42');
      const fresh = await fetch(`${api.url}/v1/models`);
      expect(fresh.headers.get('x-request-id')).toMatch(/^[\w-]{16,}$/);
      // Not sane (a space, markup, or too long): replaced by a fresh id, never echoed.
      for (const given of ['two words', '<b>id</b>', 'x'.repeat(256)]) {
        const replaced = await fetch(`${api.url}/v1/models`, { headers: { 'x-request-id': given } });
        expect(replaced.headers.get('x-request-id')).toMatch(/^[\w-]{16,}$/);
      }
      // Errors and streamed analyses carry it too.
      const missing = await fetch(`${api.url}/v1/nothing`, { headers: { 'x-request-id': 'trace-43' } });
      expect(missing.status).toBe(404);
      expect(missing.headers.get('x-request-id')).toBe('trace-43');
      const stream = await fetch(`${api.url}/v1/analyses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'trace-44' },
        body: JSON.stringify({ template: 'freeform', question: 'What is in the picture?' }),
      });
      expect(stream.headers.get('content-type')).toContain('text/event-stream');
      expect(stream.headers.get('x-request-id')).toBe('trace-44');
      expect(await stream.text()).toContain('event: finish');
    } finally {
      await api.close();
    }
  });
});

describe('rate limits shared by several instances through Redis (SEER_REDIS_URL)', () => {
  let redis: RedisServer;
  let redisURL: string;
  beforeAll(async () => {
    redis = await startRedisServer();
    redisURL = redis.url;
  }, 120_000);
  afterAll(() => redis?.stop());

  it('answers the sixth request in a minute with 429 across two instances, while another token is unaffected', async () => {
    const environment = { SEER_AUTH_TOKENS: 'alpha,beta', SEER_RATE_LIMIT: '5', SEER_REDIS_URL: redisURL };
    const stores = [createRateLimitStore(5, redisURL), createRateLimitStore(5, redisURL)];
    const [first, second] = await Promise.all(
      stores.map((rateLimitStore) => startAPI(environment, { rateLimitStore })),
    );
    const models = (api: RunningAPI, token: string) =>
      fetch(`${api.url}/v1/models`, { headers: { authorization: `Bearer ${token}` } });
    try {
      // Both count in Redis, so the counts below can only add up if Redis holds them.
      expect(await Promise.all(stores.map((store) => store.ready()))).toEqual([true, true]);
      const statuses: number[] = [];
      for (const api of [first!, second!, first!, second!, first!])
        statuses.push((await models(api, 'alpha')).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200]);
      const sixth = await models(second!, 'alpha');
      expect(sixth.status).toBe(429);
      expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await sixth.json()).error.code).toBe('rate_limited');
      expect((await models(first!, 'alpha')).status).toBe(429);
      expect((await models(first!, 'beta')).status).toBe(200);
      expect((await models(second!, 'beta')).status).toBe(200);
    } finally {
      await Promise.all([first!.close(), second!.close(), ...stores.map((store) => store.close())]);
    }
  });
});

describe('a slow client', () => {
  const setup = useAPIWithMockUpstream((mockURL) => ({
    SEER_BASE_URL: mockURL,
    SEER_API_KEY: 'test',
    SEER_MODEL: 'qwen2.5-vl-72b-instruct',
  }));

  it('reads the provider to its end while the client stalls, keeping the run within its event limit', async () => {
    // 16 MB of thinking, four times what the run keeps (SEER_RUN_MAX_EVENT_KB, 4 MB by default).
    const thinking = 'x'.repeat(16 * 1024 * 1024);
    setup.mock.script({
      kind: 'stream',
      dialect: 'reasoning_content',
      reasoning: thinking,
      answer: 'done',
      chunkChars: 16 * 1024,
    });
    let received = 0;
    const response = await new Promise<import('node:http').IncomingMessage>((resolve, reject) => {
      const req = request(`${setup.api.url}/v1/analyses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      });
      req.on('response', resolve);
      req.on('error', reject);
      req.end(JSON.stringify({ template: 'freeform', question: 'Think at length.' }));
    });
    expect(response.statusCode).toBe(200);
    const id = response.headers['x-seer-analysis-id'];
    const chunks: Buffer[] = [];
    let hasStalled = false;
    response.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      // Reads a little, then stops reading, like a client on a stalled connection, until resumed below.
      if (received > 256 * 1024 && !hasStalled) {
        hasStalled = true;
        response.pause();
      }
    });
    // The run reads the provider at the provider's pace, not the client's: the model is paid for
    // either way, and the client may come back for it.
    const upstream = setup.mock.requests[0]!;
    await expect.poll(() => upstream.closedAt, { timeout: 30_000 }).toBeDefined();
    expect(upstream.abortedByClient).toBe(false);
    let status: { status: string; analysis: { reasoning: string } } = {
      status: 'running',
      analysis: { reasoning: '' },
    };
    await expect
      .poll(
        async () => {
          status = await (await fetch(`${setup.api.url}/v1/analyses/${id}`)).json();
          return status.status;
        },
        { timeout: 30_000, interval: 200 },
      )
      .toBe('finished');
    expect(status).toMatchObject({ status: 'finished', analysis: { text: 'done' } });
    // What it kept of the thinking is within the limit, and is the thinking's end.
    expect(status.analysis.reasoning.length).toBeGreaterThan(0);
    expect(status.analysis.reasoning.length).toBeLessThanOrEqual(4 * 1024 * 1024);
    // The stalled client reads on: it is told the oldest thinking it had not read was dropped, then
    // gets the rest and the answer.
    const rest = new Promise<void>((resolve) => response.on('end', resolve));
    response.resume();
    await rest;
    const wire = Buffer.concat(chunks).toString('utf8');
    expect(wire).toContain('event: notice');
    expect(wire).toContain('"code":"thinking_dropped"');
    expect(wire).toContain('event: finish');
  }, 60_000);
});
