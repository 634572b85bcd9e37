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
