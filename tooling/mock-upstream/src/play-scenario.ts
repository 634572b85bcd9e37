import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { setTimeout as sleep, setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { buildCompletion, buildStreamChunks, type CompletionIdentity } from './chunks';
import type { ReplayScenario, Scenario, StatusScenario, StreamScenario } from './scenario';
import { splitAtOffsets, splitAtRandomBoundaries } from './split';

/** What a scenario needs to know about the request it answers. */
export interface PlayContext {
  /** The parsed request body (or raw text). */
  body: unknown;
  /** Aborted when the response closes for any reason, so waits end at once. */
  signal: AbortSignal;
  /** Called just before the mock itself cuts the connection, so it is not taken for a client abort. */
  onDrop: () => void;
}

const streamHeaders = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };

let completionCounter = 0;

async function pause(ms: number, signal: AbortSignal): Promise<void> {
  await sleep(ms, undefined, { signal }).catch(() => undefined);
}

/** Resolves when the client has gone away (or at once if it already has). */
async function untilClosed(signal: AbortSignal): Promise<void> {
  if (!signal.aborted) await once(signal, 'abort');
}

/** Writes honouring back-pressure; resolves false when the response closed meanwhile. */
async function write(res: ServerResponse, data: string | Uint8Array, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  // Waiting with the signal removes both listeners whichever comes first: a long stream to a slow
  // reader waits for many drains.
  if (!res.write(data)) await once(res, 'drain', { signal }).catch(() => undefined);
  return !signal.aborted;
}

function identityFor(body: unknown): CompletionIdentity {
  const model = (body as { model?: unknown } | null)?.model;
  completionCounter += 1;
  return {
    id: `chatcmpl-mock-${completionCounter}`,
    created: Math.floor(Date.now() / 1000),
    model: typeof model === 'string' ? model : 'mock-model',
  };
}

function defaultErrorBody(status: number): object {
  const [type, code] =
    status === 401
      ? ['authentication_error', 'invalid_api_key']
      : status === 429
        ? ['rate_limit_error', 'rate_limit_exceeded']
        : status >= 500
          ? ['server_error', 'internal_error']
          : ['invalid_request_error', null];
  return { error: { message: `Mock upstream answered with status ${status}.`, type, code } };
}

function playStatus(scenario: StatusScenario, res: ServerResponse): void {
  const isText = typeof scenario.body === 'string';
  const headers: Record<string, string> = {
    'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json',
    ...(scenario.retryAfter === undefined ? {} : { 'retry-after': String(scenario.retryAfter) }),
    ...scenario.headers,
  };
  res.writeHead(scenario.status, headers);
  res.end(isText ? scenario.body : JSON.stringify(scenario.body ?? defaultErrorBody(scenario.status)));
}

const errorEvent = {
  error: {
    message: 'The server had an error while processing your request. Sorry about that!',
    type: 'server_error',
    code: 'internal_error',
  },
};

async function playFault(
  fault: NonNullable<StreamScenario['fault']>,
  res: ServerResponse,
  context: PlayContext,
): Promise<void> {
  if (fault.type === 'error-event') {
    await write(res, `data: ${JSON.stringify(errorEvent)}\n\n`, context.signal);
    res.end();
  } else if (fault.type === 'drop') {
    context.onDrop();
    res.socket?.destroy();
  } else {
    await untilClosed(context.signal);
  }
}

async function playStream(
  scenario: StreamScenario,
  res: ServerResponse,
  context: PlayContext,
): Promise<void> {
  const identity = identityFor(context.body);
  if ((context.body as { stream?: unknown } | null)?.stream === false) {
    if (scenario.fault !== undefined && scenario.fault.type !== 'error-event') {
      return playFault(scenario.fault, res, context);
    }
    const isError = scenario.fault !== undefined;
    res.writeHead(isError ? 500 : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(isError ? errorEvent : buildCompletion(scenario, identity)));
    return;
  }
  res.writeHead(200, streamHeaders);
  res.flushHeaders();
  const chunks = buildStreamChunks(scenario, identity);
  for (const [index, chunk] of chunks.entries()) {
    if (scenario.fault !== undefined && index === scenario.fault.after) {
      return playFault(scenario.fault, res, context);
    }
    if (index > 0 && scenario.delayMs) await pause(scenario.delayMs, context.signal);
    if (!(await write(res, `data: ${JSON.stringify(chunk)}\n\n`, context.signal))) return;
  }
  if (scenario.fault !== undefined) return playFault(scenario.fault, res, context);
  await write(res, 'data: [DONE]\n\n', context.signal);
  res.end();
}

async function playReplay(
  scenario: ReplayScenario,
  res: ServerResponse,
  context: PlayContext,
): Promise<void> {
  const bytes = new TextEncoder().encode(scenario.sse);
  const pieces = Array.isArray(scenario.split)
    ? splitAtOffsets(bytes, scenario.split)
    : scenario.split
      ? splitAtRandomBoundaries(bytes, scenario.split.seed, scenario.split.maxPieces)
      : [bytes];
  res.writeHead(200, streamHeaders);
  res.flushHeaders();
  for (const [index, piece] of pieces.entries()) {
    // Yielding between writes lets each piece leave as its own TCP segment rather than one coalesced write.
    if (index > 0) await (scenario.delayMs ? pause(scenario.delayMs, context.signal) : yieldToEventLoop());
    if (!(await write(res, piece, context.signal))) return;
  }
  res.end();
}

/** Answers one chat request as `scenario` says; resolves when the mock is done with the response. */
export async function playScenario(
  scenario: Scenario,
  res: ServerResponse,
  context: PlayContext,
): Promise<void> {
  switch (scenario.kind) {
    case 'stream':
      return playStream(scenario, res, context);
    case 'replay':
      return playReplay(scenario, res, context);
    case 'status':
      return playStatus(scenario, res);
    case 'silence':
      return untilClosed(context.signal);
    case 'slow-headers':
      await pause(scenario.delayMs, context.signal);
      if (!context.signal.aborted) await playScenario(scenario.then, res, context);
  }
}
