import { type AnalysisRequestInput, SeerError } from '@seer/core';
import { authorizationHeader } from '../lib/access-token';
import { nextReconnectDelay } from '../lib/reconnect-backoff';
import { errorFromResponse } from './error-from-response';
import {
  type EventHandlers,
  type RunNotice,
  readAnalysisEvents,
  StreamDropped,
  type StreamedEvent,
} from './read-analysis-events';
import { requestBody } from './request-body';

export type { RunNotice, StreamedEvent };

/**
 * Reading a run (docs/runs.md): `POST /v1/analyses` starts one and streams it; when that stream drops
 * before its last event, the reader reconnects to `GET /v1/analyses/{id}/events` with the id of the last
 * event it read, and reads on without a gap or a repeat.
 */

/** Where a reader is in a run: the run's id once known, and the SSE id of the last event read. */
interface RunCursor {
  runId?: string;
  lastEventId?: string;
}

/** Options of `streamAnalysis` and `followAnalysis`. */
export interface FollowAnalysisOptions {
  /** Aborting it stops reading; the run goes on on the server (see `cancelAnalysis`). */
  signal?: AbortSignal | undefined;
  /** Called once per validated event, in order, never twice for one event, across reconnections. */
  onEvent: (event: StreamedEvent) => void;
  /** Called with what the server says beside the output, e.g. that a replay left out old thinking. */
  onNotice?: ((notice: RunNotice) => void) | undefined;
  /** Called with the run's id as soon as it is known, so that the run can be found again or cancelled. */
  onRunId?: ((id: string) => void) | undefined;
  /** Called when the stream dropped and the reader starts reconnecting. */
  onReconnecting?: (() => void) | undefined;
  /** Called when a reconnection succeeded and the run is read on from where it dropped. */
  onReconnected?: (() => void) | undefined;
}

/** Options of `streamAnalysis`. */
export interface StreamAnalysisOptions extends FollowAnalysisOptions {
  /** The files that media items name by `file`, by field name; with any, the request goes as multipart. */
  files?: ReadonlyMap<string, File>;
}

/** The response's body when it is a stream of events; a refusal as the API's error otherwise. */
async function eventStreamOf(response: Response): Promise<NonNullable<Response['body']>> {
  if (!response.ok) throw await errorFromResponse(response);
  if (!response.body || !response.headers.get('content-type')?.includes('text/event-stream')) {
    throw new SeerError({
      code: 'unexpected_response',
      message: 'The server did not answer with a stream of events.',
      status: response.status,
    });
  }
  return response.body;
}

const streamEnded = () =>
  new SeerError({
    code: 'stream_ended',
    message: 'The connection closed before the answer was complete.',
    status: 502,
    isRetryable: true,
  });

/** Resolves after `ms`, or rejects with the signal's reason once it aborts. */
function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Opens `GET /v1/analyses/{id}/events` after the cursor's last event (from the first without one). */
async function openEvents(
  { runId = '', lastEventId }: RunCursor,
  signal: AbortSignal | undefined,
): Promise<NonNullable<Response['body']>> {
  const response = await fetch(`/v1/analyses/${encodeURIComponent(runId)}/events`, {
    headers: {
      ...authorizationHeader(),
      accept: 'text/event-stream',
      ...(lastEventId === undefined ? {} : { 'last-event-id': lastEventId }),
    },
    signal: signal ?? null,
  });
  return eventStreamOf(response);
}

/**
 * Opens the run's events again with backoff (`nextReconnectDelay`) until the server answers with them.
 * A network failure or a 5xx is tried again; a refusal that will not pass (404: the run is gone) ends the
 * attempts at once. `since` is when the connection was lost, `attempt` how many tries were made since.
 */
async function reopenEvents(
  cursor: RunCursor,
  signal: AbortSignal | undefined,
  outage: { since: number; attempt: number },
): Promise<NonNullable<Response['body']>> {
  for (;;) {
    const delay = nextReconnectDelay(outage.attempt, Date.now() - outage.since);
    if (delay === undefined) {
      throw new SeerError({
        code: 'stream_ended',
        message: 'The connection dropped before the answer was complete, and could not be restored.',
        status: 502,
        isRetryable: true,
      });
    }
    await wait(delay, signal);
    outage.attempt++;
    try {
      return await openEvents(cursor, signal);
    } catch (error) {
      if (signal?.aborted) throw error;
      if (SeerError.isInstance(error) && !error.isRetryable) {
        throw new SeerError({
          code: 'stream_ended',
          message: `The connection dropped before the answer was complete, and the run could not be read again: ${error.message}`,
          status: 502,
          isRetryable: true,
          cause: error,
        });
      }
    }
  }
}

