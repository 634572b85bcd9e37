import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readAPIConfiguration } from './env';

describe('readAPIConfiguration', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'seer-api-env-'));
  });
  afterEach(() => rm(directory, { recursive: true, force: true }));

  it("reads Seer's configuration and the server's settings from the environment and seer.config.json", async () => {
    await writeFile(join(directory, 'seer.config.json'), JSON.stringify({ PORT: 9000, SEER_RATE_LIMIT: 5 }));
    const { config, serverConfig } = readAPIConfiguration(
      { SEER_RATE_LIMIT: '7', SEER_DEFAULT_MODEL: 'demo' },
      directory,
    );
    expect(config.defaultModelId).toBe('demo');
    // The environment wins over the file; the file fills in what the environment leaves unset.
    expect(serverConfig).toMatchObject({ port: 9000, rateLimitPerMinute: 7 });
  });

  it('names the bad variables of both in one message', () => {
    expect(() => readAPIConfiguration({ PORT: 'eighty', SEER_MEDIA_CONCURRENCY: '0' }, directory)).toThrow(
      /^Invalid configuration: SEER_MEDIA_CONCURRENCY .*; PORT must be a number\.$/,
    );
  });

  it('still names a bad server variable when the rest is fine, and the rest when the server is fine', () => {
    expect(() => readAPIConfiguration({ SEER_MAX_BODY_MB: '0' }, directory)).toThrow(/SEER_MAX_BODY_MB/);
    expect(() => readAPIConfiguration({ SEER_DEFAULT_MODEL: 'qvq-max' }, directory)).toThrow(
      /SEER_DEFAULT_MODEL "qvq-max"/,
    );
  });
});
