import { describe, expect, it } from 'vitest';
import { RequestError } from '../errors';
import { loadConfig } from '../models/config';
import { chatThinkingAsk, readChatBudget } from './chat-budget';
import { resolveChatTarget } from './chat-model';

const config = loadConfig({
  DASHSCOPE_API_KEY: 'k',
  SEER_BASE_URL: 'http://127.0.0.1:9/v1',
  SEER_MODEL: 'Qwen/Qwen3-VL-8B',
});
const caught = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('resolveChatTarget', () => {
  it('reads models, task entries, slashed model ids and seer.template', () => {
    expect(resolveChatTarget(config, 'qvq-max', undefined)).toMatchObject({ name: 'qvq-max' });
    const task = resolveChatTarget(config, 'qvq-max/math-pattern', undefined);
    expect(task).toMatchObject({
      name: 'qvq-max/math-pattern',
      endpoint: { preset: { id: 'qvq-max' } },
      template: { id: 'math-pattern' },
    });
    expect(resolveChatTarget(config, 'Qwen/Qwen3-VL-8B', undefined).name).toBe('Qwen/Qwen3-VL-8B');
    expect(resolveChatTarget(config, 'Qwen/Qwen3-VL-8B/freeform', undefined).template?.id).toBe('freeform');
    expect(resolveChatTarget(config, 'qvq-max', 'palm-reading').template?.id).toBe('palm-reading');
  });

  it('refuses unknown models and tasks, naming the field', () => {
    expect(caught(() => resolveChatTarget(config, 'qvq-mux', undefined))).toMatchObject({
      status: 404,
      code: 'unknown_model',
      details: { param: 'model' },
    });
    expect(caught(() => resolveChatTarget(config, 'qvq-max/math', undefined))).toMatchObject({
      status: 404,
      code: 'unknown_template',
      details: { param: 'model' },
    });
    expect(caught(() => resolveChatTarget(config, 'qvq-max', 'palm'))).toMatchObject({
      code: 'unknown_template',
      details: { param: 'seer.template' },
    });
    expect(caught(() => resolveChatTarget(config, 'qvq-max/math-pattern', 'freeform'))).toBeInstanceOf(
      RequestError,
    );
  });
});

describe('readChatBudget and chatThinkingAsk', () => {
  const qvq = config.models.find((endpoint) => endpoint.preset.id === 'qvq-max')!.preset;
  const request = (fields: object) => ({ model: 'qvq-max', messages: [], ...fields }) as never;

  it('reads each form, and turns an effort level into tokens for a model that takes tokens', () => {
    expect(readChatBudget(request({}))).toBeUndefined();
    expect(readChatBudget(request({ reasoning: { effort: 'low' } }))).toEqual({
      field: 'reasoning.effort',
      value: 'low',
    });
    expect(readChatBudget(request({ extra_body: { thinking_budget: 9 }, reasoning_effort: null }))).toEqual({
      field: 'extra_body.thinking_budget',
      value: 9,
    });
    expect(chatThinkingAsk(qvq, { field: 'reasoning_effort', value: 'medium' })).toEqual({ budget: 8192 });
    expect(chatThinkingAsk(qvq, { field: 'thinking_budget', value: 3000 })).toEqual({ budget: 3000 });
  });

  it('refuses two budgets', () => {
    expect(
      caught(() => readChatBudget(request({ thinking_budget: 1, reasoning: { max_tokens: 2 } }))),
    ).toMatchObject({ status: 400, details: { param: 'reasoning.max_tokens' } });
  });
});
