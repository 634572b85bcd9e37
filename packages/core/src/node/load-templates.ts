import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors';
import { CustomTemplateSchema, templateFromDefinition } from '../templates/custom-template';
import { getTemplate } from '../templates/registry';
import type { Template } from '../templates/template';

/**
 * Loads the custom templates of a folder (`SEER_TEMPLATES_DIR`): every `*.json` file holds one
 * definition, validated with zod. Any problem stops start-up with a message naming the file and field.
 */
export function loadTemplatesFolder(folder: string): Template[] {
  let names: string[];
  try {
    names = readdirSync(folder)
      .filter((name) => name.endsWith('.json'))
      .sort();
  } catch (error) {
    throw new ConfigError(
      `Invalid configuration: SEER_TEMPLATES_DIR ${folder} cannot be read (${(error as Error).message}).`,
    );
  }
  const templates: Template[] = [];
  for (const name of names) {
    const path = join(folder, name);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new ConfigError(`Invalid custom task ${name}: not JSON (${(error as Error).message}).`);
    }
    const parsed = CustomTemplateSchema.safeParse(json);
    if (!parsed.success) {
      const problems = parsed.error.issues.map(
        (issue) => `${issue.path.join('.') || 'the file'} ${issue.message}`,
      );
      throw new ConfigError(`Invalid custom task ${name}: ${problems.join('; ')}.`);
    }
    const { id } = parsed.data;
    if (getTemplate(id) || templates.some((template) => template.id === id)) {
      throw new ConfigError(`Invalid custom task ${name}: the id "${id}" is already taken.`);
    }
    templates.push(templateFromDefinition(parsed.data));
  }
  return templates;
}
