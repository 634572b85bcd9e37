import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import type { APIEnv } from './context';

/**
 * One request header by its lower-case name. Under Node it comes from the headers Node has already
 * parsed: Hono's `c.req.header()` first builds a web `Headers` from all of them, a cost every analysis
 * would pay before its provider request leaves (docs/performance.md, time to first token). Elsewhere
 * (`app.request()`), Hono's.
 */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming) return c.req.header(name);
  const value = incoming.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** What a caller's own X-Request-Id may be: word characters, `-` and `=`, at most 255 of them. */
const SANE_REQUEST_ID = /^[\w\-=]{1,255}$/;

/**
 * Names every request: the caller's own X-Request-Id when it is sane, otherwise a new UUID, as
 * `c.get('requestId')` and on the response. Hono's `requestId()` does the same but sets the response
 * header before the handler runs, building a second `Headers`; here it is set once the handler has
 * answered, off the way to the provider.
 */
export function requestId(): MiddlewareHandler<APIEnv> {
  return async (c, next) => {
    const sent = requestHeader(c, 'x-request-id');
    const id = sent !== undefined && SANE_REQUEST_ID.test(sent) ? sent : crypto.randomUUID();
    c.set('requestId', id);
    await next();
    c.res.headers.set('X-Request-Id', id);
  };
}
