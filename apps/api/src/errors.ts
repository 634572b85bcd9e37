import type { IncomingMessage } from 'node:http';
import { SeerError } from '@seer/core';
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import type { APIEnv } from './context';
import type { Logger } from './logger';

/** The most of a value a client sent that an error message quotes. */
const QUOTED_CHARACTERS = 60;
/** The most unknown field names an error lists. */
const LISTED_FIELDS = 5;

/**
 * The start of a value a client sent, for an error message: a message never carries more than a
 * short prefix of what was sent, so a megabyte field name cannot make a megabyte response or log line.
 */
export function shortenValue(value: string, maxCharacters = QUOTED_CHARACTERS): string {
  return value.length <= maxCharacters ? value : `${value.slice(0, maxCharacters)}…`;
}

/**
 * Zod issues as an error body lists them: the first few, with the field names an unknown-key issue
 * quotes shortened (in its `keys` and its message), and every message held to a sentence's length.
 */
export function shortenIssues(issues: readonly ZodError['issues'][number][]): unknown[] {
  return issues.slice(0, 10).map((issue) => {
    if (issue.code !== 'unrecognized_keys') return { ...issue, message: shortenValue(issue.message, 300) };
    const keys = issue.keys.slice(0, LISTED_FIELDS).map((key) => shortenValue(key));
    const more = issue.keys.length > LISTED_FIELDS ? ` and ${issue.keys.length - LISTED_FIELDS} more` : '';
    return {
      ...issue,
      keys,
      message: `Unrecognized key${issue.keys.length === 1 ? '' : 's'}: ${keys.map((key) => `"${key}"`).join(', ')}${more}`,
    };
  });
}

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

/** `429 rate_limited` with `Retry-After`, for a rate limiter's refusal. */
export function tooManyRequests(c: Context, msBeforeNext: number, message: string) {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  c.header('Retry-After', String(seconds));
  return errorResponse(c, 429, 'rate_limited', `${message} Try again in ${seconds} s.`, {
    retryAfterSeconds: seconds,
  });
}

/** A zod failure as one sentence that names the first failing path. */
export function describeZodError(error: ZodError): string {
  const first = error.issues[0];
  if (!first) return 'The request is not valid.';
  const path = first.path.length > 0 ? first.path.join('.') : 'body';
  if (first.code === 'unrecognized_keys') {
    const keys = (first as { keys?: string[] }).keys ?? [];
    const where = first.path.length > 0 ? ` in ${first.path.join('.')}` : '';
    const listed = keys
      .slice(0, LISTED_FIELDS)
      .map((key) => shortenValue(key))
      .join(', ');
    const more = keys.length > LISTED_FIELDS ? ` and ${keys.length - LISTED_FIELDS} more` : '';
    return `Unknown field${keys.length === 1 ? '' : 's'}${where}: ${listed}${more}.`;
  }
  return `Invalid ${path}: ${shortenValue(first.message, 300)}.`;
}

/** The status logged for a request whose client closed the connection before its body arrived. */
const CLIENT_CLOSED_STATUS = 499;

/**
 * Whether an error is Node's for a request body cut off before its end (`aborted`, ECONNRESET): the
 * client closed the connection, or the server's request timeout closed it for a body too slow.
 */
function isBodyCutOff(error: Error): boolean {
  return error.message === 'aborted' && (error as NodeJS.ErrnoException).code === 'ECONNRESET';
}

/** Whether Node's HTTP server closed the request's connection for taking longer than `requestTimeout`. */
function hasTimedOut(c: Context): boolean {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return (incoming?.socket?.errored as NodeJS.ErrnoException | null)?.code === 'ERR_HTTP_REQUEST_TIMEOUT';
}

/**
 * The one error handler: Seer's own errors become their status and code, malformed requests a 400, a
 * body cut off before its end a 408 (the server's request timeout) or a 499 (the client left: nginx's
 * code, for the log; no one is there to read the response), and anything else an opaque 500 (the
 * details go to the log, not the client).
 */
function handleError(error: Error, c: Context) {
  if (isBodyCutOff(error)) {
    if (hasTimedOut(c)) {
      return errorResponse(c, 408, 'request_timeout', 'The request body did not arrive in time.');
    }
    return errorResponse(
      c,
      CLIENT_CLOSED_STATUS as ContentfulStatusCode,
      'client_closed_request',
      'The client closed the connection before the request body arrived.',
    );
  }
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
  // The app's error hook logs it, once, with the request's id.
  return errorResponse(c, 500, 'internal_error', 'Something went wrong inside Seer.');
}

/**
 * The app's error hook: answers with {@link handleError}, and writes the API's one log line for an
 * unexpected error (a 5xx, with the request's id and the stack).
 */
export function answerErrors(logger: Logger): ErrorHandler<APIEnv> {
  return (error, c) => {
    const response = handleError(error, c);
    if (response.status >= 500) {
      // The provider's id of its failed request, so that its support can find it.
      const upstreamRequestId = SeerError.isInstance(error) ? error.details?.upstreamRequestId : undefined;
      logger.error(
        {
          requestId: c.get('requestId'),
          ...(upstreamRequestId === undefined ? {} : { upstreamRequestId }),
          err: { name: error.name, message: error.message, stack: error.stack },
        },
        'unexpected error',
      );
    } else if (response.status === 408) {
      // A body slower than the server's request timeout: a slow client, or one holding connections.
      logger.warn({ requestId: c.get('requestId') }, 'request body timed out');
    }
    return response;
  };
}

/** `404 not_found` for a path no route serves. */
export const answerNotFound: NotFoundHandler<APIEnv> = (c) =>
  errorResponse(c, 404, 'not_found', `There is no ${c.req.method} ${c.req.path}.`);
