import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BUILT_IN_TEMPLATE_IDS } from '@seer/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeFolder, runSeer } from '../test/test-support';

let folder: string;

beforeAll(async () => {
  folder = await makeFolder();
  await mkdir(join(folder, 'my-tasks'));
  await writeFile(
    join(folder, 'my-tasks', 'digit-sum.json'),
    JSON.stringify({
      id: 'digit-sum',
      title: { en: 'Digit sum', zh: '数字之和' },
      description: { en: 'Adds every digit in the picture.', zh: '把图里的数字加起来。' },
      media: { image: { min: 1, max: 1 }, video: { min: 0, max: 0 } },
      prompt: { en: 'Add up every digit. End with \\boxed{sum}.', zh: '把数字加起来，最后写 \\boxed{和}。' },
      question: 'required',
    }),
  );
});

function rowOf(stdout: string, id: string): string {
  const row = stdout.split('\n').find((line) => line.startsWith(`${id} `));
  expect(row, `a row for ${id}`).toBeDefined();
  return row!;
}

describe('seer tasks', () => {
  it('lists every built-in task with its title, the media it takes in words, and its question', async () => {
    const run = await runSeer(['tasks'], { cwd: folder });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('\x1b[');
    for (const id of BUILT_IN_TEMPLATE_IDS) rowOf(run.stdout, id);
    expect(rowOf(run.stdout, 'math-pattern')).toMatch(
      /Math patterns\s+1 to 4 images and no video\s+optional$/,
    );
    expect(rowOf(run.stdout, 'video-narration')).toContain('exactly 1 video and no images');
    expect(rowOf(run.stdout, 'freeform')).toMatch(/up to 8 images or 1 video, not both\s+required$/);
    expect(run.stdout).toContain('seer analyze <files…> --task <task>');
  });

  it('shows Chinese titles with --locale zh, still in aligned columns', async () => {
    const run = await runSeer(['tasks', '--locale', 'zh'], { cwd: folder });
    expect(run.code).toBe(0);
    const palm = rowOf(run.stdout, 'palm-reading');
    const video = rowOf(run.stdout, 'video-narration');
    expect(palm).toContain('手相解读');
    expect(run.stdout).not.toContain('Palm reading');
    // Both titles are four wide characters: the media column starts at the same place in each row.
    expect(palm.indexOf('1 to 2 images')).toBe(video.indexOf('exactly 1 video'));
  });

  it('adds the custom tasks of SEER_TEMPLATES_DIR and marks where they come from', async () => {
    const run = await runSeer(['tasks'], { cwd: folder, env: { SEER_TEMPLATES_DIR: 'my-tasks' } });
    expect(run.code).toBe(0);
    expect(rowOf(run.stdout, 'digit-sum')).toMatch(
      /Digit sum\s+exactly 1 image and no video\s+required\s+SEER_TEMPLATES_DIR$/,
    );
    expect(rowOf(run.stdout, 'math-pattern')).toMatch(/built-in$/);
  });

  it('prints JSON for machines with --json: both titles, the media rules, the question and the origin', async () => {
    const run = await runSeer(['tasks', '--json'], { cwd: folder, env: { SEER_TEMPLATES_DIR: 'my-tasks' } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const tasks = JSON.parse(run.stdout);
    expect(tasks.map((task: { id: string }) => task.id)).toEqual([...BUILT_IN_TEMPLATE_IDS, 'digit-sum']);
    expect(tasks.at(-1)).toEqual({
      id: 'digit-sum',
      title: { en: 'Digit sum', zh: '数字之和' },
      description: { en: 'Adds every digit in the picture.', zh: '把图里的数字加起来。' },
      media: { image: { min: 1, max: 1 }, video: { min: 0, max: 0 }, allowsMixing: false },
      inputs: { question: 'required' },
      isBuiltIn: false,
    });
    expect(tasks[0]).toMatchObject({ id: 'palm-reading', isBuiltIn: true, inputs: { question: 'optional' } });
  });
});

describe('seer models', () => {
  it('lists every known model, says what enables the ones not configured, and explains the columns', async () => {
    const run = await runSeer(['models'], { cwd: folder });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(rowOf(run.stdout, 'qvq-max')).toMatch(
      /^qvq-max\s+dashscope\s+set DASHSCOPE_API_KEY \(intl, cn\)\s+always\s+forced 1–16,384\s+yes\s+\$1\.20 \/ \$4\.80$/,
    );
    expect(rowOf(run.stdout, 'qwen3-vl-plus')).toMatch(
      /optional\s+native 1,024–81,920\s+yes\s+\$0\.20 \/ \$1\.60$/,
    );
    expect(rowOf(run.stdout, 'qwen-vl-max')).toMatch(/none\s+none\s+yes/);
    expect(rowOf(run.stdout, 'gpt-5-mini')).toMatch(
      /openai\s+set OPENAI_API_KEY\s+hidden\s+effort minimal–high/,
    );
    expect(rowOf(run.stdout, 'openrouter/qwen3-vl-235b-thinking')).toContain('set OPENROUTER_API_KEY');
    expect(rowOf(run.stdout, 'qvq-plus')).toMatch(/set DASHSCOPE_API_KEY \(cn\)\s.*—$/);
    expect(rowOf(run.stdout, 'demo')).toMatch(/^demo \(default\)\s+demo\s+yes\s+always\s+none/);
    expect(run.stdout).toContain('forced, Seer cuts the thinking there itself');
    expect(run.stdout).toContain('per million input / output tokens');
  });

  it('marks the configured models and the default, including a custom endpoint', async () => {
    const run = await runSeer(['models'], {
      cwd: folder,
      env: { DASHSCOPE_API_KEY: 'test', SEER_BASE_URL: 'http://127.0.0.1:9/v1', SEER_MODEL: 'qwen2.5-vl-7b' },
    });
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[1]).toMatch(/^qwen2\.5-vl-7b \(default\)\s+custom\s+yes\s+optional\s+forced 1–131,072/);
    expect(rowOf(run.stdout, 'qvq-max')).toMatch(/^qvq-max\s+dashscope\s+yes\s/);
    expect(rowOf(run.stdout, 'gpt-5-mini')).toContain('set OPENAI_API_KEY');
  });

  it('prints JSON for machines with --json, each model with isConfigured and enabledBy', async () => {
    const run = await runSeer(['models', '--json'], { cwd: folder, env: { OPENAI_API_KEY: 'test' } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const models = JSON.parse(run.stdout) as {
      id: string;
      isConfigured: boolean;
      enabledBy: string | null;
    }[];
    const byId = new Map(models.map((model) => [model.id, model]));
    expect(byId.get('gpt-5-mini')).toMatchObject({
      provider: 'openai',
      default: true,
      thinking: 'hidden',
      budget: { control: 'effort', min: 1024, max: 32768 },
      supportsVideo: true,
      prices: { inputPerMillion: 0.25, outputPerMillion: 2 },
      isConfigured: true,
      enabledBy: 'OPENAI_API_KEY',
    });
    expect(byId.get('qvq-max')).toMatchObject({ isConfigured: false, enabledBy: 'DASHSCOPE_API_KEY' });
    expect(byId.get('qvq-plus')).not.toHaveProperty('prices');
    expect(byId.get('demo')).toMatchObject({ isConfigured: true, enabledBy: null });
  });
});

describe('help for seer tasks and seer models', () => {
  it.each([['tasks'], ['models']])(
    '`seer %s --help` describes the command and gives examples',
    async (name) => {
      const run = await runSeer([name, '--help'], { cwd: folder });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Usage: seer ${name}`);
      expect(run.stdout).toContain('--json');
      expect(run.stdout).toContain(`Examples:\n  seer ${name}\n`);
      const overview = await runSeer(['--help'], { cwd: folder });
      expect(overview.stdout).toMatch(new RegExp(`\\n  ${name} \\[options\\]\\s+list the`));
    },
  );
});
