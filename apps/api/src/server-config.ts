import { integerVariable, parseVariables, textVariable } from '@seer/core';
import { z } from 'zod';

/**
 * The environment variables only the API reads (docs/configuration.md): who may call it, how often,
 * how much it reads, how it stops, what it logs and where it listens. Validated with a message per bad
 * one, as the model and media variables are in core.
 */
export const ServerEnvironmentSchema = z.object({
  SEER_AUTH_TOKENS: textVariable,
  SEER_RATE_LIMIT: integerVariable(60, 0, 1_000_000),
  SEER_REDIS_URL: z
    .string()
    .trim()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional())
    .optional(),
  SEER_CORS_ORIGINS: textVariable,
  SEER_MAX_BODY_MB: integerVariable(64, 1, 100_000),
  SEER_SHUTDOWN_GRACE_MS: integerVariable(10_000, 0, 3_600_000),
  SEER_RUN_TTL_S: integerVariable(600, 0, 86_400),
  SEER_DETACHED_GRACE_S: integerVariable(30, 0, 3600),
  SEER_RUN_MAX_EVENT_KB: integerVariable(4096, 16, 1_048_576),
  SEER_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be fatal, error, warn, info, debug, trace or silent',
    })
    .default('info'),
  PORT: integerVariable(8787, 0, 65535),
  HOST: textVariable,
});

/** How long runs are kept and how much of them (docs/runs.md). */
export interface RunSettings {
  /** How long a run is kept after it ends. */
  ttlMs: number;
  /** How long a run with no reader goes on waiting for one before it is stopped. */
  detachedGraceMs: number;
  /** The most event bytes a run keeps for replay before its oldest thinking is dropped. */
  maxEventBytes: number;
}

/** The API's own settings, read once at start-up beside Seer's configuration. */
export interface ServerConfig {
  /** Bearer tokens that `/v1/*` requires; none: open. */
  authTokens: string[];
  /** Requests a minute per token or address; 0: no limit. */
  rateLimitPerMinute: number;
  /** Where several instances keep their shared rate-limit counters; in memory when absent. */
  redisURL: string | undefined;
  /** Origins allowed to call `/v1/*` from a browser (CORS); none by default, `*` for any. */
  corsOrigins: string[];
  /** The largest JSON body, and the largest multipart body without its files (which have media limits). */
  maxBodyBytes: number;
  /** On SIGTERM, how long running streams may go on before they are ended. */
  shutdownGraceMs: number;
  /** What the server keeps of its runs (docs/runs.md). */
  runs: RunSettings;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  port: number;
  host: string;
}

/** A comma-separated list, each entry trimmed, empty ones dropped. */
function listOf(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/**
 * Reads the API's own settings from environment variables (and whatever the caller merged into them,
 * such as `seer.config.json`).
 *
 * @throws ConfigError naming every bad variable.
 */
export function loadServerConfig(environment: Record<string, string | undefined>): ServerConfig {
  const env = parseVariables(ServerEnvironmentSchema, environment);
  return {
    authTokens: listOf(env.SEER_AUTH_TOKENS),
    rateLimitPerMinute: env.SEER_RATE_LIMIT,
    redisURL: env.SEER_REDIS_URL,
    corsOrigins: listOf(env.SEER_CORS_ORIGINS),
    maxBodyBytes: env.SEER_MAX_BODY_MB * 1024 * 1024,
    shutdownGraceMs: env.SEER_SHUTDOWN_GRACE_MS,
    runs: {
      ttlMs: env.SEER_RUN_TTL_S * 1000,
      detachedGraceMs: env.SEER_DETACHED_GRACE_S * 1000,
      maxEventBytes: env.SEER_RUN_MAX_EVENT_KB * 1024,
    },
    logLevel: env.SEER_LOG_LEVEL,
    port: env.PORT,
    host: env.HOST ?? '127.0.0.1',
  };
}
