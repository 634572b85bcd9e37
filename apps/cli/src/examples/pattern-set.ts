import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makePatternPuzzle } from './pattern-puzzle';

/**
 * Writes a synthetic number-pattern set in MathVision's format: `patterns.jsonl` and the puzzle images
 * under `images/`, with known answers, for offline runs and tests.
 */
export async function generatePatternSet(count: number, out: string, seed = 1): Promise<string> {
  await mkdir(join(out, 'images'), { recursive: true });
  const lines: string[] = [];
  for (let index = 0; index < count; index++) {
    const puzzle = await makePatternPuzzle({ seed: seed + index * 7919 });
    const image = `images/pattern-${index + 1}.png`;
    await writeFile(join(out, image), puzzle.png);
    lines.push(
      JSON.stringify({
        id: `pattern-${index + 1}`,
        question: '<image1>\nEach row follows the same rule. Which number replaces the question mark?',
        options: [],
        answer: puzzle.answer,
        solution: puzzle.rule.en,
        level: puzzle.rows.length,
        subject: 'number pattern',
        image,
      }),
    );
  }
  const path = join(out, 'patterns.jsonl');
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}
