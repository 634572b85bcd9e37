import { createHash, timingSafeEqual } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { MiddlewareHandler } from 'hono';
import { Redis } from 'ioredis';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { errorResponse } from './errors';
import { requestHeader } from './request-headers';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Requires `Authorization: Bearer <token>` with one of the configured tokens (SEER_AUTH_TOKENS). Tokens
 * are compared as SHA-256 digests in constant time, so neither their content nor their length leaks
 * through timing; they are never logged.
 */
export function requireBearerToken(tokens: readonly string[]): MiddlewareHandler {
  const expected = tokens.map(digest);
  return async (c, next) => {
    const match = /^Bearer\s+(.+)$/i.exec(requestHeader(c, 'authorization') ?? '');
    const given = match ? digest(match[1]!.trim()) : undefined;
    // Every configured token is compared, so the time taken does not say which one was close.
    let isKnown = false;
    for (const token of expected) if (given && timingSafeEqual(given, token)) isKnown = true;
    if (!isKnown) {
      c.header('WWW-Authenticate', 'Bearer realm="seer"');
      return errorResponse(
        c,
        401,
        'unauthorized',
        match
          ? 'The bearer token is not one this server accepts.'
          : 'This server needs an Authorization: Bearer token.',
      );
    }
    c.set(
      'clientKey' as never,
      `token:${createHash('sha256').update(match![1]!.trim()).digest('hex').slice(0, 16)}` as never,
    );
    await next();
  };
}

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

/**
 * Limits requests per minute per bearer token, or per client address without auth (SEER_RATE_LIMIT);
 * over the limit, 429 `rate_limited` with `Retry-After`.
 */
export function limitRate(perMinute: number, store: RateLimitStore): MiddlewareHandler {
  const { limiter } = store;
  return async (c, next) => {
    const fromToken = c.get('clientKey' as never) as string | undefined;
    let key = fromToken;
    if (!key) {
      try {
        key = `address:${getConnInfo(c).remote.address ?? 'unknown'}`;
      } catch {
        key = 'address:unknown';
      }
    }
    try {
      await limiter.consume(key);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      c.header('Retry-After', String(seconds));
      return errorResponse(
        c,
        429,
        'rate_limited',
        `Too many requests: at most ${perMinute} a minute. Try again in ${seconds} s.`,
        {
          retryAfterSeconds: seconds,
        },
      );
    }
    await next();
  };
}
