import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeFolder, runSeer, writePuzzle } from '../test/test-support';

const dashScope = { DASHSCOPE_API_KEY: 'test', DASHSCOPE_BASE_URL: 'http://127.0.0.1:9/v1' };
let folder: string;

beforeAll(async () => {
  folder = await makeFolder();
  await writePuzzle(folder);
});

describe('unknown names get the nearest ones', () => {
  it('offers the task a typo away, and lists the tasks there are', async () => {
    const run = await runSeer(['analyze', 'puzzle.png', '--task', 'math-patern'], { cwd: folder });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'seer: There is no task "math-patern". Did you mean "math-pattern"? The tasks are palm-reading, multi-image-compare, math-pattern, video-narration, locate, freeform.\n',
    );
  });

  it('lists the tasks without a guess when nothing is near, and says "task" for preprocess --task too', async () => {
    const far = await runSeer(['analyze', 'puzzle.png', '--task', 'horoscope'], { cwd: folder });
    expect(far.code).toBe(1);
    expect(far.stderr).toMatch(/^seer: There is no task "horoscope"\. The tasks are palm-reading, /);
    expect(far.stderr).not.toContain('Did you mean');
    const planned = await runSeer(['preprocess', 'puzzle.png', '--task', 'video-narated'], { cwd: folder });
    expect(planned.code).toBe(1);
    expect(planned.stderr).toMatch(
      /^seer: There is no task "video-narated"\. Did you mean "video-narration"\?/,
    );
    expect(planned.stderr).not.toMatch(/template/i);
  });

  it('says "custom task" and names the file when one in SEER_TEMPLATES_DIR is broken', async () => {
    const broken = await makeFolder();
    await writePuzzle(broken);
    await mkdir(join(broken, 'my-tasks'));
    await writeFile(join(broken, 'my-tasks', 'oops.json'), '{ not json');
    const run = await runSeer(['analyze', 'puzzle.png', '--task', 'math-pattern'], {
      cwd: broken,
      env: { SEER_TEMPLATES_DIR: 'my-tasks' },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^seer: Invalid custom task oops\.json: not JSON/);
  });

  it('offers the model a typo away, among the configured ones', async () => {
    const run = await runSeer(['analyze', 'puzzle.png', '--task', 'math-pattern', '--model', 'qvq-mx'], {
      cwd: folder,
      env: dashScope,
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^seer: There is no model "qvq-mx"\. Did you mean "qvq-max"\? Configured: qvq-max, /,
    );
  });

  it('names the variable that enables a known model that is not configured', async () => {
    const run = await runSeer(['analyze', 'puzzle.png', '--task', 'math-pattern', '--model', 'gpt-5-mini'], {
      cwd: folder,
      env: dashScope,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^seer: The model "gpt-5-mini" is not configured here; set OPENAI_API_KEY to use it\. Configured: /,
    );
  });

  it('offers a model a typo away even when only the demo is configured', async () => {
    const run = await runSeer(
      ['analyze', 'puzzle.png', '--task', 'math-pattern', '--model', 'qwen3-vl-plu'],
      {
        cwd: folder,
      },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Did you mean "qwen3-vl-plus"?');
    expect(run.stderr).toContain('only "demo" is');
  });

  it('offers the command and the option a typo away', async () => {
    const command = await runSeer(['analyse', 'puzzle.png'], { cwd: folder });
    expect(command.code).toBe(1);
    expect(command.stderr).toContain("unknown command 'analyse'");
    expect(command.stderr).toContain('Did you mean analyze?');
    const option = await runSeer(['analyze', 'puzzle.png', '--task', 'math-pattern', '--modle', 'qvq-max'], {
      cwd: folder,
    });
    expect(option.code).toBe(1);
    expect(option.stderr).toContain('Did you mean --model?');
  });
});

describe('help texts', () => {
  it.each([
    [[]],
    [['analyze']],
    [['preprocess']],
    [['tasks']],
    [['models']],
    [['examples']],
    [['eval']],
    [['eval', 'generate-patterns']],
  ])('`seer %s --help` names no document outside the project', async (args) => {
    const run = await runSeer([...args, '--help'], { cwd: folder });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/SPEC|§/);
  });

  it.each([[[]], [['analyze']], [['preprocess']], [['tasks']], [['models']]])(
    '`seer %s --help` says "task", not "template"',
    async (args) => {
      const run = await runSeer([...args, '--help'], { cwd: folder });
      expect(run.stdout.replaceAll('SEER_TEMPLATES_DIR', '')).not.toMatch(/template/i);
    },
  );

  it('describes the preprocess JSON in words', async () => {
    const run = await runSeer(['preprocess', '--help'], { cwd: folder });
    expect(run.stdout.replace(/\s+/g, ' ')).toContain(
      "print the plan as one JSON document instead: the model, each item's sizes, bytes, tokens and frames, the total tokens and, where a price is known, the estimated input cost",
    );
  });
});
