import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '../errors';
import { loadConfig, type SeerConfig } from '../models/config';
import type { Template } from '../templates/template';
import { loadTemplatesFolder } from './load-templates';

/** Seer's configuration and the custom templates it names. */
export interface SeerConfiguration {
  config: SeerConfig;
  templates: Template[];
}

/**
 * The configuration variables as the API and the CLI both see them: the environment, with
 * `seer.config.json` in `directory` (an object of the same variable names) filling in what the
 * environment leaves unset.
 *
 * @throws ConfigError for a config file that is not a JSON object.
 */
export function readConfigurationVariables(
  directory: string,
  environment: Record<string, string | undefined>,
): Record<string, string | undefined> {
  const configPath = resolve(directory, 'seer.config.json');
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
  return { ...fromFile, ...environment };
}

/**
 * Seer's configuration from variables already read ({@link readConfigurationVariables}), and the
 * custom templates of `SEER_TEMPLATES_DIR` (relative to `directory`).
 *
 * @throws ConfigError naming every bad variable, or an invalid template file.
 */
export function loadConfiguration(
  directory: string,
  variables: Record<string, string | undefined>,
): SeerConfiguration {
  const config = loadConfig(variables);
  const templates = config.templatesDir ? loadTemplatesFolder(resolve(directory, config.templatesDir)) : [];
  return { config, templates };
}

/**
 * Reads Seer's configuration as the API and the CLI both do: the variables of
 * {@link readConfigurationVariables}, and the custom templates they name.
 *
 * @throws ConfigError naming every bad variable, a config file that is not a JSON object, or an invalid
 *   template file.
 */
export function readConfiguration(
  directory: string,
  environment: Record<string, string | undefined>,
): SeerConfiguration {
  return loadConfiguration(directory, readConfigurationVariables(directory, environment));
}
