import { createHash, timingSafeEqual } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { MiddlewareHandler } from 'hono';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { errorResponse } from './errors';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Requires `Authorization: Bearer <token>` with one of the configured tokens (SEER_AUTH_TOKENS). Tokens
 * are compared as SHA-256 digests in constant time, so neither their content nor their length leaks
 * through timing; they are never logged.
 */
export function requireBearerToken(tokens: readonly string[]): MiddlewareHandler {
  const expected = tokens.map(digest);
  return async (c, next) => {
    const match = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '');
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

/**
 * Limits requests per minute per bearer token, or per client address without auth (SEER_RATE_LIMIT),
 * with rate-limiter-flexible's in-memory store; over the limit, 429 `rate_limited` with `Retry-After`.
 */
export function limitRate(perMinute: number): MiddlewareHandler {
  const limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
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
