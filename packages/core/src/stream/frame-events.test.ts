import fc from 'fast-check';
import { Stream } from 'openai/streaming';
import { describe, expect, it } from 'vitest';
import {
  MAX_SSE_EVENT_LENGTH,
  SSEEventFramer,
  SSEEventFramerStream,
  SSEEventTooLongError,
} from './frame-events';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The pieces the framer passes on for the given pieces of text. */
function frame(pieces: string[], maxLength?: number): string[] {
  const framer = new SSEEventFramer(maxLength);
  const out: string[] = [];
  const sink = { enqueue: (bytes: Uint8Array) => out.push(decoder.decode(bytes)) };
  for (const piece of pieces) framer.push(encoder.encode(piece), sink);
  framer.end(sink);
  return out;
}

/** Cuts a text at the given places. */
function splitAt(text: string, cuts: number[]): string[] {
  const sorted = [...new Set(cuts)].sort((a, b) => a - b);
  const pieces: string[] = [];
  let start = 0;
  for (const at of [...sorted, text.length]) {
    pieces.push(text.slice(start, at));
    start = at;
  }
  return pieces;
}

/** What the OpenAI SDK's decoder makes of the framer's pieces. */
async function decodeWithSDK(pieces: Uint8Array[]): Promise<unknown[]> {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const piece of pieces) controller.enqueue(piece);
      controller.close();
    },
  }).pipeThrough(new SSEEventFramerStream());
  const items: unknown[] = [];
  for await (const item of Stream.fromSSEResponse(new Response(body), new AbortController()))
    items.push(item);
  return items;
}

describe('SSEEventFramer', () => {
  it('passes whole events on at once, several to a piece, and keeps the rest until its blank line', () => {
    expect(frame(['data: 1\n\ndata: 2\n\ndata: 3', '\n', '\ndata: 4'])).toEqual([
      'data: 1\n\ndata: 2\n\n',
      'data: 3\n\n',
      'data: 4',
    ]);
  });

  it('ends events at blank lines of \\n, \\r\\n and \\r, even split between pieces', () => {
    expect(frame(['data: a\r\n\r\ndata: b\r\r', 'data: c\n\r\n'])).toEqual([
      'data: a\r\n\r\ndata: b\r\r',
      'data: c\n\r\n',
    ]);
    // A piece that ends in a blank line's `\r` ends its event; the `\n` after it starts the next piece.
    expect(frame(['data: a\r\n\r', '', '\ndata: b\n', '\n'])).toEqual(['data: a\r\n\r', '\ndata: b\n\n']);
  });

  it('passes the bytes unchanged, each piece but the last ending at an event, however they are split', () => {
    const text = ': c\n\nevent: x\ndata: 1\n\r\ndata: 2\r\n\r\ndata: 三\r\rdata: 4\n\ndata: tail';
    fc.assert(
      fc.property(fc.array(fc.nat(text.length), { maxLength: 12 }), (cuts) => {
        const out = frame(splitAt(text, cuts));
        expect(out.join('')).toBe(text);
        for (const piece of out.slice(0, -1))
          expect(piece).toMatch(/(\n\n|\r\r|\r\n\r\n|\n\r\n|\n\r|\r\n\r)$/);
      }),
    );
  });

  it('feeds the SDK the same chunks however the bytes are split, inside characters too', async () => {
    const chunks = [{ a: '答案' }, { b: 2 }, { c: 'x'.repeat(300) }];
    const bytes = encoder.encode(
      `${chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\r\n\r\n`).join('')}data: [DONE]\n\n`,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 20 }),
        async (cuts) => {
          const sorted = [...new Set(cuts)].sort((a, b) => a - b);
          const pieces = [...sorted, bytes.length].map((end, index) =>
            bytes.subarray(sorted[index - 1] ?? 0, end),
          );
          expect(await decodeWithSDK(pieces)).toEqual(chunks);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('lets the SDK read a long event that arrives in many pieces, each byte copied once', async () => {
    const content = 'x'.repeat(MAX_SSE_EVENT_LENGTH - 100);
    const bytes = encoder.encode(`data: {"content":"${content}"}\n\n`);
    const pieces = Array.from({ length: Math.ceil(bytes.length / 1024) }, (_, index) =>
      bytes.subarray(index * 1024, (index + 1) * 1024),
    );
    const started = performance.now();
    const items = await decodeWithSDK(pieces);
    // The SDK alone copies its unfinished event once per piece: quadratic, far slower.
    expect(performance.now() - started).toBeLessThan(1500);
    expect(items).toEqual([{ content }]);
  });

  it('reads events that end in bare CRs, many to a piece, in one pass', () => {
    const out = frame(['data: x\r\r'.repeat(50_000)]);
    expect(out).toHaveLength(1);
    expect(out[0]).toHaveLength(50_000 * 'data: x\r\r'.length);
  });

  it('stops at an event longer than the limit, after the events before it', () => {
    const framer = new SSEEventFramer(100);
    const out: Uint8Array[] = [];
    const sink = { enqueue: (bytes: Uint8Array) => out.push(bytes) };
    framer.push(encoder.encode('data: first\n\n'), sink);
    framer.push(encoder.encode(`data: ${'y'.repeat(60)}`), sink);
    expect(() => framer.push(encoder.encode('y'.repeat(60)), sink)).toThrow(SSEEventTooLongError);
    expect(out.map((bytes) => decoder.decode(bytes))).toEqual(['data: first\n\n']);
    expect(() => framer.push(encoder.encode('\n\n'), sink)).toThrow(/longer than 100 bytes/);
    expect(() => framer.end(sink)).toThrow(SSEEventTooLongError);
  });

  it('stops at an event of many short lines that together pass the limit, whole in one piece too', () => {
    expect(() => frame(['data: abc\n'.repeat(20)], 100)).toThrow(SSEEventTooLongError);
    expect(() => frame([`data: ok\n\n${'data: abc\n'.repeat(20)}\n`], 100)).toThrow(SSEEventTooLongError);
  });

  it('holds an event up to the limit, and names the default limit in MB', () => {
    const event = `data: ${'z'.repeat(100 - 'data: \n\n'.length)}\n\n`;
    expect(frame([event.slice(0, 50), event.slice(50)], 100)).toEqual([event]);
    expect(new SSEEventTooLongError(MAX_SSE_EVENT_LENGTH).message).toContain('4 MB');
  });
});
