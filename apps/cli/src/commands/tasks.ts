import {
  describeMediaRules,
  describeTemplate,
  type Locale,
  listTemplates,
  type Template,
  type TemplateDescription,
} from '@seer/core';
import { readCLIConfiguration } from '../cli-configuration';
import type { CommandContext } from '../command-context';
import { ExitCode, type ExitCodeValue } from '../exit-code';
import { createStyle, formatTable } from '../terminal';

/** The options of `seer tasks`. */
export interface TasksOptions {
  /** The language of the titles in the table. */
  locale: Locale;
  json?: boolean;
}

/** One task as `seer tasks --json` lists it: what `GET /v1/templates` says, and whether it is built in. */
export type TaskListing = TemplateDescription & { isBuiltIn: boolean };

/** The built-in tasks, then the custom ones of `SEER_TEMPLATES_DIR`, as `seer tasks --json` lists them. */
export function listTasks(custom: readonly Template[]): TaskListing[] {
  return [
    ...listTemplates().map((template) => ({ ...describeTemplate(template), isBuiltIn: true })),
    ...custom.map((template) => ({ ...describeTemplate(template), isBuiltIn: false })),
  ];
}

/** The tasks as a table for people: id, title in `locale`, the media each takes in words, the question. */
export function formatTasks(tasks: readonly TaskListing[], locale: Locale, isStyled: boolean): string {
  const style = createStyle(isStyled);
  const hasCustom = tasks.some((task) => !task.isBuiltIn);
  const header = ['task', 'title', 'media', 'question', ...(hasCustom ? ['from'] : [])];
  const rows = tasks.map((task) => [
    task.id,
    task.title[locale],
    describeMediaRules(task.media),
    task.inputs.question,
    ...(hasCustom ? [task.isBuiltIn ? 'built-in' : 'SEER_TEMPLATES_DIR'] : []),
  ]);
  const [headerLine, ...rowLines] = formatTable([header, ...rows]).split('\n');
  return [
    style.dim(headerLine ?? ''),
    ...rowLines,
    '',
    'Run one with: seer analyze <files…> --task <task>. A required question is given with --question.',
  ].join('\n');
}

/**
 * `seer tasks`: lists the tasks Seer can run here, the built-in ones and the custom ones of
 * `SEER_TEMPLATES_DIR`, so that `--task` need not be guessed. Resolves with the exit code.
 */
export async function runTasks(options: TasksOptions, context: CommandContext): Promise<ExitCodeValue> {
  const { templates } = readCLIConfiguration(context.directory);
  const tasks = listTasks(templates);
  context.stdout.write(
    options.json === true
      ? `${JSON.stringify(tasks, null, 2)}\n`
      : `${formatTasks(tasks, options.locale, context.terminal.isStdoutTTY && !context.terminal.hasNoColor)}\n`,
  );
  return ExitCode.success;
}
