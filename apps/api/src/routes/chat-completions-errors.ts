import { ErrorBodySchema, OpenAIErrorBodySchema, toOpenAIError } from '@seer/core';
import { createMiddleware } from 'hono/factory';
import type { APIEnv } from '../context';

/** What each error status of `POST /v1/chat/completions` means, as the OpenAPI document says it. */
const DESCRIPTIONS = {
  400: 'Malformed request: a bad field, a tool message, a conversation that does not end with the user',
  401: 'No API key, or one that is not in SEER_AUTH_TOKENS',
  404: 'Unknown model or task',
  413: 'Body or media too large',
  415: 'Not an image or video Seer reads',
  422: 'Unreadable media',
  429: 'Rate limited',
  502: 'The provider failed',
  503: 'No model configured, or Seer is shutting down',
  504: 'No first byte from the provider in time',
} as const;

/** One error response of the route's OpenAPI declaration: OpenAI's error body. */
interface DocumentedOpenAIError {
  description: string;
  content: { 'application/json': { schema: typeof OpenAIErrorBodySchema } };
}

/** The error responses of `POST /v1/chat/completions` in its OpenAPI declaration. */
export function openAIErrorResponses(): Record<keyof typeof DESCRIPTIONS, DocumentedOpenAIError> {
  const entries = Object.entries(DESCRIPTIONS).map(([status, description]) => [
    status,
    { description, content: { 'application/json': { schema: OpenAIErrorBodySchema } } },
  ]);
  return Object.fromEntries(entries) as Record<keyof typeof DESCRIPTIONS, DocumentedOpenAIError>;
}

/**
 * Answers the errors of the routes it is mounted on in OpenAI's shape (core's `toOpenAIError`), so
 * that an OpenAI SDK raises the `APIError` of the status with a message it can show. It runs around
 * everything else, so the refusals of the middleware (401 without a known key, 429, 413, 503 while
 * shutting down) and the errors of the handler are all rewritten, with the same status and headers
 * (`Retry-After`, `WWW-Authenticate`).
 */
export function answerInOpenAIShape() {
  return createMiddleware<APIEnv>(async (c, next) => {
    await next();
    const response = c.res;
    const type = response.headers.get('content-type') ?? '';
    if (response.status < 400 || !type.startsWith('application/json')) return;
    const parsed = ErrorBodySchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) return;
    const { code, message, ...details } = parsed.data.error;
    const body = toOpenAIError({ status: response.status, code, message, details });
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    c.res = undefined;
    c.res = new Response(JSON.stringify(body), { status: response.status, headers });
  });
}
