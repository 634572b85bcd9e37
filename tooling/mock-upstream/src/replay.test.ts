import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockUpstream } from './server';

// The shared provider captures, when they sit beside the checkout.
const fixturesDirectory = fileURLToPath(new URL('../../../../shared/fixtures/sse', import.meta.url));
const projectRecordingsDirectory = fileURLToPath(new URL('../recordings', import.meta.url));

function listFixtures(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return listFixtures(path);
    return entry.name.endsWith('.txt') ? [path] : [];
  });
}

async function post(upstream: MockUpstream): Promise<Response> {
  return fetch(`${upstream.url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'replayed', stream: true, messages: [] }),
  });
}

/** The body as the separate reads the client saw. */
async function readPieces(response: Response): Promise<Uint8Array[]> {
  const pieces: Uint8Array[] = [];
  for await (const piece of response.body!) pieces.push(piece);
  return pieces;
}

let upstream: MockUpstream;
beforeAll(async () => {
  upstream = await startMockUpstream();
});
afterAll(() => upstream.close());

const embeddedSSE =
  ': keep-alive\n\n' +
  'data: {"choices":[{"index":0,"delta":{"role":"assistant","reasoning_content":"Über 思考 🤔"}}]}\n\n' +
  'data: {"choices":[{"index":0,"delta":{"content":"Ça va."},"finish_reason":"stop"}]}\n\n' +
  'data: [DONE]\n\n';

describe('replay', () => {
  it('returns the recorded bytes verbatim with stream headers', async () => {
    upstream.script({ kind: 'replay', sse: embeddedSSE, split: { seed: 3, maxPieces: 40 } });
    const response = await post(upstream);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    expect(Buffer.from(await response.arrayBuffer()).toString('utf8')).toBe(embeddedSSE);
  });

  it('writes pieces separately, cutting inside a multi-byte character at an explicit offset', async () => {
    const cut = Buffer.from(embeddedSSE).indexOf(Buffer.from('思')) + 1;
    upstream.script({ kind: 'replay', sse: embeddedSSE, split: [cut], delayMs: 50 });
    const pieces = await readPieces(await post(upstream));
    expect(pieces.length).toBeGreaterThanOrEqual(2);
    expect(pieces[0]!.length).toBe(cut);
    expect(Buffer.concat(pieces).toString('utf8')).toBe(embeddedSSE);
  });

  for (const directory of [fixturesDirectory, projectRecordingsDirectory]) {
    const fixtures = existsSync(directory) ? listFixtures(directory) : [];
    describe.skipIf(fixtures.length === 0)(directory, () => {
      it.each(fixtures)('%s is byte-identical under random splits', async (path) => {
        const recorded = readFileSync(path);
        for (const seed of [1, 2, 3]) {
          upstream.script({
            kind: 'replay',
            sse: recorded.toString('utf8'),
            split: { seed, maxPieces: 200 },
          });
          const received = Buffer.concat(await readPieces(await post(upstream)));
          expect(received.equals(recorded)).toBe(true);
        }
      });
    });
  }
});
