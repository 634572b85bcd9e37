import { SeerError } from '@seer/core';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';

/** Writes `{"error": {code, message, ...}}` with a status. */
export function errorResponse(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  message: string,
  details: Record<string, unknown> = {},
) {
  return c.json({ error: { code, message, ...details } }, status);
}

/** A zod failure as one sentence that names the first failing path. */
export function describeZodError(error: ZodError): string {
  const first = error.issues[0];
  if (!first) return 'The request is not valid.';
  const path = first.path.length > 0 ? first.path.join('.') : 'body';
  if (first.code === 'unrecognized_keys') {
    const keys = (first as { keys?: string[] }).keys ?? [];
    const where = first.path.length > 0 ? ` in ${first.path.join('.')}` : '';
    return `Unknown field${keys.length === 1 ? '' : 's'}${where}: ${keys.join(', ')}.`;
  }
  return `Invalid ${path}: ${first.message}.`;
}

/**
 * The one error handler: Seer's own errors become their status and code, malformed requests a 400,
 * and anything else an opaque 500 (the details go to the log, not the client).
 */
export function handleError(error: Error, c: Context) {
  if (SeerError.isInstance(error)) {
    return c.json(error.toJSON(), error.status as ContentfulStatusCode);
  }
  if (error instanceof HTTPException) {
    if (error.status === 400) {
      return errorResponse(c, 400, 'invalid_request', `The request body is not valid: ${error.message}.`);
    }
    if (error.status === 413)
      return errorResponse(c, 413, 'payload_too_large', 'The request body is too large.');
    return errorResponse(c, error.status as ContentfulStatusCode, 'http_error', error.message);
  }
  console.error('Unexpected error', error);
  return errorResponse(c, 500, 'internal_error', 'Something went wrong inside Seer.');
}
