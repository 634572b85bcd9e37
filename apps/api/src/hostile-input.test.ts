import { type AddressInfo, connect, type Socket } from 'node:net';
import { serve } from '@hono/node-server';
import { loadConfig } from '@seer/core';
import { type APIServer, startAPIServer } from '@seer/test-setup';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOutcome, HOSTILE_CEILINGS, type HostileOutcome, runHostile } from '../test/hostile-support';
import { createApp } from './app';
import { loadServerConfig } from './server-config';

const MB = 1024 * 1024;

let api: APIServer;
beforeAll(async () => {
  api = await startAPIServer({ NODE_ENV: 'test' });
}, 60_000);
afterAll(() => api?.stop(), 60_000);

/**
 * Posts `body` as JSON to `path` of the API under test. Callers encode it beforehand: encoding tens of
 * megabytes here would block this process while it times `/healthz`.
 */
function postJSON(path: string, body: Uint8Array<ArrayBuffer>): Promise<Response> {
  return fetch(`${api.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
}

/** JSON as the bytes a client sends. */
const encodeJSON = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/** Asserts the status, the error code and every ceiling of one hostile outcome. */
function expectRefused(outcome: HostileOutcome, status: number, code: string): void {
  const message = describeOutcome(outcome);
  expect(outcome.status, message).toBe(status);
  expect(outcome.slowestHealthzMs, message).toBeLessThanOrEqual(HOSTILE_CEILINGS.healthzMs);
  expect(outcome.peakRSSDeltaMB, message).toBeLessThanOrEqual(HOSTILE_CEILINGS.peakRSSMB);
  expect(outcome.settledRSSDeltaMB, message).toBeLessThanOrEqual(HOSTILE_CEILINGS.settledRSSMB);
  expect(outcome.body, message).toContain(`"code":"${code}"`);
}

/** `[` `count` times, then `]` as many times: nesting that costs JSON.parse time and memory at every level. */
function nestedArrays(count: number): Uint8Array<ArrayBuffer> {
  const body = new Uint8Array(count * 2);
  body.fill(0x5b, 0, count);
  body.fill(0x5d, count);
  return body;
}

describe('hostile JSON bodies against a real API process', () => {
  it('refuses 10 MB of nested arrays with 400 before parsing them', async () => {
    const body = nestedArrays(5_000_000);
    const outcome = await runHostile(api, () => postJSON('/v1/analyses', body));
    expectRefused(outcome, 400, 'invalid_request');
    expect(outcome.body).toMatch(/nests arrays and objects more than 64 deep/);
  });

  it('refuses 60 MB of nested arrays with 400 before parsing them', async () => {
    const body = nestedArrays(30_000_000);
    const outcome = await runHostile(api, () => postJSON('/v1/analyses', body));
    expectRefused(outcome, 400, 'invalid_request');
  });

  it('refuses 60 MB of a million small objects with 400 before parsing them', async () => {
    const head = '{"template":"freeform","media":[';
    const body = new TextEncoder().encode(`${head}${'{"a":1},'.repeat(7_800_000)}{"a":1}]}`);
    const outcome = await runHostile(api, () => postJSON('/v1/analyses', body));
    expectRefused(outcome, 400, 'invalid_request');
  });

  it('answers a 60 MB data URL that holds no video with 415, without stalling the server', async () => {
    const base64 = Buffer.alloc(44 * MB, 7).toString('base64');
    const body = encodeJSON({
      template: 'freeform',
      question: 'What happens in it?',
      stream: false,
      media: [{ type: 'video', url: `data:video/mp4;base64,${base64}` }],
    });
    const outcome = await runHostile(api, () => postJSON('/v1/analyses', body));
    expectRefused(outcome, 415, 'unsupported_media_type');
  });

  it('answers a 60 MB image data URL with 413: the image limit is lower than the body limit', async () => {
    const base64 = Buffer.alloc(44 * MB, 7).toString('base64');
    const body = encodeJSON({
      template: 'freeform',
      question: 'What happens in it?',
      stream: false,
      media: [{ type: 'image', url: `data:image/png;base64,${base64}` }],
    });
    const outcome = await runHostile(api, () => postJSON('/v1/analyses', body));
    expectRefused(outcome, 413, 'media_too_large');
  });

  it('answers a 60 MB percent-encoded data URL that holds no video with 415, decoding it a slice at a time', async () => {
    const body = encodeJSON({
      template: 'freeform',
      question: 'What happens in it?',
      stream: false,
      media: [{ type: 'video', url: `data:video/mp4,${'a%20'.repeat(15 * MB)}` }],
    });
    const outcome = await runHostile(api, () => postJSON('/v1/analyses', body));
    expectRefused(outcome, 415, 'unsupported_media_type');
  });
});

describe('hostile small items against a real API process', () => {
  it('answers a data URL with a broken percent-encoding with 400 and a sentence', async () => {
    const body = encodeJSON({ template: 'freeform', media: [{ type: 'image', url: 'data:,%' }] });
    const outcome = await runHostile(api, () => postJSON('/v1/preprocess', body));
    expectRefused(outcome, 400, 'invalid_request');
    expect(JSON.parse(outcome.body).error.message).toMatch(/percent/);
  });

  it.each(['model', 'template'])('refuses a 1 MB %s with 400 and echoes none of it', async (field) => {
    const body = encodeJSON({ template: 'freeform', [field]: 'x'.repeat(MB) });
    const outcome = await runHostile(api, () => postJSON('/v1/analyses', body));
    expectRefused(outcome, 400, 'invalid_request');
    expect(outcome.body.length).toBeLessThan(1000);
    expect(api.stdout()).not.toContain('x'.repeat(300));
  });

  it('refuses a 1 MB unknown field with 400 and names only the start of it', async () => {
    const body = encodeJSON({ template: 'freeform', ['y'.repeat(MB)]: 1 });
    const outcome = await runHostile(api, () => postJSON('/v1/analyses', body));
    expectRefused(outcome, 400, 'invalid_request');
    expect(outcome.body.length).toBeLessThan(1000);
  });

  it('logs a body the client abandoned half-way as the client closing (499), not as an unexpected error', async () => {
    const before = api.stdout().length;
    const socket = await sendPartOfABody(api.url);
    await new Promise((resolve) => setTimeout(resolve, 200));
    socket.destroy();
    const lines = await logLinesOfTheNextRequest(() => api.stdout().slice(before));
    expect(lines.some((line) => line.msg === 'unexpected error')).toBe(false);
    expect(lines.find((line) => line.msg === 'request')).toMatchObject({ level: 30, status: 499 });
  });
});

/** Opens a connection and sends the headers of a 1 MB JSON body and its first bytes, and no more. */
function sendPartOfABody(url: string): Promise<Socket> {
  const { port, hostname } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(
        'POST /v1/analyses HTTP/1.1\r\nHost: seer\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{"template":"freeform","question":"',
      );
      resolve(socket);
    });
    socket.on('error', reject);
  });
}

type LogLine = { level: number; msg: string; status?: number };

/** The log lines up to the `request` line of the request that is in flight, waiting up to 5 s for it. */
async function logLinesOfTheNextRequest(log: () => string): Promise<LogLine[]> {
  const deadline = Date.now() + 5000;
  while (!log().includes('"msg":"request"') && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return log()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
}

describe("a body slower than the server's request timeout", () => {
  it('is logged as a 408 request_timeout at warn level, not as an unexpected error', async () => {
    let log = '';
    const logger = pino(
      { level: 'info' },
      {
        write: (line: string) => {
          log += line;
        },
      },
    );
    const app = createApp({
      config: loadConfig({}),
      serverConfig: loadServerConfig({ PORT: '0', SEER_RATE_LIMIT: '0' }),
      logger,
    });
    const server = serve({
      fetch: app.fetch,
      port: 0,
      hostname: '127.0.0.1',
      serverOptions: { requestTimeout: 500, headersTimeout: 500, connectionsCheckingInterval: 100 },
    });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    try {
      const socket = await sendPartOfABody(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      const answer = new Promise<string>((resolve) => {
        let text = '';
        socket.on('data', (chunk) => {
          text += chunk;
        });
        socket.on('close', () => resolve(text));
      });
      const lines = await logLinesOfTheNextRequest(() => log);
      expect(await answer).toMatch(/^HTTP\/1\.1 408/);
      expect(lines.some((line) => line.msg === 'unexpected error')).toBe(false);
      expect(lines.find((line) => line.msg === 'request body timed out')).toMatchObject({ level: 40 });
      expect(lines.find((line) => line.msg === 'request')).toMatchObject({ status: 408 });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
