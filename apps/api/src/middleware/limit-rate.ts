import { createMiddleware } from 'hono/factory';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { clientAddress } from '../client-address';
import type { APIEnv } from '../context';
import { tooManyRequests } from '../errors';
import type { RateLimitStore } from '../rate-limit-store';

/**
 * Limits requests per minute per bearer token, or per client address without auth (SEER_RATE_LIMIT);
 * over the limit, 429 `rate_limited` with `Retry-After`.
 */
export function limitRate(perMinute: number, store: RateLimitStore) {
  const { limiter } = store;
  return createMiddleware<APIEnv>(async (c, next) => {
    const key = c.get('clientKey') ?? clientAddress(c);
    try {
      await limiter.consume(key);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      return tooManyRequests(c, rejection.msBeforeNext, `Too many requests: at most ${perMinute} a minute.`);
    }
    await next();
  });
}
