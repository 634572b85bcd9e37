import { OpenAPIHono } from '@hono/zod-openapi';
import type { SeerConfig, Template } from '@seer/core';
import { bodyLimitsFor } from './body-limits';
import type { APIEnv } from './context';
import { answerErrors, answerNotFound } from './errors';
import { Lifecycle } from './lifecycle';
import { type Logger, silentLogger } from './logger';
import { allowCrossOrigin } from './middleware/allow-cross-origin';
import { limitBodySize } from './middleware/limit-body-size';
import { limitRate } from './middleware/limit-rate';
import { logRequests } from './middleware/log-requests';
import { refuseWhileDraining } from './middleware/refuse-while-draining';
import { requestId } from './middleware/request-id';
import { requireBearerToken } from './middleware/require-bearer-token';
import { trackRequests } from './middleware/track-requests';
import { mountPlayground } from './playground';
import { createRateLimitStore, type RateLimitStore } from './rate-limit-store';
import { mountAnalyses } from './routes/analyses';
import { mountAnalysisRuns } from './routes/analysis-runs';
import { answerChatCompletionErrors, mountChatCompletions } from './routes/chat-completions';
import { mountDocs } from './routes/docs';
import { mountHealth } from './routes/health';
import { mountModels } from './routes/models';
import { mountPreprocess } from './routes/preprocess';
import { mountTemplates } from './routes/templates';
import { createRunRegistry } from './runs/create-run-registry';
import type { RunRegistry } from './runs/run-registry';
import type { ServerConfig } from './server-config';

/** Options of {@link createApp}. */
export interface AppOptions {
  config: SeerConfig;
  /** The server's own settings: auth, rate limits, CORS, body size. */
  serverConfig: ServerConfig;
  /** The built playground to serve at `/` (production); none in development and most tests. */
  webDist?: string | undefined;
  /** The SSE keep-alive interval; default 15 s. */
  pingIntervalMs?: number | undefined;
  /** The demo model's pause between pieces; default 25 ms. */
  demoDelayMs?: number | undefined;
  /** Custom templates (from `SEER_TEMPLATES_DIR`), listed after the built-in ones. */
  templates?: readonly Template[] | undefined;
  /** Where rate-limit counters live; by default made from the server settings (memory, or Redis). */
  rateLimitStore?: RateLimitStore | undefined;
  /** The structured log; silent unless given. */
  logger?: Logger | undefined;
  /** Running streams and shutdown; `main.ts` drains it on SIGTERM. */
  lifecycle?: Lifecycle | undefined;
  /**
   * The runs of analyses; by default made from the server settings: in this process's memory, shared
   * through Redis with `SEER_REDIS_URL`, registered with the lifecycle either way.
   */
  runs?: RunRegistry | undefined;
}

/**
 * Builds Seer's HTTP API: every route of docs/api.md on one Hono app, errors in one handler. Tests call it
 * over real HTTP through `@hono/node-server`; `main.ts` serves it. The middlewares run in the order
 * they are added here, before the routes.
 */
export function createApp(options: AppOptions): OpenAPIHono<APIEnv> {
  const { config, serverConfig } = options;
  const customTemplates = options.templates ?? [];
  const bodyLimits = bodyLimitsFor(serverConfig.maxBodyBytes);
  const logger = options.logger ?? silentLogger;
  const lifecycle = options.lifecycle ?? new Lifecycle();
  const app = new OpenAPIHono<APIEnv>();

  app.onError(answerErrors(logger));
  app.notFound(answerNotFound);
  app.use('*', requestId());
  app.use('*', logRequests(logger));
  answerChatCompletionErrors(app);
  if (serverConfig.corsOrigins.length > 0) app.use('/v1/*', allowCrossOrigin(serverConfig.corsOrigins));
  app.use('*', refuseWhileDraining(lifecycle));
  app.use('/v1/*', trackRequests(lifecycle));
  if (serverConfig.authTokens.length > 0) app.use('/v1/*', requireBearerToken(serverConfig.authTokens));
  if (serverConfig.rateLimitPerMinute > 0) {
    const store =
      options.rateLimitStore ?? createRateLimitStore(serverConfig.rateLimitPerMinute, serverConfig.redisURL);
    app.use('/v1/*', limitRate(serverConfig.rateLimitPerMinute, store));
  }
  app.use('/v1/*', limitBodySize(bodyLimits));

  mountHealth(app, bodyLimits);
  mountModels(app, config, customTemplates);
  mountTemplates(app, customTemplates);
  mountPreprocess(app, { config, customTemplates, bodyLimits });
  const runs = createRunRegistry(serverConfig, lifecycle);
  mountAnalyses(app, {
    config,
    customTemplates,
    bodyLimits,
    logger,
    runs,
    pingIntervalMs: options.pingIntervalMs,
    demoDelayMs: options.demoDelayMs,
  });
  mountAnalysisRuns(app, runs, options.pingIntervalMs);
  mountChatCompletions(app, {
    config,
    customTemplates,
    logger,
    lifecycle,
    pingIntervalMs: options.pingIntervalMs,
    demoDelayMs: options.demoDelayMs,
  });
  mountDocs(app);
  if (options.webDist) mountPlayground(app, options.webDist);
  return app;
}
