import { createRoute, z } from '@hono/zod-openapi';
import { AnalysisRunSchema, RequestError } from '@seer/core';
import type { APIApp } from '../context';
import { EVENT_STREAM_HEADERS } from '../observed-relay';
import { requestHeader } from '../request-headers';
import { runOwner } from '../runs/run-owner';
import type { RunRegistry } from '../runs/run-registry';
import { createRunStream } from '../runs/run-stream';
import { errorResponses } from './error-responses';

const RunParamsSchema = z.object({ id: z.string().max(200).openapi({ example: 'an_3f2a9c41d0b7e6f5a8c2' }) });

const runRoute = createRoute({
  method: 'get',
  path: '/v1/analyses/{id}',
  summary: "A run's status; once it is over, its document (as `stream: false` answers) or its error",
  request: { params: RunParamsSchema },
  responses: {
    200: { description: 'The run', content: { 'application/json': { schema: AnalysisRunSchema } } },
    ...errorResponses(404),
  },
});

const runEventsRoute = createRoute({
  method: 'get',
  path: '/v1/analyses/{id}/events',
  summary:
    "A run's events as Server-Sent Events: from the first, or after the one the `Last-Event-ID` header (or `after`) names, then live until `finish` or `error`",
  request: {
    params: RunParamsSchema,
    query: z.object({
      after: z
        .string()
        .optional()
        .openapi({ description: 'The SSE id of the last event seen', example: '41' }),
    }),
  },
  responses: {
    200: {
      description: 'The events (`text/event-stream`), each with its `id:`; a `notice` has none',
      content: { 'text/event-stream': { schema: { type: 'string' } } },
    },
    ...errorResponses(400, 404),
  },
});

const cancelRoutes = (['post', 'delete'] as const).map((method) =>
  createRoute({
    method,
    path: method === 'post' ? '/v1/analyses/{id}/cancel' : '/v1/analyses/{id}',
    summary: 'Stops a run and aborts its provider request; a run already over is left as it is',
    request: { params: RunParamsSchema },
    responses: {
      200: {
        description: 'The run, now cancelled',
        content: { 'application/json': { schema: AnalysisRunSchema } },
      },
      ...errorResponses(404),
    },
  }),
);

/** The last event a reader saw: `Last-Event-ID`, else `?after=`, else none (−1). */
function lastSeen(header: string | undefined, query: string | undefined): number {
  const given = header ?? query;
  if (given === undefined || given.trim() === '') return -1;
  if (!/^\d{1,9}$/.test(given.trim())) {
    throw new RequestError({
      code: 'invalid_request',
      status: 400,
      message: `Last-Event-ID (or after) must be the id of an event, a whole number; got "${given.slice(0, 40)}".`,
    });
  }
  return Number(given);
}

/**
 * Serves a run's routes (docs/runs.md): its status, its events from where a reader left off, and
 * cancelling it. Another token's run is answered as an unknown one.
 */
export function mountAnalysisRuns(app: APIApp, runs: RunRegistry, pingIntervalMs?: number): void {
  app.openapi(runRoute, async (c) => c.json(await runs.status(c.req.valid('param').id, runOwner(c)), 200));

  app.openAPIRegistry.registerPath(runEventsRoute);
  app.get(runEventsRoute.path.replace('{id}', ':id'), async (c) => {
    const after = lastSeen(requestHeader(c, 'last-event-id'), c.req.query('after'));
    const stop = new AbortController();
    const reader = await runs.read(c.req.param('id') ?? '', runOwner(c), after, stop.signal);
    return c.body(createRunStream(reader, stop, pingIntervalMs), 200, EVENT_STREAM_HEADERS);
  });

  for (const route of cancelRoutes) {
    app.openapi(route, async (c) => c.json(await runs.cancel(c.req.valid('param').id, runOwner(c)), 200));
  }
}
