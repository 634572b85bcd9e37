import { type MockUpstream, startMockUpstream } from '@seer/mock-upstream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postAnalysis, type RunningAPI, startAPI } from '../test/test-support';

describe("the provider's request id", () => {
  let mock: MockUpstream;
  let api: RunningAPI;
  let log = '';
  beforeAll(async () => {
    mock = await startMockUpstream();
    const logger = pino(
      { level: 'info' },
      {
        write: (line: string) => {
          log += line;
        },
      },
    );
    api = await startAPI({ DASHSCOPE_API_KEY: 'test', DASHSCOPE_BASE_URL: mock.url }, { logger });
  });
  afterAll(async () => {
    await api.close();
    await mock.close();
  });

  it('is in the error a refused provider request gives, and in the log line, for its support to find', async () => {
    mock.script({
      kind: 'status',
      status: 400,
      body: { error: { message: 'The image is too small.', type: 'invalid_request_error' } },
      headers: { 'x-request-id': 'req_7f3a' },
    });
    const response = await postAnalysis(api, {
      template: 'freeform',
      question: 'What is this?',
      model: 'qvq-max',
      stream: false,
    });
    expect(response.status).toBe(502);
    const { error } = (await response.json()) as { error: Record<string, unknown> };
    expect(error).toMatchObject({ code: 'upstream_error', upstreamRequestId: 'req_7f3a' });
    expect(String(error.message)).toContain('The image is too small.');

    const lines = log
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.find((line) => line.msg === 'unexpected error')).toMatchObject({
      upstreamRequestId: 'req_7f3a',
    });
  });
});
