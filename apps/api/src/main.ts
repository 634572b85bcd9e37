import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { hasOnlyDemo, SeerError } from '@seer/core';
import { checkModels, setImagePixelBudget, setMediaConcurrency } from '@seer/core/node';
import { createApp } from './app';
import { type APIConfiguration, isProduction, readAPIConfiguration, shouldCheckModels } from './env';
import { Lifecycle } from './lifecycle';
import { createLogger } from './logger';
import { createRateLimitStore } from './rate-limit-store';
import { createRunRegistry } from './runs/create-run-registry';

const webDist = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../web/dist');

/** How long an idle kept-alive connection stays open. */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

async function start(): Promise<void> {
  let configuration: APIConfiguration;
  try {
    configuration = readAPIConfiguration();
  } catch (error) {
    console.error(SeerError.isInstance(error) ? error.message : error);
    process.exit(1);
  }
  const { config, templates, serverConfig } = configuration;
  const logger = createLogger(serverConfig.logLevel);
  setMediaConcurrency(config.mediaConcurrency);
  setImagePixelBudget(config.imagePixelBudgetMP * 1_000_000);
  const rateLimitStore =
    serverConfig.rateLimitPerMinute > 0
      ? createRateLimitStore(serverConfig.rateLimitPerMinute, serverConfig.redisURL)
      : undefined;
  const lifecycle = new Lifecycle();
  if (rateLimitStore?.kind === 'redis') {
    const isReady = await rateLimitStore.ready();
    if (!isReady) logger.warn('Redis is not reachable yet: rate limits count per instance until it is');
  }
  const runs = createRunRegistry(serverConfig, lifecycle);
  const app = createApp({
    config,
    serverConfig,
    templates,
    logger,
    lifecycle,
    runs,
    ...(rateLimitStore ? { rateLimitStore } : {}),
    ...(isProduction() ? { webDist } : {}),
  });
  const server = serve({ fetch: app.fetch, port: serverConfig.port, hostname: serverConfig.host }, (info) => {
    const url = `http://${info.address.includes(':') ? `[${info.address}]` : info.address}:${info.port}`;
    // For people and scripts: plain lines on stderr; the JSON log on stdout stays machine-readable.
    console.error(`Seer API listening on ${url}`);
    if (hasOnlyDemo(config)) {
      console.error(
        'No model is configured: only the demo model is available. See the README to connect one.',
      );
    } else {
      console.error(`Models: ${config.models.map((endpoint) => endpoint.preset.id).join(', ')}`);
    }
    logger.info(
      {
        url,
        models: config.models.map((endpoint) => endpoint.preset.id),
        rateLimit: rateLimitStore
          ? { perMinute: serverConfig.rateLimitPerMinute, store: rateLimitStore.kind }
          : 'off',
        auth: serverConfig.authTokens.length > 0,
      },
      'listening',
    );
    if (!hasOnlyDemo(config) && shouldCheckModels()) {
      // In the background: a slow or unreachable provider must not hold up serving the others.
      checkModels(config).then(
        (checks) => {
          for (const check of checks) {
            if (check.status === 'reachable') continue;
            const { model, provider, status, detail, upstreamStatus } = check;
            logger.warn({ model, provider, status, detail, upstreamStatus }, 'model not reachable');
          }
          const reachable = checks.filter((check) => check.status === 'reachable').length;
          logger.info({ reachable, checked: checks.length }, 'models checked');
        },
        (error: unknown) => logger.warn({ err: String(error) }, 'model check failed'),
      );
    }
  });
  // Node closes an idle kept-alive connection after 5 s, while a client or proxy may be sending its next
  // request on it: that request then fails with EPIPE or a reset. Load balancers keep idle connections
  // for about a minute, so the server keeps them a little longer than that.
  if ('keepAliveTimeout' in server) server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;

  let isStopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (isStopping) {
      logger.warn({ signal }, 'second signal: exiting at once');
      process.exit(1);
    }
    isStopping = true;
    logger.info({ signal, streams: lifecycle.size, graceMs: serverConfig.shutdownGraceMs }, 'shutting down');
    // No new connections; idle keep-alive ones are closed, busy ones end with their response.
    const closed = new Promise<void>((done) => server.close(() => done()));
    if ('closeIdleConnections' in server) server.closeIdleConnections();
    const { stopped } = await lifecycle.drain(serverConfig.shutdownGraceMs);
    await rateLimitStore?.close();
    await runs.close();
    // The streams' last bytes are out: their connections are idle now, or soon.
    if ('closeIdleConnections' in server) server.closeIdleConnections();
    await Promise.race([closed, new Promise((done) => setTimeout(done, 1000))]);
    if ('closeAllConnections' in server) server.closeAllConnections();
    logger.info({ stopped }, 'stopped');
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await start();