/**
 * Reads a run's events from `body` to its last event, reconnecting as often as the connection drops
 * while the run's id is known. An outage's clock and backoff start again once an event gets through.
 */
async function readRun(
  first: NonNullable<Response['body']>,
  cursor: RunCursor,
  options: FollowAnalysisOptions,
): Promise<StreamedEvent> {
  const { signal } = options;
  let outage: { since: number; attempt: number } | undefined;
  const handlers: EventHandlers = {
    onEvent: (event) => {
      outage = undefined;
      if (event.type === 'start' && cursor.runId !== event.id) {
        cursor.runId = event.id;
        options.onRunId?.(event.id);
      }
      options.onEvent(event);
    },
    onNotice: options.onNotice,
    onId: (id) => {
      cursor.lastEventId = id;
    },
  };
  let body = first;
  for (;;) {
    try {
      const last = await readAnalysisEvents(body, handlers);
      if (last) return last;
    } catch (error) {
      signal?.throwIfAborted();
      // Only a dropped connection is worth reading again: a malformed event would be malformed again.
      if (!(error instanceof StreamDropped)) throw error;
    }
    signal?.throwIfAborted();
    if (cursor.runId === undefined) throw streamEnded();
    if (!outage) {
      outage = { since: Date.now(), attempt: 0 };
      options.onReconnecting?.();
    }
    body = await reopenEvents(cursor, signal, outage);
    options.onReconnected?.();
  }
}

/**
 * Runs an analysis (`POST /v1/analyses`) and reads its events (`readAnalysisEvents`). Resolves with the
 * last event (`finish` or `error`). When the stream drops before it, reconnects to the run with the last
 * event's id (with backoff, for up to two minutes), so that `onEvent` sees every event once. Rejects
 * with a `SeerError` when the server refuses the request before streaming, or when the run cannot be
 * read to its end; rejects with the signal's `AbortError` when aborted.
 *
 * The request goes as JSON, or with `files` as multipart (see `requestBody`).
 *
 * @example
 * const files = new Map([['image0', photo]]);
 * const media = [{ type: 'image', file: 'image0' }];
 * await streamAnalysis({ template: 'math-pattern', locale: 'en', media }, { files, onEvent: console.log });
 */
export async function streamAnalysis(
  request: AnalysisRequestInput,
  options: StreamAnalysisOptions,
): Promise<StreamedEvent> {
  const { body, headers } = requestBody(request, options.files);
  const response = await fetch('/v1/analyses', {
    method: 'POST',
    headers: { ...headers, ...authorizationHeader(), accept: 'text/event-stream' },
    body,
    signal: options.signal ?? null,
  });
  const events = await eventStreamOf(response);
  const cursor: RunCursor = {};
  const runId = response.headers.get('x-seer-analysis-id');
  if (runId) {
    cursor.runId = runId;
    options.onRunId?.(runId);
  }
  return readRun(events, cursor, options);
}

/**
 * Reads a run that is already going, e.g. one this page started before it was reloaded, from its first
 * event (`GET /v1/analyses/{id}/events`), live to its end, reconnecting as `streamAnalysis` does. Rejects
 * with the API's `SeerError` (404 `unknown_analysis`) when the server does not have the run.
 */
export async function followAnalysis(id: string, options: FollowAnalysisOptions): Promise<StreamedEvent> {
  const cursor: RunCursor = { runId: id };
  return readRun(await openEvents(cursor, options.signal), cursor, options);
}

/**
 * Stops a run on the server (`POST /v1/analyses/{id}/cancel`), which aborts the model's request: closing
 * the connection alone would leave the run going for the grace period that lets a reader reconnect. A
 * run already over is left as it is. Rejects with the API's `SeerError` when refused.
 */
export async function cancelAnalysis(id: string): Promise<void> {
  const response = await fetch(`/v1/analyses/${encodeURIComponent(id)}/cancel`, {
    method: 'POST',
    headers: { ...authorizationHeader(), accept: 'application/json' },
  });
  if (!response.ok) throw await errorFromResponse(response);
}
