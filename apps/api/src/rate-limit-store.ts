import { Redis } from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';

/** A rate limiter and what it holds open. */
export interface RateLimitStore {
  limiter: RateLimiterAbstract;
  /** Where the counters live, for the start-up log. */
  kind: 'memory' | 'redis';
  /**
   * Resolves once the counters can be shared (Redis connected), or with `false` after `timeoutMs`;
   * until then each instance counts on its own.
   */
  ready(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * The counters behind `SEER_RATE_LIMIT`: in this process's memory, or in Redis (`SEER_REDIS_URL`) so
 * that instances behind one load balancer share them. If Redis cannot be reached, each instance counts
 * in its own memory meanwhile (rate-limiter-flexible's insurance limiter) instead of refusing or
 * waving every request through.
 */
export function createRateLimitStore(perMinute: number, redisURL: string | undefined): RateLimitStore {
  const options = { points: perMinute, duration: 60, keyPrefix: 'seer:rate' };
  if (!redisURL) {
    return {
      limiter: new RateLimiterMemory(options),
      kind: 'memory',
      ready: async () => true,
      close: async () => {},
    };
  }
  // Without the offline queue a command fails at once while Redis is away, and the insurance limiter
  // answers, rather than requests hanging until it returns.
  const client = new Redis(redisURL, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    lazyConnect: false,
  });
  client.on('error', () => {
    // ioredis reconnects by itself; the insurance limiter covers the meantime.
  });
  const limiter = new RateLimiterRedis({
    ...options,
    storeClient: client,
    insuranceLimiter: new RateLimiterMemory(options),
  });
  return {
    limiter,
    kind: 'redis',
    ready: (timeoutMs = 5000) =>
      new Promise<boolean>((resolve) => {
        if (client.status === 'ready') return resolve(true);
        const timer = setTimeout(() => resolve(false), timeoutMs);
        client.once('ready', () => {
          clearTimeout(timer);
          resolve(true);
        });
      }),
    close: async () => {
      client.disconnect();
    },
  };
}
