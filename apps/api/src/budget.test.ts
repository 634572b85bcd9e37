import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { postAnalysis, readEvents, startAPI, useAPIWithMockUpstream } from './test-support';

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
