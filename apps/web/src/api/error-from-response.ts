import { ErrorBodySchema, SeerError } from '@seer/core';

/** Turns a non-2xx response into a `SeerError` with the API's code and message (docs/api.md, errors). */
export async function errorFromResponse(response: Response): Promise<SeerError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const parsed = ErrorBodySchema.safeParse(body);
  if (parsed.success) {
    const { code, message, retryable, ...details } = parsed.data.error;
    return new SeerError({
      code,
      message,
      status: response.status,
      isRetryable: retryable ?? (response.status === 429 || response.status >= 500),
      details,
    });
  }
  return new SeerError({
    code: 'http_error',
    message: `The server answered ${response.status} ${response.statusText || 'without a reason'}.`,
    status: response.status,
    isRetryable: response.status >= 500,
  });
}
