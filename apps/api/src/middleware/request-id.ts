import { createMiddleware } from 'hono/factory';
import type { APIEnv } from '../context';
import { requestHeader } from '../request-headers';

/** What a caller's own X-Request-Id may be: word characters, `-` and `=`, at most 255 of them. */
const SANE_REQUEST_ID = /^[\w\-=]{1,255}$/;

/**
 * Names every request: the caller's own X-Request-Id when it is sane, otherwise a new UUID, as
 * `c.get('requestId')` and on the response. Hono's `requestId()` does the same but sets the response
 * header before the handler runs, building a second `Headers`; here it is set once the handler has
 * answered, off the way to the provider.
 */
export function requestId() {
  return createMiddleware<APIEnv>(async (c, next) => {
    const sent = requestHeader(c, 'x-request-id');
    const id = sent !== undefined && SANE_REQUEST_ID.test(sent) ? sent : crypto.randomUUID();
    c.set('requestId', id);
    await next();
    c.res.headers.set('X-Request-Id', id);
  });
}
