import type OpenAI from 'openai';
import { SSEEventFramer } from '../stream/frame-events';
import { readBodyStart } from './read-body-start';

/** A `fetch` as the OpenAI SDK calls it: Node's, a browser's, undici's, or a test's. */
export type ProviderFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** The most of an error body Seer reads for its message. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** The longest wait a provider's `Retry-After` may ask for; a longer one gets the SDK's backoff instead. */
const MAX_RETRY_AFTER_MS = 60_000;

/**
 * What one model call learns of each attempt the SDK makes: the idle timer runs while an attempt waits
 * for the provider and while its stream arrives, not while the SDK sleeps before a retry (a provider's
 * `Retry-After` may be longer than the idle timeout).
 */
export interface AttemptWatcher {
  /** An attempt is sent. */
  onSend(): void;
  /** Bytes of the stream arrived, keep-alive comments included. */
  onBytes(): void;
  /** The attempt failed: no answer, or an error status whose start is `body`. */
  onFailure(body?: string): void;
}

/** What the SDK takes as a request's `fetchOptions`. */
type SDKFetchOptions = NonNullable<Awaited<NonNullable<Parameters<OpenAI['post']>[1]>>['fetchOptions']>;

/** The per-request `fetchOptions` field that carries a call's {@link AttemptWatcher} to {@link guardFetch}. */
const WATCHER = 'seerAttemptWatcher';

/**
 * The SDK's per-request `fetchOptions` that hand one call's watcher to the client's fetch: the client is
 * shared by every call to its endpoint, so what belongs to one call travels with its request.
 */
export function watchAttempts(watcher: AttemptWatcher): SDKFetchOptions {
  return { [WATCHER]: watcher } as SDKFetchOptions;
}

/** Whether a `Retry-After`/`retry-after-ms` asks for a wait Seer keeps to: more than nothing, at most a minute. */
function isReasonableWait(headers: Headers): boolean {
  const milliseconds = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (!Number.isNaN(milliseconds)) return milliseconds > 0 && milliseconds <= MAX_RETRY_AFTER_MS;
  const header = headers.get('retry-after');
  if (header === null) return true;
  const seconds = Number.parseFloat(header);
  const wait = Number.isNaN(seconds) ? Date.parse(header) - Date.now() : seconds * 1000;
  return wait > 0 && wait <= MAX_RETRY_AFTER_MS;
}

/**
 * An error answer with at most {@link MAX_ERROR_BODY_BYTES} of its body, which the SDK then reads whole,
 * and without a `Retry-After` that asks for no wait, an unreadable one or more than a minute, so that
 * the SDK backs off as usual instead of hammering the provider or holding the caller for an hour.
 */
async function shortenErrorAnswer(
  response: Response,
  watcher: AttemptWatcher | undefined,
): Promise<Response> {
  const text = await readBodyStart(response.body, MAX_ERROR_BODY_BYTES);
  watcher?.onFailure(text);
  const headers = new Headers(response.headers);
  if (!isReasonableWait(headers)) {
    headers.delete('retry-after');
    headers.delete('retry-after-ms');
  }
  return new Response(text, { status: response.status, statusText: response.statusText, headers });
}

/**
 * A successful answer whose body arrives cut at whole events, each at most the framer's limit. The body
 * is pulled through the framer by hand rather than piped through a `TransformStream`: a pipe adds hops on
 * each piece's way to the first token (docs/performance.md, time to first token).
 */
function frameEvents(response: Response, watcher: AttemptWatcher | undefined): Response {
  if (!response.body) return response;
  const reader = response.body.getReader();
  const framer = new SSEEventFramer();
  let passed = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const sink = {
        enqueue(events: Uint8Array) {
          passed++;
          controller.enqueue(events);
        },
      };
      // A piece may complete no event: read on until one passes or the body ends.
      for (const before = passed; passed === before; ) {
        const { done, value } = await reader.read();
        if (done) {
          framer.end(sink);
          controller.close();
          return;
        }
        watcher?.onBytes();
        try {
          framer.push(value, sink);
        } catch (error) {
          reader.cancel(error).catch(() => {});
          throw error;
        }
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

/**
 * The `fetch` Seer gives the OpenAI SDK: `base` (the platform's `fetch` when absent, looked up at each
 * request so that a proxy dispatcher set later applies), with the limits Seer keeps towards a provider.
 * A streamed answer reaches the SDK's decoder in whole events and ends with `SSEEventTooLongError` at
 * an event longer than 4 MB, which the decoder would otherwise hold whole; an error answer brings at most
 * 64 KB. The call's {@link AttemptWatcher}, when its request carries one, hears of each attempt.
 */
export function guardFetch(base?: ProviderFetch): ProviderFetch {
  return async (input, init) => {
    let watcher: AttemptWatcher | undefined;
    let requestInit = init;
    if (init && WATCHER in init) {
      const { [WATCHER]: attached, ...rest } = init as RequestInit & { [WATCHER]?: AttemptWatcher };
      watcher = attached;
      requestInit = rest;
    }
    watcher?.onSend();
    let response: Response;
    try {
      response = await (base ?? globalThis.fetch)(input, requestInit);
    } catch (error) {
      watcher?.onFailure();
      throw error;
    }
    if (!response.ok) return shortenErrorAnswer(response, watcher);
    return frameEvents(response, watcher);
  };
}
