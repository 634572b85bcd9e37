import { createMiddleware } from 'hono/factory';
import type { APIEnv } from '../context';
import type { Logger } from '../logger';

/**
 * Logs one line per request once it is answered: its id, method, path, status and duration. Only what
 * identifies and times the request: never headers, query strings, bodies or media.
 */
export function logRequests(logger: Logger) {
  return createMiddleware<APIEnv>(async (c, next) => {
    const started = performance.now();
    await next();
    logger.info(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        durationMs: Math.round(performance.now() - started),
      },
      'request',
    );
  });
}
