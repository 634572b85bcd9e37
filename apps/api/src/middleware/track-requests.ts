import { createMiddleware } from 'hono/factory';
import type { APIEnv } from '../context';
import { type Lifecycle, shuttingDown, wasStoppedByShutdown } from '../lifecycle';

/**
 * Registers each POST with the lifecycle for as long as its handler runs, so that the shutdown waits
 * for requests answered in one piece too; one the shutdown has to stop is answered `503
 * shutting_down`, as if it had arrived a moment later. Streams register themselves for as long as they
 * stream.
 */
export function trackRequests(lifecycle: Lifecycle) {
  return createMiddleware<APIEnv>(async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const done = lifecycle.track(c.req.raw);
    try {
      await next();
    } catch (error) {
      if (wasStoppedByShutdown(c.req.raw)) throw shuttingDown();
      throw error;
    } finally {
      done();
    }
  });
}
