import { createRoute } from '@hono/zod-openapi';
import {
  type AnalysisEvent,
  AnalysisRequestSchema,
  AnalysisResponseSchema,
  type SeerConfig,
  type Template,
} from '@seer/core';
import { type StartedAnalysis, startAnalysis } from '@seer/core/node';
import type { Context } from 'hono';
import type { BodyLimits } from '../body-limits';
import type { APIApp, APIEnv } from '../context';
import { type Lifecycle, requestSignal } from '../lifecycle';
import type { Logger } from '../logger';
import { type AnalysisSummary, observeAnalysis } from '../observe-analysis';
import { EVENT_STREAM_HEADERS, observedRelay } from '../observed-relay';
import { readRequestBody } from '../request-body';
import { createSSEStream } from '../sse-writer';
import { answerWithDocument } from './analysis-document';
import { errorResponses } from './error-responses';
import { jsonOrMultipartBody } from './request-body-document';

const analysesRoute = createRoute({
  method: 'post',
  path: '/v1/analyses',
  summary: 'Run an analysis: Server-Sent Events by default, one JSON document with `stream: false`',
  request: { body: jsonOrMultipartBody(AnalysisRequestSchema) },
  responses: {
    200: {
      description:
        'The analysis as Server-Sent Events (`text/event-stream`: start, media, reasoning-*, text-*, then finish or error), or with `stream: false` the whole analysis as JSON',
      content: {
        'text/event-stream': { schema: { type: 'string' } },
        'application/json': { schema: AnalysisResponseSchema },
      },
    },
    ...errorResponses(400, 404, 413, 415, 422, 502, 503, 504),
  },
});

/** What `POST /v1/analyses` runs analyses with. */
export interface AnalysesOptions {
  config: SeerConfig;
  customTemplates: readonly Template[];
  bodyLimits: BodyLimits;
  logger: Logger;
  /** Where running streams register, so that the shutdown can wait for them and then stop them. */
  lifecycle: Lifecycle;
  /** The SSE keep-alive interval; default 15 s. */
  pingIntervalMs?: number | undefined;
  /** The demo model's pause between pieces; default 25 ms. */
  demoDelayMs?: number | undefined;
}

/**
 * Serves `POST /v1/analyses`: reads the request (JSON or multipart), prepares its media and starts the
 * model, then answers with Server-Sent Events, or with one JSON document for `stream: false`. Each
 * analysis gets one log line with its timings and counts once it is over.
 */
export function mountAnalyses(app: APIApp, options: AnalysesOptions): void {
  const { config, customTemplates, bodyLimits, logger } = options;
  app.openAPIRegistry.registerPath(analysesRoute);
  app.post(analysesRoute.path, async (c) => {
    const { request, files, dispose } = await readRequestBody(
      c,
      AnalysisRequestSchema,
      bodyLimits.multipartBytes,
    );
    // The media are prepared (frames sampled) once the analysis has started: uploads on disk can go.
    const started = await startAnalysis(request, {
      config,
      files,
      templates: customTemplates,
      signal: requestSignal(c.req.raw),
      ...(options.demoDelayMs === undefined ? {} : { demoDelayMs: options.demoDelayMs }),
    }).finally(dispose);
    const logAnalysis = (summary: AnalysisSummary) =>
      logger.info(
        {
          requestId: c.get('requestId'),
          analysisId: started.id,
          model: started.model,
          template: started.template,
          mediaItems: started.media.length,
          ...summary,
        },
        'analysis',
      );
    if (!request.stream) {
      return answerWithDocument(c, started, observeAnalysis(started.events, logAnalysis));
    }
    return answerWithStream(c, started, logAnalysis, options);
  });
}

/**
 * Answers an analysis as Server-Sent Events: `start` and one `media` event per item, then the model's
 * events as they come. The stream registers with the lifecycle for as long as it runs.
 */
function answerWithStream(
  c: Context<APIEnv>,
  started: StartedAnalysis,
  logAnalysis: (summary: AnalysisSummary) => void,
  options: Pick<AnalysesOptions, 'lifecycle' | 'pingIntervalMs'>,
): Response {
  const first: AnalysisEvent[] = [
    {
      type: 'start',
      id: started.id,
      model: started.model,
      template: started.template,
      locale: started.locale,
    },
    ...started.media.map((item) => ({ type: 'media' as const, item })),
  ];
  const body = createSSEStream(started.events, {
    ...(options.pingIntervalMs === undefined ? {} : { pingIntervalMs: options.pingIntervalMs }),
    first,
    ...observedRelay(options.lifecycle, logAnalysis),
  });
  // Through the context, so that headers set by middleware (CORS) come along.
  return c.body(body, 200, EVENT_STREAM_HEADERS);
}
