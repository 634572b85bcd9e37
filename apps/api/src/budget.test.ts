import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { postAnalysis, readEvents, startAPI, useAPIWithMockUpstream } from '../test/test-support';

const servers = useAPIWithMockUpstream((mockURL) => ({
  DASHSCOPE_API_KEY: 'dashscope-key',
  DASHSCOPE_BASE_URL: mockURL,
  OPENAI_API_KEY: 'openai-key',
  OPENAI_BASE_URL: mockURL,
  OPENROUTER_API_KEY: 'openrouter-key',
  OPENROUTER_BASE_URL: mockURL,
}));

let puzzle: string;
beforeAll(async () => {
  const png = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#fff' } })
    .png()
    .toBuffer();
  puzzle = `data:image/png;base64,${png.toString('base64')}`;
});

const request = (model: string, budget: number) => ({
  template: 'math-pattern',
  model,
  thinking: { budget },
  media: [{ type: 'image', url: puzzle }],
});

type Body = Record<string, unknown> & { messages: { role: string; content: unknown }[]; max_tokens?: number };

describe('the thinking budget reaches each provider in its own form', () => {
  it.each([
    { model: 'qwen3-vl-plus', budget: 8192, expected: { enable_thinking: true, thinking_budget: 8192 } },
    { model: 'qwen3-vl-flash', budget: 100, expected: { enable_thinking: true, thinking_budget: 1024 } },
    {
      model: 'openrouter/qwen3-vl-235b-thinking',
      budget: 4096,
      expected: { reasoning: { max_tokens: 4096 } },
    },
    { model: 'gpt-5-mini', budget: 2048, expected: { reasoning_effort: 'low' } },
    { model: 'gpt-5-mini', budget: 16384, expected: { reasoning_effort: 'high' } },
  ])('$model with $budget tokens', async ({ model, budget, expected }) => {
    servers.mock.script({ kind: 'stream', dialect: 'reasoning', reasoning: 'r', answer: '\\boxed{1}' });
    await readEvents(await postAnalysis(servers.api, request(model, budget)));
    expect(servers.mock.requests[0]!.body).toMatchObject(expected);
  });
});

describe('a forced budget for QVQ, which has no budget parameter', () => {
  const longThought = 'Looking at each row, I add the first two numbers and compare with the third. '.repeat(
    160,
  );

  it('cuts the first request near the budget, asks for the answer with the thinking so far, and reports budget', async () => {
    servers.mock.script(
      {
        kind: 'stream',
        dialect: 'reasoning_content',
        reasoning: longThought,
        answer: 'never reached',
        chunkChars: 40,
        delayMs: 2,
      },
      {
        kind: 'stream',
        dialect: 'reasoning_content',
        reasoning: 'So the rule is the sum.',
        answer: 'Rule: the sum of the first two.\n\\boxed{10}',
      },
    );
    const log = await readEvents(await postAnalysis(servers.api, request('qvq-max', 1024)));

    await expect.poll(() => servers.mock.requests[0]?.abortedByClient, { timeout: 2000 }).toBe(true);
    expect(servers.mock.requests).toHaveLength(2);
    const [first, second] = servers.mock.requests.map((received) => received.body as Body);
    // Cut near 1,024 tokens (about 4,096 characters at four per token), not at the end of the thought.
    const cutThought = (second!.messages[1]!.content as string) ?? '';
    expect(cutThought.length).toBeGreaterThanOrEqual(4096);
    expect(cutThought.length).toBeLessThan(4096 + 200);
    expect(longThought.startsWith(cutThought)).toBe(true);
    expect(second!.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(second!.messages[0]).toEqual(first!.messages[0]);
    expect(second!.messages[2]!.content).toMatch(/final answer now/);
    expect(second!.max_tokens).toBe(2048);

    expect(log.reasoning).toBe(`${cutThought}So the rule is the sum.`);
    expect(log.text).toBe('Rule: the sum of the first two.\n\\boxed{10}');
    expect(log.types.filter((type) => type === 'reasoning-start')).toHaveLength(1);
    expect(log.types.filter((type) => type === 'reasoning-end')).toHaveLength(1);
    expect(log.events.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: 'budget',
      result: { answer: '10' },
    });
  });

  it('cuts a fast provider whose whole thought has already arrived, again and again, and stays up', async () => {
    // No pause between chunks: the provider's response can be complete, its connection back in the
    // pool, when the budget cuts it. Cutting it then must not touch that connection.
    const longThought = 'Counting the dots row by row, then checking the diagonal again. '.repeat(300);
    for (let round = 0; round < 8; round++) {
      servers.mock.script(
        {
          kind: 'stream',
          dialect: 'reasoning_content',
          reasoning: longThought,
          answer: 'unused',
          chunkChars: 400,
        },
        { kind: 'stream', dialect: 'reasoning_content', reasoning: '', answer: '\\boxed{10}' },
      );
      const log = await readEvents(await postAnalysis(servers.api, request('qvq-max', 1024)));
      expect(log.events.at(-1)).toMatchObject({ type: 'finish', result: { answer: '10' } });
    }
  });

  it('lets a thought that ends within the budget run as it is', async () => {
    servers.mock.script({
      kind: 'stream',
      dialect: 'reasoning_content',
      reasoning: 'Short thought.',
      answer: '\\boxed{7}',
    });
    const log = await readEvents(await postAnalysis(servers.api, request('qvq-max', 1024)));
    expect(servers.mock.requests).toHaveLength(1);
    expect(log.events.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: 'stop',
      result: { answer: '7' },
    });
  });
});

