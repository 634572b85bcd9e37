import { readFileSync } from 'node:fs';
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import {
  type AnalysisEvent,
  AnalysisRequestSchema,
  collectAnalysis,
  describeModel,
  describeTemplate,
  listTemplates,
  PreprocessRequestSchema,
  type SeerConfig,
  type Template,
} from '@seer/core';
import {
  checkModels,
  DEFAULT_IMAGE_LIMITS,
  DEFAULT_VIDEO_LIMITS,
  planMedia,
  startAnalysis,
} from '@seer/core/node';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { z } from 'zod';
import { createRateLimitStore, limitRate, type RateLimitStore, requireBearerToken } from './access';
import type { APIEnv } from './context';
import { mountDocs } from './docs';
import { errorResponse, handleError } from './errors';
import { Lifecycle, requestSignal, shuttingDown, wasStoppedByShutdown } from './lifecycle';
import { type Logger, silentLogger } from './logger';
import { AnalysisObserver, type AnalysisSummary, observeAnalysis } from './observe-analysis';
import { mountPlayground } from './playground';
import { multipartRequestDocument, readRequestBody } from './request-body';
import { requestHeader, requestId } from './request-headers';
import {
  AnalysisDocumentSchema,
  ErrorBodySchema,
  HealthSchema,
  ModelInfoSchema,
  ModelsQuerySchema,
  PreprocessResponseSchema,
  TemplateInfoSchema,
} from './schemas';
import { createSSEStream } from './sse-writer';

/** Seer's version, reported by `/healthz`. */
export const VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** Options of {@link createApp}. */
export interface AppOptions {
  config: SeerConfig;
  /** The built playground to serve at `/` (production); none in development and most tests. */
  webDist?: string;
  /** The SSE keep-alive interval; default 15 s. */
  pingIntervalMs?: number;
  /** The demo model's pause between pieces; default 25 ms. */
  demoDelayMs?: number;
  /** The largest JSON body; default `SEER_MAX_BODY_MB` (64 MB). */
  maxBodyBytes?: number;
  /** Custom templates (from `SEER_TEMPLATES_DIR`), listed after the built-in ones. */
  templates?: readonly Template[];
  /** Where rate-limit counters live; by default made from the configuration (memory, or Redis). */
  rateLimitStore?: RateLimitStore;
  /** The structured log; silent unless given. */
  logger?: Logger;
  /** Running streams and shutdown; `main.ts` drains it on SIGTERM. */
  lifecycle?: Lifecycle;
}

const errorResponses = {
  400: { description: 'Malformed request', content: { 'application/json': { schema: ErrorBodySchema } } },
  404: {
    description: 'Unknown template or model',
    content: { 'application/json': { schema: ErrorBodySchema } },
  },
  413: {
    description: 'Body or media too large',
    content: { 'application/json': { schema: ErrorBodySchema } },
  },
  415: {
    description: 'Not an image or video Seer reads',
    content: { 'application/json': { schema: ErrorBodySchema } },
  },
  422: { description: 'Unreadable media', content: { 'application/json': { schema: ErrorBodySchema } } },
  502: {
    description: 'The provider failed before any output',
    content: { 'application/json': { schema: ErrorBodySchema } },
  },
  503: {
    description: 'No model configured, or Seer is shutting down',
    content: { 'application/json': { schema: ErrorBodySchema } },
  },
  504: {
    description: 'No first byte from the provider in time',
    content: { 'application/json': { schema: ErrorBodySchema } },
  },
} as const;

/**
 * The multipart form as the OpenAPI document shows it: a plain schema (`readRequestBody` streams and
 * validates the form), typed as a zod schema only because `createRoute` asks for one.
 */
const multipartForm = multipartRequestDocument as unknown as z.ZodType<{ request: string }>;

const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  summary: 'Liveness, version and limits',
  responses: {
    200: { description: 'Seer is up', content: { 'application/json': { schema: HealthSchema } } },
    503: {
      description: 'Seer is shutting down: take it out of the load balancer',
      content: { 'application/json': { schema: ErrorBodySchema } },
    },
  },
});

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

const templatesRoute = createRoute({
  method: 'get',
  path: '/v1/templates',
  summary: 'The tasks Seer knows, with their media rules',
  responses: {
    200: {
      description: 'The templates',
      content: { 'application/json': { schema: TemplateInfoSchema.array().transform((data) => ({ data })) } },
    },
  },
});

const preprocessRoute = createRoute({
  method: 'post',
  path: '/v1/preprocess',
  summary: 'A dry run of the media part of an analysis: what would be sent, its tokens and cost',
  request: {
    query: z.object({
      include: z.string().optional().describe("`data` adds each item's prepared data URLs"),
    }),
    body: {
      required: false,
      content: {
        'application/json': { schema: PreprocessRequestSchema },
        'multipart/form-data': { schema: multipartForm },
      },
    },
  },
  responses: {
    200: {
      description: 'The prepared media',
      content: { 'application/json': { schema: PreprocessResponseSchema } },
    },
    ...errorResponses,
  },
});

