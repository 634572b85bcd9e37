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
