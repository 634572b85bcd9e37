import { createRoute } from '@hono/zod-openapi';
import { describeModel, ModelInfoSchema, ModelsQuerySchema, type SeerConfig } from '@seer/core';
import { checkModels } from '@seer/core/node';
import type { APIApp } from '../context';

const modelsRoute = createRoute({
  method: 'get',
  path: '/v1/models',
  summary: 'The configured models and their capabilities; with `check=true`, whether the keys reach them',
  request: { query: ModelsQuerySchema },
  responses: {
    200: {
      description: 'The models',
      content: { 'application/json': { schema: ModelInfoSchema.array().transform((data) => ({ data })) } },
    },
  },
});

/**
 * Serves `GET /v1/models`: the configured models with their capabilities, the default one marked;
 * with `?check=true`, each provider is asked whether the configured keys reach them.
 */
export function mountModels(app: APIApp, config: SeerConfig): void {
  app.openapi(modelsRoute, async (c) => {
    const data = config.models.map((endpoint) =>
      describeModel(endpoint.preset, endpoint.preset.id === config.defaultModelId),
    );
    if (!['true', '1'].includes(c.req.query('check') ?? '')) return c.json({ data }, 200);
    const checks = await checkModels(config);
    return c.json(
      {
        data: data.map((info, index) => {
          const found = checks.find((check) => check.model === config.models[index]!.preset.id);
          return found ? { ...info, check: { status: found.status, detail: found.detail } } : info;
        }),
      },
      200,
    );
  });
}
