import { resolve } from 'node:path';
import { readConfiguration, type SeerConfiguration } from '@seer/core/node';

/**
 * The one place the API reads `process.env`: the environment, `seer.config.json` in the working
 * directory, and the custom templates they name.
 */
export function readAPIConfiguration(
  environment: Record<string, string | undefined> = process.env,
  directory = resolve(process.cwd()),
): SeerConfiguration {
  return readConfiguration(directory, environment);
}

/** Whether the API serves the built playground (production). */
export function isProduction(environment: Record<string, string | undefined> = process.env): boolean {
  return environment.NODE_ENV === 'production';
}

/**
 * Whether the API checks at start-up which models the configured keys reach (`SEER_CHECK_MODELS`,
 * default on; `0` or `false` turns it off, for tests and for deployments that start often).
 */
export function shouldCheckModels(environment: Record<string, string | undefined> = process.env): boolean {
  const value = (environment.SEER_CHECK_MODELS ?? '').trim().toLowerCase();
  return value !== '0' && value !== 'false';
}
