import OpenAI, {
  APIError,
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  RateLimitError,
} from 'openai';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { openAIClient, pngDataURL, userMessage, withExtraFields } from '../test/chat-client';
import { startAPI, useAPIWithMockUpstream } from '../test/test-support';

const servers = useAPIWithMockUpstream((mockURL) => ({
  DASHSCOPE_API_KEY: 'dashscope-key',
  DASHSCOPE_BASE_URL: mockURL,
}));

const ask = (body: Record<string, unknown>) =>
  openAIClient(servers.api)
    .chat.completions.create({
      model: 'qvq-max',
      messages: [{ role: 'user', content: 'Hi' }],
      ...body,
    } as never)
    .catch((caught: unknown) => caught);

describe("bad input answered with OpenAI's errors, which the openai client raises by status", () => {
  it.each([
    {
      name: 'an unknown model',
      body: { model: 'qvq-mux' },
      kind: NotFoundError,
      code: 'model_not_found',
      param: 'model',
    },
    {
      name: 'an unknown task',
      body: { model: 'qvq-max/math-patern' },
      kind: NotFoundError,
      code: 'unknown_template',
      param: 'model',
    },
    {
      name: 'a tool message',
      body: {
        messages: [
          { role: 'user', content: 'Hi' },
          { role: 'tool', content: '42', tool_call_id: 't' },
          { role: 'user', content: 'So?' },
        ],
      },
      kind: BadRequestError,
      code: 'invalid_request',
      param: 'messages.1.role',
    },
    {
      name: 'an audio part',
      body: {
        messages: [userMessage({ type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } })],
      },
      kind: BadRequestError,
      code: 'invalid_request',
      param: 'messages.0.content',
    },
    {
      name: 'more than one choice',
      body: { n: 2 },
      kind: BadRequestError,
      code: 'invalid_request',
      param: 'n',
    },
    {
      name: 'an effort level no client means',
      body: withExtraFields({}, { reasoning_effort: 'extreme' }),
      kind: BadRequestError,
      code: 'invalid_request',
      param: 'reasoning_effort',
    },
    {
      name: "a conversation that does not end with the user's message",
      body: {
        messages: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello' },
        ],
      },
      kind: BadRequestError,
      code: 'invalid_request',
      param: 'messages.1.role',
    },
  ])('$name', async ({ body, kind, code, param }) => {
    const error = await ask(body);
    expect(error).toBeInstanceOf(kind);
    expect(error).toMatchObject({ type: 'invalid_request_error', code, param });
    expect((error as APIError).message.length).toBeGreaterThan(20);
    expect(servers.mock.requests).toHaveLength(0);
  });

  it('refuses bytes that are not an image with 415', async () => {
    const error = await ask({
      messages: [
        userMessage({ type: 'image_url', image_url: { url: 'data:image/png;base64,aGVsbG8gd29ybGQ=' } }),
      ],
    });
    expect(error).toBeInstanceOf(APIError);
    expect(error).toMatchObject({
      status: 415,
      type: 'invalid_request_error',
      code: 'unsupported_media_type',
    });
  });

  it('answers a body that is not JSON, and a GET, in the same shape', async () => {
    const url = `${servers.api.url}/v1/chat/completions`;
    const broken = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"model":',
    });
    expect(broken.status).toBe(400);
    expect((await broken.json()).error).toMatchObject({
      type: 'invalid_request_error',
      code: 'invalid_request',
      param: null,
    });
    const text = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' });
    expect((await text.json()).error.message).toMatch(/application\/json/);
    const get = await fetch(url);
    expect(get.status).toBe(404);
    expect((await get.json()).error).toMatchObject({ type: 'invalid_request_error', code: 'not_found' });
  });

  it('answers a provider failure before any output with a 5xx server_error', async () => {
    servers.mock.script({ kind: 'status', status: 400, body: { error: { message: 'bad model' } } });
    const error = await ask({});
    expect(error).toBeInstanceOf(APIError);
    expect(error).toMatchObject({ status: 502, type: 'server_error', code: 'upstream_error' });
  });

  it('ends a stream that fails midway with an error event, which the openai client raises', async () => {
    servers.mock.script({
      kind: 'stream',
      dialect: 'reasoning_content',
      reasoning: 'Thinking for a while.',
      answer: 'Never finished.',
      fault: { after: 3, type: 'error-event' },
    });
    const stream = await openAIClient(servers.api).chat.completions.create({
      model: 'qvq-max',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
    });
    const received: unknown[] = [];
    const error = await (async () => {
      for await (const chunk of stream) received.push(chunk);
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).error).toMatchObject({ type: 'server_error', code: 'upstream_error' });
    expect(received.length).toBeGreaterThan(1);
  });
});

