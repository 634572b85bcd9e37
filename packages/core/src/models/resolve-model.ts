import { didYouMean, RequestError } from '../errors';
import type { ModelEndpoint, SeerConfig } from './config';
import { enablingVariables, findKnownPreset, KNOWN_PRESETS } from './known-presets';

/**
 * Finds the request's model; 404 `unknown_model`, or 503 when only the demo model is configured. The
 * message names the variable that enables a model Seer knows but cannot reach here, or else the nearest
 * ids, configured or not.
 */
export function resolveModel(config: SeerConfig, id: string | undefined): ModelEndpoint {
  const modelId = id ?? config.defaultModelId;
  const endpoint = config.models.find((candidate) => candidate.preset.id === modelId);
  if (endpoint) return endpoint;
  const known = findKnownPreset(modelId);
  const variables = known ? enablingVariables(known.provider) : undefined;
  const configured = config.models.map((candidate) => candidate.preset.id);
  const suggestion = didYouMean(modelId, [...configured, ...KNOWN_PRESETS.map((preset) => preset.id)]);
  const onlyDemo = config.models.every((candidate) => candidate.preset.provider === 'demo');
  if (onlyDemo) {
    throw new RequestError({
      code: 'no_model_configured',
      status: 503,
      message: variables
        ? `No model is configured, so "${modelId}" is not available; only "demo" is. Set ${variables} to use it.`
        : `No model is configured, so "${modelId}" is not available; only "demo" is.${suggestion ? ` ${suggestion}` : ''} Set DASHSCOPE_API_KEY or SEER_BASE_URL and SEER_MODEL.`,
    });
  }
  throw new RequestError({
    code: 'unknown_model',
    status: 404,
    message: variables
      ? `The model "${modelId}" is not configured here; set ${variables} to use it. Configured: ${configured.join(', ')}.`
      : `There is no model "${modelId}".${suggestion ? ` ${suggestion}` : ''} Configured: ${configured.join(', ')}.`,
  });
}
