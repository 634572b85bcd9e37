import type { ModelStreamEvent } from '../contract/events';
import { SeerError, UpstreamError } from '../errors';
import type { ModelEndpoint } from '../models/config';
import { ChunkNormalizer, toStreamFault } from '../stream/normalize-chunks';
import { SSELineTooLongError, type SSEMessage, SSEParser } from '../stream/parse-sse';
import type { Sink } from '../stream/sink';
import type { ChatMessage } from './build-messages';
import { fetchTransport, type ProviderResponse, type ProviderTransport } from './provider-transport';
import { isRetryableStatus, retryDelayMs, sleep } from './retry';
import {
  connectionError,
  lineTooLongError,
  MAX_ERROR_BODY_BYTES,
  readText,
  statusError,
  timeoutError,
} from './upstream-errors';

/** What one model call needs. */
export interface CallModelOptions {
  endpoint: ModelEndpoint;
  messages: ChatMessage[];
  /** Provider fields beyond the standard ones: budget parameters, `vl_high_resolution_images`. */
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
  /** How the request is sent; default {@link fetchTransport}. Node callers pass `httpTransport`. */
  transport?: ProviderTransport;
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

/** Which timer cut the call: nothing for the idle timeout, or too long in all. */
type Timeout = 'idle' | 'total';

/** `<baseURL>/chat/completions`, whether or not the base URL ends in a slash. */
function chatCompletionsURL(baseURL: string): string {
  return `${baseURL.replace(/\/+$/, '')}/chat/completions`;
}

/**
 * Calls an OpenAI-compatible chat-completions endpoint with streaming, and returns its events once the
 * provider has answered with a stream. Failures before that are retried as the OpenAI SDK
 * does (408/409/429/5xx and connection errors, at most `maxRetries`, exponential backoff with jitter,
 * honouring `Retry-After`; see `retry.ts`) and then thrown as {@link UpstreamError}; nothing is retried
 * after output began. A provider silent for `idleTimeoutMs`, or still answering after `totalTimeoutMs`, is
 * cut with `upstream_timeout`; a line of its stream longer than the SSE parser holds ends it with
 * `upstream_error`. Aborting `signal` (or cancelling the returned stream) aborts the provider request
 * at once.
 *
 * The bytes are decoded, parsed and normalized in one pull loop rather than a chain of streams: each
 * token then costs one hop on its way to the user (docs/performance.md, time to first token).
 *
 * @throws UpstreamError before the stream; RequestAbortedError when `signal` aborted first.
 */
export async function callModel(options: CallModelOptions): Promise<ReadableStream<ModelStreamEvent>> {
  const { endpoint, idleTimeoutMs } = options;
  const totalTimeoutMs = options.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS;
  if (options.signal?.aborted) throw new RequestAbortedError();
  const abort = new AbortController();
  let timedOut: Timeout | undefined;
  const describeTimeout = (timeout: Timeout, isBeforeFirstByte: boolean) =>
    timeoutError(timeout, timeout === 'total' ? totalTimeoutMs : idleTimeoutMs, isBeforeFirstByte);
  const totalTimer = setTimeout(() => {
    timedOut ??= 'total';
    abort.abort();
  }, totalTimeoutMs);
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  const resetIdleTimer = () => {
    // Every chunk resets the timer: Node's timers restart in place (`refresh`), cheaper than a new one.
    if (typeof idleTimer === 'object' && typeof idleTimer.refresh === 'function') {
      idleTimer.refresh();
      return;
    }
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      timedOut ??= 'idle';
      abort.abort();
    }, idleTimeoutMs);
  };
  const stopIdleTimer = () => {
    clearTimeout(idleTimer);
    idleTimer = undefined;
  };
  const onCallerAbort = () => abort.abort();
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  const finish = () => {
    stopIdleTimer();
    clearTimeout(totalTimer);
    options.signal?.removeEventListener('abort', onCallerAbort);
  };

  let response: ProviderResponse;
  try {
    response = await sendWithRetries(options, abort.signal, { resetIdleTimer, stopIdleTimer });
  } catch (error) {
    finish();
    if (timedOut) throw describeTimeout(timedOut, true);
    if (options.signal?.aborted) throw new RequestAbortedError();
    throw SeerError.isInstance(error) ? error : connectionError(error);
  }

  const chunks = response.body[Symbol.asyncIterator]();
  const decoder = new TextDecoder();
  const parser = new SSEParser();
  const normalizer = new ChunkNormalizer({
    thinkTags: options.thinkTags ?? endpoint.preset.thinking.thinkTags,
    ...(options.startedAt === undefined ? {} : { startedAt: options.startedAt }),
  });
  let hasFirstByte = false;
  let isCancelled = false;
  let emitted = 0;
  let output: ReadableStreamDefaultController<ModelStreamEvent>;
  const events: Sink<ModelStreamEvent> = {
    enqueue(event) {
      emitted++;
      output.enqueue(event);
    },
  };
  const messages: Sink<SSEMessage> = { enqueue: (message) => normalizer.push(message, events) };
  // A line over the parser's limit ends the stream with an error event after what arrived, and the
  // provider request is aborted rather than read any further.
  const stopAtLongLine = (error: unknown, controller: ReadableStreamDefaultController<ModelStreamEvent>) => {
    if (!(error instanceof SSELineTooLongError)) throw error;
    finish();
    abort.abort();
    normalizer.push({ fault: lineTooLongError(error) }, events);
    controller.close();
  };

  return new ReadableStream<ModelStreamEvent>({
    start(controller) {
      output = controller;
    },
    async pull(controller) {
      const before = emitted;
      while (emitted === before) {
        let next: IteratorResult<Uint8Array>;
        try {
          next = await chunks.next();
        } catch (error) {
          if (isCancelled) return;
          finish();
          // A read failure (a dropped connection, the idle timer) is one last item for the normalizer,
          // so the client keeps the partial output and gets an `error` event after it.
          normalizer.push(
            timedOut ? { fault: describeTimeout(timedOut, !hasFirstByte) } : toStreamFault(error),
            events,
          );
          controller.close();
          return;
        }
        if (isCancelled) return;
        if (next.done) {
          finish();
          try {
            parser.push(decoder.decode(), messages);
            parser.end(messages);
          } catch (error) {
            return stopAtLongLine(error, controller);
          }
          normalizer.end(events);
          controller.close();
          return;
        }
        hasFirstByte = true;
        resetIdleTimer();
        try {
          parser.push(decoder.decode(next.value, { stream: true }), messages);
        } catch (error) {
          return stopAtLongLine(error, controller);
        }
      }
    },
    cancel() {
      isCancelled = true;
      finish();
      abort.abort();
    },
  });
}

