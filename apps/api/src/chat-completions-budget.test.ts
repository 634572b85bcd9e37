import { APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { openAIClient, readStream, withExtraFields } from '../test/chat-client';
import { useAPIWithMockUpstream } from '../test/test-support';

const servers = useAPIWithMockUpstream((mockURL) => ({
  DASHSCOPE_API_KEY: 'dashscope-key',
  DASHSCOPE_BASE_URL: mockURL,
  OPENAI_API_KEY: 'openai-key',
  OPENAI_BASE_URL: mockURL,
  OPENROUTER_API_KEY: 'openrouter-key',
  OPENROUTER_BASE_URL: mockURL,
}));

const question = (model: string) => ({ model, messages: [{ role: 'user' as const, content: 'How many?' }] });
const short = { kind: 'stream', dialect: 'reasoning', reasoning: 'r', answer: 'a' } as const;

describe("the thinking budget from the request's own fields", () => {
  it.each([
    {
      name: 'reasoning_effort on a native-budget model',
      body: withExtraFields(question('qwen3-vl-plus'), { reasoning_effort: 'low' }),
      upstream: { enable_thinking: true, thinking_budget: 2048 },
      budget: { field: 'reasoning_effort', how: 'thinking_budget', asked: 2048, sent: 2048 },
    },
    {
      name: 'thinking_budget',
      body: withExtraFields(question('qwen3-vl-plus'), { thinking_budget: 4096 }),
      upstream: { thinking_budget: 4096 },
      budget: { field: 'thinking_budget', sent: 4096 },
    },
    {
      name: 'a literal extra_body',
      body: withExtraFields(question('qwen3-vl-flash'), { extra_body: { thinking_budget: 100 } }),
      upstream: { thinking_budget: 1024 },
      budget: { field: 'extra_body.thinking_budget', asked: 100, sent: 1024, isClamped: true },
    },
    {
      name: "OpenRouter's reasoning.max_tokens",
      body: withExtraFields(question('openrouter/qwen3-vl-235b-thinking'), {
        reasoning: { max_tokens: 4096 },
      }),
      upstream: { reasoning: { max_tokens: 4096 } },
      budget: { field: 'reasoning.max_tokens', how: 'reasoning.max_tokens', sent: 4096 },
    },
    {
      name: 'reasoning_effort on an effort model',
      body: withExtraFields(question('gpt-5-mini'), { reasoning_effort: 'high' }),
      upstream: { reasoning_effort: 'high' },
      budget: { field: 'reasoning_effort', how: 'reasoning_effort', sent: 'high' },
    },
  ])(
    '$name reaches the model in its own form and is reported in seer',
    async ({ body, upstream, budget }) => {
      servers.mock.script(short);
      const completion = await openAIClient(servers.api).chat.completions.create(body);
      expect(servers.mock.requests[0]!.body).toMatchObject(upstream);
      expect((completion as unknown as { seer: object }).seer).toMatchObject({ budget });
    },
  );

  it('refuses a budget given twice, naming the fields', async () => {
    const body = withExtraFields(question('qwen3-vl-plus'), {
      reasoning_effort: 'low',
      thinking_budget: 100,
    });
    const error = await openAIClient(servers.api)
      .chat.completions.create(body)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toMatchObject({ status: 400, param: 'thinking_budget' });
    expect((error as APIError).message).toMatch(/reasoning_effort and thinking_budget/);
  });
});

describe('a forced budget on QVQ-Max, which has no budget parameter', () => {
  const longThought = 'Looking at each row, I add the first two numbers and compare with the third. '.repeat(
    160,
  );

  it('cuts the thought near the budget, asks for the answer, and streams it all as reasoning_content', async () => {
    servers.mock.script(
      {
        kind: 'stream',
        dialect: 'reasoning_content',
        reasoning: longThought,
        answer: 'never',
        chunkChars: 40,
        delayMs: 2,
      },
      { kind: 'stream', dialect: 'reasoning_content', reasoning: 'So: the sum.', answer: 'Ten.' },
    );
    const stream = await openAIClient(servers.api).chat.completions.create(
      withExtraFields(
        { ...question('qvq-max'), stream: true as const, stream_options: { include_usage: true } },
        { thinking_budget: 1024 },
      ),
    );
    const read = await readStream(stream);

    expect(servers.mock.requests).toHaveLength(2);
    expect(read.reasoning.length).toBeLessThan(longThought.length);
    expect(read.reasoning.endsWith('So: the sum.')).toBe(true);
    expect(read.content).toBe('Ten.');
    expect(read.chunks.at(-2)!.choices[0]!.finish_reason).toBe('stop');
    expect(read.last.usage!.completion_tokens_details!.reasoning_tokens).toBeGreaterThan(1000);
    expect(read.last.seer).toMatchObject({
      finishReason: 'budget',
      budget: { field: 'thinking_budget', how: 'forced', asked: 1024, sent: 1024, cutAt: expect.any(Number) },
    });
  });

  it('takes reasoning_effort as a token budget, since QVQ-Max has no effort levels', async () => {
    servers.mock.script(short);
    const completion = await openAIClient(servers.api).chat.completions.create(
      withExtraFields(question('qvq-max'), { reasoning_effort: 'minimal' }),
    );
    expect((completion as unknown as { seer: object }).seer).toMatchObject({
      budget: { field: 'reasoning_effort', how: 'forced', asked: 1024, sent: 1024 },
    });
  });
});
