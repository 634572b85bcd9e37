import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningAPI, startAPI, useAPIWithMockUpstream } from '../test/test-support';

const setup = useAPIWithMockUpstream((mockURL) => ({
  DASHSCOPE_API_KEY: 'sk-dashscope',
  DASHSCOPE_BASE_URL: mockURL,
  SEER_BASE_URL: mockURL,
  SEER_MODEL: 'my-vlm',
}));

interface ModelEntry {
  id: string;
  check?: { status: string; detail: string };
}

const listModels = async (api: RunningAPI, query = ''): Promise<ModelEntry[]> => {
  const response = await fetch(`${api.url}/v1/models${query}`);
  expect(response.status).toBe(200);
  return (await response.json()).data;
};

describe('GET /v1/models?check=true', () => {
  it('adds to each model whether the configured key reaches it; the demo gets no check', async () => {
    const { api, mock } = setup;
    mock.setModels(['qvq-max', 'my-vlm']);
    const data = await listModels(api, '?check=true');
    const byId = new Map(data.map((model) => [model.id, model]));
    expect(byId.get('qvq-max')?.check).toEqual({ status: 'reachable', detail: 'listed by the provider' });
    expect(byId.get('my-vlm')?.check).toEqual({ status: 'reachable', detail: 'listed by the provider' });
    expect(byId.get('qwen3-vl-plus')?.check).toEqual({
      status: 'unknown',
      detail: 'not offered to this key or region: retired, or in another region',
    });
    expect(byId.get('demo')).toBeDefined();
    expect(byId.get('demo')).not.toHaveProperty('check');
    expect(mock.requests).toEqual([]);
  });

  it('reports a refused key as failing with the provider words, and never shows the key', async () => {
    const { api, mock } = setup;
    mock.setModels({ status: 401, body: { error: { message: 'Invalid API-key provided.' } } });
    const data = await listModels(api, '?check=true');
    for (const model of data.filter((entry) => entry.id !== 'demo' && !entry.id.startsWith('demo/'))) {
      expect(model.check).toEqual({ status: 'failing', detail: '401 Invalid API-key provided' });
    }
    expect(JSON.stringify(data)).not.toContain('sk-dashscope');
  });

  it('changes nothing and sends the provider nothing without check', async () => {
    const { api, mock } = setup;
    // A model list that answers 404 would make a check ask each model with a chat request.
    mock.setModels({ status: 404 });
    for (const query of ['', '?check=false']) {
      const data = await listModels(api, query);
      expect(data.some((model) => 'check' in model)).toBe(false);
    }
    expect(mock.requests).toEqual([]);
    await listModels(api, '?check=true');
    expect(mock.requests.length).toBeGreaterThan(0);
  });

  it('is documented in the OpenAPI document: the query and the optional check field', async () => {
    const document = await (await fetch(`${setup.api.url}/openapi.json`)).json();
    const parameters = document.paths['/v1/models'].get.parameters;
    expect(parameters).toEqual([expect.objectContaining({ name: 'check', in: 'query', required: false })]);
    expect(document.components.schemas.Model.properties.check.properties.status.enum).toEqual([
      'reachable',
      'unknown',
      'failing',
    ]);
  });
});

describe('GET /v1/models?check=true with only the demo', () => {
  let bare: RunningAPI;
  beforeAll(async () => {
    bare = await startAPI();
  });
  afterAll(() => bare.close());

  it('lists the demo without a check', async () => {
    const data = await listModels(bare, '?check=true');
    expect(data.map((entry) => entry.id.split('/')[0])).toEqual(data.map(() => 'demo'));
    expect(data.some((entry) => 'check' in entry)).toBe(false);
  });
});
