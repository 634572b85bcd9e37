import { ConfigError, hasOnlyDemo, type ProviderId, type SeerConfig } from '@seer/core';
import { checkModels, type ModelCheck } from '@seer/core/node';
import { readCLIConfiguration } from '../cli-configuration';
import type { CommandContext } from '../command-context';
import { ExitCode, type ExitCodeValue } from '../exit-code';
import { createStyle, type Style } from '../terminal';

/** The options of `seer doctor`. */
export interface DoctorOptions {
  json?: boolean;
}

const PROVIDER_NAMES: Record<ProviderId, string> = {
  dashscope: 'DashScope',
  openai: 'OpenAI',
  openrouter: 'OpenRouter',
  custom: 'custom endpoint',
  demo: 'demo',
};

const MARKS: Record<ModelCheck['status'], string> = { reachable: '✓', unknown: '?', failing: '✗' };

/**
 * One model's line: `✓ qvq-max  reachable`, or the status, the reason and where the model was looked
 * for: `? qwen3-vl-plus  unknown: not offered to this key or region: … (DashScope, https://…)`.
 */
function formatCheck(check: ModelCheck, config: SeerConfig, style: Style): string {
  const line = `${MARKS[check.status]} ${check.model}  ${check.status}`;
  if (check.status === 'reachable') return line;
  const baseURL = config.models.find((endpoint) => endpoint.preset.id === check.model)?.baseURL ?? '';
  return `${line}: ${check.detail} ${style.dim(`(${PROVIDER_NAMES[check.provider]}, ${baseURL})`)}`;
}

/** The last line: how many models are reachable, and what the others need. */
function formatSummary(checks: ModelCheck[]): string {
  const count = (status: ModelCheck['status']) => checks.filter((check) => check.status === status).length;
  const models = `model${checks.length === 1 ? '' : 's'}`;
  if (count('reachable') === checks.length) return `All ${checks.length} ${models} reachable.`;
  return (
    `${count('reachable')} of ${checks.length} ${models} reachable, ${count('unknown')} unknown, ` +
    `${count('failing')} failing: check the key, the region (DASHSCOPE_REGION) and the base URL of each.`
  );
}

/**
 * `seer doctor`: asks each configured provider which of Seer's models this key (and region) can reach,
 * and prints one line per model and a summary. Resolves with 0 when every model is reachable, 2 when
 * any is unknown or failing.
 *
 * @throws ConfigError when only the demo is configured: there is nothing to check.
 */
export async function runDoctor(options: DoctorOptions, context: CommandContext): Promise<ExitCodeValue> {
  const { config } = readCLIConfiguration(context.directory);
  if (hasOnlyDemo(config)) {
    throw new ConfigError(
      'No model is configured, only the demo, which needs no provider. Set DASHSCOPE_API_KEY, ' +
        'OPENAI_API_KEY or OPENROUTER_API_KEY (or SEER_BASE_URL with SEER_MODEL) in the environment ' +
        'or in seer.config.json, then run seer doctor again.',
    );
  }
  const checks = await checkModels(config);
  if (options.json === true) {
    context.stdout.write(`${JSON.stringify(checks, null, 2)}\n`);
  } else {
    const style = createStyle(context.terminal.isStdoutTTY && !context.terminal.hasNoColor);
    const lines = checks.map((check) => formatCheck(check, config, style));
    context.stdout.write(`${[...lines, formatSummary(checks)].join('\n')}\n`);
  }
  return checks.every((check) => check.status === 'reachable') ? ExitCode.success : ExitCode.upstream;
}
