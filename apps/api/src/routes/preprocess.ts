import { createRoute } from '@hono/zod-openapi';
import {
  PreprocessRequestSchema,
  PreprocessResponseSchema,
  type SeerConfig,
  type Template,
} from '@seer/core';
import { planMedia } from '@seer/core/node';
import { z } from 'zod';
import type { BodyLimits } from '../body-limits';
import type { APIApp } from '../context';
import { requestSignal } from '../lifecycle';
import { readRequestBody } from '../request-body';
import { errorResponses } from './error-responses';
import { jsonOrMultipartBody } from './request-body-document';

const preprocessRoute = createRoute({
  method: 'post',
  path: '/v1/preprocess',
  summary: 'A dry run of the media part of an analysis: what would be sent, its tokens and cost',
  request: {
    query: z.object({
      include: z.string().optional().describe("`data` adds each item's prepared data URLs"),
    }),
    body: jsonOrMultipartBody(PreprocessRequestSchema),
  },
  responses: {
    200: {
      description: 'The prepared media',
      content: { 'application/json': { schema: PreprocessResponseSchema } },
    },
    ...errorResponses(400, 404, 413, 415, 422, 502, 503, 504),
  },
});

/** What `POST /v1/preprocess` prepares media with. */
export interface PreprocessOptions {
  config: SeerConfig;
  customTemplates: readonly Template[];
  bodyLimits: BodyLimits;
}

/**
 * Serves `POST /v1/preprocess`: the media of a request prepared as an analysis would send them, with
 * their tokens and cost, and with `?include=data` the prepared data URLs; no model is called.
 */
export function mountPreprocess(app: APIApp, options: PreprocessOptions): void {
  const { config, customTemplates, bodyLimits } = options;
  app.openAPIRegistry.registerPath(preprocessRoute);
  app.post(preprocessRoute.path, async (c) => {
    const { request, files, dispose } = await readRequestBody(
      c,
      PreprocessRequestSchema,
      bodyLimits.multipartBytes,
    );
    try {
      const plan = await planMedia(request, {
        config,
        templates: customTemplates,
        files,
        includeData: (c.req.query('include') ?? '').split(',').includes('data'),
        signal: requestSignal(c.req.raw),
      });
      return c.json(plan, 200);
    } finally {
      // The answer does not wait on the disk: the uploads are removed while it goes out. One that
      // cannot be removed stays in the system's temporary folder; the plan is no less right for it.
      dispose().catch(() => {});
    }
  });
}