describe('finish says how the budget reached the model', () => {
  it.each([
    {
      model: 'qwen3-vl-plus',
      budget: 100_000,
      report: { asked: 100_000, how: 'thinking_budget', sent: 81_920, isClamped: true },
    },
    {
      model: 'qwen3-vl-flash',
      budget: 4096,
      report: { asked: 4096, how: 'thinking_budget', sent: 4096, isClamped: false },
    },
    {
      model: 'gpt-5-mini',
      budget: 4096,
      report: { asked: 4096, how: 'reasoning_effort', sent: 'medium', isClamped: false },
    },
    {
      model: 'openrouter/qwen3-vl-235b-thinking',
      budget: 512,
      report: { asked: 512, how: 'reasoning.max_tokens', sent: 1024, isClamped: true },
    },
  ])('$model asked $budget', async ({ model, budget, report }) => {
    servers.mock.script({ kind: 'stream', dialect: 'reasoning', reasoning: 'r', answer: '\\boxed{1}' });
    const log = await readEvents(await postAnalysis(servers.api, request(model, budget)));
    expect(log.events.at(-1)).toMatchObject({ type: 'finish', budget: report });
  });

  it('and the stream: false document carries the same report', async () => {
    servers.mock.script({ kind: 'stream', dialect: 'reasoning', reasoning: 'r', answer: '\\boxed{1}' });
    const response = await postAnalysis(servers.api, { ...request('qwen3-vl-flash', 4096), stream: false });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      finishReason: 'stop',
      budget: { asked: 4096, how: 'thinking_budget', sent: 4096, isClamped: false },
    });
  });

  it('takes an effort level by name for a model that takes effort levels, and refuses it elsewhere', async () => {
    servers.mock.script({ kind: 'stream', dialect: 'reasoning', reasoning: 'r', answer: '\\boxed{1}' });
    const body = { ...request('gpt-5-mini', 1), thinking: { effort: 'minimal' } };
    const log = await readEvents(await postAnalysis(servers.api, body));
    expect(servers.mock.requests[0]!.body).toMatchObject({ reasoning_effort: 'minimal' });
    expect(log.events.at(-1)).toMatchObject({
      budget: { asked: 'minimal', how: 'reasoning_effort', sent: 'minimal' },
    });
    const refused = await postAnalysis(servers.api, {
      ...request('qvq-max', 1),
      thinking: { effort: 'low' },
    });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.message).toMatch(/qvq-max has no budget parameter/);
  });
});

describe('a forced budget is a cap on thinking, and every token is counted once', () => {
  const thought = (words: string) => `${words} `.repeat(Math.ceil(4000 / (words.length + 1))).slice(0, 4000);

  it('cuts a model that keeps thinking after it was asked for the answer, and ends unanswered within the tolerance', async () => {
    servers.mock.script(
      {
        kind: 'stream',
        dialect: 'reasoning_content',
        reasoning: thought('I check each row and then each column'),
        answer: 'never reached',
        delayMs: 1,
      },
      {
        kind: 'stream',
        dialect: 'reasoning_content',
        reasoning: thought('Let me reconsider every cell once more'),
        answer: 'never reached either',
        delayMs: 1,
      },
    );
    const log = await readEvents(await postAnalysis(servers.api, request('qvq-max', 256)));
    await expect.poll(() => servers.mock.requests[1]?.abortedByClient, { timeout: 2000 }).toBe(true);
    expect(servers.mock.requests).toHaveLength(2);
    const finish = log.events.at(-1) as {
      finishReason: string;
      usage: { inputTokens: number; outputTokens: number; reasoningTokens: number; isEstimated: boolean };
      budget: { cutAt: number; isUnanswered: boolean; sent: number };
    };
    expect(finish).toMatchObject({
      type: 'finish',
      finishReason: 'budget',
      budget: { asked: 256, how: 'forced', sent: 256, isClamped: false, isUnanswered: true },
    });
    expect(log.text).toBe('');
    // Every thinking token shown is counted once, and no more than the budget plus the tolerance (64)
    // plus the piece of 8 characters (2 tokens) that crossed each line.
    const shownTokens = Math.ceil(log.reasoning.length / 4);
    expect(finish.usage.reasoningTokens).toBeGreaterThanOrEqual(shownTokens - 1);
    expect(finish.usage.reasoningTokens).toBeLessThanOrEqual(shownTokens + 1);
    expect(finish.usage.reasoningTokens).toBeLessThanOrEqual(256 + 64 + 4);
    expect(finish.budget.cutAt).toBeGreaterThanOrEqual(256);
    expect(finish.usage.outputTokens).toBeGreaterThanOrEqual(finish.usage.reasoningTokens);
    // The first request's input (the image and the prompt) is counted, though it was cut before its usage.
    expect(finish.usage.inputTokens).toBeGreaterThan(100);
    expect(finish.usage.isEstimated).toBe(true);
  });

  it('sums the two requests once each when the model answers after the cut', async () => {
    const first = thought('I check each row and then each column');
    servers.mock.script(
      { kind: 'stream', dialect: 'reasoning_content', reasoning: first, answer: 'never reached', delayMs: 1 },
      {
        kind: 'stream',
        dialect: 'reasoning_content',
        reasoning: 'So the sum.',
        answer: '\\boxed{10}',
        usage: {
          prompt_tokens: 900,
          completion_tokens: 7,
          completion_tokens_details: { reasoning_tokens: 3 },
        },
      },
    );
    const log = await readEvents(await postAnalysis(servers.api, request('qvq-max', 256)));
    const finish = log.events.at(-1) as {
      usage: { inputTokens: number; outputTokens: number; reasoningTokens: number };
      budget: { cutAt: number };
    };
    const cutAt = finish.budget.cutAt;
    expect(cutAt).toBeGreaterThanOrEqual(256);
    expect(cutAt).toBeLessThanOrEqual(258);
    expect(finish.usage.reasoningTokens).toBe(cutAt + 3);
    expect(finish.usage.outputTokens).toBe(cutAt + 7);
    expect(finish.usage.inputTokens).toBeGreaterThan(900);
    expect(log.events.at(-1)).toMatchObject({ finishReason: 'budget', result: { answer: '10' } });
    expect(log.events.at(-1)).not.toHaveProperty('budget.isUnanswered');
  });
});

