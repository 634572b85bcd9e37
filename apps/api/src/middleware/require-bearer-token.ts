import { createHash, timingSafeEqual } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { clientAddress } from '../client-address';
import type { APIEnv } from '../context';
import { errorResponse, tooManyRequests } from '../errors';
import { requestHeader } from '../request-headers';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Failed authentications an address may make in a minute before it is refused outright. */
export const AUTH_FAILURES_PER_MINUTE = 30;

/**
 * Requires `Authorization: Bearer <token>` with one of the configured tokens (SEER_AUTH_TOKENS). Tokens
 * are compared as SHA-256 digests in constant time, so neither their content nor their length leaks
 * through timing; they are never logged. An address that fails `failuresPerMinute` times in a minute
 * is refused with 429 before any token is compared (a right one included), so guessing tokens or
 * flooding 401s costs the sender more than the server. A known token becomes `c.get('clientKey')`, the
 * key the rate limit counts by.
 */
export function requireBearerToken(tokens: readonly string[], failuresPerMinute = AUTH_FAILURES_PER_MINUTE) {
  const expected = tokens.map(digest);
  const failures = new RateLimiterMemory({ points: failuresPerMinute, duration: 60, keyPrefix: 'seer:auth' });
  return createMiddleware<APIEnv>(async (c, next) => {
    const address = clientAddress(c);
    const record = await failures.get(address);
    if (record && record.remainingPoints <= 0) {
      return tooManyRequests(c, record.msBeforeNext, 'Too many failed authentications from this address.');
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
  });
}
