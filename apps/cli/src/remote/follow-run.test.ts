import { type AnalysisEvent, collectAnalysis, SeerError } from '@seer/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type FakeRunsServer,
  formatEvent,
  sampleEvents,
  startFakeRunsServer,
} from '../../test/fake-runs-server';
import { followRun, type ReconnectPolicy } from './follow-run';
import { readRemoteAnalysis } from './remote-analysis';
import { toSeerServer } from './seer-server';

const REASONING = ['Row one: 3 + 7 = 10. ', 'Row two: 4 + 5 = 9. ', 'The third is the sum.'];
const ANSWER = ['Rule: the sum.\n', '\\boxed{10}'];

let fake: FakeRunsServer | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(plan: Parameters<typeof startFakeRunsServer>[0]): Promise<FakeRunsServer> {
  fake = await startFakeRunsServer(plan);
  return fake;
}

/** Records the pauses instead of waiting them out. */
function recordingSleep(pauses: number[]) {
  return async (ms: number) => {
    pauses.push(ms);
  };
}

async function post(server: FakeRunsServer): Promise<Response> {
  return fetch(`${server.url}/v1/analyses`, { method: 'POST', body: '{}' });
}

async function follow(
  server: FakeRunsServer,
  options: { policy?: ReconnectPolicy; pauses?: number[]; reconnects?: (number | undefined)[] } = {},
): Promise<{ event: string; id: string | undefined }[]> {
  const seen: { event: string; id: string | undefined }[] = [];
  for await (const message of followRun({
    server: toSeerServer(server.url, 'secret'),
    first: await post(server),
    signal: new AbortController().signal,
    onReconnect: (afterId) => options.reconnects?.push(afterId),
    sleep: recordingSleep(options.pauses ?? []),
    ...(options.policy ? { policy: options.policy } : {}),
  })) {
    seen.push({ event: message.event, id: message.id });
  }
  return seen;
}

function idsOf(events: AnalysisEvent[]): string[] {
  return events.map((_, index) => String(index));
}

