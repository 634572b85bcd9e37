import { type MockUpstream, startMockUpstream } from '@seer/mock-upstream';
import { loadRecordings } from '@seer/mock-upstream/recordings';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { foldDeltas, postAnalysis, type RunningAPI, readEvents, startAPI } from '../test/test-support';

let pngDataURL: string;
let mock: MockUpstream;
let api: RunningAPI;

beforeAll(async () => {
  const png = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#3366aa' } })
    .png()
    .toBuffer();
  pngDataURL = `data:image/png;base64,${png.toString('base64')}`;
  mock = await startMockUpstream();
  api = await startAPI({
    SEER_BASE_URL: mock.url,
    SEER_API_KEY: 'test-key',
    SEER_MODEL: 'qwen2.5-vl-72b-instruct',
    SEER_UPSTREAM_IDLE_TIMEOUT_MS: '800',
    SEER_DETACHED_GRACE_S: '0',
  });
});
afterAll(async () => {
  await api.close();
  await mock.close();
});
beforeEach(() => mock.reset());

const mathRequest = () => ({ template: 'math-pattern', media: [{ type: 'image', url: pngDataURL }] });

describe('recorded provider streams through the API', () => {
  const recordings = loadRecordings();
  for (const recording of recordings) {
    it(`${recording.origin}: ${recording.name} comes out exactly, split at random byte boundaries`, async () => {
      for (const seed of [1, 2, 3]) {
        mock.script({ kind: 'replay', sse: recording.sse, split: { seed, maxPieces: 80 } });
        const response = await postAnalysis(api, mathRequest());
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toContain('text/event-stream');
        const log = await readEvents(response);
        const { expected } = recording;
        expect(log.reasoning).toBe(expected.reasoning);
        expect(log.text).toBe(expected.content);
        const last = log.events.at(-1);
        if (expected.finish_reason === null) {
          expect(last?.type).toBe('error');
          continue;
        }
        if (last?.type !== 'finish') throw new Error(`expected finish, got ${last?.type}`);
        expect(last.finishReason).toBe(expected.finish_reason);
        const usage = expected.usage as {
          prompt_tokens?: number;
          completion_tokens?: number;
          completion_tokens_details?: { reasoning_tokens?: number };
        } | null;
        expect(last.usage).toEqual({
          inputTokens: usage?.prompt_tokens ?? 0,
          outputTokens: usage?.completion_tokens ?? 0,
          ...(usage?.completion_tokens_details?.reasoning_tokens === undefined
            ? {}
            : { reasoningTokens: usage.completion_tokens_details.reasoning_tokens }),
        });
      }
    });
  }

  it('shows OpenRouter thinking once, though it arrives in both `reasoning` and `reasoning_details`', async () => {
    mock.script({ kind: 'stream', dialect: 'reasoning_details', reasoning: 'Count once.', answer: 'Done.' });
    const log = await readEvents(await postAnalysis(api, mathRequest()));
    expect(log.reasoning).toBe('Count once.');
  });

  it('ends a mid-stream provider error with an error event after the partial answer', async () => {
    mock.script({
      kind: 'stream',
      dialect: 'reasoning_content',
      reasoning: 'Let me look.',
      answer: 'The first half of the answer and the second half',
      chunkChars: 10,
      fault: { after: 5, type: 'error-event' },
    });
    const log = await readEvents(await postAnalysis(api, mathRequest()));
    expect(log.text.length).toBeGreaterThan(0);
    expect('The first half of the answer and the second half'.startsWith(log.text)).toBe(true);
    expect(foldDeltas(log.types).slice(-3)).toEqual(['text-delta', 'text-end', 'error']);
    expect(log.events.at(-1)).toMatchObject({ type: 'error', code: 'upstream_error', retryable: true });
  });
});

