import { ChatCompletionChunkSchema, ChatCompletionSchema, ModelListSchema } from '@seer/core';
import { NotFoundError } from 'openai';
import { beforeAll, describe, expect, it } from 'vitest';
import { openAIClient, pngDataURL, readStream, sizeOfDataURL, userMessage } from '../test/chat-client';
import { useAPIWithMockUpstream } from '../test/test-support';

const servers = useAPIWithMockUpstream((mockURL) => ({
  DASHSCOPE_API_KEY: 'dashscope-key',
  DASHSCOPE_BASE_URL: mockURL,
  OPENAI_API_KEY: 'openai-key',
  OPENAI_BASE_URL: mockURL,
  SEER_BASE_URL: mockURL,
  SEER_MODEL: 'local-vl',
}));

type SentPart = { type: string; text?: string; image_url?: { url: string }; video?: string[]; fps?: number };
type SentBody = { model: string; messages: { role: string; content: string | SentPart[] }[] };
const sent = (index = 0) => servers.mock.requests[index]!.body as SentBody;

let photo: string;
beforeAll(async () => {
  photo = await pngDataURL(4000, 3000);
});

describe('POST /v1/chat/completions with the official openai client', () => {
  it('streams the thinking as reasoning_content and the answer as content, with usage and seer last', async () => {
    servers.mock.script({
      kind: 'stream',
      dialect: 'reasoning_content',
      reasoning: 'A wide green picture.',
      answer: 'It is green.',
    });
    const stream = await openAIClient(servers.api).chat.completions.create({
      model: 'qvq-max',
      messages: [
        { role: 'system', content: 'Answer briefly.' },
        userMessage({ type: 'text', text: 'What colour?' }, { type: 'image_url', image_url: { url: photo } }),
      ],
      stream: true,
      stream_options: { include_usage: true },
    });
    const read = await readStream(stream);

    expect(read.reasoning).toBe('A wide green picture.');
    expect(read.content).toBe('It is green.');
    for (const chunk of read.chunks) ChatCompletionChunkSchema.parse(chunk);
    expect(read.chunks[0]!.choices[0]!.delta).toEqual({ role: 'assistant', content: '' });
    expect(read.chunks.at(-2)!.choices[0]!.finish_reason).toBe('stop');
    expect(read.last.choices).toEqual([]);
    expect(read.last.usage).toMatchObject({ completion_tokens_details: { reasoning_tokens: 6 } });
    expect(read.last.seer).toMatchObject({ model: 'qvq-max', locale: 'en', finishReason: 'stop' });
    expect(read.last.seer!.media[0]).toMatchObject({ type: 'image', originalWidth: 4000 });

    // The photo went through Seer's preparation: sized on QVQ's grid, the system text opening the turn.
    const [message] = sent().messages;
    const parts = message!.content as SentPart[];
    expect(parts.map((part) => part.type)).toEqual(['text', 'text', 'image_url']);
    expect(parts[0]!.text).toBe('Answer briefly.');
    const [width, height] = await sizeOfDataURL(parts[2]!.image_url!.url);
    expect([width % 28, height % 28]).toEqual([0, 0]);
    expect(width * height).toBeLessThanOrEqual(1280 * 28 * 28);
  });

  it('answers in one body with message.reasoning_content when not streamed', async () => {
    servers.mock.script({ kind: 'stream', dialect: 'reasoning', reasoning: 'Hmm.', answer: 'Yes.' });
    const completion = await openAIClient(servers.api).chat.completions.create({
      model: 'qwen3-vl-plus',
      messages: [{ role: 'user', content: 'Is it?' }],
    });
    ChatCompletionSchema.parse(completion);
    expect(completion.object).toBe('chat.completion');
    expect(completion.model).toBe('qwen3-vl-plus');
    expect(completion.choices[0]!.message).toMatchObject({ content: 'Yes.', reasoning_content: 'Hmm.' });
    expect(completion.usage).toMatchObject({
      prompt_tokens: 10,
      completion_tokens_details: { reasoning_tokens: 1 },
    });
    expect(sent().messages).toEqual([{ role: 'user', content: 'Is it?' }]);
  });

  it("passes the client's sampling to the provider as written", async () => {
    servers.mock.script({ kind: 'stream', dialect: 'reasoning_content', reasoning: 'Hmm.', answer: 'Yes.' });
    await openAIClient(servers.api).chat.completions.create({
      model: 'local-vl',
      messages: [{ role: 'user', content: 'Is it?' }],
      temperature: 0.3,
      top_p: 0.8,
      seed: 7,
      stop: ['END', '###'],
      max_tokens: 500,
    });
    expect(sent()).toMatchObject({ temperature: 0.3, top_p: 0.8, seed: 7, stop: ['END', '###'] });
  });

  it('reads inline <think> tags as reasoning, and carries the conversation without earlier reasoning', async () => {
    servers.mock.script({
      kind: 'stream',
      dialect: 'think-tags',
      reasoning: 'Inline thought.',
      answer: 'Done.',
    });
    const stream = await openAIClient(servers.api).chat.completions.create({
      model: 'local-vl',
      messages: [
        { role: 'user', content: 'First?' },
        { role: 'assistant', content: 'One.', reasoning_content: 'old thought' } as never,
        { role: 'user', content: 'Second?' },
      ],
      stream: true,
    });
    const read = await readStream(stream);
    expect(read.reasoning).toBe('Inline thought.');
    expect(read.content).toBe('Done.');
    expect(read.last.choices[0]!.finish_reason).toBe('stop');
    expect(read.last.seer).toMatchObject({ model: 'local-vl' });
    expect(sent().messages).toEqual([
      { role: 'user', content: 'First?' },
      { role: 'assistant', content: 'One.' },
      { role: 'user', content: 'Second?' },
    ]);
  });
});

