import { loadRecordings } from '@seer/mock-upstream/recordings';
import fc from 'fast-check';
import { APIError } from 'openai';
import { Stream } from 'openai/streaming';
import { describe, expect, it } from 'vitest';
import type { ModelStreamEvent } from '../contract/events';
import { UpstreamError } from '../errors';
import { SSEEventFramerStream } from './frame-events';
import {
  providerStreamError,
  type StreamFault,
  StreamNormalizer,
  type StreamNormalizerOptions,
} from './normalize-chunks';

const encoder = new TextEncoder();

/**
 * Streams the bytes in the given pieces as callModel reads them (the event framer, then the OpenAI SDK's
 * decoder) through the normalizer, into an array; `fault` comes after the last chunk.
 */
async function normalize(
  pieces: Uint8Array[],
  fault?: StreamFault,
  options: StreamNormalizerOptions = {},
): Promise<ModelStreamEvent[]> {
  const bytes = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const piece of pieces) controller.enqueue(piece);
      controller.close();
    },
  }).pipeThrough(new SSEEventFramerStream());
  const chunks = Stream.fromSSEResponse(new Response(bytes), new AbortController())[Symbol.asyncIterator]();
  const items = new ReadableStream<unknown>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (!next.done) return controller.enqueue(next.value);
        if (fault) controller.enqueue(fault);
      } catch (error) {
        // The SDK throws a provider's `{"error": …}` chunk; callModel hands it on this way.
        if (!(error instanceof APIError)) throw error;
        controller.enqueue({ fault: providerStreamError(error.error) });
      }
      controller.close();
    },
  });
  const events: ModelStreamEvent[] = [];
  for await (const event of items.pipeThrough(new StreamNormalizer(options))) events.push(event);
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

  it('ends a stream cut without a finish reason with an error after the partial answer', async () => {
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
    expect((events.at(-1) as { message: string }).message).toBe(
      'The model provider failed mid-stream: overloaded',
    );
  });

  it('reads mistyped and unknown fields as absent, and an unknown finish reason as stop', async () => {
    const events = await normalize([
      sse(
        { choices: 'none' },
        { choices: [null, { delta: { content: 42, reasoning_content: 'Hmm' } }] },
        { choices: [{ delta: { content: 'Ten.' }, finish_reason: 'constructor' }] },
        { choices: [], usage: { prompt_tokens: '812', completion_tokens: 9 } },
        '[DONE]',
      ),
    ]);
    expect(joinDeltas(events)).toMatchObject([
      { type: 'reasoning-start' },
      { type: 'reasoning-delta', text: 'Hmm' },
      { type: 'reasoning-end' },
      { type: 'text-start' },
      { type: 'text-delta', text: 'Ten.' },
      { type: 'text-end' },
      { type: 'finish', finishReason: 'stop', usage: { inputTokens: 0, outputTokens: 9 } },
    ]);
  });

  it('reports the thinking duration from the clock it is given', async () => {
    let clock = 1000;
    const bytes = new ReadableStream<unknown>({
      start(controller) {
        controller.enqueue(delta({ reasoning_content: 'a' }));
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
    expect(finish?.type).toBe('error'); // no finish reason: a cut stream
  });
});

/** The events with each run of deltas of one kind joined into one, so whole lists can be compared. */
function joinDeltas(events: ModelStreamEvent[]): ModelStreamEvent[] {
  const joined: ModelStreamEvent[] = [];
  for (const event of events) {
    const last = joined.at(-1);
    if ((event.type === 'reasoning-delta' || event.type === 'text-delta') && last?.type === event.type) {
      joined[joined.length - 1] = { type: event.type, text: last.text + event.text };
    } else {
      joined.push(event);
    }
  }
  return joined;
}

describe('StreamNormalizer with a thought the chat template opened (thinkTags implicit)', () => {
  const implicit = { thinkTags: 'implicit', now: () => 0 } as const;
  const thought = 'I look at the rows… 每行之和 😊';
  const answer = 'The answer is \\boxed{10}';
  const content = `${thought}</think>${answer}`;
  const usageChunk = { choices: [], usage: { prompt_tokens: 812, completion_tokens: 40 } };

  const finish = (finishReason: 'stop' | 'length', withUsage: boolean): ModelStreamEvent => ({
    type: 'finish',
    finishReason,
    usage: withUsage ? { inputTokens: 812, outputTokens: 40 } : { inputTokens: 0, outputTokens: 0 },
    timing: { reasoningMs: 0, totalMs: 0 },
  });
  const thoughtThenAnswer = (withUsage: boolean): ModelStreamEvent[] => [
    { type: 'reasoning-start' },
    { type: 'reasoning-delta', text: thought },
    { type: 'reasoning-end', durationMs: 0 },
    { type: 'text-start' },
    { type: 'text-delta', text: answer },
    { type: 'text-end' },
    finish('stop', withUsage),
  ];
  /** A vLLM-like stream: the role chunk, the content in the given pieces, the finish, maybe usage. */
  const stream = (pieces: string[], withUsage: boolean, finishReason = 'stop') =>
    sse(
      delta({ role: 'assistant', content: '' }),
      ...pieces.map((piece) => delta({ content: piece })),
      delta({}, finishReason),
      ...(withUsage ? [usageChunk] : []),
      '[DONE]',
    );

  for (const withUsage of [true, false]) {
    const usageNote = withUsage ? 'with a final usage chunk' : 'without usage';

    it(`splits reasoning…</think>answer cut into two deltas at every character, ${usageNote}`, async () => {
      for (let at = 0; at <= content.length; at++) {
        const events = await normalize(
          [stream([content.slice(0, at), content.slice(at)], withUsage)],
          undefined,
          implicit,
        );
        expect(joinDeltas(events), `cut at ${at}`).toEqual(thoughtThenAnswer(withUsage));
      }
    });

    it(`splits it when the stream's bytes are cut at every byte, inside characters too, ${usageNote}`, async () => {
      const pieces = content.match(/[\s\S]{1,5}/gu) ?? [];
      const bytes = stream(pieces, withUsage);
      for (let at = 1; at < bytes.length; at++) {
        const events = await normalize(splitAt(bytes, [at]), undefined, implicit);
        expect(joinDeltas(events), `cut at byte ${at}`).toEqual(thoughtThenAnswer(withUsage));
      }
      const byteByByte = splitAt(
        bytes,
        Array.from({ length: bytes.length }, (_, index) => index),
      );
      expect(joinDeltas(await normalize(byteByByte, undefined, implicit))).toEqual(
        thoughtThenAnswer(withUsage),
      );
    });
  }

  it('shows a content that never closed the thought as thinking, then gives it as the answer when the model stopped', async () => {
    const events = await normalize([stream(['The answer', ' is 10.'], true)], undefined, implicit);
    expect(joinDeltas(events)).toEqual([
      { type: 'reasoning-start' },
      { type: 'reasoning-delta', text: 'The answer is 10.' },
      { type: 'reasoning-end', durationMs: 0 },
      { type: 'text-start' },
      { type: 'text-delta', text: 'The answer is 10.' },
      { type: 'text-end' },
      finish('stop', true),
    ]);
  });

  it('keeps a content that never closed the thought as thinking when the length limit cut it', async () => {
    const events = await normalize(
      [stream(['Still counting', ' the ro'], true, 'length')],
      undefined,
      implicit,
    );
    expect(joinDeltas(events)).toEqual([
      { type: 'reasoning-start' },
      { type: 'reasoning-delta', text: 'Still counting the ro' },
      { type: 'reasoning-end', durationMs: 0 },
      finish('length', true),
    ]);
  });

  it('keeps it as thinking, then the error, when the stream broke off', async () => {
    const events = await normalize([sse(delta({ content: 'Still counting' }))], undefined, implicit);
    expect(joinDeltas(events)).toEqual([
      { type: 'reasoning-start' },
      { type: 'reasoning-delta', text: 'Still counting' },
      { type: 'reasoning-end', durationMs: 0 },
      {
        type: 'error',
        code: 'upstream_error',
        message: 'The model provider ended the stream before it finished.',
        retryable: true,
      },
    ]);
  });

  it('leaves the content an answer when the server parsed the thought out (reasoning_content, reasoning)', async () => {
    for (const field of ['reasoning_content', 'reasoning']) {
      const events = await normalize(
        [
          sse(
            delta({ role: 'assistant', content: '' }),
            delta({ [field]: 'I look' }),
            delta({ [field]: ' at the rows.' }),
            delta({ content: '\n\nThe answer' }),
            delta({ content: ' is 10.' }),
            delta({}, 'stop'),
            usageChunk,
            '[DONE]',
          ),
        ],
        undefined,
        implicit,
      );
      expect(joinDeltas(events)).toEqual([
        { type: 'reasoning-start' },
        { type: 'reasoning-delta', text: 'I look at the rows.' },
        { type: 'reasoning-end', durationMs: 0 },
        { type: 'text-start' },
        { type: 'text-delta', text: '\n\nThe answer is 10.' },
        { type: 'text-end' },
        finish('stop', true),
      ]);
    }
  });

  it('reads the same stream as all answer in auto mode, which cannot take back what it streamed', async () => {
    const events = await normalize([stream([content], true)], undefined, { now: () => 0 });
    expect(joinDeltas(events)).toEqual([
      { type: 'text-start' },
      { type: 'text-delta', text: content },
      { type: 'text-end' },
      finish('stop', true),
    ]);
  });

  describe('on the recorded provider streams', () => {
    for (const recording of recordings) {
      it(`${recording.origin}: ${recording.name}`, async () => {
        const { expected } = recording;
        // A stream with no thought of its own streams its content as the implied thought; a model
        // that stopped by itself then gets it again as its answer.
        const wanted =
          expected.reasoning !== ''
            ? { reasoning: expected.reasoning, text: expected.content }
            : {
                reasoning: expected.content,
                text: expected.finish_reason === 'stop' ? expected.content : '',
              };
        const bytes = encoder.encode(recording.sse);
        const { reasoning, text } = collect(await normalize([bytes], undefined, implicit));
        expect({ reasoning, text }).toEqual(wanted);
        const cuts = Array.from({ length: 40 }, (_, index) => Math.floor(((index + 1) * bytes.length) / 41));
        const split = collect(await normalize(splitAt(bytes, cuts), undefined, implicit));
        expect({ reasoning: split.reasoning, text: split.text }).toEqual(wanted);
      });
    }
  });
});