describe('the events of an analysis', () => {
  it('come in the order and shapes of the contract, and stream: false returns the same content', async () => {
    const scenario = {
      kind: 'stream' as const,
      dialect: 'reasoning_content' as const,
      reasoning: '3 + 7 = 10, so the rule is the sum.',
      answer: 'Rule: the third number is the sum of the first two.\n\\boxed{10}',
      usage: {
        prompt_tokens: 400,
        completion_tokens: 30,
        completion_tokens_details: { reasoning_tokens: 12 },
      },
    };
    mock.script(scenario, scenario);
    const log = await readEvents(await postAnalysis(api, mathRequest()));
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
    const [start, media] = log.events;
    expect(start).toMatchObject({
      type: 'start',
      model: 'qwen2.5-vl-72b-instruct',
      template: 'math-pattern',
      locale: 'en',
    });
    expect(media).toMatchObject({
      type: 'media',
      item: {
        index: 0,
        type: 'image',
        width: 644,
        height: 476,
        tokens: 391,
        originalWidth: 640,
        originalHeight: 480,
      },
    });
    const finish = log.events.at(-1);
    expect(finish).toMatchObject({
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 400, outputTokens: 30, reasoningTokens: 12 },
      result: { answer: '10' },
    });

    const response = await postAnalysis(api, { ...mathRequest(), stream: false });
    expect(response.status).toBe(200);
    const document = await response.json();
    expect(document).toMatchObject({
      model: 'qwen2.5-vl-72b-instruct',
      template: 'math-pattern',
      locale: 'en',
      reasoning: log.reasoning,
      text: log.text,
      finishReason: 'stop',
      usage: { inputTokens: 400, outputTokens: 30, reasoningTokens: 12 },
      result: { answer: '10' },
    });
    expect(document.media).toEqual([(media as { item: unknown }).item]);
  });

  it('sends the media first and the instruction after, with no system message', async () => {
    mock.script({ kind: 'stream', dialect: 'reasoning', reasoning: 'ok', answer: 'ok' });
    await readEvents(await postAnalysis(api, { ...mathRequest(), locale: 'zh', question: '问号处是多少？' }));
    const [received] = mock.requests;
    const body = received?.body as {
      model: string;
      stream: boolean;
      messages: { role: string; content: { type: string; text?: string }[] }[];
    };
    expect(body.model).toBe('qwen2.5-vl-72b-instruct');
    expect(body.stream).toBe(true);
    expect(body.messages.map((message) => message.role)).toEqual(['user']);
    const parts = body.messages[0]!.content;
    expect(parts.map((part) => part.type)).toEqual(['image_url', 'text']);
    expect(parts[1]!.text).toContain('问号处是多少？');
    expect(received?.headers.authorization).toBe('Bearer test-key');
  });

  it('sends a `: ping` while the model is silent', async () => {
    const pinging = await startAPI(
      { SEER_BASE_URL: mock.url, SEER_MODEL: 'qwen2.5-vl-7b' },
      { pingIntervalMs: 100 },
    );
    try {
      mock.script({
        kind: 'stream',
        dialect: 'reasoning',
        reasoning: 'a',
        answer: 'b',
        delayMs: 180,
        chunkChars: 1,
      });
      const log = await readEvents(await postAnalysis(pinging, mathRequest()));
      expect(log.pings).toBeGreaterThan(0);
      expect(log.text).toBe('b');
    } finally {
      await pinging.close();
    }
  });
});

describe('requests Seer refuses before the stream', () => {
  it.each<{ name: string; body: unknown; status: number; code: string }>([
    {
      name: 'an unknown template',
      body: { template: 'horoscope', media: [] },
      status: 404,
      code: 'unknown_template',
    },
    {
      name: 'an unknown model',
      body: { template: 'freeform', question: 'Hi?', model: 'gpt-9' },
      status: 404,
      code: 'unknown_model',
    },
    {
      name: 'an unknown field',
      body: { template: 'freeform', question: 'Hi?', top_k: 2 },
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'a temperature out of range',
      body: { template: 'freeform', question: 'Hi?', temperature: 3 },
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'both a budget and an effort level',
      body: { template: 'freeform', question: 'Hi?', thinking: { budget: 1024, effort: 'low' } },
      status: 400,
      code: 'invalid_request',
    },
    { name: 'broken JSON', body: '{"template": "freeform", ', status: 400, code: 'invalid_request' },
    {
      name: 'a wrong media count',
      body: { template: 'math-pattern', media: [] },
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'freeform without a question',
      body: { template: 'freeform' },
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'a media item with both url and file',
      body: { template: 'freeform', question: 'Hi?', media: [{ type: 'image', url: 'data:,', file: 'a' }] },
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'bytes that are not an image',
      body: {
        template: 'freeform',
        question: 'Hi?',
        media: [
          {
            type: 'image',
            url: `data:image/png;base64,${Buffer.from('hello, not an image at all').toString('base64')}`,
          },
        ],
      },
      status: 415,
      code: 'unsupported_media_type',
    },
  ])('$name gets $status $code', async ({ body, status, code }) => {
    const response = await postAnalysis(api, body);
    expect(response.status).toBe(status);
    const json = await response.json();
    expect(json.error.code).toBe(code);
    expect(json.error.message).toMatch(/\w+ .*\w/);
    expect(mock.requests).toHaveLength(0);
  });

  it.each([
    { name: 'plain text', contentType: 'text/plain', message: /application\/json or multipart\/form-data/ },
    { name: 'no body type', contentType: undefined, message: /application\/json or multipart\/form-data/ },
    { name: 'an empty JSON body', contentType: 'application/json', message: /not valid JSON/ },
  ])('a request sent as $name gets 400 with what to send instead', async ({ contentType, message }) => {
    const body =
      contentType === 'application/json' ? '' : JSON.stringify({ template: 'freeform', question: 'Hi?' });
    const response = await fetch(`${api.url}/v1/analyses`, {
      method: 'POST',
      ...(contentType ? { headers: { 'content-type': contentType } } : {}),
      body: contentType === undefined ? new Blob([body]) : body,
    });
    expect(response.status).toBe(400);
    const json = await response.json();
    expect(json.error.code).toBe('invalid_request');
    expect(json.error.message).toMatch(message);
    expect(mock.requests).toHaveLength(0);
  });

  it('names the failing field of an invalid body', async () => {
    const response = await postAnalysis(api, { template: 'freeform', question: 'Hi?', locale: 'fr' });
    const json = await response.json();
    expect(response.status).toBe(400);
    expect(json.error.message).toContain('locale');
    expect(json.error.issues[0].path).toEqual(['locale']);
  });
});

