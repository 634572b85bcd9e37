import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type MockUpstream, startMockUpstream } from '@seer/mock-upstream';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeFolder, runSeer, writePuzzle } from '../test/test-support';

const REASONING = 'Row one: 3 + 7 = 10. Row two: 4 + 5 = 9. The third number is the sum of the first two.';
const ANSWER = 'Rule: the third number is the sum of the first two.\n\\boxed{10}';

type ChatBody = {
  model: string;
  messages: { role: string; content: { type: string; text?: string; image_url?: { url: string } }[] }[];
};

let mock: MockUpstream;
let folder: string;
let env: Record<string, string>;

beforeAll(async () => {
  mock = await startMockUpstream();
  folder = await makeFolder();
  await writePuzzle(folder);
  await writeFile(join(folder, 'notes.txt'), 'This is not a picture.\n');
  env = { DASHSCOPE_API_KEY: 'test', DASHSCOPE_BASE_URL: mock.url };
});

afterAll(async () => {
  await mock.close();
});

beforeEach(() => {
  mock.reset();
});

function scriptAnswer(): void {
  mock.script({ kind: 'stream', dialect: 'reasoning_content', reasoning: REASONING, answer: ANSWER });
}

describe('seer analyze --json', () => {
  it('prints one JSON document with the thinking, the answer, the result and the media', async () => {
    scriptAnswer();
    const run = await runSeer(
      ['analyze', 'puzzle.png', '--task', 'math-pattern', '--model', 'qvq-max', '--json'],
      {
        cwd: folder,
        env,
      },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const document = JSON.parse(run.stdout);
    expect(document).toMatchObject({
      model: 'qvq-max',
      template: 'math-pattern',
      locale: 'en',
      reasoning: REASONING,
      text: ANSWER,
      result: { answer: '10', rule: 'the third number is the sum of the first two.' },
      finishReason: 'stop',
    });
    expect(document.usage.inputTokens).toBeGreaterThan(0);
    expect(document.usage.outputTokens).toBeGreaterThan(0);
    expect(document.media).toHaveLength(1);
    expect(document.media[0]).toMatchObject({
      index: 0,
      type: 'image',
      mime: 'image/png',
      originalWidth: 640,
      originalHeight: 320,
    });
    expect(document.media[0].width % 28).toBe(0);
    expect(document.media[0].height % 28).toBe(0);
    expect(document.media[0].tokens).toBe((document.media[0].width / 28) * (document.media[0].height / 28));

    expect(mock.requests).toHaveLength(1);
    const body = mock.requests[0]!.body as ChatBody;
    expect(body.model).toBe('qvq-max');
    expect(body.messages.map((message) => message.role)).toEqual(['user']);
    const [image, instruction] = body.messages[0]!.content;
    expect(image?.type).toBe('image_url');
    const sent = Buffer.from(image!.image_url!.url.replace(/^data:image\/png;base64,/, ''), 'base64');
    const metadata = await sharp(sent).metadata();
    expect([metadata.width, metadata.height]).toEqual([document.media[0].width, document.media[0].height]);
    expect(instruction?.type).toBe('text');
    expect(instruction?.text).toContain('number-pattern puzzle');
    expect(instruction?.text).toContain('\\boxed{<final answer>}');
  });

  it('sends the Chinese instruction with --locale zh', async () => {
    scriptAnswer();
    const run = await runSeer(
      ['analyze', 'puzzle.png', '--task', 'math-pattern', '--model', 'qvq-max', '--locale', 'zh', '--json'],
      { cwd: folder, env },
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).locale).toBe('zh');
    const body = mock.requests[0]!.body as ChatBody;
    const text = body.messages[0]!.content.at(-1)!.text!;
    expect(text).toContain('找规律');
    expect(text).not.toContain('Solve it');
  });

  it('passes --question and --budget on to a model that takes a budget', async () => {
    scriptAnswer();
    const run = await runSeer(
      [
        ...['analyze', 'puzzle.png', '--task', 'math-pattern', '--model', 'qwen3-vl-plus', '--json'],
        ...['--question', 'Only the bottom row matters.', '--budget', '2048'],
      ],
      { cwd: folder, env },
    );
    expect(run.code).toBe(0);
    const body = mock.requests[0]!.body as ChatBody & { enable_thinking?: boolean; thinking_budget?: number };
    expect(body.model).toBe('qwen3-vl-plus');
    expect(body.messages[0]!.content.at(-1)!.text).toContain('Only the bottom row matters.');
    expect(body.enable_thinking).toBe(true);
    expect(body.thinking_budget).toBe(2048);
    expect(JSON.parse(run.stdout).budget).toEqual({
      asked: 2048,
      how: 'thinking_budget',
      sent: 2048,
      isClamped: false,
    });
  });

  it('says when a budget was outside the model range and what was sent instead', async () => {
    scriptAnswer();
    const args = ['analyze', 'puzzle.png', '--task', 'math-pattern', '--model', 'qwen3-vl-plus'];
    const json = await runSeer([...args, '--budget', '100000', '--json'], { cwd: folder, env });
    expect(json.code).toBe(0);
    expect((mock.requests.at(-1)!.body as { thinking_budget?: number }).thinking_budget).toBe(81920);
    expect(JSON.parse(json.stdout).budget).toMatchObject({ asked: 100000, sent: 81920, isClamped: true });
    expect(json.stderr).toContain(
      "budget 100,000 sent as thinking_budget 81,920 (clamped to the model's range)",
    );
    scriptAnswer();
    const text = await runSeer([...args, '--budget', '100000'], { cwd: folder, env });
    expect(text.stdout).toContain(
      "budget 100,000 sent as thinking_budget 81,920 (clamped to the model's range)",
    );
  });
});