describe('aborting a stream', () => {
  it('aborts the provider request when the openai client aborts mid-stream', async () => {
    servers.mock.script({
      kind: 'stream',
      dialect: 'reasoning_content',
      reasoning: 'A long thought. '.repeat(200),
      answer: 'Late.',
      delayMs: 20,
    });
    const stream = await openAIClient(servers.api).chat.completions.create({
      model: 'qvq-max',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
    });
    let chunks = 0;
    for await (const _chunk of stream) if (++chunks === 3) stream.controller.abort();
    await expect.poll(() => servers.mock.requests[0]?.abortedByClient, { timeout: 2000 }).toBe(true);
  });
});

describe('keys, rate limits, logs and the OpenAPI document', () => {
  it('takes a SEER_AUTH_TOKENS token as the API key, and answers others with invalid_api_key', async () => {
    const api = await startAPI({ SEER_AUTH_TOKENS: 'seer-token', SEER_RATE_LIMIT: '1' });
    const request = { model: 'demo', messages: [{ role: 'user' as const, content: 'Hi' }] };
    try {
      const refused = await openAIClient(api, 'wrong')
        .chat.completions.create(request)
        .catch((caught) => caught);
      expect(refused).toBeInstanceOf(AuthenticationError);
      expect(refused).toMatchObject({ status: 401, code: 'invalid_api_key', type: 'invalid_request_error' });
      const client = openAIClient(api, 'seer-token');
      const completion = await client.chat.completions.create(request);
      expect(completion.choices[0]!.message.content).toContain('Demo model');
      const limited = await client.chat.completions.create(request).catch((caught) => caught);
      expect(limited).toBeInstanceOf(RateLimitError);
      expect(limited).toMatchObject({ code: 'rate_limit_exceeded', type: 'rate_limit_error' });
      expect((limited as RateLimitError).headers?.get('retry-after')).toMatch(/^\d+$/);
    } finally {
      await api.close();
    }
  });

  it('logs one line per completion, as for an analysis, with no text or media', async () => {
    let log = '';
    const logger = pino(
      { level: 'info' },
      {
        write: (line: string) => {
          log += line;
        },
      },
    );
    const api = await startAPI({}, { logger });
    try {
      const image = await pngDataURL(40, 30);
      await new OpenAI({ baseURL: `${api.url}/v1`, apiKey: 'k' }).chat.completions.create({
        model: 'demo/freeform',
        messages: [
          userMessage(
            { type: 'image_url', image_url: { url: image } },
            { type: 'text', text: 'secret words' },
          ),
        ],
      });
      const line = log.split('\n').find((text) => text.includes('"chat completion"'));
      expect(JSON.parse(line!)).toMatchObject({
        model: 'demo',
        template: 'freeform',
        mediaItems: 1,
        outcome: 'finished',
      });
      expect(log).not.toContain('secret words');
    } finally {
      await api.close();
    }
  });

  it('describes the route, its bodies and its errors in the OpenAPI document', async () => {
    const document = await (await fetch(`${servers.api.url}/openapi.json`)).json();
    const route = document.paths['/v1/chat/completions'].post;
    expect(JSON.stringify(route.requestBody)).toContain('ChatCompletionRequest');
    expect(Object.keys(route.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '404', '429', '502']),
    );
    expect(document.components.schemas).toHaveProperty('ChatCompletionChunk');
    expect(document.components.schemas).toHaveProperty('OpenAIError');
  });
});
