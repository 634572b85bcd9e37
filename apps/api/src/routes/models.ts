import { createRoute, z } from '@hono/zod-openapi';
import {
  describeModel,
  listModelEntries,
  listTemplates,
  ModelEntrySchema,
  type ModelInfo,
  ModelListSchema,
  ModelsQuerySchema,
  OpenAIErrorBodySchema,
  RequestError,
  type SeerConfig,
  type Template,
} from '@seer/core';
import { checkModels } from '@seer/core/node';
import type { APIApp } from '../context';
import { answerInOpenAIShape } from './chat-completions-errors';

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

const modelRoute = createRoute({
  method: 'get',
  path: '/v1/models/{id}',
  summary:
    "One entry of `GET /v1/models` by its id (a model, or a task entry such as `qvq-max%2Fmath-pattern`), as OpenAI's `models.retrieve` asks",
  request: { params: z.object({ id: z.string().openapi({ example: 'qvq-max' }) }) },
  responses: {
    200: { description: 'The model', content: { 'application/json': { schema: ModelEntrySchema } } },
    404: {
      description: 'No model or task entry has this id',
      content: { 'application/json': { schema: OpenAIErrorBodySchema } },
    },
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
  // OpenAI's route, so its 404 comes in OpenAI's error shape, as from `/v1/chat/completions`.
  app.use('/v1/models/:id{.+}', answerInOpenAIShape());
  app.openapi(modelRoute, async (c) => {
    const { id } = c.req.valid('param');
    const entries = listModelEntries(await describeModels(config, false), templates, created);
    const entry = entries.find((candidate) => candidate.id === id);
    if (!entry) {
      const ids = entries
        .filter((candidate) => candidate.task === undefined)
        .map((candidate) => candidate.id);
      throw new RequestError({
        code: 'unknown_model',
        status: 404,
        message: `There is no model "${id}". Models here: ${ids.join(', ')}; each also has one entry per task, as "${ids[0]}/math-pattern".`,
      });
    }
    return c.json(entry, 200);
  });
}