describe('tasks for clients that can only pick a model', () => {
  it('lists the models in OpenAI list form, each followed by its task entries', async () => {
    const client = openAIClient(servers.api);
    const listed = [];
    for await (const model of client.models.list()) listed.push(model);
    const body = ModelListSchema.parse(await (await fetch(`${servers.api.url}/v1/models`)).json());
    expect(body.object).toBe('list');
    const ids = listed.map((model) => model.id);
    const first = ids.indexOf('qvq-max');
    expect(ids.slice(first, first + 7)).toEqual([
      'qvq-max',
      'qvq-max/palm-reading',
      'qvq-max/multi-image-compare',
      'qvq-max/math-pattern',
      'qvq-max/video-narration',
      'qvq-max/locate',
      'qvq-max/freeform',
    ]);
    expect(listed[first]).toMatchObject({ object: 'model', owned_by: 'dashscope', family: 'qwen2.5-vl' });
    const task = listed.find((model) => model.id === 'qvq-max/math-pattern');
    expect(task).toMatchObject({ task: 'math-pattern', model: 'qvq-max', label: 'QVQ-Max · Math patterns' });
    expect(task).not.toHaveProperty('default');
  });

  it('retrieves one model or task entry by id, and refuses an unknown one with an OpenAI 404', async () => {
    const client = openAIClient(servers.api);
    expect(await client.models.retrieve('qvq-max')).toMatchObject({ id: 'qvq-max', object: 'model' });
    expect(await client.models.retrieve('qvq-max/math-pattern')).toMatchObject({
      id: 'qvq-max/math-pattern',
      task: 'math-pattern',
      model: 'qvq-max',
    });
    const refusal = await client.models.retrieve('qvq-min').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(NotFoundError);
    expect((refusal as NotFoundError).code).toBe('model_not_found');
    expect((refusal as NotFoundError).message).toContain('There is no model "qvq-min"');
  });

  it("runs a task entry: the task's prompt on the last message's image and text, its result in seer", async () => {
    servers.mock.script({
      kind: 'stream',
      dialect: 'reasoning_content',
      reasoning: 'Each row adds up.',
      answer: 'Rule: add the first two.\n\\boxed{10}',
    });
    const completion = await openAIClient(servers.api).chat.completions.create({
      model: 'qvq-max/math-pattern',
      messages: [
        { role: 'user', content: 'An earlier question.' },
        userMessage(
          { type: 'image_url', image_url: { url: photo } },
          { type: 'text', text: 'Options: 9, 10.' },
        ),
      ],
    });
    expect(completion.model).toBe('qvq-max/math-pattern');
    expect((completion as unknown as { seer: object }).seer).toMatchObject({
      model: 'qvq-max',
      task: 'math-pattern',
      result: { answer: '10' },
    });
    const messages = sent().messages;
    expect(messages).toHaveLength(1);
    const prompt = (messages[0]!.content as SentPart[]).at(-1)!.text!;
    expect(prompt).toContain('number-pattern puzzle');
    expect(prompt).toContain('Options: 9, 10.');
  });

  it("takes a program's seer options: the task and its language", async () => {
    servers.mock.script({
      kind: 'stream',
      dialect: 'reasoning_content',
      reasoning: '想一想。',
      answer: '\\boxed{3}',
    });
    const completion = await openAIClient(servers.api).chat.completions.create({
      model: 'qvq-max',
      messages: [userMessage({ type: 'image_url', image_url: { url: photo } })],
      seer: { template: 'math-pattern', locale: 'zh' },
    } as never);
    expect((completion as unknown as { seer: object }).seer).toMatchObject({
      task: 'math-pattern',
      locale: 'zh',
    });
    expect((sent().messages[0]!.content as SentPart[]).at(-1)!.text).toMatch(/[\u4e00-\u9fff]/);
  });
});
