import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AnalysisEvent, toSSEParts } from '@seer/core';

/** One request the fake server received. */
export interface FakeRequest {
  method: string;
  path: string;
  lastEventId: string | undefined;
  authorization: string | undefined;
}

/** How the fake server answers; a test changes it between requests. */
export interface FakeRunPlan {
  /** The run's events, numbered from 0 as their SSE ids. */
  events: AnalysisEvent[];
  /**
   * Cut the stream of `POST /v1/analyses` once this many events have been written, after half of the
   * next one; `undefined` writes them all. `GET …/events` streams to the end.
   */
  cutAfterEvent?: number | undefined;
  /** Stop writing (the connection left open, as a model that thinks on) once this many events are out. */
  stallAfterEvent?: number;
  /** Answers to `GET …/events` before one that streams, in turn: a status with an error body. */
  refusals?: { status: number; code: string; message: string }[];
  /** Written first on each `GET …/events`: SSE text without ids (a `notice`, an unknown event). */
  preamble?: string;
  /** `GET …/events` also writes again the event the client said it saw last. */
  repeatsLast?: boolean;
  /** Whether `POST /v1/analyses` names the run in `X-Seer-Analysis-Id`. */
  sendsIdHeader?: boolean;
  /** `GET /v1/analyses/{id}`'s body. */
  status?: unknown;
}

/** A small HTTP server that speaks the runs part of Seer's API (docs/runs.md) as a test plans it. */
export interface FakeRunsServer {
  url: string;
  runId: string;
  plan: FakeRunPlan;
  requests: FakeRequest[];
  close(): Promise<void>;
}

/** One event as Seer's API writes it: `event:`, `id:`, `data:`. */
export function formatEvent(event: AnalysisEvent, id: number | undefined): string {
  const { event: name, data } = toSSEParts(event);
  return `event: ${name}\n${id === undefined ? '' : `id: ${id}\n`}data: ${JSON.stringify(data)}\n\n`;
}

/** Starts the fake server on a free loopback port. */
export async function startFakeRunsServer(
  plan: FakeRunPlan,
  runId = 'an_fake0000000000000001',
): Promise<FakeRunsServer> {
  const requests: FakeRequest[] = [];
  const state: FakeRunsServer = { url: '', runId, plan, requests, close: async () => {} };

  const stream = (response: ServerResponse, from: number, cutAfterEvent: number | undefined) => {
    const { events } = state.plan;
    response.flushHeaders();
    for (let id = from; id < events.length; id++) {
      if (id === state.plan.stallAfterEvent) return;
      const text = formatEvent(events[id]!, id);
      if (cutAfterEvent !== undefined && id >= cutAfterEvent) {
        response.write(text.slice(0, Math.floor(text.length / 2)), () => response.socket?.destroy());
        return;
      }
      response.write(text);
    }
    response.end();
  };

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const header = request.headers['last-event-id'];
    requests.push({
      method: request.method ?? '',
      path,
      lastEventId: typeof header === 'string' ? header : undefined,
      authorization: request.headers.authorization,
    });
    const sse = {
      'content-type': 'text/event-stream',
      ...(state.plan.sendsIdHeader === false ? {} : { 'x-seer-analysis-id': runId }),
    };
    if (request.method === 'POST' && path === '/v1/analyses') {
      request.resume();
      request.on('end', () => {
        response.writeHead(200, sse);
        stream(response, 0, state.plan.cutAfterEvent);
      });
      return;
    }
    if (request.method === 'GET' && path === `/v1/analyses/${runId}/events`) {
      const refusal = state.plan.refusals?.shift();
      if (refusal) {
        response.writeHead(refusal.status, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { code: refusal.code, message: refusal.message } }));
        return;
      }
      const after = typeof header === 'string' ? Number(header) : -1;
      response.writeHead(200, sse);
      if (state.plan.preamble) response.write(state.plan.preamble);
      stream(response, state.plan.repeatsLast && after >= 0 ? after : after + 1, undefined);
      return;
    }
    if (request.method === 'POST' && path === `/v1/analyses/${runId}/cancel`) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: runId, object: 'analysis.run', status: 'cancelled' }));
      return;
    }
    if (request.method === 'GET' && path === `/v1/analyses/${runId}` && state.plan.status !== undefined) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(state.plan.status));
      return;
    }
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        error: { code: 'unknown_analysis', message: `There is no analysis here at ${path}.` },
      }),
    );
  };

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

/** A short run of the kind Seer streams: start, one image, thinking in pieces, the answer, finish. */
export function sampleEvents(runId: string, reasoning: string[], answer: string[]): AnalysisEvent[] {
  return [
    { type: 'start', id: runId, model: 'qvq-max', template: 'math-pattern', locale: 'en' },
    {
      type: 'media',
      item: { index: 0, type: 'image', mime: 'image/png', width: 644, height: 476, tokens: 391, bytes: 5746 },
    },
    { type: 'reasoning-start' },
    ...reasoning.map((text) => ({ type: 'reasoning-delta' as const, text })),
    { type: 'reasoning-end', durationMs: 1200 },
    { type: 'text-start' },
    ...answer.map((text) => ({ type: 'text-delta' as const, text })),
    { type: 'text-end' },
    {
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 420, outputTokens: 96, reasoningTokens: 60 },
      timing: { reasoningMs: 1200, totalMs: 2400 },
      result: { answer: '10' },
    },
  ];
}
