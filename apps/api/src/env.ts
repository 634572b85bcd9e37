import { resolve } from 'node:path';
import { invalidVariables, SeerError } from '@seer/core';
import { loadConfiguration, readConfigurationVariables, type SeerConfiguration } from '@seer/core/node';
import { loadServerConfig, type ServerConfig } from './server-config';

/** What the API runs with: Seer's configuration and custom templates, and the server's own settings. */
export interface APIConfiguration extends SeerConfiguration {
  serverConfig: ServerConfig;
}

/** The bad variables a configuration error lists, if it is one that lists them. */
function problemsOf(error: unknown): string[] | undefined {
  if (!SeerError.isInstance(error) || error.code !== 'invalid_config') return undefined;
  const problems = error.details?.problems;
  return Array.isArray(problems) ? problems.map(String) : undefined;
}

/**
 * The one place the API reads `process.env`: the environment, `seer.config.json` in the working
 * directory, and the custom templates they name; the server's settings from the same variables.
 *
 * @throws ConfigError naming every bad variable, of Seer's configuration and of the server's at once.
 */
export function readAPIConfiguration(
  environment: Record<string, string | undefined> = process.env,
  directory = resolve(process.cwd()),
): APIConfiguration {
  const variables = readConfigurationVariables(directory, environment);
  // Both halves are read before either complains, so that one message names every bad variable.
  let serverConfig: ServerConfig | undefined;
  let serverError: unknown;
  try {
    serverConfig = loadServerConfig(variables);
  } catch (error) {
    serverError = error;
  }
  let configuration: SeerConfiguration;
  try {
    configuration = loadConfiguration(directory, variables);
  } catch (error) {
    const problems = problemsOf(error);
    const serverProblems = problemsOf(serverError);
    if (problems && serverProblems) throw invalidVariables([...problems, ...serverProblems]);
    throw error;
  }
  if (serverConfig === undefined) throw serverError;
  return { ...configuration, serverConfig };
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