describe('seer analyze with a custom task', () => {
  it('runs a template from SEER_TEMPLATES_DIR, relative to the working directory', async () => {
    await mkdir(join(folder, 'tasks'), { recursive: true });
    await writeFile(
      join(folder, 'tasks', 'digit-sum.json'),
      JSON.stringify({
        id: 'digit-sum',
        title: { en: 'Digit sum', zh: '数字之和' },
        description: { en: 'Adds every digit in the picture.', zh: '把图里的数字加起来。' },
        media: { image: { min: 1, max: 1 }, video: { min: 0, max: 0 } },
        prompt: {
          en: 'Add up every digit you see. End with \\boxed{sum}.',
          zh: '把图里的数字全部加起来，最后写 \\boxed{和}。',
        },
        result: 'answer',
      }),
    );
    mock.script({
      kind: 'stream',
      dialect: 'reasoning_content',
      reasoning: '3+7+10+4+5',
      answer: '\\boxed{29}',
    });
    const run = await runSeer(
      ['analyze', 'puzzle.png', '--task', 'digit-sum', '--model', 'qvq-max', '--json'],
      {
        cwd: folder,
        env: { ...env, SEER_TEMPLATES_DIR: 'tasks' },
      },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).result).toEqual({ answer: '29' });
    const body = mock.requests[0]!.body as ChatBody;
    expect(body.messages[0]!.content.at(-1)!.text).toBe('Add up every digit you see. End with \\boxed{sum}.');
  });
});

