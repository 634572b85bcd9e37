import { RequestError } from '../errors';
import type { ModelEndpoint, SeerConfig } from '../models/config';
import { resolveModel } from '../models/resolve-model';
import { resolveTemplate } from '../templates/resolve-template';
import type { Template } from '../templates/template';

/** The model a chat request runs on, and the task whose prompt it applies, if any. */
export interface ChatTarget {
  endpoint: ModelEndpoint;
  template?: Template;
  /** The id the response names: the model's, or the task entry's (`qvq-max/math-pattern`). */
  name: string;
}

/** The id of the entry that runs `template` on `modelId`, as `GET /v1/models` lists it. */
export function taskModelId(modelId: string, templateId: string): string {
  return `${modelId}/${templateId}`;
}

/** The same Seer error, naming the request field at fault (`param` in OpenAI's error shape). */
function withParam(error: unknown, param: string): unknown {
  if (!RequestError.isInstance(error)) return error;
  return new RequestError({
    code: error.code,
    status: error.status,
    message: error.message,
    details: { ...error.details, param },
  });
}

/**
 * Finds what a chat request's `model` names: a configured model, or a task entry (a configured model, a
 * slash and a task id). A model's own id wins, so a custom model named with slashes stays reachable.
 *
 * @throws RequestError 404 for an unknown model or task (503 with only the demo), naming the nearest ids.
 */
function resolveModelId(config: SeerConfig, id: string, templates: readonly Template[]): ChatTarget {
  const exact = config.models.find((endpoint) => endpoint.preset.id === id);
  if (exact) return { endpoint: exact, name: id };
  const slash = id.lastIndexOf('/');
  const base =
    slash > 0 ? config.models.find((endpoint) => endpoint.preset.id === id.slice(0, slash)) : undefined;
  try {
    if (!base) return { endpoint: resolveModel(config, id), name: id };
    const template = resolveTemplate(id.slice(slash + 1), templates);
    return { endpoint: base, template, name: taskModelId(base.preset.id, template.id) };
  } catch (error) {
    throw withParam(error, 'model');
  }
}

/**
 * The model and task of a chat request: from `model` (a model or a task entry) and, for programs, the
 * `seer.template` option.
 *
 * @throws RequestError 404 for an unknown model or task; 400 when `model` is a task entry and
 * `seer.template` names another task.
 */
export function resolveChatTarget(
  config: SeerConfig,
  modelId: string,
  templateId: string | undefined,
  templates: readonly Template[] = [],
): ChatTarget {
  const target = resolveModelId(config, modelId, templates);
  if (templateId === undefined) return target;
  if (target.template && target.template.id !== templateId) {
    throw new RequestError({
      code: 'invalid_request',
      message: `The model "${modelId}" already runs the task ${target.template.id}, and seer.template names ${templateId}: give one task.`,
      details: { param: 'seer.template' },
    });
  }
  if (target.template) return target;
  try {
    return { ...target, template: resolveTemplate(templateId, templates) };
  } catch (error) {
    throw withParam(error, 'seer.template');
  }
}
