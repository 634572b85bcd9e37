import { loadRecordings } from '@seer/mock-upstream/recordings';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../errors';
import type { ModelStreamEvent } from './events';
import { type StreamFault, StreamNormalizer } from './normalize-chunks';
import { createTextDecoderStream, type SSEMessage, SSEParserStream } from './parse-sse';

const encoder = new TextEncoder();

/** Streams the bytes in the given pieces, through the decoder, parser and normalizer, into an array. */
async function normalize(pieces: Uint8Array[], fault?: StreamFault): Promise<ModelStreamEvent[]> {
  const bytes = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const piece of pieces) controller.enqueue(piece);
      controller.close();
    },
  });
  let messages: ReadableStream<SSEMessage | StreamFault> = bytes
    .pipeThrough(createTextDecoderStream())
    .pipeThrough(new SSEParserStream());
  if (fault) {
    messages = messages.pipeThrough(
      new TransformStream<SSEMessage | StreamFault, SSEMessage | StreamFault>({
        flush: (controller) => controller.enqueue(fault),
      }),
    );
  }
  const events: ModelStreamEvent[] = [];
  for await (const event of messages.pipeThrough(new StreamNormalizer())) events.push(event);
  return events;
}

function splitAt(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const sorted = [...new Set(cuts)].filter((cut) => cut > 0 && cut < bytes.length).sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const cut of [...sorted, bytes.length]) {
    pieces.push(bytes.subarray(start, cut));
    start = cut;
  }
  return pieces;
}

function collect(events: ModelStreamEvent[]) {
  let reasoning = '';
  let text = '';
  for (const event of events) {
    if (event.type === 'reasoning-delta') reasoning += event.text;
    if (event.type === 'text-delta') text += event.text;
  }
  return { reasoning, text, last: events.at(-1), types: events.map((event) => event.type) };
}

/** The event types in order with consecutive deltas folded into one. */
function shape(types: string[]): string[] {
  return types.filter((type, index) => !(type.endsWith('-delta') && types[index - 1] === type));
}

const recordings = loadRecordings();

describe('StreamNormalizer on recorded provider streams', () => {
  it('has the project recordings (and the shared ones when present)', () => {
    expect(recordings.filter((recording) => recording.origin === 'project').length).toBeGreaterThanOrEqual(3);
  });

  for (const recording of recordings) {
    describe(`${recording.origin}: ${recording.name}`, () => {
      const bytes = encoder.encode(recording.sse);
      const { expected } = recording;
      const isError = expected.finish_reason === null;

      const check = (events: ModelStreamEvent[]) => {
        const { reasoning, text, last, types } = collect(events);
        expect(reasoning).toBe(expected.reasoning);
        expect(text).toBe(expected.content);
        if (isError) {
          expect(last?.type).toBe('error');
          return;
        }
        expect(last?.type).toBe('finish');
        if (last?.type !== 'finish') return;
        expect(last.finishReason).toBe(expected.finish_reason);
        const usage = expected.usage as {
          prompt_tokens?: number;
          completion_tokens?: number;
          completion_tokens_details?: { reasoning_tokens?: number };
        } | null;
        expect(last.usage.inputTokens).toBe(usage?.prompt_tokens ?? 0);
        expect(last.usage.outputTokens).toBe(usage?.completion_tokens ?? 0);
        expect(last.usage.reasoningTokens).toBe(usage?.completion_tokens_details?.reasoning_tokens);
        const expectedShape = [
          ...(expected.reasoning ? ['reasoning-start', 'reasoning-delta', 'reasoning-end'] : []),
          ...(expected.content ? ['text-start', 'text-delta', 'text-end'] : []),
          'finish',
        ];
        expect(shape(types)).toEqual(expectedShape);
      };

      it('reads the whole stream in one piece', async () => {
        check(await normalize([bytes]));
      });

      // Byte by byte costs one stream read per byte: the large captures get the random splits only.
      if (bytes.length < 20_000) {
        it('reads it byte by byte', async () => {
          check(
            await normalize(
              splitAt(
                bytes,
                Array.from({ length: bytes.length }, (_, index) => index),
              ),
            ),
          );
        });
      }

      it('reads it split at random boundaries, inside multi-byte characters too', async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.array(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 60 }),
            async (cuts) => check(await normalize(splitAt(bytes, cuts))),
          ),
          { numRuns: 25 },
        );
      });
    });
  }
});

function sse(...chunks: unknown[]): Uint8Array {
  return encoder.encode(
    chunks.map((chunk) => `data: ${typeof chunk === 'string' ? chunk : JSON.stringify(chunk)}\n\n`).join(''),
  );
}
const delta = (fields: Record<string, unknown>, finish: string | null = null) => ({
  choices: [{ index: 0, delta: fields, finish_reason: finish }],
});

describe('StreamNormalizer edge cases', () => {
  it('does not open a thinking block for an empty reasoning_content', async () => {
    const events = await normalize([
      sse(delta({ reasoning_content: '' }), delta({ content: 'Hi' }), delta({}, 'stop'), '[DONE]'),
    ]);
    expect(events.map((event) => event.type)).toEqual(['text-start', 'text-delta', 'text-end', 'finish']);
  });

  it('ends a stream cut without a finish reason or [DONE] with an error after the partial answer', async () => {
    const events = await normalize([sse(delta({ reasoning: 'Hmm' }), delta({ content: 'Partial' }))]);
    const { text, last, types } = collect(events);
    expect(text).toBe('Partial');
    expect(types).toEqual([
      'reasoning-start',
      'reasoning-delta',
      'reasoning-end',
      'text-start',
      'text-delta',
      'text-end',
      'error',
    ]);
    expect(last).toMatchObject({ type: 'error', code: 'upstream_error', retryable: true });
  });

  it('ends with the fault it is given, after closing the open block', async () => {
    const fault = new UpstreamError({
      code: 'upstream_timeout',
      message: 'Silent.',
      status: 504,
      isRetryable: true,
    });
    const events = await normalize([sse(delta({ reasoning_content: 'Thinking' }))], { fault });
    expect(events.map((event) => event.type)).toEqual([
      'reasoning-start',
      'reasoning-delta',
      'reasoning-end',
      'error',
    ]);
    expect(events.at(-1)).toMatchObject({ code: 'upstream_timeout', message: 'Silent.' });
  });

  it('passes the provider error message of a mid-stream error event', async () => {
    const events = await normalize([
      sse(delta({ content: 'Half' }), { error: { message: 'overloaded', code: 'server_error' } }),
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'error', code: 'upstream_error' });
    expect((events.at(-1) as { message: string }).message).toContain('overloaded');
  });

  it('reports the thinking duration from the clock it is given', async () => {
    let clock = 1000;
    const bytes = new ReadableStream<SSEMessage>({
      start(controller) {
        controller.enqueue({ data: JSON.stringify(delta({ reasoning_content: 'a' })) });
        controller.close();
      },
    });
    const normalizer = new StreamNormalizer({ now: () => clock, startedAt: 900 });
    const reader = bytes.pipeThrough(normalizer).getReader();
    const events: ModelStreamEvent[] = [];
    for (;;) {
      clock += 100;
      const { value, done } = await reader.read();
      if (done) break;
      events.push(value);
    }
    const end = events.find((event) => event.type === 'reasoning-end');
    const finish = events.at(-1);
    expect(end && 'durationMs' in end && end.durationMs).toBeGreaterThan(0);
    expect(finish?.type).toBe('error'); // no finish reason and no [DONE]: a cut stream
  });
});