describe('seer analyze in a terminal', () => {
  it('streams the thinking under a heading, then the answer, then the usage', async () => {
    scriptAnswer();
    const run = await runSeer(['analyze', 'puzzle.png', '--task', 'math-pattern', '--model', 'qvq-max'], {
      cwd: folder,
      env,
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    // Not a terminal: no ANSI codes, and no spinner.
    expect(run.stdout).not.toContain('\x1b[');
    const thinking = run.stdout.indexOf('Thinking\n');
    const reasoning = run.stdout.indexOf(REASONING);
    const answerHeading = run.stdout.indexOf('Answer\n');
    const answer = run.stdout.indexOf(ANSWER);
    expect(thinking).toBeGreaterThan(-1);
    expect(reasoning).toBeGreaterThan(thinking);
    expect(answerHeading).toBeGreaterThan(reasoning);
    expect(answer).toBeGreaterThan(answerHeading);
    expect(run.stdout.slice(answer + ANSWER.length)).toMatch(
      /\d+ in · \d+ out .*tokens.* s in all · stop\n$/,
    );
  });

  it('runs the demo model when nothing is configured', async () => {
    const run = await runSeer(['analyze', 'puzzle.png', '--task', 'math-pattern'], { cwd: folder });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('demo · math-pattern · 1 image');
    expect(run.stdout).toContain('Demo model: connect a real model');
  });
});

describe('seer analyze failures', () => {
  const expectOneLine = (stderr: string) => {
    expect(stderr).toMatch(/^seer: [^\n]+\n$/);
  };

  it('refuses a missing file', async () => {
    const run = await runSeer(['analyze', 'missing.png', '--task', 'math-pattern', '--json'], {
      cwd: folder,
      env,
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expectOneLine(run.stderr);
    expect(run.stderr).toContain('missing.png');
    expect(mock.requests).toHaveLength(0);
  });

  it('refuses an unknown task', async () => {
    const run = await runSeer(['analyze', 'puzzle.png', '--task', 'horoscope'], { cwd: folder, env });
    expect(run.code).toBe(1);
    expectOneLine(run.stderr);
    expect(run.stderr).toContain('horoscope');
  });

  it('refuses a text file, judged by its content', async () => {
    const run = await runSeer(['analyze', 'notes.txt', '--task', 'math-pattern', '--json'], {
      cwd: folder,
      env,
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expectOneLine(run.stderr);
    expect(mock.requests).toHaveLength(0);
  });

  it('refuses media the task does not take, and an unknown model', async () => {
    const tooMany = await runSeer(['analyze', 'puzzle.png', '--task', 'video-narration'], {
      cwd: folder,
      env,
    });
    expect(tooMany.code).toBe(1);
    expectOneLine(tooMany.stderr);
    const unknown = await runSeer(['analyze', 'puzzle.png', '--task', 'math-pattern', '--model', 'gpt-9'], {
      cwd: folder,
      env,
    });
    expect(unknown.code).toBe(1);
    expectOneLine(unknown.stderr);
    expect(unknown.stderr).toContain('gpt-9');
  });

  it('refuses a bad option value in one line', async () => {
    const run = await runSeer(['analyze', 'puzzle.png', '--task', 'math-pattern', '--budget', 'lots'], {
      cwd: folder,
      env,
    });
    expect(run.code).toBe(1);
    expectOneLine(run.stderr);
  });

  it('exits 2 when the provider answers 400', async () => {
    mock.script({ kind: 'status', status: 400 });
    const run = await runSeer(
      ['analyze', 'puzzle.png', '--task', 'math-pattern', '--model', 'qvq-max', '--json'],
      {
        cwd: folder,
        env,
      },
    );
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expectOneLine(run.stderr);
    expect(run.stderr).toContain('400');
  });

  it('prints what arrived and exits 2 when the stream fails in the middle', async () => {
    mock.script({
      kind: 'stream',
      dialect: 'reasoning_content',
      reasoning: REASONING,
      answer: ANSWER,
      fault: { after: 4, type: 'error-event' },
    });
    const json = await runSeer(
      ['analyze', 'puzzle.png', '--task', 'math-pattern', '--model', 'qvq-max', '--json'],
      {
        cwd: folder,
        env,
      },
    );
    expect(json.code).toBe(2);
    expectOneLine(json.stderr);
    const { error } = JSON.parse(json.stdout);
    expect(error.code).toMatch(/^upstream/);
    expect(REASONING.startsWith(error.partial.reasoning)).toBe(true);
    expect(error.partial.reasoning.length).toBeGreaterThan(0);

    mock.script({
      kind: 'stream',
      dialect: 'reasoning_content',
      reasoning: REASONING,
      answer: ANSWER,
      fault: { after: 4, type: 'error-event' },
    });
    const text = await runSeer(['analyze', 'puzzle.png', '--task', 'math-pattern', '--model', 'qvq-max'], {
      cwd: folder,
      env,
    });
    expect(text.code).toBe(2);
    expect(text.stdout).toContain('Thinking\n');
    expectOneLine(text.stderr);
  });
});
