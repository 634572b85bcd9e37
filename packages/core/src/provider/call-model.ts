import { APIConnectionError, APIError } from 'openai';
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import type { ModelStreamEvent } from '../contract/events';
import { SeerError } from '../errors';
import type { ModelEndpoint } from '../models/config';
import { SSEEventTooLongError } from '../stream/frame-events';
import {
  ChunkNormalizer,
  providerStreamError,
  type StreamFault,
  toStreamFault,
} from '../stream/normalize-chunks';
import type { Sink } from '../stream/sink';
import type { ChatMessage } from './build-messages';
import { CallDeadlines } from './call-deadlines';
import { providerClient } from './provider-client';
import { type ProviderFetch, watchAttempts } from './provider-fetch';
import { connectionError, eventTooLongError, notJSONError, statusError } from './upstream-errors';

/** What one model call needs. */
export interface CallModelOptions {
  endpoint: ModelEndpoint;
  messages: ChatMessage[];
  /**
   * Provider fields beyond the standard ones, sent in the body as they are: budget parameters,
   * `enable_thinking`, `vl_high_resolution_images`, sampling.
   */
  extraBody?: Record<string, unknown>;
  maxAnswerTokens?: number;
  /** Cut the provider when it sends nothing for this long, before or during the stream. */
  idleTimeoutMs: number;
  /**
   * Cut the provider when the whole call, retries and stream included, lasts longer than this, whatever
   * it sends meanwhile (keep-alive comments reset the idle timer); default
   * {@link DEFAULT_TOTAL_TIMEOUT_MS}.
   */
  totalTimeoutMs?: number;
  /** Aborting it aborts the provider request at once. */
  signal?: AbortSignal;
  /** Retries of 408/409/429/5xx and connection failures before the first byte; default 2. */
  maxRetries?: number;
  /** When the analysis started, for `timing.totalMs`. */
  startedAt?: number;
  /**
   * The `fetch` the OpenAI SDK sends requests with; default the platform's, so a proxy dispatcher set on
   * it applies. Each different function gets clients of its own.
   */
  fetch?: ProviderFetch;
  /**
   * How inline think tags are read, when not as the preset says: a continued message whose thought was
   * closed by the prefill carries only the answer.
   */
  thinkTags?: ModelEndpoint['preset']['thinking']['thinkTags'];
}

/** The caller went away; nothing is delivered, so no Seer error code applies. */
export class RequestAbortedError extends Error {
  constructor() {
    super('The request was aborted by the client.');
    this.name = 'RequestAbortedError';
  }
}

/**
 * The longest one model call may last when the caller names no limit: 30 minutes, room for a thinking
 * model that thinks for many minutes, yet an end for a provider that keeps a stream open for ever.
 */
export const DEFAULT_TOTAL_TIMEOUT_MS = 30 * 60 * 1000;

/** Waits for `promise`, or rejects as soon as `signal` aborts: the SDK does not wake from a retry's wait. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  promise.catch(() => {});
  if (signal.aborted) return Promise.reject(signal.reason);
  let onAbort: () => void = () => {};
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([promise, aborted]).finally(() => signal.removeEventListener('abort', onAbort));
}

/** A failure before the stream as Seer's error: the provider's status and words, or no connection. */
function toUpstreamError(error: unknown, deadlines: CallDeadlines): SeerError {
  if (SeerError.isInstance(error)) return error;
  if (error instanceof APIError && typeof error.status === 'number') {
    return statusError({
      status: error.status,
      body: deadlines.lastErrorBody ?? '',
      requestId: error.requestID,
    });
  }
  return connectionError(error);
}

/** A failure while reading the stream as the normalizer's last item. */
function toFault(error: unknown, deadlines: CallDeadlines): StreamFault {
  const timeout = deadlines.timeoutError();
  if (timeout) return { fault: timeout };
  if (error instanceof SSEEventTooLongError) return { fault: eventTooLongError(error) };
  // The SDK throws a `data: {"error": …}` in the stream as an APIError without a status.
  if (error instanceof APIError && !(error instanceof APIConnectionError) && error.status === undefined) {
    return { fault: providerStreamError(error.error ?? error.message) };
  }
  if (error instanceof SyntaxError) return { fault: notJSONError(error) };
  return toStreamFault(error);
}

