import { type MockUpstream, startMockUpstream } from '@seer/mock-upstream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { httpTransport } from './http-transport';

let mock: MockUpstream;
beforeAll(async () => {
  mock = await startMockUpstream();
});
afterAll(() => mock.close());

/** About 200 chunks 5 ms apart: still arriving when the test aborts. */
const slowStream = {
  kind: 'stream',
  dialect: 'reasoning_content',
  reasoning: 'A long thought. '.repeat(200),
  answer: 'late',
  chunkChars: 16,
  delayMs: 5,
} as const;

const post = (signal: AbortSignal) =>
  httpTransport({
    url: `${mock.url}/chat/completions`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'm', messages: [], stream: true }),
    signal,
  });

it('aborting before the body is read ends it quietly, and the next request goes through', async () => {
  mock.script(slowStream);
  const abort = new AbortController();
  const response = await post(abort.signal);
  expect(response.status).toBe(200);
  abort.abort();
  // An unhandled 'error' from the unread body would fail this test file.
  await new Promise((resolve) => setTimeout(resolve, 50));

  mock.script({ kind: 'stream', dialect: 'reasoning_content', reasoning: 'r', answer: 'Ten.' });
  const next = await post(new AbortController().signal);
  let text = '';
  for await (const chunk of next.body) text += Buffer.from(chunk).toString('utf8');
  expect(text).toContain('Ten.');
});

it('aborting while the body is read makes the read fail', async () => {
  mock.script(slowStream);
  const abort = new AbortController();
  const response = await post(abort.signal);
  const reading = (async () => {
    for await (const _chunk of response.body) abort.abort();
  })();
  await expect(reading).rejects.toThrow();
});

it('aborting before the answer arrives rejects the request', async () => {
  mock.script({ kind: 'stream', dialect: 'reasoning_content', reasoning: 'r', answer: 'a' });
  const abort = new AbortController();
  abort.abort();
  await expect(post(abort.signal)).rejects.toThrow();
});

it("sends to the URL's path and query with Host, the caller's headers, the body's length and keep-alive", async () => {
  mock.reset();
  const body = JSON.stringify({
    model: 'm',
    messages: [{ role: 'user', content: '三 + 7 = ?' }],
    stream: true,
  });
  const host = new URL(mock.url).host;
  const read = async () => {
    const response = await httpTransport({
      url: `${new URL(mock.url).origin}/compatible-mode/v1/chat/completions?api-version=2`,
      headers: { 'content-type': 'application/json', authorization: 'Bearer key' },
      body,
      signal: new AbortController().signal,
    });
    for await (const _chunk of response.body);
    return response.status;
  };
  expect(await read()).toBe(200);
  expect(await read()).toBe(200);
  const [first, second] = mock.requests;
  expect(first?.path).toBe('/compatible-mode/v1/chat/completions?api-version=2');
  expect(first?.headers).toMatchObject({
    host,
    authorization: 'Bearer key',
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'keep-alive',
  });
  expect(first?.body).toEqual(JSON.parse(body));
  // The second request goes to the target the first one worked out.
  expect(second?.path).toBe(first?.path);
  expect(second?.headers.host).toBe(host);
});
