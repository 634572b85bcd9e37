import { type MockUpstream, startMockUpstream } from '@seer/mock-upstream';
import { type APIServer, startAPIServer } from '@seer/test-setup';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeOutcome, HOSTILE_CEILINGS, type HostileOutcome, runHostile } from '../test/hostile-support';

let mock: MockUpstream;
let api: APIServer;
let deadlineAPI: APIServer;

/** The total deadline of the second API, short enough to wait for. */
const TOTAL_TIMEOUT_MS = 1500;

beforeAll(async () => {
  mock = await startMockUpstream();
  // Not serving the playground, so the suite does not depend on a built web app.
  const provider = { NODE_ENV: 'test', SEER_BASE_URL: mock.url, SEER_MODEL: 'm', SEER_API_KEY: 'k' };
  [api, deadlineAPI] = await Promise.all([
    startAPIServer(provider),
    startAPIServer({
      ...provider,
      SEER_UPSTREAM_TOTAL_TIMEOUT_MS: String(TOTAL_TIMEOUT_MS),
      SEER_UPSTREAM_IDLE_TIMEOUT_MS: '60000',
    }),
  ]);
}, 60_000);
afterAll(async () => {
  await Promise.all([api?.stop(), deadlineAPI?.stop()]);
  await mock?.close();
}, 60_000);
beforeEach(() => mock.reset());

/** One event of the analysis stream, its data shortened so that a 20 MB delta prints as a line. */
interface SeenEvent {
  name: string;
  data: string;
}

/** The events of an SSE text, by its blank lines (Seer's own stream: `event:`, `id:`, `data:`). */
function readSeenEvents(text: string): SeenEvent[] {
  return text
    .split('\n\n')
    .filter((block) => block.includes('event: '))
    .map((block) => ({
      name: /^event: (.*)$/m.exec(block)?.[1] ?? '',
      data: /^data: (.*)$/m.exec(block)?.[1] ?? '',
    }));
}

/**
 * Posts a freeform analysis (no media, so the provider's stream is all the case is about) and reads
 * the whole stream before it resolves, so the hostile request is in flight until its last event. The
 * response handed back holds a summary of the events, for the outcome's message.
 */
async function sendAnalysis(server: APIServer, seen: SeenEvent[]): Promise<Response> {
  const response = await fetch(`${server.url}/v1/analyses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ template: 'freeform', question: 'What is in it?', media: [] }),
  });
  const events = readSeenEvents(await response.text());
  seen.push(...events);
  const summary = events.map((event) => `${event.name} ${event.data.slice(0, 160)}`).join('\n');
  return new Response(summary, { status: response.status });
}

/** The `error` event a stream ended with, parsed; fails when the last event is anything else. */
function lastError(seen: SeenEvent[], outcome: HostileOutcome): { code: string; message: string } {
  const last = seen.at(-1);
  expect(last?.name, describeOutcome(outcome)).toBe('error');
  return JSON.parse(last!.data) as { code: string; message: string };
}

function expectCeilings(outcome: HostileOutcome): void {
  const message = describeOutcome(outcome);
  expect(outcome.status, message).toBe(200);
  expect(outcome.slowestHealthzMs, message).toBeLessThanOrEqual(HOSTILE_CEILINGS.healthzMs);
  expect(outcome.peakRSSDeltaMB, message).toBeLessThanOrEqual(HOSTILE_CEILINGS.peakRSSMB);
  expect(outcome.settledRSSDeltaMB, message).toBeLessThanOrEqual(HOSTILE_CEILINGS.settledRSSMB);
}

const MB = 1024 * 1024;

describe('a hostile provider stream', () => {
  it('one 20 MB delta on one line ends the stream with upstream_error, the server unhurt', async () => {
    const content = 'x'.repeat(20 * MB);
    mock.script({
      kind: 'replay',
      sse:
        `data: {"choices":[{"delta":{"content":"${content}"}}]}\n\n` +
        'data: {"choices":[{"delta":{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n',
    });
    const seen: SeenEvent[] = [];
    const outcome = await runHostile(api, () => sendAnalysis(api, seen));
    expectCeilings(outcome);
    const error = lastError(seen, outcome);
    expect(error.code, describeOutcome(outcome)).toBe('upstream_error');
    expect(error.message).toMatch(/longer than/);
    // Nothing of the over-long line reached the client.
    expect(seen.some((event) => event.name === 'text-delta')).toBe(false);
  }, 60_000);

  it('40 MB without a newline ends the stream with upstream_error, the server unhurt', async () => {
    mock.script({
      kind: 'replay',
      sse: `data: {"choices":[{"delta":{"content":"${'y'.repeat(40 * MB)}`,
    });
    const seen: SeenEvent[] = [];
    const outcome = await runHostile(api, () => sendAnalysis(api, seen));
    expectCeilings(outcome);
    const error = lastError(seen, outcome);
    expect(error.code, describeOutcome(outcome)).toBe('upstream_error');
    expect(error.message).toMatch(/longer than/);
  }, 90_000);

  it('keep-alive comments forever end with upstream_timeout at the total deadline', async () => {
    // Ten seconds of `: ping` every 50 ms, far past the deadline; each ping resets the idle timer.
    const ping = ': ping\n\n';
    const count = 200;
    mock.script({
      kind: 'replay',
      sse: ping.repeat(count),
      split: Array.from({ length: count - 1 }, (_, index) => (index + 1) * ping.length),
      delayMs: 50,
    });
    const seen: SeenEvent[] = [];
    let tookMs = 0;
    const outcome = await runHostile(deadlineAPI, async () => {
      const started = Date.now();
      const response = await sendAnalysis(deadlineAPI, seen);
      tookMs = Date.now() - started;
      return response;
    });
    expectCeilings(outcome);
    const error = lastError(seen, outcome);
    expect(error.code, describeOutcome(outcome)).toBe('upstream_timeout');
    expect(tookMs, describeOutcome(outcome)).toBeGreaterThanOrEqual(TOTAL_TIMEOUT_MS);
    expect(tookMs, describeOutcome(outcome)).toBeLessThan(TOTAL_TIMEOUT_MS + 2500);
    const [request] = await mock.waitForRequests(1);
    const deadline = Date.now() + 2000;
    while (request!.closedAt === undefined && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(request!.abortedByClient).toBe(true);
  }, 30_000);
});
