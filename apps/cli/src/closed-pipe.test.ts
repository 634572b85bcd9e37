import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeFolder, runSeerClosingStdout, writePuzzle } from '../test/test-support';

const launcher = new URL('../bin/seer.js', import.meta.url).pathname;
let folder: string;

beforeAll(async () => {
  folder = await makeFolder();
  await writePuzzle(folder);
});

/** Runs `seer <args> | head -n 1` in a shell and returns what the command wrote to stderr. */
async function throughHead(args: string): Promise<{ stdout: string; stderr: string }> {
  return promisify(execFile)('sh', ['-c', `"${process.execPath}" "${launcher}" ${args} | head -n 1`], {
    cwd: folder,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
  });
}

describe('seer with a reader that stops early', () => {
  it('stops a streaming analysis quietly when stdout closes after the first chunk', async () => {
    // The demo model writes its thinking in timed pieces, so the command keeps writing after the close.
    const run = await runSeerClosingStdout(['analyze', 'puzzle.png', '--task', 'math-pattern'], {
      cwd: folder,
    });
    expect(run.stdout).toContain('demo · math-pattern');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it.each([
    ['--help', 'Usage: seer'],
    ['tasks', 'task'],
    ['models', 'model'],
    ['examples --out try', 'Wrote'],
  ])('`seer %s | head -n 1` prints one line and nothing on stderr', async (args, expected) => {
    const { stdout, stderr } = await throughHead(args);
    expect(stderr).toBe('');
    expect(stdout.split('\n')).toHaveLength(2);
    expect(stdout).toContain(expected);
  });
});