/**
 * Calls an OpenAI-compatible chat-completions endpoint with streaming through the OpenAI SDK (one client
 * per endpoint, see `providerClient`), and returns its events once the provider has answered with a
 * stream. Failures before that are retried by the SDK (408/409/429/5xx and connection errors, at most
 * `maxRetries`, honouring `Retry-After` up to a minute) and then thrown as {@link UpstreamError} with the
 * provider's words and request id; nothing is retried after output began. A provider silent for
 * `idleTimeoutMs`, or still answering after `totalTimeoutMs`, is cut with `upstream_timeout` (see
 * {@link CallDeadlines}); an event of its stream longer than 4 MB ends it with `upstream_error`. Aborting
 * `signal` (or cancelling the returned stream) aborts the provider request at once.
 *
 * The SDK's chunks are normalized in one pull loop rather than a chain of streams: each token then costs
 * one hop on its way to the user (docs/performance.md, time to first token).
 *
 * @throws UpstreamError before the stream; RequestAbortedError when `signal` aborted first.
 */
export async function callModel(options: CallModelOptions): Promise<ReadableStream<ModelStreamEvent>> {
  const { endpoint } = options;
  if (options.signal?.aborted) throw new RequestAbortedError();
  const totalTimeoutMs = options.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS;
  const deadlines = new CallDeadlines({
    idleTimeoutMs: options.idleTimeoutMs,
    totalTimeoutMs,
    signal: options.signal,
  });
  const body = {
    model: endpoint.preset.upstreamModel,
    messages: options.messages,
    stream: true,
    stream_options: { include_usage: true },
    // OpenAI's reasoning models refuse `max_tokens`; their presets name `max_completion_tokens`.
    ...(options.maxAnswerTokens === undefined
      ? {}
      : { [endpoint.preset.answerLimitField ?? 'max_tokens']: options.maxAnswerTokens }),
    ...options.extraBody,
  } as ChatCompletionCreateParamsStreaming;

  let chunks: AsyncIterator<unknown>;
  try {
    const stream = await untilAborted(
      providerClient(endpoint, options.fetch).chat.completions.create(body, {
        signal: deadlines.signal,
        maxRetries: options.maxRetries ?? 2,
        // Seer's deadlines end the call; the SDK's own per-attempt timeout must never come first.
        timeout: Math.ceil(totalTimeoutMs),
        headers: { Accept: 'text/event-stream' },
        fetchOptions: watchAttempts(deadlines.watcher),
      }),
      deadlines.signal,
    );
    chunks = (stream as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  } catch (error) {
    deadlines.finish();
    deadlines.abort();
    const timeout = deadlines.timeoutError();
    if (timeout) throw timeout;
    if (deadlines.isAbortedByCaller) throw new RequestAbortedError();
    throw toUpstreamError(error, deadlines);
  }

  const normalizer = new ChunkNormalizer({
    thinkTags: options.thinkTags ?? endpoint.preset.thinking.thinkTags,
    ...(options.startedAt === undefined ? {} : { startedAt: options.startedAt }),
  });
  let isCancelled = false;
  let emitted = 0;
  let output: ReadableStreamDefaultController<ModelStreamEvent>;
  const events: Sink<ModelStreamEvent> = {
    enqueue(event) {
      emitted++;
      output.enqueue(event);
    },
  };

  return new ReadableStream<ModelStreamEvent>({
    start(controller) {
      output = controller;
    },
    async pull(controller) {
      const before = emitted;
      while (emitted === before) {
        let next: IteratorResult<unknown>;
        try {
          next = await chunks.next();
        } catch (error) {
          if (isCancelled) return;
          deadlines.finish();
          deadlines.abort();
          // A read failure is one last item for the normalizer, so the client keeps the partial output
          // and gets an `error` event after it.
          normalizer.push(toFault(error, deadlines), events);
          controller.close();
          return;
        }
        if (isCancelled) return;
        if (next.done) {
          deadlines.finish();
          // The SDK ends its stream quietly when the request is aborted: a timer or the caller did it.
          if (deadlines.signal.aborted) normalizer.push(toFault(deadlines.signal.reason, deadlines), events);
          else normalizer.end(events);
          controller.close();
          return;
        }
        normalizer.push(next.value, events);
      }
    },
    cancel() {
      isCancelled = true;
      deadlines.finish();
      deadlines.abort();
      chunks.return?.().catch(() => {});
    },
  });
}
