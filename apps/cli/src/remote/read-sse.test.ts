import { describe, expect, it } from 'vitest';
import { readSSE, type SSEMessage } from './read-sse';

function bodyOf(pieces: readonly string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const piece of pieces) controller.enqueue(encoder.encode(piece));
      controller.close();
    },
  });
}

async function readAll(pieces: readonly string[]): Promise<SSEMessage[]> {
  const messages: SSEMessage[] = [];
  for await (const message of readSSE(bodyOf(pieces))) messages.push(message);
  return messages;
}

describe('readSSE', () => {
  it('reads events whose lines end in \\n, \\r\\n or \\r, however the pieces cut them', async () => {
    const text =
      'event: start\nid: 0\ndata: {"a":1}\n\nevent: reasoning-delta\r\nid: 1\r\ndata: {"text":"é"}\r\n\r\nid: 2\rdata: x\rdata: y\r\r';
    const expected = [
      { event: 'start', id: '0', data: '{"a":1}' },
      { event: 'reasoning-delta', id: '1', data: '{"text":"é"}' },
      { event: 'message', id: '2', data: 'x\ny' },
    ];
    expect(await readAll([text])).toEqual(expected);
    const bytes = new TextEncoder().encode(text);
    // Every split point, the two-byte é and each \r\n included.
    for (let cut = 1; cut < bytes.length; cut++) {
      const messages: SSEMessage[] = [];
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes.slice(0, cut));
          controller.enqueue(bytes.slice(cut));
          controller.close();
        },
      });
      for await (const message of readSSE(body)) messages.push(message);
      expect(messages, `cut at byte ${cut}`).toEqual(expected);
    }
  });

  it('skips comments and retry lines, and keeps an event without an id as one without', async () => {
    expect(await readAll([': ping\n\nretry: 100\nevent: notice\ndata: {}\n\n'])).toEqual([
      { event: 'notice', id: undefined, data: '{}' },
    ]);
  });

  it('does not deliver an event the end of the stream cut off', async () => {
    expect(await readAll(['event: a\nid: 0\ndata: 1\n\nevent: b\nid: 1\ndata: {"text":"hal'])).toEqual([
      { event: 'a', id: '0', data: '1' },
    ]);
    expect(await readAll(['event: a\nid: 0\ndata: 1\n\nevent: b\nid: 1\ndata: 2\n'])).toHaveLength(1);
  });
});
