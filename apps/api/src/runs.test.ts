import { AnalysisRunSchema } from '@seer/core';
import type { StreamScenario } from '@seer/mock-upstream';
import { type CuttingProxy, startCuttingProxy } from '@seer/test-setup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectUnbroken, readToEnd, readUntilCut, textOf, until } from '../test/run-client';
import { postAnalysis, useAPIWithMockUpstream } from '../test/test-support';

const servers = useAPIWithMockUpstream((mockURL) => ({
  SEER_BASE_URL: mockURL,
  SEER_API_KEY: 'key',
  SEER_MODEL: 'local-vl',
  SEER_AUTH_TOKENS: 'alpha,beta',
  SEER_DETACHED_GRACE_S: '1',
  SEER_RUN_MAX_EVENT_KB: '16',
}));
const alpha = { authorization: 'Bearer alpha' };
const beta = { authorization: 'Bearer beta' };
const body = { template: 'freeform', question: 'Think it through.' };

/** Deterministic text: sentences numbered so that a duplicated or missing piece shows. */
function numberedText(prefix: string, sentences: number): string {
  return Array.from({ length: sentences }, (_, index) => `${prefix} ${index}.`).join(' ');
}

/** A run of about 120 events: thinking, the switch to the answer, the answer, `finish`. */
const longRun: StreamScenario = {
  kind: 'stream',
  dialect: 'reasoning_content',
  reasoning: numberedText('Thought', 120),
  answer: numberedText('Answer', 60),
  chunkChars: 24,
  delayMs: 1,
};

let proxy: CuttingProxy;
beforeAll(async () => {
  proxy = await startCuttingProxy(servers.api.url);
});
afterAll(() => proxy.close());

