import { DASHSCOPE_PRESETS, loadConfig } from '@seer/core';
import { type MockUpstream, startMockUpstream } from '@seer/mock-upstream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeFolder, runSeer } from '../test/test-support';

let folder: string;
/** One mock provider each: DashScope, OpenAI and a custom endpoint. */
let dashScope: MockUpstream;
let openAI: MockUpstream;
let custom: MockUpstream;

beforeAll(async () => {
  folder = await makeFolder();
  [dashScope, openAI, custom] = await Promise.all([
    startMockUpstream(),
    startMockUpstream(),
    startMockUpstream(),
  ]);
});
beforeEach(() => {
  for (const mock of [dashScope, openAI, custom]) mock.reset();
});
afterAll(async () => {
  await Promise.all([dashScope, openAI, custom].map((mock) => mock.close()));
});

const environment = () => ({
  DASHSCOPE_API_KEY: 'sk-dashscope',
  DASHSCOPE_BASE_URL: dashScope.url,
  OPENAI_API_KEY: 'sk-openai-wrong',
  OPENAI_BASE_URL: openAI.url,
  SEER_BASE_URL: custom.url,
  SEER_MODEL: 'my-vlm',
});

/** The configured models but the demo, in the order Seer lists them. */
const configuredIds = (env: Record<string, string>) =>
  loadConfig(env)
    .models.map((endpoint) => endpoint.preset.id)
    .filter((id) => id !== 'demo');

describe('seer doctor', () => {
  it('prints one line per model: reachable, unknown (not listed, or 404) and failing (401), and exits 2', async () => {
    dashScope.setModels(['qvq-max', 'text-embedding-v3']);
    openAI.setModels({ status: 401, body: { error: { message: 'Incorrect API key provided' } } });
    custom.setModels({ status: 404 });
    custom.setDefault({ kind: 'status', status: 404 });

    const env = environment();
    const run = await runSeer(['doctor'], { cwd: folder, env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(2);
    const lines = run.stdout.trimEnd().split('\n');
    const ids = configuredIds(env);
    expect(ids).toEqual(expect.arrayContaining(['my-vlm', 'qvq-max', 'qwen3-vl-plus', 'gpt-5-mini']));
    expect(lines.length).toBe(ids.length + 1);
    const lineOf = (id: string) => lines[ids.indexOf(id)];
    expect(lineOf('qvq-max')).toBe('✓ qvq-max  reachable');
    expect(lineOf('qwen3-vl-plus')).toBe(
      `? qwen3-vl-plus  unknown: not offered to this key or region: retired, or in another region (DashScope, ${dashScope.url})`,
    );
    expect(lineOf('gpt-5-mini')).toBe(
      `✗ gpt-5-mini  failing: 401 Incorrect API key provided (OpenAI, ${openAI.url})`,
    );
    expect(lineOf('my-vlm')).toBe(
      `? my-vlm  unknown: the provider does not know this model: 404 Mock upstream answered with status 404 (custom endpoint, ${custom.url})`,
    );
    const dashScopeUnknown = ids.filter((id) => id !== 'my-vlm' && id !== 'gpt-5-mini' && id !== 'qvq-max');
    expect(lines.at(-1)).toBe(
      `1 of ${ids.length} models reachable, ${dashScopeUnknown.length + 1} unknown, 1 failing: ` +
        'check the key, the region (DASHSCOPE_REGION) and the base URL of each.',
    );
    // Only the custom endpoint, which has no model list, was sent a chat request.
    expect(dashScope.requests).toEqual([]);
    expect(openAI.requests).toEqual([]);
    expect(custom.requests.map((request) => request.body)).toEqual([
      { model: 'my-vlm', messages: [{ role: 'user', content: 'ping' }], max_tokens: 1, stream: false },
    ]);

    const json = await runSeer(['doctor', '--json'], { cwd: folder, env });
    expect(json.code).toBe(2);
    const checks = JSON.parse(json.stdout);
    expect(checks.map((check: { model: string }) => check.model)).toEqual(ids);
    expect(checks[ids.indexOf('gpt-5-mini')]).toEqual({
      model: 'gpt-5-mini',
      provider: 'openai',
      status: 'failing',
      detail: '401 Incorrect API key provided',
      upstreamStatus: 401,
    });
  });

  it('exits 0 when every configured model is reachable', async () => {
    dashScope.setModels(DASHSCOPE_PRESETS.map((preset) => preset.upstreamModel));
    custom.setModels(['my-vlm']);
    const env = { ...environment(), OPENAI_API_KEY: '', OPENAI_BASE_URL: '' };
    const run = await runSeer(['doctor'], { cwd: folder, env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const ids = configuredIds(env);
    expect(run.stdout).toBe(
      `${[...ids.map((id) => `✓ ${id}  reachable`), `All ${ids.length} models reachable.`].join('\n')}\n`,
    );
  });

  it('exits 1 and says how to configure a key when only the demo is configured', async () => {
    const run = await runSeer(['doctor'], { cwd: folder });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^seer: No model is configured, only the demo.*DASHSCOPE_API_KEY/);
  });

  it('explains itself in --help, with an example', async () => {
    const run = await runSeer(['doctor', '--help'], { cwd: folder });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('seer doctor --json');
    expect(run.stdout).toContain('? unknown');
  });
});