describe('followRun', () => {
  it('reconnects after the last event seen and delivers each event once, in order', async () => {
    const events = sampleEvents('an_fake0000000000000001', REASONING, ANSWER);
    const server = await start({ events, cutAfterEvent: 4, repeatsLast: true });
    const reconnects: (number | undefined)[] = [];
    const pauses: number[] = [];
    const seen = await follow(server, { reconnects, pauses });
    expect(seen.map((message) => message.id)).toEqual(idsOf(events));
    expect(reconnects).toEqual([3]);
    expect(pauses).toEqual([500]);
    const reconnect = server.requests[1]!;
    expect(reconnect).toMatchObject({
      method: 'GET',
      path: '/v1/analyses/an_fake0000000000000001/events',
      lastEventId: '3',
      authorization: 'Bearer secret',
    });
  });

  it('passes messages without an id (notices) on without moving its place', async () => {
    const events = sampleEvents('an_fake0000000000000001', REASONING, ANSWER);
    const preamble = formatEvent(
      { type: 'notice', code: 'thinking_dropped', message: 'Some thinking was dropped.' },
      undefined,
    );
    const server = await start({ events, cutAfterEvent: 5, preamble });
    const seen = await follow(server);
    expect(seen.filter((message) => message.id === undefined)).toEqual([{ event: 'notice', id: undefined }]);
    expect(seen.flatMap((message) => (message.id === undefined ? [] : [message.id]))).toEqual(idsOf(events));
  });

  it('backs off 0.5 s, 1 s, 2 s … while the server refuses for a while', async () => {
    const events = sampleEvents('an_fake0000000000000001', REASONING, ANSWER);
    const busy = { status: 503, code: 'shutting_down', message: 'Restarting.' };
    const server = await start({ events, cutAfterEvent: 6, refusals: [busy, busy, busy, busy] });
    const pauses: number[] = [];
    const seen = await follow(server, { pauses });
    expect(pauses).toEqual([500, 1000, 2000, 4000, 8000]);
    expect(seen.map((message) => message.id)).toEqual(idsOf(events));
  });

  it('gives up with the way to find the run again once the policy’s time is up', async () => {
    const events = sampleEvents('an_fake0000000000000001', REASONING, ANSWER);
    const busy = { status: 503, code: 'shutting_down', message: 'Restarting.' };
    const server = await start({
      events,
      cutAfterEvent: 6,
      refusals: Array.from({ length: 100 }, () => busy),
    });
    const policy = { delaysMs: [20], giveUpAfterMs: 100 };
    const failure = follow(server, { policy }).catch((error: unknown) => error);
    const error = await failure;
    expect(SeerError.isInstance(error)).toBe(true);
    expect((error as SeerError).code).toBe('connection_lost');
    expect((error as SeerError).message).toMatch(
      /could not get it back within 0 s \(Restarting\)\. The run may still be going: seer runs show an_fake0000000000000001 --server http:\/\/127\.0\.0\.1:\d+$/,
    );
  });

  it('stops at once, with the server’s message, when the run is gone', async () => {
    const events = sampleEvents('an_fake0000000000000001', REASONING, ANSWER);
    const gone = { status: 404, code: 'unknown_analysis', message: 'There is no analysis "an_fake…" here.' };
    const server = await start({ events, cutAfterEvent: 6, refusals: [gone] });
    const error = await follow(server).catch((failure: unknown) => failure);
    expect((error as SeerError).code).toBe('unknown_analysis');
    expect((error as SeerError).message).toContain('There is no analysis "an_fake…" here.');
    expect(server.requests).toHaveLength(2);
  });

  it('finds the run by its start event when the response does not name it', async () => {
    const events = sampleEvents('an_fake0000000000000001', REASONING, ANSWER);
    const server = await start({ events, cutAfterEvent: 3, sendsIdHeader: false });
    const seen = await follow(server);
    expect(seen.map((message) => message.id)).toEqual(idsOf(events));
  });

  it('says there is nothing to reconnect to when the connection drops before the run is named', async () => {
    const events = sampleEvents('an_fake0000000000000001', REASONING, ANSWER);
    const server = await start({ events, cutAfterEvent: 0, sendsIdHeader: false });
    const error = await follow(server).catch((failure: unknown) => failure);
    expect((error as SeerError).code).toBe('connection_lost');
  });
});

describe('readRemoteAnalysis', () => {
  it('reads the start and media, hands on the model’s events across a drop, and tells notices apart', async () => {
    const events = sampleEvents('an_fake0000000000000001', REASONING, ANSWER);
    const preamble = `${formatEvent(
      { type: 'notice', code: 'thinking_dropped', message: 'Some thinking was dropped.' },
      undefined,
    )}event: progress-from-the-future\ndata: {"percent":50}\n\n`;
    const server = await start({ events, cutAfterEvent: 7, preamble });
    const notes: string[] = [];
    const started = await readRemoteAnalysis(await post(server), {
      server: toSeerServer(server.url, undefined),
      signal: new AbortController().signal,
      cancelOnAbort: false,
      onNote: (note) => notes.push(note),
      policy: { delaysMs: [1], giveUpAfterMs: 10_000 },
    });
    expect(started).toMatchObject({
      id: 'an_fake0000000000000001',
      model: 'qvq-max',
      template: 'math-pattern',
    });
    expect(started.media).toHaveLength(1);
    const collected = await collectAnalysis(started.events);
    expect(collected.reasoning).toBe(REASONING.join(''));
    expect(collected.text).toBe(ANSWER.join(''));
    expect(collected.finish?.result).toEqual({ answer: '10' });
    expect(notes).toEqual(['reconnected (after event 6)', 'note: Some thinking was dropped.']);
  });
});
