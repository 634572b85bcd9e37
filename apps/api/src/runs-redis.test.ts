import { AnalysisRunSchema } from '@seer/core';
import { type MockUpstream, type StreamScenario, startMockUpstream } from '@seer/mock-upstream';
import {
  type APIServer,
  type CuttingProxy,
  type RedisServer,
  startAPIServer,
  startCuttingProxy,
  startRedisServer,
} from '@seer/test-setup';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectUnbroken, readToEnd, readUntilCut, textOf, until } from '../test/run-client';

/** Two real API processes sharing one real redis-server, as behind a load balancer. */
let redis: RedisServer;
let mock: MockUpstream;
let first: APIServer;
let second: APIServer;
let proxy: CuttingProxy;

const json = { 'content-type': 'application/json', authorization: 'Bearer alpha' };
const body = JSON.stringify({ template: 'freeform', question: 'Think it through.' });
const numbered = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, index) => `${prefix} ${index}.`).join(' ');
const longRun: StreamScenario = {
  kind: 'stream',
  dialect: 'reasoning_content',
  reasoning: numbered('Thought', 100),
  answer: numbered('Answer', 50),
  chunkChars: 24,
  delayMs: 2,
};

beforeAll(async () => {
  [redis, mock] = await Promise.all([startRedisServer(), startMockUpstream()]);
  const environment = {
    NODE_ENV: 'test',
    SEER_BASE_URL: mock.url,
    SEER_API_KEY: 'key',
    SEER_MODEL: 'local-vl',
    SEER_REDIS_URL: redis.url,
    SEER_AUTH_TOKENS: 'alpha,beta',
    SEER_DETACHED_GRACE_S: '1',
  };
  [first, second] = await Promise.all([startAPIServer(environment), startAPIServer(environment)]);
  proxy = await startCuttingProxy(first.url);
}, 120_000);
afterAll(async () => {
  await proxy?.close();
  await Promise.all([first?.stop(), second?.stop()]);
  await mock?.close();
  redis?.stop();
});
beforeEach(() => mock.reset());

const status = async (api: APIServer, id: string) =>
  AnalysisRunSchema.parse(await (await fetch(`${api.url}/v1/analyses/${id}`, { headers: json })).json());

describe('runs shared by two instances through Redis', () => {
  it('ends with identical text when the reconnect after a cut lands on the other instance (20 cut points)', async () => {
    mock.setDefault(longRun);
    proxy.cutAfterBytes(undefined);
    const whole = await fetch(`${proxy.url}/v1/analyses`, {
      method: 'POST',
      headers: { ...json, connection: 'close' },
      body,
    });
    expect(textOf((await readUntilCut(whole)).events).text).toBe(longRun.answer);
    const raw = proxy.lastConnectionBytes().toString('latin1');
    const from = raw.indexOf('event: reasoning-delta');
    const to = raw.indexOf('event: finish');
    for (let index = 0; index < 20; index++) {
      const cut = Math.floor(from + ((to - from) * (index + 0.5)) / 20);
      proxy.cutAfterBytes(cut);
      const response = await fetch(`${proxy.url}/v1/analyses`, {
        method: 'POST',
        headers: { ...json, connection: 'close' },
        body,
      });
      proxy.cutAfterBytes(undefined);
      const id = response.headers.get('x-seer-analysis-id')!;
      const { events, reconnects } = await readToEnd(response, `${second.url}/v1/analyses/${id}/events`, {
        authorization: 'Bearer alpha',
      });
      expectUnbroken(events, longRun, cut);
      expect(reconnects).toBe(1);
    }
  }, 120_000);

  it('keeps a run going while its only reader is on the other instance, past the grace period', async () => {
    mock.script({ ...longRun, delayMs: 25 });
    const response = await fetch(`${first.url}/v1/analyses`, { method: 'POST', headers: json, body });
    const id = response.headers.get('x-seer-analysis-id')!;
    await response.body!.cancel();
    const elsewhere = await fetch(`${second.url}/v1/analyses/${id}/events`, { headers: json });
    const read = await readUntilCut(elsewhere);
    expect(read.events.at(-1)?.event.type).toBe('finish');
    expect(textOf(read.events).text).toBe(longRun.answer);
    expect(mock.requests[0]!.abortedByClient).toBe(false);
  }, 30_000);

  it('cancels from the other instance: the provider request is aborted, both instances say cancelled', async () => {
    mock.script({ ...longRun, delayMs: 40 });
    const response = await fetch(`${first.url}/v1/analyses`, { method: 'POST', headers: json, body });
    const id = response.headers.get('x-seer-analysis-id')!;
    const reading = readUntilCut(response);
    await until(() => mock.requests.length > 0);
    const cancelled = await fetch(`${second.url}/v1/analyses/${id}/cancel`, {
      method: 'POST',
      headers: json,
    });
    expect(AnalysisRunSchema.parse(await cancelled.json())).toMatchObject({ status: 'cancelled' });
    expect((await reading).events.at(-1)?.event).toMatchObject({ type: 'error', code: 'cancelled' });
    await until(() => mock.requests[0]!.closedAt !== undefined, 3000);
    expect(mock.requests[0]!.abortedByClient).toBe(true);
    expect((await status(first, id)).status).toBe('cancelled');
    const otherToken = await fetch(`${second.url}/v1/analyses/${id}`, {
      headers: { authorization: 'Bearer beta' },
    });
    expect(otherToken.status).toBe(404);
  }, 30_000);

  it('fetches a detached run by id from the other instance once it is done', async () => {
    mock.script({ ...longRun, delayMs: 1 });
    const response = await fetch(`${first.url}/v1/analyses`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ template: 'freeform', question: 'Think.', detach: true }),
    });
    expect(response.status).toBe(202);
    const { id } = AnalysisRunSchema.parse(await response.json());
    let done = await status(second, id);
    await until(async () => {
      done = await status(second, id);
      return done.status !== 'running';
    }, 20_000);
    expect(done).toMatchObject({
      status: 'finished',
      analysis: { text: longRun.answer, reasoning: longRun.reasoning },
    });
  }, 30_000);

  // Last: it kills the first instance.
  it('tells a reader on the other instance that the run was lost when its instance dies', async () => {
    mock.script({ ...longRun, delayMs: 200 });
    const response = await fetch(`${first.url}/v1/analyses`, { method: 'POST', headers: json, body });
    const id = response.headers.get('x-seer-analysis-id')!;
    await response.body!.cancel();
    const elsewhere = await fetch(`${second.url}/v1/analyses/${id}/events`, { headers: json });
    const reading = readUntilCut(elsewhere);
    await new Promise((resolve) => setTimeout(resolve, 500));
    first.child.kill('SIGKILL');
    const diedAt = Date.now();
    const read = await reading;
    expect(read.events.at(-1)?.event).toMatchObject({ type: 'error', code: 'run_lost', retryable: true });
    expect(Date.now() - diedAt).toBeLessThan(10_000);
    expect(await status(second, id)).toMatchObject({ status: 'failed', error: { code: 'run_lost' } });
  }, 30_000);
});
