import { createMiddleware } from 'hono/factory';
import type { APIEnv } from '../context';
import { errorResponse } from '../errors';
import type { Lifecycle } from '../lifecycle';

/**
 * Once shutdown has begun, answers `/v1/*` and `/healthz` with `503 shutting_down` (retryable, the
 * connection closed): load balancers see `/healthz` fail and stop sending, and whatever still arrives
 * is refused.
 */
export function refuseWhileDraining(lifecycle: Lifecycle) {
  return createMiddleware<APIEnv>(async (c, next) => {
    if (!lifecycle.isDraining || !(c.req.path.startsWith('/v1/') || c.req.path === '/healthz')) {
      return next();
    }
    c.header('Connection', 'close');
    c.header('Retry-After', '5');
    return errorResponse(c, 503, 'shutting_down', 'Seer is shutting down. Try again in a moment.', {
      retryable: true,
    });
  });
}
