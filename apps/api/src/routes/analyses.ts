import { createRoute } from '@hono/zod-openapi';
import {
  AnalysisRequestSchema,
  AnalysisResponseSchema,
  AnalysisRunSchema,
  type ModelStreamEvent,
  type SeerConfig,
  type Template,
} from '@seer/core';
import { startAnalysis } from '@seer/core/node';
import type { BodyLimits } from '../body-limits';
import type { APIApp } from '../context';
import { requestSignal } from '../lifecycle';
import type { Logger } from '../logger';
import type { AnalysisSummary } from '../observe-analysis';
import { EVENT_STREAM_HEADERS } from '../observed-relay';
import { readRequestBody } from '../request-body';
import { ANALYSIS_ID_HEADER, runOwner } from '../runs/run-owner';
import type { RunReader, RunRegistry } from '../runs/run-registry';
import { createRunStream } from '../runs/run-stream';
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
    202: {
      description: 'With `detach: true`: the run has started; read it from `GET /v1/analyses/{id}/events`',
      content: { 'application/json': { schema: AnalysisRunSchema } },
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
  /** Where the runs live while they run and after (docs/runs.md). */
  runs: RunRegistry;
  /** The SSE keep-alive interval; default 15 s. */
  pingIntervalMs?: number | undefined;
  /** The demo model's pause between pieces; default 25 ms. */
  demoDelayMs?: number | undefined;
}

/**
 * Serves `POST /v1/analyses`: reads the request (JSON or multipart), prepares its media and starts the
 * model as a run of the registry, then answers with Server-Sent Events read from the run, with one JSON
 * document for `stream: false`, or at once with the run's status for `detach: true`. Each analysis gets
 * one log line with its timings and counts once it is over.
 */
export function mountAnalyses(app: APIApp, options: AnalysesOptions): void {
  const { config, customTemplates, bodyLimits, logger, runs } = options;
  app.openAPIRegistry.registerPath(analysesRoute);
  app.post(analysesRoute.path, async (c) => {
    const { request, files, dispose } = await readRequestBody(
      c,
      AnalysisRequestSchema,
      bodyLimits.multipartBytes,
    );
    // The client going away stops the preparation; once the model has started, the run has its own
    // signal, so that a dropped connection does not end it (docs/runs.md).
    const abort = new AbortController();
    const clientSignal = requestSignal(c.req.raw);
    const abortWithClient = () => abort.abort(clientSignal.reason);
    if (clientSignal.aborted) abortWithClient();
    clientSignal.addEventListener('abort', abortWithClient, { once: true });
    // The media are prepared (frames sampled) once the analysis has started: uploads on disk can go.
    const started = await startAnalysis(request, {
      config,
      files,
      templates: customTemplates,
      signal: abort.signal,
      ...(options.demoDelayMs === undefined ? {} : { demoDelayMs: options.demoDelayMs }),
    }).finally(() => {
      clientSignal.removeEventListener('abort', abortWithClient);
      // The answer does not wait on the disk: the uploads are removed while it goes out.
      dispose().catch((error: unknown) =>
        logger.warn({ requestId: c.get('requestId'), err: error }, 'uploads not removed'),
      );
    });
    const owner = runOwner(c);
    const run = runs.start(started, {
      owner,
      detached: request.detach,
      abort,
      log: (summary: AnalysisSummary) =>
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
        ),
    });
    c.header(ANALYSIS_ID_HEADER, started.id);
    if (request.detach) {
      c.header('Location', `/v1/analyses/${started.id}`);
      return c.json(run.statusDocument(), 202);
    }
    const stop = new AbortController();
    const reader = await runs.read(started.id, owner, -1, stop.signal);
    if (!request.stream) {
      return answerWithDocument(c, started, readerEvents(reader, stop, clientSignal));
    }
    // Through the context, so that headers set by middleware (CORS) come along.
    return c.body(createRunStream(reader, stop, options.pingIntervalMs), 200, EVENT_STREAM_HEADERS);
  });
}

/**
 * A reader's model events for a `stream: false` answer; the reader is released when they end or the
 * client goes away.
 */
function readerEvents(
  reader: RunReader,
  stop: AbortController,
  clientSignal: AbortSignal,
): ReadableStream<ModelStreamEvent> {
  const onClientGone = () => stop.abort();
  clientSignal.addEventListener('abort', onClientGone, { once: true });
  const release = () => {
    clientSignal.removeEventListener('abort', onClientGone);
    reader.release();
  };
  return new ReadableStream<ModelStreamEvent>({
    async pull(controller) {
      for (;;) {
        const next = await reader.items.next();
        if (next.done) {
          release();
          controller.close();
          return;
        }
        const { event } = next.value;
        if (event.type === 'start' || event.type === 'media' || event.type === 'notice') continue;
        controller.enqueue(event);
        return;
      }
    },
    cancel() {
      stop.abort();
      release();
    },
  });
}
