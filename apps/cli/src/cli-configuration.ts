import { readConfiguration, type SeerConfiguration } from '@seer/core/node';

/**
 * Seer's configuration of models and media as the API reads it (environment variables,
 * `seer.config.json` in `directory`, and the custom templates of `SEER_TEMPLATES_DIR`), read here
 * because this is the CLI's one place for `process.env`. The server's settings (auth, rate limits,
 * listen address…) are the API's alone: the CLI neither reads nor checks them.
 *
 * @throws ConfigError naming every bad variable or template file.
 */
export function readCLIConfiguration(
  directory: string,
  environment: Record<string, string | undefined> = process.env,
): SeerConfiguration {
  return readConfiguration(directory, environment);
}