describe('a forced budget on a vLLM thinking model whose template opens <think> itself', () => {
  it('reads the continued message as the answer, since the prefill closed the thought', async () => {
    const vllm = await startAPI({
      SEER_BASE_URL: servers.mock.url,
      SEER_MODEL: 'Qwen/Qwen3-VL-8B-Thinking',
      SEER_MODEL_PREFILL: '1',
    });
    try {
      const answer = 'Rule: the third number is the sum of the first two, as every row shows. '.repeat(6);
      // Without a reasoning parser the thought comes as content, with no opening tag.
      servers.mock.script(
        {
          kind: 'stream',
          dialect: 'none',
          answer: 'I compare the rows one by one and keep checking. '.repeat(200),
          chunkChars: 40,
          delayMs: 1,
        },
        // An answer longer than the thinking tolerance: read as thought, it would be cut as unanswered.
        { kind: 'stream', dialect: 'none', answer: `${answer}\n\\boxed{10}` },
      );
      const log = await readEvents(await postAnalysis(vllm, request('Qwen/Qwen3-VL-8B-Thinking', 1024)));
      expect(log.reasoning).toMatch(/^I compare the rows/);
      expect(log.reasoning).not.toContain('Rule:');
      expect(log.text).toBe(`${answer}\n\\boxed{10}`);
      expect(log.events.at(-1)).toMatchObject({ finishReason: 'budget', result: { answer: '10' } });
      expect(log.events.at(-1)).not.toHaveProperty('budget.isUnanswered');
    } finally {
      await vllm.close();
    }
  });
});

describe('a forced budget on a vLLM server that continues a message', () => {
  it('prefills the thinking so far as the assistant message and asks vLLM to continue it', async () => {
    const vllm = await startAPI({
      SEER_BASE_URL: servers.mock.url,
      SEER_MODEL: 'Qwen/QVQ-72B-Preview',
      SEER_MODEL_PREFILL: '1',
    });
    try {
      const thought = 'I compare the rows one by one and keep checking. '.repeat(200);
      servers.mock.script(
        {
          kind: 'stream',
          dialect: 'reasoning',
          reasoning: thought,
          answer: 'never',
          chunkChars: 40,
          delayMs: 2,
        },
        { kind: 'stream', dialect: 'none', answer: 'Rule: the sum.\n\\boxed{10}' },
      );
      const log = await readEvents(await postAnalysis(vllm, request('Qwen/QVQ-72B-Preview', 1024)));
      const second = servers.mock.requests[1]!.body as Body & {
        continue_final_message?: boolean;
        add_generation_prompt?: boolean;
      };
      expect(second).toMatchObject({ continue_final_message: true, add_generation_prompt: false });
      const prefill = second.messages.at(-1)!;
      expect(prefill.role).toBe('assistant');
      expect(prefill.content).toMatch(/^<think>\nI compare the rows/);
      expect(prefill.content).toMatch(/\n<\/think>\n\n$/);
      expect(second.messages).toHaveLength(2);
      expect(log.events.at(-1)).toMatchObject({
        type: 'finish',
        finishReason: 'budget',
        result: { answer: '10' },
      });
    } finally {
      await vllm.close();
    }
  });
});
