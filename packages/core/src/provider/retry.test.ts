import { describe, expect, it } from 'vitest';
import { isRetryableStatus, retryDelayMs } from './retry';

describe('isRetryableStatus', () => {
  it('retries timeouts, conflicts, rate limits and server errors, and nothing else', () => {
    for (const status of [408, 409, 429, 500, 502, 503, 529]) expect(isRetryableStatus(status)).toBe(true);
    for (const status of [400, 401, 403, 404, 413, 422]) expect(isRetryableStatus(status)).toBe(false);
  });

  it('lets the provider decide with x-should-retry', () => {
    expect(isRetryableStatus(400, 'true')).toBe(true);
    expect(isRetryableStatus(503, 'false')).toBe(false);
  });
});

describe('retryDelayMs', () => {
  const noJitter = () => 0;
  const fullJitter = () => 1;

  it('doubles from half a second to at most eight, less up to a quarter of jitter', () => {
    expect([0, 1, 2, 3, 4, 5].map((retries) => retryDelayMs(retries, {}, 0, noJitter))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000,
    ]);
    expect(retryDelayMs(0, {}, 0, fullJitter)).toBe(375);
  });

  it('honours retry-after-ms, then Retry-After in seconds or as a date', () => {
    expect(retryDelayMs(0, { retryAfterMs: '1234', retryAfter: '9' }, 0, noJitter)).toBe(1234);
    expect(retryDelayMs(0, { retryAfter: '2.5' }, 0, noJitter)).toBe(2500);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryDelayMs(0, { retryAfter: 'Thu, 01 Jan 2026 00:00:03 GMT' }, now, noJitter)).toBe(3000);
  });

  it('falls back to backoff for a zero, negative, unreadable or over-a-minute Retry-After', () => {
    for (const retryAfter of ['0', '-3', 'soon', '61', '3600']) {
      expect(retryDelayMs(1, { retryAfter }, 0, noJitter)).toBe(1000);
    }
  });
});
