import OpenAI from 'openai';
import { SeerError, UpstreamError } from '../errors';
import type { ModelEndpoint } from '../models/config';
import type { ModelStreamEvent } from '../stream/events';
import { type StreamFault, StreamNormalizer, toStreamFault } from '../stream/normalize-chunks';
import { createTextDecoderStream, type SSEMessage, SSEParserStream } from '../stream/parse-sse';
import type { ChatMessage } from './build-messages';

/** What one model call needs. */
export interface CallModelOptions {
  endpoint: ModelEndpoint;
  messages: ChatMessage[];
  /** Provider fields beyond the standard ones: budget parameters, `vl_high_resolution_images`. */
  extraBody?: Record<string, unknown>;
  maxAnswerTokens?: number;
  /** Cut the provider when it sends nothing for this long, before or during the stream. */
  idleTimeoutMs: number;
  /** Aborting it aborts the provider request at once. */
  signal?: AbortSignal;
  /** Retries of 408/409/429/5xx and connection failures before the first byte; default 2. */
  maxRetries?: number;
  /** When the analysis started, for `timing.totalMs`. */
  startedAt?: number;
  /** The fetch to use; tests and the API may pass their own. */
  fetch?: typeof globalThis.fetch;
}

/** The caller went away; nothing is delivered, so no Seer error code applies. */
export class RequestAbortedError extends Error {
  constructor() {
    super('The request was aborted by the client.');
    this.name = 'RequestAbortedError';
  }
}

function timeoutError(idleTimeoutMs: number, isBeforeFirstByte: boolean): UpstreamError {
  return new UpstreamError({
    code: 'upstream_timeout',
    status: 504,
    isRetryable: true,
    message: isBeforeFirstByte
      ? `The model provider sent nothing within ${idleTimeoutMs} ms.`
      : `The model provider went silent for ${idleTimeoutMs} ms mid-stream.`,
  });
}

/** Turns what the openai SDK throws before the stream into a Seer error. */
function wrapProviderError(error: unknown): SeerError {
  if (SeerError.isInstance(error)) return error;
  if (error instanceof OpenAI.APIError && error.status !== undefined) {
    const status = error.status;
    const detail = error.message.replace(/^\d{3}\s*/, '');
    return new UpstreamError({
      code: 'upstream_error',
      upstreamStatus: status,
      isRetryable: status === 408 || status === 409 || status === 429 || status >= 500,
      message: `The model provider answered ${status}: ${detail || 'no details'}.`,
      details: { upstreamStatus: status },
      cause: error,
    });
  }
  return new UpstreamError({
    code: 'upstream_error',
    isRetryable: true,
    message: 'Seer could not reach the model provider.',
    cause: error,
  });
}

/**
 * Calls an OpenAI-compatible chat-completions endpoint with streaming, and returns its events once the
 * provider has answered with a stream (SPEC §6): failures before that are retried by the openai SDK
 * (408/409/429/5xx and connection errors, at most `maxRetries`, exponential backoff with jitter,
 * honouring `Retry-After`) and then thrown as {@link UpstreamError}; nothing is retried after output
 * began. A provider silent for `idleTimeoutMs` is cut with `upstream_timeout`, and aborting `signal`
 * (or cancelling the returned stream) aborts the provider request at once.
 *
 * @throws UpstreamError before the stream; RequestAbortedError when `signal` aborted first.
 */
export async function callModel(options: CallModelOptions): Promise<ReadableStream<ModelStreamEvent>> {
  const { endpoint, idleTimeoutMs } = options;
  const abort = new AbortController();
  let timedOut = false;
  let hasFirstByte = false;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  const resetIdleTimer = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, idleTimeoutMs);
  };
  const stopIdleTimer = () => clearTimeout(idleTimer);
  const onCallerAbort = () => abort.abort();
  if (options.signal?.aborted) throw new RequestAbortedError();
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });

  const baseFetch = options.fetch ?? globalThis.fetch;
  // The idle timer runs while an attempt waits for the provider, not while the SDK sleeps before a
  // retry (a `Retry-After` may be longer than the idle timeout).
  const watchedFetch: typeof globalThis.fetch = async (input, init) => {
    resetIdleTimer();
    const response = await baseFetch(input, init);
    if (!response.ok) stopIdleTimer();
    return response;
  };
  const client = new OpenAI({
    baseURL: endpoint.baseURL,
    apiKey: endpoint.apiKey,
    maxRetries: options.maxRetries ?? 2,
    // The idle timer above is the only timeout: the SDK's own would retry a silent provider.
    timeout: 24 * 60 * 60 * 1000,
    fetch: watchedFetch,
  });

  const body = {
    model: endpoint.preset.upstreamModel,
    messages: options.messages,
    stream: true,
    stream_options: { include_usage: true },
    ...(options.maxAnswerTokens === undefined ? {} : { max_tokens: options.maxAnswerTokens }),
    ...options.extraBody,
  } as unknown as OpenAI.ChatCompletionCreateParamsStreaming;

  let response: Response;
  try {
    response = await client.chat.completions.create(body, { signal: abort.signal }).asResponse();
  } catch (error) {
    stopIdleTimer();
    options.signal?.removeEventListener('abort', onCallerAbort);
    if (timedOut) throw timeoutError(idleTimeoutMs, true);
    if (options.signal?.aborted) throw new RequestAbortedError();
    throw wrapProviderError(error);
  }
  resetIdleTimer();
  if (!response.body) {
    stopIdleTimer();
    throw new UpstreamError({
      code: 'upstream_error',
      isRetryable: true,
      message: 'The model provider sent no body.',
    });
  }

  const watchedBytes = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        hasFirstByte = true;
        resetIdleTimer();
        controller.enqueue(chunk);
      },
    }),
  );
  const messages = watchedBytes.pipeThrough(createTextDecoderStream()).pipeThrough(new SSEParserStream());
  const reader = messages.getReader();
  const finish = () => {
    stopIdleTimer();
    options.signal?.removeEventListener('abort', onCallerAbort);
  };

  // Read failures (a dropped connection, the idle timer) become one last item for the normalizer, so
  // the client keeps the partial output and gets an `error` event after it.
  const items = new ReadableStream<SSEMessage | StreamFault>({
    async pull(controller) {
      try {
        const { value, done } = await reader.read();
        if (done) {
          finish();
          controller.close();
        } else {
          controller.enqueue(value);
        }
      } catch (error) {
        finish();
        controller.enqueue(
          timedOut ? { fault: timeoutError(idleTimeoutMs, !hasFirstByte) } : toStreamFault(error),
        );
        controller.close();
      }
    },
    cancel() {
      finish();
      abort.abort();
    },
  });

  return items.pipeThrough(
    new StreamNormalizer({
      thinkTags: endpoint.preset.thinking.thinkTags,
      ...(options.startedAt === undefined ? {} : { startedAt: options.startedAt }),
    }),
  );
}
