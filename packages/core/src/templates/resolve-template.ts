import { didYouMean, RequestError } from '../errors';
import { findTemplate, listTemplates } from './registry';
import type { Template } from './template';

/**
 * Finds the request's template, built-in or custom; 404 `unknown_template` when there is none, saying
 * "task" as the CLI and the playground do, with the nearest ids and the list of them all.
 */
export function resolveTemplate(id: string, custom: readonly Template[] = []): Template {
  const template = findTemplate(id, custom);
  if (!template) {
    const ids = [...listTemplates(), ...custom].map((candidate) => candidate.id);
    const suggestion = didYouMean(id, ids);
    throw new RequestError({
      code: 'unknown_template',
      status: 404,
      message: `There is no task "${id}".${suggestion ? ` ${suggestion}` : ''} The tasks are ${ids.join(', ')}.`,
    });
  }
  return template;
}
