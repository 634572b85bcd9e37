import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { makeExampleClip } from '@seer/core/node';
import type { CommandContext } from '../command-context';
import { makePatternPuzzle } from '../examples/pattern-puzzle';
import { ExitCode, type ExitCodeValue } from '../exit-code';
import { commandName } from '../invocation';

/** The options of `seer examples`. */
export interface ExamplesOptions {
  out: string;
  seed?: number;
}

/**
 * `seer examples`: writes material to try Seer with, made here (no downloads): a number-pattern puzzle
 * like QVQ-Max's launch demo (`puzzle.png`, its answer in `puzzle.json`) and a short clip (`clip.mp4`).
 */
export async function runExamples(options: ExamplesOptions, context: CommandContext): Promise<ExitCodeValue> {
  const folder = resolve(context.directory, options.out);
  await mkdir(folder, { recursive: true });
  const puzzle = await makePatternPuzzle({ seed: options.seed ?? 7, rule: 0 });
  await writeFile(resolve(folder, 'puzzle.png'), puzzle.png);
  await writeFile(
    resolve(folder, 'puzzle.json'),
    `${JSON.stringify({ rows: puzzle.rows, answer: puzzle.answer, rule: puzzle.rule }, null, 2)}\n`,
  );
  await writeFile(resolve(folder, 'clip.mp4'), await makeExampleClip());
  const seer = commandName();
  context.stdout.write(
    [
      `Wrote ${folder}/puzzle.png (answer ${puzzle.answer}: ${puzzle.rule.en}), puzzle.json and clip.mp4.`,
      'Try:',
      `  ${seer} analyze ${options.out}/puzzle.png --task math-pattern`,
      `  ${seer} analyze ${options.out}/clip.mp4 --task video-narration`,
      '',
    ].join('\n'),
  );
  return ExitCode.success;
}
