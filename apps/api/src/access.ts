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
import type { APIEnv } from './context';
import { errorResponse } from './errors';
import { requestHeader } from './request-headers';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Failed authentications an address may make in a minute before it is refused outright. */
export const AUTH_FAILURES_PER_MINUTE = 30;

/** The client's address, as the rate limits key it. */
function clientAddress(c: Parameters<MiddlewareHandler>[0]): string {
  try {
    return `address:${getConnInfo(c).remote.address ?? 'unknown'}`;
  } catch {
    return 'address:unknown';
  }
}

/** `429 rate_limited` with `Retry-After`, for a limiter's refusal. */
function tooMany(c: Parameters<MiddlewareHandler>[0], msBeforeNext: number, message: string) {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  c.header('Retry-After', String(seconds));
  return errorResponse(c, 429, 'rate_limited', `${message} Try again in ${seconds} s.`, {
    retryAfterSeconds: seconds,
  });
}

/**
 * Requires `Authorization: Bearer <token>` with one of the configured tokens (SEER_AUTH_TOKENS). Tokens
 * are compared as SHA-256 digests in constant time, so neither their content nor their length leaks
 * through timing; they are never logged. An address that fails `failuresPerMinute` times in a minute
 * is refused with 429 before any token is compared (a right one included), so guessing tokens or
 * flooding 401s costs the sender more than the server.
 */
export function requireBearerToken(
  tokens: readonly string[],
  failuresPerMinute = AUTH_FAILURES_PER_MINUTE,
): MiddlewareHandler<APIEnv> {
  const expected = tokens.map(digest);
  const failures = new RateLimiterMemory({ points: failuresPerMinute, duration: 60, keyPrefix: 'seer:auth' });
  return async (c, next) => {
    const address = clientAddress(c);
    const record = await failures.get(address);
    if (record && record.remainingPoints <= 0) {
      return tooMany(c, record.msBeforeNext, 'Too many failed authentications from this address.');
    }
    const match = /^Bearer\s+(.+)$/i.exec(requestHeader(c, 'authorization') ?? '');
    const given = match ? digest(match[1]!.trim()) : undefined;
    // Every configured token is compared, so the time taken does not say which one was close.
    let isKnown = false;
    for (const token of expected) if (given && timingSafeEqual(given, token)) isKnown = true;
    if (!isKnown) {
      await failures.penalty(address, 1);
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
    c.set('clientKey', `token:${createHash('sha256').update(match![1]!.trim()).digest('hex').slice(0, 16)}`);
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
export function limitRate(perMinute: number, store: RateLimitStore): MiddlewareHandler<APIEnv> {
  const { limiter } = store;
  return async (c, next) => {
    const key = c.get('clientKey') ?? clientAddress(c);
    try {
      await limiter.consume(key);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      return tooMany(c, rejection.msBeforeNext, `Too many requests: at most ${perMinute} a minute.`);
    }
    await next();
  };
}
