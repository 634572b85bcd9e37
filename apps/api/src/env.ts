import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, loadConfig, type SeerConfig } from '@seer/core';

/**
 * The one place the API reads `process.env`. Values from `seer.config.json` in the working directory
 * (an object of the same variable names) fill in what the environment leaves unset.
 */
export function readConfig(
  environment: Record<string, string | undefined> = process.env,
  configPath = resolve(process.cwd(), 'seer.config.json'),
): SeerConfig {
  let fromFile: Record<string, string> = {};
  if (existsSync(configPath)) {
    try {
      const parsed = JSON.parse(readFileSync(configPath, 'utf8')) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new Error('not an object');
      fromFile = Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, String(value)]));
    } catch (error) {
      throw new ConfigError(
        `Invalid configuration: ${configPath} is not a JSON object of variables (${String(error)}).`,
      );
    }
  }
  return loadConfig({ ...fromFile, ...environment });
}

/** Whether the API serves the built playground (production). */
export function isProduction(environment: Record<string, string | undefined> = process.env): boolean {
  return environment.NODE_ENV === 'production';
}
