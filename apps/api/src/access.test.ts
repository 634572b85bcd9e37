import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningAPI, startAPI } from '../test/test-support';

const models = (api: RunningAPI, token?: string) =>
  fetch(`${api.url}/v1/models`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

describe('bearer tokens (SEER_AUTH_TOKENS)', () => {
  let api: RunningAPI;
  beforeAll(async () => {
    api = await startAPI({ SEER_AUTH_TOKENS: 'alpha-token,beta-token' });
  });
  afterAll(() => api.close());

  it('refuses no token and a wrong token with 401, and lets the right ones pass', async () => {
    const missing = await models(api);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toContain('Bearer');
    expect((await missing.json()).error.code).toBe('unauthorized');
    expect((await models(api, 'alpha-tokenX')).status).toBe(401);
    expect((await models(api, 'alpha')).status).toBe(401);
    expect((await models(api, 'alpha-token')).status).toBe(200);
    expect((await models(api, 'beta-token')).status).toBe(200);
  });

  it('keeps /healthz open', async () => {
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
  });
});

describe('failed authentications are limited per address', () => {
  it('refuses an address with 429 after 30 failures in a minute, a right token included, whatever the rate limit', async () => {
    const api = await startAPI({ SEER_AUTH_TOKENS: 'gamma-token', SEER_RATE_LIMIT: '0' });
    try {
      expect((await models(api, 'gamma-token')).status).toBe(200);
      const statuses = [];
      for (let attempt = 0; attempt < 30; attempt++)
        statuses.push((await models(api, `guess-${attempt}`)).status);
      expect(new Set(statuses)).toEqual(new Set([401]));
      const refused = await models(api, 'gamma-token');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await refused.json()).error).toMatchObject({
        code: 'rate_limited',
        message: expect.stringMatching(
          /^Too many failed authentications from this address\. Try again in \d+ s\.$/,
        ),
      });
      expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
    } finally {
      await api.close();
    }
  });
});

describe('rate limits (SEER_RATE_LIMIT)', () => {
  it('answers the sixth request in a minute with 429 and Retry-After, per token', async () => {
    const api = await startAPI({ SEER_AUTH_TOKENS: 'one,two', SEER_RATE_LIMIT: '5' });
    try {
      for (let request = 0; request < 5; request++) expect((await models(api, 'one')).status).toBe(200);
      const limited = await models(api, 'one');
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await limited.json()).error.code).toBe('rate_limited');
      expect((await models(api, 'two')).status).toBe(200);
    } finally {
      await api.close();
    }
  });

  it('limits by address without auth', async () => {
    const api = await startAPI({ SEER_RATE_LIMIT: '2' });
    try {
      expect((await models(api)).status).toBe(200);
      expect((await models(api)).status).toBe(200);
      expect((await models(api)).status).toBe(429);
      expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
    } finally {
      await api.close();
    }
  });
});
