import { createServer } from 'node:net';
import { type MockUpstream, startMockUpstream } from '@seer/mock-upstream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../models/config';
import { checkModels } from './check-models';

let mock: MockUpstream;
beforeAll(async () => {
  mock = await startMockUpstream();
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

const DASHSCOPE_KEY = 'sk-dashscope-test-key';
const dashScope = () => loadConfig({ DASHSCOPE_API_KEY: DASHSCOPE_KEY, DASHSCOPE_BASE_URL: mock.url });
const dashScopeIds = () =>
  dashScope()
    .models.map((endpoint) => endpoint.preset.id)
    .filter((id) => id !== 'demo');

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('checkModels with a model list', () => {
  it('calls a listed model reachable and one not listed unknown, sending the key, in configured order', async () => {
    mock.setModels(['qvq-max', 'text-embedding-v3']);
    const checks = await checkModels(dashScope());
    expect(checks.map((check) => check.model)).toEqual(dashScopeIds());
    expect(checks[0]).toEqual({
      model: 'qvq-max',
      provider: 'dashscope',
      status: 'reachable',
      detail: 'listed by the provider',
    });
    expect(checks.find((check) => check.model === 'qwen3-vl-plus')).toEqual({
      model: 'qwen3-vl-plus',
      provider: 'dashscope',
      status: 'unknown',
      detail: 'not offered to this key or region: retired, or in another region',
    });
    expect(mock.requests).toEqual([]);
  });

  it('fails every model of an endpoint whose key is refused, in the provider words and without the key', async () => {
    mock.setModels({
      status: 401,
      body: { error: { message: `Incorrect API key provided: ${DASHSCOPE_KEY}.` } },
    });
    const checks = await checkModels(dashScope());
    expect(checks.length).toBe(dashScopeIds().length);
    for (const check of checks) {
      expect(check).toMatchObject({
        status: 'failing',
        detail: '401 Incorrect API key provided: [key]',
        upstreamStatus: 401,
      });
    }
    mock.setModels({ status: 403, body: { message: 'Access denied for this region' } });
    expect((await checkModels(dashScope()))[0]).toMatchObject({
      status: 'failing',
      detail: '403 Access denied for this region',
    });
    expect(mock.requests).toEqual([]);
  });

  it('fails every model when the endpoint cannot be reached, and skips the demo', async () => {
    const config = loadConfig({
      SEER_BASE_URL: `http://127.0.0.1:${await closedPort()}/v1`,
      SEER_MODEL: 'my-vlm',
    });
    expect(await checkModels(config)).toEqual([
      {
        model: 'my-vlm',
        provider: 'custom',
        status: 'failing',
        detail: 'could not reach the provider (ECONNREFUSED)',
      },
    ]);
    expect(await checkModels(loadConfig({}))).toEqual([]);
  });
});

describe('checkModels without a model list', () => {
  it('asks each model one token, a stream-only model with a stream it closes after the first data line', async () => {
    mock.setModels({ status: 404 });
    mock.setDefault({
      kind: 'stream',
      dialect: 'reasoning_content',
      reasoning: 'A long thought. '.repeat(200),
      answer: 'never read',
      chunkChars: 16,
      delayMs: 20,
    });
    const checks = await checkModels(dashScope());
    expect(checks.map((check) => [check.model, check.status, check.detail])).toEqual(
      dashScopeIds().map((id) => [id, 'reachable', 'answered a one-token request']),
    );
    expect(mock.requests.length).toBe(dashScopeIds().length);
    const asked = mock.requests.find((request) => (request.body as { model: string }).model === 'qvq-max');
    expect(asked?.headers.authorization).toBe(`Bearer ${DASHSCOPE_KEY}`);
    expect(asked?.body).toEqual({
      model: 'qvq-max',
      messages: [{ role: 'user', content: 'ping' }],
      max_tokens: 1,
      stream: true,
    });
    await expect.poll(() => asked?.abortedByClient, { timeout: 1000, interval: 20 }).toBe(true);
    const plain = mock.requests.find(
      (request) => (request.body as { model: string }).model === 'qwen3-vl-plus',
    );
    expect(plain?.body).toMatchObject({ max_tokens: 1, stream: false });
  });

  it("sends max_completion_tokens to a model that refuses max_tokens (OpenAI's reasoning models)", async () => {
    mock.setModels({ status: 405, body: 'Method Not Allowed' });
    const config = loadConfig({ OPENAI_API_KEY: 'sk-openai', OPENAI_BASE_URL: mock.url });
    expect((await checkModels(config))[0]).toMatchObject({ model: 'gpt-5-mini', status: 'reachable' });
    expect(mock.requests[0]?.body).toEqual({
      model: 'gpt-5-mini',
      messages: [{ role: 'user', content: 'ping' }],
      max_completion_tokens: 1,
      stream: false,
    });
  });

  const custom = (timeoutMs?: number) =>
    checkModels(loadConfig({ SEER_BASE_URL: mock.url, SEER_MODEL: 'my-vlm', SEER_API_KEY: 'local-key' }), {
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    }).then((checks) => checks[0]);

  it('calls a model the provider does not know unknown: a 404, or an error that says the model does not exist', async () => {
    mock.setModels({ status: 404 });
    mock.setDefault({ kind: 'status', status: 404 });
    expect(await custom()).toEqual({
      model: 'my-vlm',
      provider: 'custom',
      status: 'unknown',
      detail: 'the provider does not know this model: 404 Mock upstream answered with status 404',
      upstreamStatus: 404,
    });
    mock.setDefault({
      kind: 'status',
      status: 400,
      body: { object: 'error', message: 'The model `my-vlm` does not exist.', type: 'NotFoundError' },
    });
    expect(await custom()).toMatchObject({ status: 'unknown', upstreamStatus: 400 });
  });

  it('calls anything else failing: a refused key, a server error, a timeout', async () => {
    mock.setModels({ status: 404 });
    mock.setDefault({ kind: 'status', status: 401 });
    expect(await custom()).toMatchObject({
      status: 'failing',
      detail: '401 Mock upstream answered with status 401',
      upstreamStatus: 401,
    });
    mock.setDefault({ kind: 'status', status: 503, body: 'upstream overloaded' });
    expect(await custom()).toMatchObject({ status: 'failing', detail: '503 upstream overloaded' });
    mock.setDefault({ kind: 'silence' });
    const started = Date.now();
    expect(await custom(200)).toEqual({
      model: 'my-vlm',
      provider: 'custom',
      status: 'failing',
      detail: 'no answer within 200 ms',
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
