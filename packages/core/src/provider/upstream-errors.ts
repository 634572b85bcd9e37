// How a failed provider call is told to the user: one UpstreamError per way it can fail.
import { UpstreamError } from '../errors';
import type { SSELineTooLongError } from '../stream/parse-sse';
import { describeErrorBody } from './describe-error-body';
import type { ProviderResponse } from './provider-transport';
import { isRetryableStatus } from './retry';

/** The most of an error body Seer reads for its message. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

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

/** The provider sent a line longer than the SSE parser holds. */
export function lineTooLongError(error: SSELineTooLongError): UpstreamError {
  return new UpstreamError({
    code: 'upstream_error',
    isRetryable: true,
    message: `The model provider sent a line longer than ${error.limitText}, far more than a model writes at once; Seer stopped reading its stream.`,
    cause: error,
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

/** Reads the start of a body as text; a body that breaks off gives what arrived. */
export async function readText(body: AsyncIterable<Uint8Array>, maxBytes: number): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  try {
    for await (const chunk of body) {
      text += decoder.decode(chunk, { stream: true });
      bytes += chunk.byteLength;
      if (bytes >= maxBytes) break;
    }
  } catch {
    // What arrived is still the best description there is.
  }
  return text + decoder.decode();
}

/** A provider's non-2xx answer as a Seer error, with the provider's message. */
export async function statusError(response: ProviderResponse): Promise<UpstreamError> {
  const { status } = response;
  const detail = describeErrorBody(await readText(response.body, MAX_ERROR_BODY_BYTES));
  return new UpstreamError({
    code: 'upstream_error',
    upstreamStatus: status,
    isRetryable: isRetryableStatus(status),
    message: `The model provider answered ${status}: ${detail || 'no details'}.`,
    details: { upstreamStatus: status },
  });
}