const analysesRoute = createRoute({
  method: 'post',
  path: '/v1/analyses',
  summary: 'Run an analysis: Server-Sent Events by default, one JSON document with `stream: false`',
  request: {
    body: {
      // Not `required`: the route takes JSON or multipart; `readRequestBody` validates either.
      required: false,
      content: {
        'application/json': { schema: AnalysisRequestSchema },
        'multipart/form-data': { schema: multipartForm },
      },
    },
  },
  responses: {
    200: {
      description:
        'The analysis as Server-Sent Events (`text/event-stream`: start, media, reasoning-*, text-*, then finish or error), or with `stream: false` the whole analysis as JSON',
      content: {
        'text/event-stream': { schema: { type: 'string' } },
        'application/json': { schema: AnalysisDocumentSchema },
      },
    },
    ...errorResponses,
  },
});

/**
 * Builds Seer's HTTP API: every route of docs/api.md on one Hono app, errors in one handler. Tests call it
 * over real HTTP through `@hono/node-server`; `main.ts` serves it.
 */
export function createApp(options: AppOptions) {
  const { config } = options;
  const customTemplates = options.templates ?? [];
  const maxBodyBytes = options.maxBodyBytes ?? config.maxBodyBytes;
  const logger = options.logger ?? silentLogger;
  const lifecycle = options.lifecycle ?? new Lifecycle();
  // Request bodies are validated by `readRequestBody`; no route registers an `openapi()` validator.
  const app = new OpenAPIHono<APIEnv>();

  app.onError((error, c) => {
    const response = handleError(error, c);
    if (response.status >= 500) {
      logger.error(
        {
          requestId: c.get('requestId'),
          err: { name: error.name, message: error.message, stack: error.stack },
        },
        'unexpected error',
      );
    } else if (response.status === 408) {
      // A body slower than the server's request timeout: a slow client, or one holding connections.
      logger.warn({ requestId: c.get('requestId') }, 'request body timed out');
    }
    return response;
  });
  app.notFound((c) => errorResponse(c, 404, 'not_found', `There is no ${c.req.method} ${c.req.path}.`));
  // Every response carries X-Request-Id (a caller's own, if it sent a sane one), and every log line of
  // the request names it.
  app.use('*', requestId());
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    // Only what identifies and times the request: never headers, query strings, bodies or media.
    logger.info(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        durationMs: Math.round(performance.now() - started),
      },
      'request',
    );
  });
  if (config.corsOrigins.length > 0) {
    const origins = config.corsOrigins;
    app.use(
      '/v1/*',
      cors({
        origin: origins.includes('*') ? '*' : origins,
        allowMethods: ['GET', 'POST', 'OPTIONS'],
        allowHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
        exposeHeaders: ['X-Request-Id', 'Retry-After'],
        maxAge: 600,
      }),
    );
  }
  // Shutting down: load balancers see /healthz fail and stop sending; whatever still arrives is refused.
  app.use('*', async (c, next) => {
    if (!lifecycle.isDraining || !(c.req.path.startsWith('/v1/') || c.req.path === '/healthz')) return next();
    c.header('Connection', 'close');
    c.header('Retry-After', '5');
    return errorResponse(c, 503, 'shutting_down', 'Seer is shutting down. Try again in a moment.', {
      retryable: true,
    });
  });
  // Requests answered in one piece are waited for by the shutdown too; one it has to stop is answered
  // 503, as if it had arrived a moment later. Streams register themselves for as long as they stream.
  app.use('/v1/*', async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const done = lifecycle.track(c.req.raw);
    try {
      await next();
    } catch (error) {
      if (wasStoppedByShutdown(c.req.raw)) throw shuttingDown();
      throw error;
    } finally {
      done();
    }
  });
  if (config.authTokens.length > 0) app.use('/v1/*', requireBearerToken(config.authTokens));
  if (config.rateLimitPerMinute > 0) {
    const store = options.rateLimitStore ?? createRateLimitStore(config.rateLimitPerMinute, config.redisURL);
    app.use('/v1/*', limitRate(config.rateLimitPerMinute, store));
  }
  // Limits enforced while the body is read: a declared length over the limit is refused before any of
  // it is read, a chunked body as soon as it passes the limit. JSON (data URLs included) has the body
  // limit; a multipart upload may carry one video up to the video limit, plus the body limit.
  const multipartMaxBytes = DEFAULT_VIDEO_LIMITS.maxBytes + maxBodyBytes;
  const tooLarge = (c: Context, limit: number) =>
    errorResponse(
      c,
      413,
      'payload_too_large',
      `The request body is over ${Math.round(limit / 1024 / 1024)} MB.`,
    );
  const limitBody = (limit: number) => bodyLimit({ maxSize: limit, onError: (c) => tooLarge(c, limit) });
  const jsonBodyLimit = limitBody(maxBodyBytes);
  app.use('/v1/*', async (c, next) => {
    const isMultipart = (requestHeader(c, 'content-type') ?? '')
      .toLowerCase()
      .startsWith('multipart/form-data');
    const limit = isMultipart ? multipartMaxBytes : maxBodyBytes;
    const declared = requestHeader(c, 'content-length');
    // With a declared length (and no chunking) Node's parser never delivers more than it says, so the
    // header decides; wrapping the body to count it would cost every request a rebuilt Request.
    if (declared !== undefined && requestHeader(c, 'transfer-encoding') === undefined) {
      if (Number(declared) > limit) return tooLarge(c, limit);
      return next();
    }
    // hono's bodyLimit reads a body without a declared length whole into memory before the handler
    // runs: a multipart upload is counted by readMultipart as it streams instead, so it never is.
    return isMultipart ? next() : jsonBodyLimit(c, next);
  });

  const routes = app
    .openapi(healthRoute, (c) =>
      c.json(
        {
          status: 'ok' as const,
          version: VERSION,
          limits: {
            imageBytes: DEFAULT_IMAGE_LIMITS.maxBytes,
            imagePixels: DEFAULT_IMAGE_LIMITS.maxPixels,
            videoBytes: DEFAULT_VIDEO_LIMITS.maxBytes,
            videoSeconds: DEFAULT_VIDEO_LIMITS.maxSeconds,
            bodyBytes: maxBodyBytes,
            multipartBytes: multipartMaxBytes,
          },
        },
        200,
      ),
    )
    .openapi(modelsRoute, async (c) => {
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
    })
    .openapi(templatesRoute, (c) =>
      c.json({ data: [...listTemplates(), ...customTemplates].map(describeTemplate) }, 200),
    );
  // The two routes that take a body are documented from their schemas, but registered without the
  // validators `openapi()` would add: `readRequestBody` reads and validates JSON and multipart alike,
  // with one sentence for each way a body can be wrong.
  app.openAPIRegistry.registerPath(preprocessRoute);
  app.post(preprocessRoute.path, async (c) => {
    const { request, files, dispose } = await readRequestBody(c, PreprocessRequestSchema, multipartMaxBytes);
    const signal = requestSignal(c.req.raw);
    try {
      const plan = await planMedia(request, {
        config,
        templates: customTemplates,
        files,
        includeData: (c.req.query('include') ?? '').split(',').includes('data'),
        signal,
      });
      return c.json(plan, 200);
    } finally {
      await dispose();
    }
  });
  app.openAPIRegistry.registerPath(analysesRoute);
  app.post(analysesRoute.path, async (c) => {
    const { request, files, dispose } = await readRequestBody(c, AnalysisRequestSchema, multipartMaxBytes);
    // The media are prepared (frames sampled) once the analysis has started: uploads on disk can go.
    const started = await startAnalysis(request, {
      config,
      files,
      templates: customTemplates,
      signal: requestSignal(c.req.raw),
      ...(options.demoDelayMs === undefined ? {} : { demoDelayMs: options.demoDelayMs }),
    }).finally(dispose);
    const header = {
      id: started.id,
      model: started.model,
      template: started.template,
      locale: started.locale,
    };
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
      const document = await collectAnalysis(observeAnalysis(started.events, logAnalysis));
      if (wasStoppedByShutdown(c.req.raw)) throw shuttingDown();
      if (document.error || !document.finish) {
        const error = document.error ?? {
          code: 'upstream_error',
          message: 'The stream ended without a result.',
          retryable: true,
        };
        const status = error.code === 'upstream_timeout' ? 504 : 502;
        return errorResponse(c, status, error.code, error.message, {
          retryable: error.retryable,
          partial: { reasoning: document.reasoning, text: document.text },
        });
      }
      const { finishReason, usage, timing, result } = document.finish;
      return c.json(
        {
          ...header,
          media: started.media,
          reasoning: document.reasoning,
          text: document.text,
          finishReason,
          usage,
          timing,
          ...(result === undefined ? {} : { result }),
        },
        200,
      );
    }

    const first: AnalysisEvent[] = [
      { type: 'start', ...header },
      ...started.media.map((item) => ({ type: 'media' as const, item })),
    ];
    const stop = new AbortController();
    const unregister = lifecycle.add({ stop: () => stop.abort() });
    const observer = new AnalysisObserver(logAnalysis);
    const body = createSSEStream(started.events, {
      ...(options.pingIntervalMs === undefined ? {} : { pingIntervalMs: options.pingIntervalMs }),
      first,
      onEvent: (event) => observer.observe(event),
      stopSignal: stop.signal,
      onEnd: (outcome) => {
        unregister();
        observer.end(outcome);
      },
    });
    // Through the context, so that headers set by middleware (CORS) come along.
    return c.body(body, 200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    });
  });

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Seer API',
      version: VERSION,
      description:
        'Visual reasoning with thinking models: stream the thinking and the answer about photos and video.',
    },
  });
  mountDocs(app);
  if (options.webDist) mountPlayground(app, options.webDist);
  return routes;
}
