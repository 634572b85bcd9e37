import { createRoute } from '@hono/zod-openapi';
import { HealthSchema } from '@seer/core';
import { DEFAULT_IMAGE_LIMITS, DEFAULT_VIDEO_LIMITS } from '@seer/core/node';
import type { BodyLimits } from '../body-limits';
import type { APIApp } from '../context';
import { VERSION } from '../version';
import { documentedError } from './error-responses';

const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  summary: 'Liveness, version and limits',
  responses: {
    200: { description: 'Seer is up', content: { 'application/json': { schema: HealthSchema } } },
    503: documentedError('Seer is shutting down: take it out of the load balancer'),
  },
});

/**
 * Serves `GET /healthz`: Seer is up, its version, and the limits a client can check before it uploads.
 * While Seer shuts down, the draining middleware answers 503 here instead.
 */
export function mountHealth(app: APIApp, bodyLimits: BodyLimits): void {
  app.openapi(healthRoute, (c) =>
    c.json(
      {
        status: 'ok' as const,
        version: VERSION,
        limits: {
          imageBytes: DEFAULT_IMAGE_LIMITS.maxBytes,
          imagePixels: DEFAULT_IMAGE_LIMITS.maxPixels,
          videoBytes: DEFAULT_VIDEO_LIMITS.maxBytes,
          videoSeconds: DEFAULT_VIDEO_LIMITS.maxSeconds,
          bodyBytes: bodyLimits.jsonBytes,
          multipartBytes: bodyLimits.multipartBytes,
        },
      },
      200,
    ),
  );
}
