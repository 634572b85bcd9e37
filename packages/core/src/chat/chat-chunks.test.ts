import { describe, expect, it } from 'vitest';
import type { ModelStreamEvent } from '../contract/events';
import { ChatChunkMapper, toChatUsage } from './chat-chunks';
import { toChatCompletionOutcome } from './chat-completion-body';
import { toOpenAIError } from './openai-error';

const head = { id: 'chatcmpl-1', created: 1, model: 'qvq-max' };
const report = { model: 'qvq-max', locale: 'en' as const, media: [] };
const finish = (extra: Partial<Extract<ModelStreamEvent, { type: 'finish' }>> = {}): ModelStreamEvent => ({
  type: 'finish',
  finishReason: 'stop',
  usage: { inputTokens: 10, outputTokens: 20 },
  timing: { reasoningMs: 1, totalMs: 2 },
  ...extra,
});

describe('ChatChunkMapper', () => {
  it('maps thinking, answer and finish, with usage and seer on the last chunk', () => {
    const mapper = new ChatChunkMapper(head, report, { includeUsage: true });
    expect(mapper.first().choices[0]!.delta).toEqual({ role: 'assistant', content: '' });
    expect(mapper.map({ type: 'reasoning-start' })).toEqual([]);
    expect(mapper.map({ type: 'reasoning-delta', text: 'Hmm, let me see.' })[0]).toMatchObject({
      choices: [{ delta: { reasoning_content: 'Hmm, let me see.' }, finish_reason: null }],
    });
    expect(mapper.map({ type: 'text-delta', text: 'Four.' })[0]).toMatchObject({
      choices: [{ delta: { content: 'Four.' } }],
    });
    const [last, usage] = mapper.map(finish());
    expect(last).toMatchObject({ choices: [{ delta: {}, finish_reason: 'stop' }] });
    expect(last).not.toHaveProperty('seer');
    expect(usage).toMatchObject({
      choices: [],
      usage: {
        prompt_tokens: 10,
        completion_tokens: 20,
        total_tokens: 30,
        completion_tokens_details: { reasoning_tokens: 4 },
      },
      seer: { model: 'qvq-max', finishReason: 'stop', usage: { inputTokens: 10 } },
    });
  });

  it('puts seer on the finish chunk without include_usage, and reports a forced budget as it ended', () => {
    const mapper = new ChatChunkMapper(
      head,
      {
        ...report,
        budget: { asked: 1024, how: 'forced', sent: 1024, isClamped: false, field: 'thinking_budget' },
      },
      { includeUsage: false },
    );
    const budget = {
      asked: 1024,
      how: 'forced' as const,
      sent: 1024,
      isClamped: false,
      cutAt: 1030,
      isUnanswered: true,
    };
    const chunks = mapper.map(finish({ finishReason: 'budget', budget }));
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toMatchObject({
      choices: [{ finish_reason: 'length' }],
      seer: { finishReason: 'budget', budget: { ...budget, field: 'thinking_budget' } },
    });
  });

  it('turns an error event into an OpenAI error', () => {
    const mapper = new ChatChunkMapper(head, report, { includeUsage: false });
    expect(
      mapper.map({ type: 'error', code: 'upstream_timeout', message: 'Too slow.', retryable: true }),
    ).toEqual([
      {
        error: {
          message: 'Too slow.',
          type: 'server_error',
          code: 'upstream_timeout',
          param: null,
          retryable: true,
        },
      },
    ]);
  });
});

describe('toChatUsage, toChatCompletionOutcome and toOpenAIError', () => {
  it('counts reported thinking tokens, and estimates missing ones within the completion', () => {
    expect(
      toChatUsage({ inputTokens: 1, outputTokens: 5, reasoningTokens: 3 }, 'ignored')
        .completion_tokens_details,
    ).toEqual({ reasoning_tokens: 3 });
    expect(toChatUsage({ inputTokens: 1, outputTokens: 0 }, 'abcdefgh')).toMatchObject({
      completion_tokens: 2,
      completion_tokens_details: { reasoning_tokens: 2 },
    });
  });

  it('builds the body, or the failure with what arrived', () => {
    const done = toChatCompletionOutcome(head, report, {
      reasoning: 'r',
      text: 't',
      finish: finish() as never,
    });
    expect(done).toMatchObject({
      isFinished: true,
      body: {
        object: 'chat.completion',
        choices: [{ message: { content: 't', reasoning_content: 'r', refusal: null } }],
      },
    });
    expect(toChatCompletionOutcome(head, report, { reasoning: 'r', text: '' })).toMatchObject({
      isFinished: false,
      failure: { code: 'upstream_error' },
      partial: { reasoning: 'r' },
    });
  });

  it("names OpenAI's codes, the field at fault and keeps Seer's details", () => {
    expect(toOpenAIError({ status: 401, code: 'unauthorized', message: 'No.' }).error).toMatchObject({
      type: 'invalid_request_error',
      code: 'invalid_api_key',
      param: null,
    });
    expect(
      toOpenAIError({
        status: 429,
        code: 'rate_limited',
        message: 'Slow.',
        details: { retryAfterSeconds: 3 },
      }).error,
    ).toMatchObject({ type: 'rate_limit_error', code: 'rate_limit_exceeded', retryAfterSeconds: 3 });
    expect(
      toOpenAIError({
        status: 400,
        code: 'invalid_request',
        message: 'Bad.',
        details: { issues: [{ path: ['messages', 0] }] },
      }).error.param,
    ).toBe('messages.0');
  });
});
