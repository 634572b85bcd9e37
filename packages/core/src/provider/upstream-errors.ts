// How a failed provider call is told to the user: one UpstreamError per way it can fail.
import { UpstreamError } from '../errors';
import type { SSEEventTooLongError } from '../stream/frame-events';
import { describeErrorBody } from './describe-error-body';

/** The provider was silent too long (`idle`) or answered too long in all (`total`). */
export function timeoutError(
  timeout: 'idle' | 'total',
  timeoutMs: number,
  isBeforeFirstByte: boolean,
): UpstreamError {
  const message =
    timeout === 'total'
      ? `The model provider was still answering after ${timeoutMs} ms, the longest one answer may take.`
      : isBeforeFirstByte
        ? `The model provider sent nothing within ${timeoutMs} ms.`
        : `The model provider went silent for ${timeoutMs} ms mid-stream.`;
  return new UpstreamError({ code: 'upstream_timeout', status: 504, isRetryable: true, message });
}

/** The provider sent an event longer than Seer reads. */
export function eventTooLongError(error: SSEEventTooLongError): UpstreamError {
  return new UpstreamError({
    code: 'upstream_error',
    isRetryable: true,
    message: `The model provider sent an event longer than ${error.limitText}, far more than a model writes at once; Seer stopped reading its stream.`,
    cause: error,
  });
}

/** The provider sent a stream message that is not JSON, so nothing after it can be trusted. */
export function notJSONError(cause: unknown): UpstreamError {
  return new UpstreamError({
    code: 'upstream_error',
    isRetryable: true,
    message: 'The model provider sent a stream message that is not JSON.',
    cause,
  });
}

/** The provider could not be reached. */
export function connectionError(cause: unknown): UpstreamError {
  return new UpstreamError({
    code: 'upstream_error',
    isRetryable: true,
    message: 'Seer could not reach the model provider.',
    cause,
  });
}

/** Whether the same request may succeed later: a timeout, a conflict, a rate limit or a server error. */
function isTransientStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** The request id a provider gave in its error body, as DashScope does, when no header named one. */
function requestIdInBody(body: string): string | undefined {
  try {
    const id = (JSON.parse(body) as { request_id?: unknown }).request_id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/** What Seer knows of a provider's error answer. */
export interface ProviderErrorAnswer {
  status: number;
  /** The start of its body. */
  body: string;
  /** Its `x-request-id`, which the provider's support asks for. */
  requestId?: string | null | undefined;
}

/** A provider's non-2xx answer as a Seer error, with the provider's message and request id. */
export function statusError({ status, body, requestId }: ProviderErrorAnswer): UpstreamError {
  const detail = describeErrorBody(body);
  const id = requestId || requestIdInBody(body);
  return new UpstreamError({
    code: 'upstream_error',
    upstreamStatus: status,
    isRetryable: isTransientStatus(status),
    message: `The model provider answered ${status}: ${detail || 'no details'}.`,
    details: { upstreamStatus: status, ...(id ? { upstreamRequestId: id } : {}) },
  });
}
