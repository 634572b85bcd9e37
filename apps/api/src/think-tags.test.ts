import { ConfigError, loadConfig } from '@seer/core';
import { type MockUpstream, startMockUpstream } from '@seer/mock-upstream';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { foldDeltas, postAnalysis, type RunningAPI, readEvents, startAPI } from '../test/test-support';

const THINKING_MODEL = 'Qwen/Qwen3-VL-8B-Thinking';
const OTHER_MODEL = 'local-vlm';
const thought = 'I look at the rows… each one sums its first two numbers, 3 + 7 = 10.';
const answer = 'The answer is \\boxed{10}';

let puzzle: string;
let mock: MockUpstream;
let thinkingAPI: RunningAPI;
let declaredAPI: RunningAPI;

beforeAll(async () => {
  const png = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#fff' } })
    .png()
    .toBuffer();
  puzzle = `data:image/png;base64,${png.toString('base64')}`;
  mock = await startMockUpstream();
  thinkingAPI = await startAPI({ SEER_BASE_URL: mock.url, SEER_MODEL: THINKING_MODEL });
  declaredAPI = await startAPI({
    SEER_BASE_URL: mock.url,
    SEER_MODEL: OTHER_MODEL,
    SEER_MODEL_THINK_TAGS: 'implicit',
  });
});
afterAll(async () => {
  await thinkingAPI?.close();
  await declaredAPI?.close();
  await mock?.close();
});
beforeEach(() => mock.reset());

const mathRequest = () => ({ template: 'math-pattern', media: [{ type: 'image', url: puzzle }] });

describe('a thought whose opening <think> the chat template wrote (vLLM without a reasoning parser)', () => {
  it.each([
    { name: `${THINKING_MODEL}, implicit by default`, api: () => thinkingAPI },
    { name: `${OTHER_MODEL} with SEER_MODEL_THINK_TAGS=implicit`, api: () => declaredAPI },
  ])('$name: the thought is thinking and the answer is the answer', async ({ api }) => {
    mock.script({ kind: 'stream', dialect: 'none', answer: `${thought}</think>${answer}`, chunkChars: 5 });
    const log = await readEvents(await postAnalysis(api(), mathRequest()));
    expect(log.reasoning).toBe(thought);
    expect(log.text).toBe(answer);
    expect(foldDeltas(log.types)).toEqual([
      'start',
      'media',
      'reasoning-start',
      'reasoning-delta',
      'reasoning-end',
      'text-start',
      'text-delta',
      'text-end',
      'finish',
    ]);
    expect(log.events.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: 'stop',
      result: { answer: '10' },
    });
  });

  it('leaves the content the answer when the server parsed the thought out into reasoning_content', async () => {
    mock.script({ kind: 'stream', dialect: 'reasoning_content', reasoning: thought, answer });
    const log = await readEvents(await postAnalysis(thinkingAPI, mathRequest()));
    expect(log.reasoning).toBe(thought);
    expect(log.text).toBe(answer);
    expect(log.events.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: 'stop',
      result: { answer: '10' },
    });
  });
});

describe('SEER_MODEL_THINK_TAGS', () => {
  const thinkTags = (environment: Record<string, string>) =>
    loadConfig({ SEER_BASE_URL: 'http://127.0.0.1:9/v1', ...environment }).models[0]!.preset.thinking
      .thinkTags;

  it('defaults to implicit for a model id that says thinking, in any case, and to auto otherwise', () => {
    expect(thinkTags({ SEER_MODEL: THINKING_MODEL })).toBe('implicit');
    expect(thinkTags({ SEER_MODEL: 'glm-4.1v-9b-THINKING' })).toBe('implicit');
    expect(thinkTags({ SEER_MODEL: 'Qwen/Qwen3-VL-8B-Instruct' })).toBe('auto');
    expect(thinkTags({ SEER_MODEL: THINKING_MODEL, SEER_MODEL_THINK_TAGS: '' })).toBe('implicit');
  });

  it('overrides the default either way', () => {
    expect(thinkTags({ SEER_MODEL: THINKING_MODEL, SEER_MODEL_THINK_TAGS: 'auto' })).toBe('auto');
    expect(thinkTags({ SEER_MODEL: THINKING_MODEL, SEER_MODEL_THINK_TAGS: 'off' })).toBe('off');
    expect(thinkTags({ SEER_MODEL: OTHER_MODEL, SEER_MODEL_THINK_TAGS: 'implicit' })).toBe('implicit');
  });

  it('refuses any other value, naming the variable', () => {
    expect(() => thinkTags({ SEER_MODEL: OTHER_MODEL, SEER_MODEL_THINK_TAGS: 'tags' })).toThrow(ConfigError);
    expect(() => thinkTags({ SEER_MODEL: OTHER_MODEL, SEER_MODEL_THINK_TAGS: 'tags' })).toThrow(
      /SEER_MODEL_THINK_TAGS must be auto, implicit or off/,
    );
  });
});
