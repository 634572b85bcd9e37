import { createRoute } from '@hono/zod-openapi';
import {
  describeModel,
  listModelEntries,
  listTemplates,
  type ModelInfo,
  ModelListSchema,
  ModelsQuerySchema,
  type SeerConfig,
  type Template,
} from '@seer/core';
import { checkModels } from '@seer/core/node';
import type { APIApp } from '../context';

const modelsRoute = createRoute({
  method: 'get',
  path: '/v1/models',
  summary:
    "The configured models and their capabilities in OpenAI's list form, each followed by one entry per task; with `check=true`, whether the keys reach them",
  request: { query: ModelsQuerySchema },
  responses: {
    200: { description: 'The models', content: { 'application/json': { schema: ModelListSchema } } },
  },
});

/** The configured models as Seer describes them, with `check` when the providers were asked. */
async function describeModels(config: SeerConfig, isChecked: boolean): Promise<ModelInfo[]> {
  const data = config.models.map((endpoint) =>
    describeModel(endpoint.preset, endpoint.preset.id === config.defaultModelId),
  );
  if (!isChecked) return data;
  const checks = await checkModels(config);
  return data.map((info, index) => {
    const found = checks.find((check) => check.model === config.models[index]!.preset.id);
    return found ? { ...info, check: { status: found.status, detail: found.detail } } : info;
  });
}

/**
 * Serves `GET /v1/models` in OpenAI's list form: the configured models with their capabilities, the
 * default one marked, each followed by its task entries (`qvq-max/math-pattern`) for clients that can
 * only pick a model; with `?check=true`, each provider is asked whether the configured keys reach them.
 */
export function mountModels(app: APIApp, config: SeerConfig, customTemplates: readonly Template[]): void {
  const created = Math.floor(Date.now() / 1000);
  const templates = [...listTemplates(), ...customTemplates];
  app.openapi(modelsRoute, async (c) => {
    const isChecked = ['true', '1'].includes(c.req.query('check') ?? '');
    const data = listModelEntries(await describeModels(config, isChecked), templates, created);
    return c.json({ object: 'list' as const, data }, 200);
  });
}