describe('provider failures', () => {
  it('retries a 429 before any output, honouring Retry-After, then succeeds', async () => {
    mock.script(
      { kind: 'status', status: 429, retryAfter: 1 },
      { kind: 'stream', dialect: 'reasoning_content', reasoning: 'r', answer: 'after the retry' },
    );
    const started = Date.now();
    const log = await readEvents(await postAnalysis(api, mathRequest()));
    expect(log.text).toBe('after the retry');
    expect(mock.requests).toHaveLength(2);
    expect(mock.requests[1]!.receivedAt - mock.requests[0]!.receivedAt).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('retries a 500 twice and then succeeds', async () => {
    mock.script(
      { kind: 'status', status: 500 },
      { kind: 'status', status: 503, retryAfter: 0 },
      { kind: 'stream', dialect: 'reasoning', reasoning: 'r', answer: 'third time' },
    );
    const log = await readEvents(await postAnalysis(api, mathRequest()));
    expect(log.text).toBe('third time');
    expect(mock.requests).toHaveLength(3);
  });

  it('gives up after two retries with 502 upstream_error', async () => {
    mock.script(
      { kind: 'status', status: 500, retryAfter: 0 },
      { kind: 'status', status: 500, retryAfter: 0 },
      { kind: 'status', status: 500, retryAfter: 0 },
      { kind: 'stream', dialect: 'reasoning', reasoning: 'r', answer: 'never reached' },
    );
    const response = await postAnalysis(api, mathRequest());
    expect(response.status).toBe(502);
    expect((await response.json()).error).toMatchObject({ code: 'upstream_error', upstreamStatus: 500 });
    expect(mock.requests).toHaveLength(3);
  });

  it('does not retry a 400, which becomes 502 upstream_error with the provider message', async () => {
    mock.script({
      kind: 'status',
      status: 400,
      body: { error: { message: 'image too small', type: 'invalid_request_error' } },
    });
    const response = await postAnalysis(api, mathRequest());
    expect(response.status).toBe(502);
    const json = await response.json();
    expect(json.error.code).toBe('upstream_error');
    expect(json.error.message).toContain('image too small');
    expect(mock.requests).toHaveLength(1);
  });

  it('gives the partial output and then an error event, promptly, when the connection drops', async () => {
    mock.script({
      kind: 'stream',
      dialect: 'reasoning_content',
      reasoning: 'Thinking hard about it',
      answer: 'Partial answer that never ends',
      chunkChars: 6,
      delayMs: 20,
      fault: { after: 6, type: 'drop' },
    });
    const started = Date.now();
    const log = await readEvents(await postAnalysis(api, mathRequest()));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(log.reasoning.length).toBeGreaterThan(0);
    expect(log.events.at(-1)).toMatchObject({ type: 'error', code: 'upstream_error', retryable: true });
    expect(log.types).not.toContain('finish');
  });

  it('answers 504 upstream_timeout when the provider sends nothing', async () => {
    mock.script({ kind: 'silence' });
    const started = Date.now();
    const response = await postAnalysis(api, mathRequest());
    expect(response.status).toBe(504);
    expect((await response.json()).error.code).toBe('upstream_timeout');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(mock.requests).toHaveLength(1);
  });

  it('ends with an upstream_timeout event when the provider goes silent mid-stream', async () => {
    mock.script({
      kind: 'stream',
      dialect: 'reasoning_content',
      reasoning: 'Started thinking',
      answer: 'never',
      chunkChars: 4,
      fault: { after: 3, type: 'silence' },
    });
    const log = await readEvents(await postAnalysis(api, mathRequest()));
    expect(log.reasoning.length).toBeGreaterThan(0);
    expect(log.events.at(-1)).toMatchObject({ type: 'error', code: 'upstream_timeout' });
  });

  it('with no grace period (SEER_DETACHED_GRACE_S=0), aborts the provider request within a second when the client goes away mid-stream', async () => {
    mock.script({
      kind: 'stream',
      dialect: 'reasoning_content',
      reasoning: 'A very long thought. '.repeat(200),
      answer: 'never read',
      chunkChars: 20,
      delayMs: 50,
    });
    const client = new AbortController();
    const response = await postAnalysis(api, mathRequest(), { signal: client.signal });
    const reader = response.body!.getReader();
    await reader.read();
    await reader.read();
    const abortedAt = Date.now();
    client.abort();
    await expect.poll(() => mock.requests[0]?.abortedByClient, { timeout: 1000, interval: 20 }).toBe(true);
    expect(mock.requests[0]!.closedAt! - abortedAt).toBeLessThan(1000);
  });
});

describe('GET /v1/models', () => {
  it('lists the configured models with their capabilities and the default', async () => {
    const withDashScope = await startAPI({ DASHSCOPE_API_KEY: 'k', DASHSCOPE_BASE_URL: mock.url });
    try {
      const { data: entries } = await (await fetch(`${withDashScope.url}/v1/models`)).json();
      // Each model is followed by its task entries (tested in chat-completions.test.ts).
      const data = entries.filter((entry: { task?: string }) => entry.task === undefined);
      expect(data.map((model: { id: string }) => model.id)).toEqual([
        'qvq-max',
        'qwen3-vl-plus',
        'qwen3-vl-flash',
        'qwen-vl-max',
        'demo',
      ]);
      expect(data[0]).toMatchObject({
        provider: 'dashscope',
        family: 'qwen2.5-vl',
        default: true,
        thinking: 'always',
        isStreamOnly: true,
      });
      expect(data[1]).toMatchObject({ family: 'qwen3-vl', budget: { control: 'native' } });
      expect(JSON.stringify(data)).not.toContain('"k"');
    } finally {
      await withDashScope.close();
    }
  });

  it('lists only the demo when nothing is configured, and refuses other models with 503', async () => {
    const bare = await startAPI();
    try {
      const { data } = await (await fetch(`${bare.url}/v1/models`)).json();
      expect(data[0]).toEqual(expect.objectContaining({ id: 'demo', provider: 'demo', default: true }));
      expect(data.slice(1).every((entry: { model?: string }) => entry.model === 'demo')).toBe(true);
      const response = await postAnalysis(bare, { ...mathRequest(), model: 'qvq-max' });
      expect(response.status).toBe(503);
      expect((await response.json()).error.code).toBe('no_model_configured');
    } finally {
      await bare.close();
    }
  });
});

describe('GET /healthz', () => {
  it('answers ok with the version and the limits a client can check early', async () => {
    const response = await fetch(`${api.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      version: '0.1.0',
      limits: {
        imageBytes: 25 * 1024 * 1024,
        imagePixels: 268_402_689,
        videoBytes: 500 * 1024 * 1024,
        videoSeconds: 600,
        bodyBytes: 64 * 1024 * 1024,
        multipartBytes: 564 * 1024 * 1024,
      },
    });
  });

  it('serves the OpenAPI document generated from the schemas, and the page that renders it', async () => {
    const document = await (await fetch(`${api.url}/openapi.json`)).json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/healthz',
        '/v1/models',
        '/v1/models/{id}',
        '/v1/templates',
        '/v1/preprocess',
        '/v1/analyses',
        '/v1/analyses/{id}',
        '/v1/analyses/{id}/events',
        '/v1/analyses/{id}/cancel',
      ]),
    );
    // The run's lifecycle is documented: its status schema and the way to resume its events.
    expect(Object.keys(document.paths['/v1/analyses/{id}'])).toEqual(
      expect.arrayContaining(['get', 'delete']),
    );
    expect(JSON.stringify(document.paths['/v1/analyses/{id}/events'])).toContain('Last-Event-ID');
    expect(document.components.schemas.AnalysisRun.properties.status.enum).toEqual([
      'running',
      'finished',
      'failed',
      'cancelled',
    ]);
    const body = document.paths['/v1/analyses'].post.requestBody.content['application/json'].schema;
    expect(JSON.stringify(body)).toContain('maxAnswerTokens');
    const form = document.paths['/v1/analyses'].post.requestBody.content['multipart/form-data'].schema;
    expect(form).toMatchObject({ required: ['request'], properties: { request: { type: 'string' } } });
    const docs = await fetch(`${api.url}/docs`);
    expect(docs.headers.get('content-type')).toContain('text/html');
    const page = await docs.text();
    expect(page).toContain('/docs/swagger-ui-bundle.js');
    expect((await fetch(`${api.url}/docs/swagger-ui-bundle.js`)).status).toBe(200);
    expect((await fetch(`${api.url}/docs/init.js`)).status).toBe(200);
  });
});
