import type { ModelEntry, ModelInfo } from '../contract/models';
import type { Template } from '../templates/template';
import { taskModelId } from './chat-model';

/**
 * The entries of `GET /v1/models` in OpenAI's list form: each model as Seer describes it, followed by
 * one entry per task (`qvq-max/math-pattern`), so that a client that can only pick a model can still
 * run a task. A task entry carries its model's description, with `task` and `model` naming what it
 * runs; it is never the default.
 *
 * @param created the `created` of every entry: when this server started, in Unix seconds.
 */
export function listModelEntries(
  models: readonly ModelInfo[],
  templates: readonly Template[],
  created: number,
): ModelEntry[] {
  return models.flatMap((info) => {
    const { default: _default, ...description } = info;
    const entry: ModelEntry = { ...info, object: 'model', created, owned_by: info.provider };
    const tasks = templates.map(
      (template): ModelEntry => ({
        ...description,
        id: taskModelId(info.id, template.id),
        label: `${info.label} · ${template.title.en}`,
        object: 'model',
        created,
        owned_by: info.provider,
        task: template.id,
        model: info.id,
      }),
    );
    return [entry, ...tasks];
  });
}
