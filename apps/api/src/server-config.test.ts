import { ConfigError } from '@seer/core';
import { describe, expect, it } from 'vitest';
import { loadServerConfig } from './server-config';

describe('loadServerConfig', () => {
  it('has the documented defaults when nothing is set', () => {
    expect(loadServerConfig({})).toEqual({
      authTokens: [],
      rateLimitPerMinute: 60,
      redisURL: undefined,
      corsOrigins: [],
      maxBodyBytes: 64 * 1024 * 1024,
      shutdownGraceMs: 10_000,
      runs: { ttlMs: 600_000, detachedGraceMs: 30_000, maxEventBytes: 4096 * 1024 },
      logLevel: 'info',
      port: 8787,
      host: '127.0.0.1',
    });
  });

  it('reads comma-separated tokens and origins, trimmed, empty entries dropped', () => {
    const config = loadServerConfig({
      SEER_AUTH_TOKENS: ' a, b ,,c',
      SEER_CORS_ORIGINS: 'https://studio.example, https://lab.example',
      SEER_REDIS_URL: 'redis://127.0.0.1:6379',
      SEER_MAX_BODY_MB: '8',
      HOST: '0.0.0.0',
      PORT: '0',
    });
    expect(config).toMatchObject({
      authTokens: ['a', 'b', 'c'],
      corsOrigins: ['https://studio.example', 'https://lab.example'],
      redisURL: 'redis://127.0.0.1:6379',
      maxBodyBytes: 8 * 1024 * 1024,
      host: '0.0.0.0',
      port: 0,
    });
  });

  it('names every bad variable in one message', () => {
    let error: unknown;
    try {
      loadServerConfig({
        PORT: 'eighty',
        SEER_RATE_LIMIT: '-3',
        SEER_REDIS_URL: 'http://cache',
        SEER_LOG_LEVEL: 'loud',
      });
    } catch (caught) {
      error = caught;
    }
    expect(ConfigError.isInstance(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toMatch(/^Invalid configuration: /);
    expect(message).toContain('PORT must be a number');
    expect(message).toContain('SEER_REDIS_URL must be a redis:// or rediss:// URL');
    expect(message).toContain('SEER_LOG_LEVEL must be fatal, error, warn, info, debug, trace or silent');
    expect(message).toContain('SEER_RATE_LIMIT');
  });
});