/** The idle timer's controls, which run while an attempt waits for the provider. */
interface IdleTimerControls {
  resetIdleTimer: () => void;
  stopIdleTimer: () => void;
}

/**
 * Sends the request, retrying what is worth retrying, until the provider answers 2xx. The idle timer
 * runs while an attempt waits for the provider, not while Seer sleeps before a retry (a `Retry-After`
 * may be longer than the idle timeout). Aborting `signal` ends the attempt or the sleep at once.
 */
async function sendWithRetries(
  options: CallModelOptions,
  signal: AbortSignal,
  { resetIdleTimer, stopIdleTimer }: IdleTimerControls,
): Promise<ProviderResponse> {
  const { endpoint } = options;
  const transport = options.transport ?? fetchTransport;
  const maxRetries = options.maxRetries ?? 2;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'text/event-stream',
  };
  if (endpoint.apiKey) headers.authorization = `Bearer ${endpoint.apiKey}`;
  const body = JSON.stringify({
    model: endpoint.preset.upstreamModel,
    messages: options.messages,
    stream: true,
    stream_options: { include_usage: true },
    // OpenAI's reasoning models refuse `max_tokens`; their presets name `max_completion_tokens`.
    ...(options.maxAnswerTokens === undefined
      ? {}
      : { [endpoint.preset.answerLimitField ?? 'max_tokens']: options.maxAnswerTokens }),
    ...options.extraBody,
  });
  const request = { url: chatCompletionsURL(endpoint.baseURL), headers, body, signal };

  for (let retriesDone = 0; ; retriesDone++) {
    resetIdleTimer();
    let response: ProviderResponse | undefined;
    let failure: unknown;
    try {
      response = await transport(request);
    } catch (error) {
      failure = error;
    }
    if (signal.aborted) throw signal.reason;
    if (response && response.status >= 200 && response.status < 300) return response;
    const isWorthRetrying = response
      ? isRetryableStatus(response.status, response.header('x-should-retry'))
      : true;
    if (retriesDone >= maxRetries || !isWorthRetrying) {
      const error = response ? await statusError(response) : connectionError(failure);
      stopIdleTimer();
      throw error;
    }
    // Reading the body to its end frees the connection for the next attempt.
    if (response) await readText(response.body, MAX_ERROR_BODY_BYTES);
    stopIdleTimer();
    if (signal.aborted) throw signal.reason;
    await sleep(
      retryDelayMs(retriesDone, {
        retryAfterMs: response?.header('retry-after-ms'),
        retryAfter: response?.header('retry-after'),
      }),
      signal,
    );
  }
}
