import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DASHSCOPE_PRESETS, estimateInputCost, planImage } from '@seer/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeFolder, runSeer, writeClip, writePuzzle } from '../test/test-support';

const qvqMax = DASHSCOPE_PRESETS.find((preset) => preset.id === 'qvq-max')!;
const env = { DASHSCOPE_API_KEY: 'test', DASHSCOPE_BASE_URL: 'http://127.0.0.1:9/v1' };
let folder: string;
let puzzleBytes: Buffer;

beforeAll(async () => {
  folder = await makeFolder();
  puzzleBytes = await writePuzzle(folder);
  // No extension that says "video": the command must tell it by its bytes.
  await writeClip(folder, 'clip.data');
});

describe('seer preprocess', () => {
  it('prints the media plan as JSON, with the numbers planImage gives', async () => {
    const run = await runSeer(['preprocess', 'puzzle.png', '--json'], { cwd: folder, env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const plan = JSON.parse(run.stdout);
    const expected = planImage({ width: 640, height: 320 }, qvqMax);
    expect(plan.model).toBe('qvq-max');
    expect(plan.media).toHaveLength(1);
    expect(plan.media[0]).toMatchObject({
      index: 0,
      type: 'image',
      width: expected.width,
      height: expected.height,
      tokens: expected.tokens,
      originalWidth: 640,
      originalHeight: 320,
      originalBytes: puzzleBytes.length,
    });
    expect(plan.totalTokens).toBe(expected.tokens);
    expect(plan.estimatedCost).toEqual(estimateInputCost(qvqMax, expected.tokens));
  });

  it('prints a table with the sizes, tokens and total', async () => {
    const expected = planImage({ width: 640, height: 320 }, qvqMax);
    const run = await runSeer(['preprocess', 'puzzle.png', '--model', 'qvq-max'], { cwd: folder, env });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('\x1b[');
    expect(run.stdout).toContain('Media plan for qvq-max');
    const row = run.stdout.split('\n').find((line) => line.includes('puzzle.png'));
    expect(row).toBeDefined();
    expect(row).toContain('640×320');
    expect(row).toContain(`${expected.width}×${expected.height}`);
    expect(row).toMatch(new RegExp(`\\b${expected.tokens}$`));
    expect(run.stdout).toContain(`Total: ${expected.tokens} tokens`);
    expect(run.stdout).toContain(`$${estimateInputCost(qvqMax, expected.tokens)!.inputUSD.toFixed(6)}`);
  });

  it('tells a video by its content and shows its frames and duration', async () => {
    const json = await runSeer(['preprocess', 'clip.data', 'puzzle.png', '--json'], { cwd: folder, env });
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    const plan = JSON.parse(json.stdout);
    expect(plan.media.map((item: { type: string }) => item.type)).toEqual(['video', 'image']);
    const video = plan.media[0];
    expect(video).toMatchObject({ originalWidth: 320, originalHeight: 240, durationSeconds: 3 });
    expect(video.frames.length).toBeGreaterThanOrEqual(4);
    expect(plan.totalTokens).toBe(video.tokens + plan.media[1].tokens);

    const table = await runSeer(['preprocess', 'clip.data'], { cwd: folder, env });
    expect(table.code).toBe(0);
    const row = table.stdout.split('\n').find((line) => line.includes('clip.data'));
    expect(row).toContain('320×240');
    expect(row).toContain(`${video.frames.length} frames of 3.0 s at 10 fps`);
  });

  it('reads seer.config.json, plans for the demo model when nothing is configured, and fails in one line on a missing file', async () => {
    const demo = await runSeer(['preprocess', 'puzzle.png', '--json'], { cwd: folder });
    expect(demo.code).toBe(0);
    expect(JSON.parse(demo.stdout).model).toBe('demo');
    const configured = await makeFolder();
    await writePuzzle(configured);
    await writeFile(join(configured, 'seer.config.json'), JSON.stringify(env));
    const fromFile = await runSeer(['preprocess', 'puzzle.png', '--json'], { cwd: configured });
    expect(fromFile.stderr).toBe('');
    expect(JSON.parse(fromFile.stdout).model).toBe('qvq-max');
    const wrongTask = await runSeer(['preprocess', 'puzzle.png', '--task', 'video-narration'], {
      cwd: folder,
      env,
    });
    expect(wrongTask.code).toBe(1);
    expect(wrongTask.stderr).toMatch(/^seer: [^\n]+\n$/);
    const missing = await runSeer(['preprocess', 'nothing.png'], { cwd: folder, env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^seer: [^\n]+\n$/);
  });
});

describe('seer preprocess for a model that is not configured', () => {
  it('plans with the preset of a known model without its key, and says nothing would be sent', async () => {
    const expected = planImage({ width: 640, height: 320 }, qvqMax);
    const json = await runSeer(['preprocess', 'puzzle.png', '--model', 'qvq-max', '--json'], { cwd: folder });
    expect(json.code).toBe(0);
    expect(json.stderr).toBe(
      'seer: qvq-max is not configured here, so nothing would be sent to it; set DASHSCOPE_API_KEY to use it. This plan uses its preset.\n',
    );
    const plan = JSON.parse(json.stdout);
    expect(plan).toMatchObject({ model: 'qvq-max', totalTokens: expected.tokens });
    expect(plan.media[0]).toMatchObject({ width: expected.width, height: expected.height });
    expect(plan.estimatedCost).toEqual(estimateInputCost(qvqMax, expected.tokens));

    const table = await runSeer(['preprocess', 'puzzle.png', '--model', 'gpt-5-mini'], { cwd: folder, env });
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('Media plan for gpt-5-mini');
    expect(table.stderr).toContain('set OPENAI_API_KEY to use it');
  });

  it('still refuses an unknown model, offering the nearest names', async () => {
    const run = await runSeer(['preprocess', 'puzzle.png', '--model', 'qvq-mx'], { cwd: folder });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^seer: [^\n]*"qvq-mx"[^\n]*Did you mean "qvq-max"\?[^\n]*\n$/);
  });
});
