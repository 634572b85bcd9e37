import { setTimeout as sleepFor } from 'node:timers/promises';
import { SeerError } from '@seer/core';
import { readSSE, type SSEMessage } from './read-sse';
import { errorFromResponse, openRunEvents, type SeerServer } from './seer-server';

/** How {@link followRun} retries a dropped connection. */
export interface ReconnectPolicy {
  /** The pause before each attempt in turn; the last one repeats. */
  delaysMs: readonly number[];
  /** Give up once the connection has been down this long without a new event. */
  giveUpAfterMs: number;
}

/** 0.5 s, 1 s, 2 s … up to 10 s between attempts; give up after two minutes without the run. */
export const DEFAULT_RECONNECT_POLICY: ReconnectPolicy = {
  delaysMs: [500, 1000, 2000, 4000, 8000, 10_000],
  giveUpAfterMs: 120_000,
};

/** What {@link followRun} needs. */
export interface FollowRunOptions {
  server: SeerServer;
  /** The response whose body is the run's events: that of `POST /v1/analyses` or of `GET …/events`. */
  first: Response;
  /** The run's id when the caller knows it; else `X-Seer-Analysis-Id`, else the `start` event's. */
  runId?: string;
  signal: AbortSignal;
  /** Called each time the events flow again: after the event numbered `afterId`, or from the first. */
  onReconnect(afterId: number | undefined): void;
  policy?: ReconnectPolicy;
  /** How to wait between attempts; tests pass one that does not. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** Statuses a later attempt may not get: a server restarting, overloaded, or a proxy in between. */
const RETRYABLE_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);

/**
 * The SSE messages of a run, each once, in order, up to its `finish` or `error` event, across dropped
 * connections: when the stream breaks off or ends before either, it reconnects to
 * `GET /v1/analyses/{id}/events` with `Last-Event-ID` set to the last id seen, backing off as `policy`
 * says, and drops any event the server sends again. Messages without an `id:` (`notice`) pass as they
 * come.
 *
 * @throws SeerError when the run cannot be found again (`404`, or no id to ask for), when the server
 * refuses the reconnect, or when the policy's time is up; the signal's reason when it aborts.
 */
export async function* followRun(options: FollowRunOptions): AsyncGenerator<SSEMessage> {
  const { server, signal } = options;
  const policy = options.policy ?? DEFAULT_RECONNECT_POLICY;
  const sleep =
    options.sleep ?? ((ms: number, abort: AbortSignal) => sleepFor(ms, undefined, { signal: abort }));
  let runId = options.runId ?? options.first.headers.get('x-seer-analysis-id') ?? undefined;
  let lastId: number | undefined;
  let body: ReadableStream<Uint8Array> | null = options.first.body;
  // When the connection went down and how many attempts followed; reset by each new event.
  let outage: { since: number; attempts: number; lastError: unknown } | undefined;

  for (;;) {
    let failure: unknown;
    try {
      if (body) {
        for await (const message of readSSE(body)) {
          const id = message.id === undefined ? undefined : Number(message.id);
          if (id !== undefined && Number.isInteger(id)) {
            if (lastId !== undefined && id <= lastId) continue;
            lastId = id;
            outage = undefined;
          }
          if (message.event === 'start') runId ??= idOfStart(message.data);
          yield message;
          if (message.event === 'finish' || message.event === 'error') return;
        }
      }
    } catch (error) {
      if (signal.aborted || (SeerError.isInstance(error) && error.code === 'invalid_event')) throw error;
      failure = error;
    }
    signal.throwIfAborted();
    outage ??= { since: Date.now(), attempts: 0, lastError: undefined };
    if (failure !== undefined) outage.lastError = failure;
    if (runId === undefined) throw lostWithoutId(server);
    body = await reconnect({ ...options, runId, lastId, outage, policy, sleep });
  }
}

interface ReconnectState {
  server: SeerServer;
  runId: string;
  lastId: number | undefined;
  outage: { since: number; attempts: number; lastError: unknown };
  policy: ReconnectPolicy;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  signal: AbortSignal;
  onReconnect(afterId: number | undefined): void;
}

/** Tries `GET …/events` until it answers with a stream, the run is gone, or time is up. */
async function reconnect(state: ReconnectState): Promise<ReadableStream<Uint8Array> | null> {
  const { outage, policy, signal } = state;
  for (;;) {
    const { delaysMs } = policy;
    const delay = delaysMs[Math.min(outage.attempts, delaysMs.length - 1)] ?? 0;
    if (Date.now() + delay - outage.since > policy.giveUpAfterMs) throw gaveUp(state);
    outage.attempts++;
    await state.sleep(delay, signal);
    let response: Response;
    try {
      response = await openRunEvents(state.server, state.runId, state.lastId, signal);
    } catch (error) {
      if (signal.aborted) throw error;
      outage.lastError = error;
      continue;
    }
    if (response.ok) {
      state.onReconnect(state.lastId);
      return response.body;
    }
    const error = await errorFromResponse(response);
    if (!RETRYABLE_STATUSES.has(response.status)) throw runGone(state, error);
    outage.lastError = error;
  }
}

function idOfStart(data: string): string | undefined {
  try {
    const id = (JSON.parse(data) as { id?: unknown }).id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

function lostWithoutId(server: SeerServer): SeerError {
  return new SeerError({
    code: 'connection_lost',
    message: `The connection to ${server.url} dropped before the server named the run, so there is nothing to reconnect to.`,
    status: 502,
    isRetryable: true,
  });
}

function runGone(state: ReconnectState, error: SeerError): SeerError {
  return new SeerError({
    code: error.code,
    message: `The connection dropped, and reconnecting to ${state.runId} failed: ${error.message}`,
    status: error.status,
    cause: error,
  });
}

function gaveUp(state: ReconnectState): SeerError {
  const seconds = Math.round(state.policy.giveUpAfterMs / 1000);
  const limit = seconds >= 60 && seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
  const last = state.outage.lastError;
  const reason = last instanceof Error ? ` (${last.message.replace(/\.$/, '')})` : '';
  return new SeerError({
    code: 'connection_lost',
    message: `Lost the connection to ${state.server.url} and could not get it back within ${limit}${reason}. The run may still be going: seer runs show ${state.runId} --server ${state.server.url}`,
    status: 502,
    isRetryable: true,
  });
}
