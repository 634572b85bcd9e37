import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors';
import { loadConfig } from './config';
import { guessModelFamily } from './presets';

describe('loadConfig', () => {
  it('offers only the demo model when nothing is configured', () => {
    const config = loadConfig({});
    expect(config.models.map((endpoint) => endpoint.preset.id)).toEqual(['demo']);
    expect(config.defaultModelId).toBe('demo');
    expect(config).toMatchObject({
      mediaConcurrency: 2,
      imagePixelBudgetMP: 100,
      upstreamIdleTimeoutMs: 120000,
      upstreamTotalTimeoutMs: 1800000,
    });
  });

  it('enables the DashScope presets with a key, on the international endpoint by default', () => {
    const config = loadConfig({ DASHSCOPE_API_KEY: 'sk-1' });
    // QVQ-Plus is offered on the mainland only.
    expect(config.models.map((endpoint) => endpoint.preset.id)).toEqual([
      'qvq-max',
      'qwen3-vl-plus',
      'qwen3-vl-flash',
      'qwen-vl-max',
      'demo',
    ]);
    expect(config.models[0]).toMatchObject({
      baseURL: 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1',
      apiKey: 'sk-1',
    });
    expect(config.defaultModelId).toBe('qvq-max');
  });

  it("lists the models of the DashScope region, named or read from the base URL, with that region's prices", () => {
    const ids = (config: ReturnType<typeof loadConfig>) =>
      config.models.map((endpoint) => endpoint.preset.id);
    const mainland = loadConfig({ DASHSCOPE_API_KEY: 'sk-1', DASHSCOPE_REGION: 'cn' });
    expect(ids(mainland)).toEqual([
      'qvq-max',
      'qvq-plus',
      'qwen3-vl-plus',
      'qwen3-vl-flash',
      'qwen-vl-max',
      'demo',
    ]);
    expect(mainland.models[0]!.baseURL).toBe('https://dashscope.aliyuncs.com/compatible-mode/v1');
    // Mainland prices are read in CNY and converted at the page's 7.339 per dollar; QVQ's were not read.
    expect(mainland.models[0]!.preset.prices).toBeUndefined();
    expect(mainland.models[2]!.preset.prices).toMatchObject({
      inputPerMillion: 0.1363,
      outputPerMillion: 1.3626,
    });
    const byURL = loadConfig({
      DASHSCOPE_API_KEY: 'sk-1',
      DASHSCOPE_BASE_URL: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
    });
    expect(ids(byURL)).toContain('qvq-plus');
    const us = loadConfig({ DASHSCOPE_API_KEY: 'sk-1', DASHSCOPE_REGION: 'us' });
    expect(ids(us)).toEqual(['qwen3-vl-plus', 'qwen3-vl-flash', 'demo']);
    expect(us.models[0]!.baseURL).toBe('https://dashscope-us.aliyuncs.com/compatible-mode/v1');
    expect(() => loadConfig({ DASHSCOPE_API_KEY: 'sk-1', DASHSCOPE_REGION: 'eu' })).toThrow(
      /DASHSCOPE_REGION must be intl, cn or us/,
    );
  });

  it('adds one custom endpoint with its family guessed or given', () => {
    const guessed = loadConfig({
      SEER_BASE_URL: 'http://127.0.0.1:8000/v1',
      SEER_MODEL: 'Qwen/Qwen3-VL-8B-Thinking',
    });
    expect(guessed.models[0]?.preset).toMatchObject({
      id: 'Qwen/Qwen3-VL-8B-Thinking',
      provider: 'custom',
      family: 'qwen3-vl',
    });
    const given = loadConfig({
      SEER_BASE_URL: 'http://127.0.0.1:8000/v1',
      SEER_MODEL: 'my-vlm',
      SEER_MODEL_FAMILY: 'qwen2.5-vl',
    });
    expect(given.models[0]?.preset.family).toBe('qwen2.5-vl');
  });

  it('names every bad variable in one message', () => {
    let error: unknown;
    try {
      loadConfig({
        SEER_UPSTREAM_IDLE_TIMEOUT_MS: 'eighty',
        SEER_MEDIA_CONCURRENCY: '-3',
        SEER_BASE_URL: 'ftp://x',
        SEER_MODEL_FAMILY: 'llama',
      });
    } catch (caught) {
      error = caught;
    }
    expect(ConfigError.isInstance(error)).toBe(true);
    const message = (error as Error).message;
    for (const name of [
      'SEER_UPSTREAM_IDLE_TIMEOUT_MS',
      'SEER_MEDIA_CONCURRENCY',
      'SEER_BASE_URL',
      'SEER_MODEL_FAMILY',
    ])
      expect(message).toContain(name);
  });

  it("leaves the server's settings to the API: a bad PORT or rate limit is not core's to refuse", () => {
    const config = loadConfig({ PORT: 'eighty', SEER_RATE_LIMIT: '-3', SEER_LOG_LEVEL: 'loud' });
    expect(Object.keys(config)).not.toContain('port');
  });

  it('refuses a default model that is not configured, and a custom model without its URL', () => {
    expect(() => loadConfig({ SEER_DEFAULT_MODEL: 'qvq-max' })).toThrow(/SEER_DEFAULT_MODEL "qvq-max"/);
    expect(() => loadConfig({ SEER_MODEL: 'x' })).toThrow(/SEER_BASE_URL and SEER_MODEL/);
  });

  it('reads the private-URL switch', () => {
    expect(loadConfig({ SEER_ALLOW_PRIVATE_URLS: '1' }).allowPrivateURLs).toBe(true);
    expect(loadConfig({}).allowPrivateURLs).toBe(false);
  });
});

describe('guessModelFamily', () => {
  it.each([
    ['qvq-max', 'qwen2.5-vl'],
    ['Qwen/Qwen2.5-VL-72B-Instruct', 'qwen2.5-vl'],
    ['qwen2-vl-7b', 'qwen2.5-vl'],
    ['qwen3-vl-plus', 'qwen3-vl'],
    ['qwen3.5-vl', 'qwen3-vl'],
    ['gpt-5-mini', 'generic'],
  ])('%s is %s', (id, family) => {
    expect(guessModelFamily(id)).toBe(family);
  });
});
