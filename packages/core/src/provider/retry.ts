/**
 * When to retry a failed provider call and how long to wait first: the rules of the OpenAI and
 * Anthropic SDKs, so that Seer behaves towards a provider as their own clients do. Only failures before
 * the stream begins are retried; once output has reached the user nothing is sent twice.
 */

/** The longest wait a provider's `Retry-After` may ask for; longer ones fall back to backoff. */
const MAX_RETRY_AFTER_MS = 60_000;
const INITIAL_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 8_000;

/**
 * Whether a provider status is worth another attempt: 408, 409, 429 and 5xx, unless the provider says
 * otherwise with `x-should-retry`.
 */
export function isRetryableStatus(status: number, shouldRetryHeader?: string): boolean {
  if (shouldRetryHeader === 'true') return true;
  if (shouldRetryHeader === 'false') return false;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** The headers a provider may use to say when to come back. */
export interface RetryAfterHeaders {
  /** `retry-after-ms`: milliseconds, as OpenAI sends. */
  retryAfterMs?: string | undefined;
  /** `retry-after`: seconds, or an HTTP date. */
  retryAfter?: string | undefined;
}

/**
 * How long to wait before retry number `retriesDone + 1`: the provider's `retry-after-ms` or
 * `Retry-After` when it gives a wait between 0 and 60 s, otherwise exponential backoff from 0.5 s to
 * 8 s with up to 25 % jitter, so that many clients do not come back at the same moment.
 */
export function retryDelayMs(
  retriesDone: number,
  headers: RetryAfterHeaders = {},
  now = Date.now(),
  random = Math.random,
): number {
  const asked = askedDelayMs(headers, now);
  if (asked !== undefined && asked > 0 && asked < MAX_RETRY_AFTER_MS) return asked;
  const backoff = Math.min(INITIAL_BACKOFF_MS * 2 ** retriesDone, MAX_BACKOFF_MS);
  return backoff * (1 - random() * 0.25);
}

function askedDelayMs(headers: RetryAfterHeaders, now: number): number | undefined {
  if (headers.retryAfterMs !== undefined) {
    const milliseconds = Number.parseFloat(headers.retryAfterMs);
    if (!Number.isNaN(milliseconds)) return milliseconds;
  }
  if (headers.retryAfter === undefined) return undefined;
  const seconds = Number.parseFloat(headers.retryAfter);
  if (!Number.isNaN(seconds)) return seconds * 1000;
  const date = Date.parse(headers.retryAfter);
  return Number.isNaN(date) ? undefined : date - now;
}

/** Waits `ms`, or rejects as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