/** A small pseudo-random generator, so that a failing cut point can be run again. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

describe('a run outlives its connection', () => {
  it('ends with identical text after a cut at each of 50 points, reconnecting with Last-Event-ID', async () => {
    // The uninterrupted run, read whole through the proxy: its bytes as the proxy counts them say where
    // the thinking, the switch to the answer, the answer and `finish` begin.
    servers.mock.setDefault(longRun);
    proxy.cutAfterBytes(undefined);
    const whole = await fetch(`${proxy.url}/v1/analyses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...alpha, connection: 'close' },
      body: JSON.stringify(body),
    });
    expect(textOf((await readUntilCut(whole)).events).text).toBe(longRun.answer);
    const raw = proxy.lastConnectionBytes().toString('latin1');
    const firstThought = raw.indexOf('event: reasoning-delta');
    const switchToAnswer = raw.indexOf('event: reasoning-end');
    const firstAnswer = raw.indexOf('event: text-delta');
    const finish = raw.indexOf('event: finish');
    expect([firstThought, switchToAnswer, firstAnswer, finish].every((at) => at > 0)).toBe(true);
    const next = random(20261207);
    const between = (from: number, to: number) => Math.floor(from + next() * (to - from));
    const cuts = [
      ...Array.from({ length: 15 }, () => between(firstThought, switchToAnswer)),
      ...Array.from({ length: 10 }, () => between(switchToAnswer - 200, firstAnswer + 200)),
      ...Array.from({ length: 15 }, () => between(firstAnswer, finish)),
      ...Array.from({ length: 10 }, () => between(finish - 120, finish + 5)),
    ];
    let cutRuns = 0;
    for (const cut of cuts) {
      proxy.cutAfterBytes(cut);
      // A connection of its own, so that each cut counts from the start of its response.
      const response = await fetch(`${proxy.url}/v1/analyses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...alpha, connection: 'close' },
        body: JSON.stringify(body),
      }).catch((error: unknown) => {
        throw new Error(`cut at ${cut} of ${raw.length} (#${cuts.indexOf(cut)}): ${error}`);
      });
      const id = response.headers.get('x-seer-analysis-id');
      expect(id).toMatch(/^an_/);
      proxy.cutAfterBytes(undefined);
      const { events, reconnects } = await readToEnd(
        response,
        `${servers.api.url}/v1/analyses/${id}/events`,
        alpha,
      );
      expectUnbroken(events, longRun, cut);
      expect(reconnects).toBeLessThanOrEqual(1);
      cutRuns += reconnects;
    }
    // Only a cut after the whole `finish` event leaves nothing to reconnect for.
    expect(cutRuns).toBeGreaterThanOrEqual(45);
  }, 120_000);

  it('replays a finished run after any event, and refuses an id that is not a number', async () => {
    servers.mock.script({ ...longRun, delayMs: 0 });
    const first = await readUntilCut(
      await postAnalysis(servers.api, body, { headers: { 'content-type': 'application/json', ...alpha } }),
    );
    const id = (first.events[0]!.event as { id: string }).id;
    const after = await fetch(`${servers.api.url}/v1/analyses/${id}/events?after=5`, { headers: alpha });
    const rest = await readUntilCut(after);
    expect(rest.events[0]!.id).toBe(6);
    expect(rest.events.map((item) => item.event)).toEqual(first.events.slice(6).map((item) => item.event));
    const refused = await fetch(`${servers.api.url}/v1/analyses/${id}/events`, {
      headers: { ...alpha, 'last-event-id': 'forty-one' },
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(
      'Last-Event-ID',
    );
  });

  it('stops a run with no reader after the grace period, aborting the provider request', async () => {
    servers.mock.script({ ...longRun, delayMs: 50 });
    const response = await postAnalysis(servers.api, body, {
      headers: { 'content-type': 'application/json', ...alpha },
    });
    const id = response.headers.get('x-seer-analysis-id')!;
    await response.body!.cancel();
    const leftAt = Date.now();
    const upstream = servers.mock.requests[0]!;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(upstream.closedAt).toBeUndefined();
    await until(() => upstream.closedAt !== undefined, 5000);
    expect(upstream.closedAt! - leftAt).toBeGreaterThanOrEqual(900);
    expect(upstream.abortedByClient).toBe(true);
    const status = AnalysisRunSchema.parse(
      await (await fetch(`${servers.api.url}/v1/analyses/${id}`, { headers: alpha })).json(),
    );
    expect(status).toMatchObject({ status: 'cancelled', error: { code: 'abandoned', retryable: true } });
    expect(status.partial?.reasoning.length).toBeGreaterThan(0);
  });

  it('runs a detached run to its end with no reader, and answers its document by id', async () => {
    servers.mock.script({ ...longRun, delayMs: 5 });
    const response = await postAnalysis(
      servers.api,
      { ...body, detach: true },
      {
        headers: { 'content-type': 'application/json', ...alpha },
      },
    );
    expect(response.status).toBe(202);
    const started = AnalysisRunSchema.parse(await response.json());
    expect(started.status).toBe('running');
    expect(response.headers.get('location')).toBe(`/v1/analyses/${started.id}`);
    let status = started;
    await until(async () => {
      status = AnalysisRunSchema.parse(
        await (await fetch(`${servers.api.url}/v1/analyses/${started.id}`, { headers: alpha })).json(),
      );
      return status.status !== 'running';
    }, 20_000);
    expect(status.status).toBe('finished');
    expect(status.analysis).toMatchObject({
      id: started.id,
      reasoning: longRun.reasoning,
      text: longRun.answer,
      finishReason: 'stop',
    });
  }, 30_000);

  it("answers another token's run as unknown, on every route", async () => {
    servers.mock.script({ ...longRun, delayMs: 0 });
    const response = await postAnalysis(
      servers.api,
      { ...body, detach: true },
      {
        headers: { 'content-type': 'application/json', ...alpha },
      },
    );
    const { id } = AnalysisRunSchema.parse(await response.json());
    const asked = [
      fetch(`${servers.api.url}/v1/analyses/${id}`, { headers: beta }),
      fetch(`${servers.api.url}/v1/analyses/${id}/events`, { headers: beta }),
      fetch(`${servers.api.url}/v1/analyses/${id}/cancel`, { method: 'POST', headers: beta }),
      fetch(`${servers.api.url}/v1/analyses/${id}`, { method: 'DELETE', headers: beta }),
      fetch(`${servers.api.url}/v1/analyses/an_nothing`, { headers: alpha }),
    ];
    for (const answer of await Promise.all(asked)) {
      expect(answer.status).toBe(404);
      expect(await answer.json()).toMatchObject({ error: { code: 'unknown_analysis' } });
    }
    expect((await fetch(`${servers.api.url}/v1/analyses/${id}`, { headers: alpha })).status).toBe(200);
  });

  it.each(['POST …/cancel', 'DELETE'])(
    'cancels with %s: the reader gets the error and the provider is aborted',
    async (how) => {
      servers.mock.script({ ...longRun, delayMs: 30 });
      const response = await postAnalysis(servers.api, body, {
        headers: { 'content-type': 'application/json', ...alpha },
      });
      const id = response.headers.get('x-seer-analysis-id')!;
      const reading = readUntilCut(response);
      await until(() => servers.mock.requests.length > 0);
      await new Promise((resolve) => setTimeout(resolve, 150));
      const cancelled = await fetch(
        how === 'DELETE'
          ? `${servers.api.url}/v1/analyses/${id}`
          : `${servers.api.url}/v1/analyses/${id}/cancel`,
        { method: how === 'DELETE' ? 'DELETE' : 'POST', headers: alpha },
      );
      expect(cancelled.status).toBe(200);
      expect(AnalysisRunSchema.parse(await cancelled.json())).toMatchObject({
        status: 'cancelled',
        error: { code: 'cancelled' },
      });
      const read = await reading;
      expect(read.events.at(-1)?.event).toMatchObject({ type: 'error', code: 'cancelled' });
      await until(() => servers.mock.requests[0]!.closedAt !== undefined, 2000);
      expect(servers.mock.requests[0]!.abortedByClient).toBe(true);
    },
  );

  it('drops the oldest thinking past the limit and says so in the replay; the answer is whole', async () => {
    const thinking = numberedText('A long thought', 1500);
    servers.mock.script({
      kind: 'stream',
      dialect: 'reasoning_content',
      reasoning: thinking,
      answer: 'Done.',
      chunkChars: 40,
    });
    const live = await readUntilCut(
      await postAnalysis(servers.api, body, { headers: { 'content-type': 'application/json', ...alpha } }),
    );
    expect(textOf(live.events).reasoning).toBe(thinking);
    const id = (live.events[0]!.event as { id: string }).id;
    const replay = await readUntilCut(
      await fetch(`${servers.api.url}/v1/analyses/${id}/events`, { headers: alpha }),
    );
    const notice = replay.events.find((item) => item.event.type === 'notice');
    expect(notice).toMatchObject({ id: undefined, event: { code: 'thinking_dropped' } });
    const replayed = textOf(replay.events);
    expect(replayed.reasoning.length).toBeLessThan(thinking.length);
    expect(thinking.endsWith(replayed.reasoning)).toBe(true);
    expect(replayed.text).toBe('Done.');
    expect(replay.events.slice(0, 3).map((item) => item.event.type)).toEqual([
      'start',
      'reasoning-start',
      'notice',
    ]);
    expect(replay.events.at(-1)?.event.type).toBe('finish');
  });
});
