import { describe, expect, it, vi } from 'vitest';
import type { BudgetReport, ModelStreamEvent } from '../contract/events';
import { UpstreamError } from '../errors';
import type { ChatMessage } from './build-messages';
import {
  answerNowTurn,
  enforceThinkingBudget,
  estimateTokens,
  FORCED_BUDGET_TOLERANCE,
  type ForcedBudgetOptions,
} from './forced-budget';

describe('estimateTokens', () => {
  it('counts a token per four Latin characters and one per CJK character', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abcd')).toBe(1);
    expect(estimateTokens('abcde')).toBe(2);
    expect(estimateTokens('第三个数')).toBe(4);
    expect(estimateTokens('答案是 10')).toBe(3 + 1);
  });
});

/** A clock that moves only when a source stream is read: each read takes {@link READ_MS}. */
interface Clock {
  time: number;
}

const READ_MS = 100;

/** A model's stream from a list of events, one per read, that records how far it was read and its cancel. */
function modelStream(events: ModelStreamEvent[], clock: Clock) {
  const seen = { reads: 0, isCancelled: false, reason: undefined as unknown };
  const stream = new ReadableStream<ModelStreamEvent>(
    {
      pull(controller) {
        clock.time += READ_MS;
        const event = events[seen.reads];
        if (event === undefined) return controller.close();
        seen.reads++;
        controller.enqueue(event);
      },
      cancel(reason) {
        seen.isCancelled = true;
        seen.reason = reason;
      },
    },
    // Read only when asked, so that `reads` says what the budget's stream took.
    { highWaterMark: 0 },
  );
  return { stream, seen };
}

async function readAll(stream: ReadableStream<ModelStreamEvent>): Promise<ModelStreamEvent[]> {
  const events: ModelStreamEvent[] = [];
  const reader = stream.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) events.push(read.value);
  return events;
}

/** A reasoning delta of forty characters: ten estimated tokens. */
const tenTokens = (step: number): ModelStreamEvent => ({
  type: 'reasoning-delta',
  text: `Step ${step}: add the first two numbers. `.padEnd(40, '.'),
});

const reasoningText = (events: ModelStreamEvent[]) =>
  events.map((event) => (event.type === 'reasoning-delta' ? event.text : '')).join('');

/** A thought of `steps` deltas, then an answer and a finish the provider never gets to send once cut. */
function thought(steps: number): ModelStreamEvent[] {
  const deltas = Array.from({ length: steps }, (_, index) => tenTokens(index + 1));
  return [
    { type: 'reasoning-start' },
    ...deltas,
    { type: 'reasoning-end', durationMs: 300, tokens: steps * 10 },
    { type: 'text-start' },
    { type: 'text-delta', text: '\\boxed{10}' },
    { type: 'text-end' },
    {
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 900, outputTokens: steps * 10 + 5, reasoningTokens: steps * 10 },
      timing: { reasoningMs: 300, totalMs: 500 },
    },
  ];
}

const MESSAGES: ChatMessage[] = [{ role: 'user', content: 'What number goes in the empty cell?' }];
const REPORT: BudgetReport = { asked: 30, how: 'forced', sent: 30, isClamped: false };

/** The budget enforced on `first` at 30 tokens, with the request for the answer answering `second`. */
function enforce(
  first: ModelStreamEvent[],
  second: ModelStreamEvent[],
  options: Partial<ForcedBudgetOptions> = {},
) {
  const clock: Clock = { time: 0 };
  const firstStream = modelStream(first, clock);
  const secondStream = modelStream(second, clock);
  const continueWith = vi.fn(async (_messages: ChatMessage[]) => secondStream.stream);
  const output = enforceThinkingBudget(firstStream.stream, {
    budget: 30,
    report: REPORT,
    locale: 'en',
    messages: MESSAGES,
    continueWith,
    estimatedInputTokens: 500,
    now: () => clock.time,
    ...options,
  });
  return { output, first: firstStream.seen, second: secondStream.seen, continueWith };
}

describe('enforceThinkingBudget', () => {
  it('passes a thought that ends within the budget through untouched, adding the budget to finish', async () => {
    const events = thought(2);
    const run = enforce(events, []);
    const output = await readAll(run.output);
    const finish = events.at(-1)!;
    expect(output).toEqual([...events.slice(0, -1), { ...finish, budget: REPORT }]);
    expect(run.continueWith).not.toHaveBeenCalled();
    expect(run.first.isCancelled).toBe(false);
  });

  it('counts the reasoning in the output of a thought within the budget', async () => {
    const events = thought(2);
    const finish = {
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 900, outputTokens: 5, reasoningTokens: 20 },
      timing: { reasoningMs: 300, totalMs: 500 },
    } as const;
    const output = await readAll(enforce([...events.slice(0, -1), finish], []).output);
    expect(output.at(-1)).toEqual({
      ...finish,
      usage: { ...finish.usage, outputTokens: 20 },
      budget: REPORT,
    });
  });

  it('cuts a thought past the budget, asks for the answer in a follow-up turn, and sums both requests once', async () => {
    const first = thought(5);
    const second: ModelStreamEvent[] = [
      { type: 'reasoning-start' },
      { type: 'reasoning-delta', text: 'So the rule is the sum.' },
      { type: 'reasoning-end', durationMs: 100, tokens: 8 },
      { type: 'text-start' },
      { type: 'text-delta', text: 'Rule: the sum of the first two.\n\\boxed{10}' },
      { type: 'text-end' },
      {
        type: 'finish',
        finishReason: 'stop',
        usage: { inputTokens: 1200, outputTokens: 40, reasoningTokens: 8 },
        timing: { reasoningMs: 100, totalMs: 2000 },
      },
    ];
    const run = enforce(first, second);
    const output = await readAll(run.output);

    // The third delta reaches 30 tokens: the first request is read no further and cancelled.
    expect(run.first.reads).toBe(4);
    expect(run.first.isCancelled).toBe(true);
    const cutThought = reasoningText(first.slice(0, 4));
    expect(run.continueWith).toHaveBeenCalledOnce();
    expect(run.continueWith.mock.calls[0]![0]).toEqual([
      ...MESSAGES,
      { role: 'assistant', content: cutThought },
      answerNowTurn('en'),
    ]);

    expect(output.filter((event) => event.type === 'reasoning-start')).toHaveLength(1);
    expect(output.filter((event) => event.type === 'reasoning-end')).toHaveLength(1);
    expect(reasoningText(output)).toBe(`${cutThought}So the rule is the sum.`);
    // The clock: reasoning started at the first read (100 ms) and ended at the second request's third (700 ms).
    expect(output).toEqual([
      ...first.slice(0, 4),
      second[1],
      { type: 'reasoning-end', durationMs: 600, tokens: 30 + estimateTokens('So the rule is the sum.') },
      ...second.slice(3, 6),
      {
        type: 'finish',
        finishReason: 'budget',
        usage: { inputTokens: 500 + 1200, outputTokens: 30 + 40, reasoningTokens: 30 + 8, isEstimated: true },
        timing: { reasoningMs: 600, totalMs: 2000 },
        budget: { ...REPORT, cutAt: 30 },
      },
    ]);
    const finish = output.at(-1)!;
    if (finish.type !== 'finish') throw new Error('no finish');
    expect(finish.usage.outputTokens).toBeGreaterThanOrEqual(finish.usage.reasoningTokens!);
  });

  it('with prefill, continues an assistant message holding the closed thought', async () => {
    const first = thought(4);
    const second: ModelStreamEvent[] = [
      { type: 'text-start' },
      { type: 'text-delta', text: '\\boxed{10}' },
      { type: 'text-end' },
      {
        type: 'finish',
        finishReason: 'stop',
        usage: { inputTokens: 1000, outputTokens: 4 },
        timing: { reasoningMs: 0, totalMs: 900 },
      },
    ];
    const run = enforce(first, second, { continuation: 'prefill' });
    const output = await readAll(run.output);

    const cutThought = reasoningText(first.slice(0, 4));
    expect(run.continueWith.mock.calls[0]![0]).toEqual([
      ...MESSAGES,
      { role: 'assistant', content: `<think>\n${cutThought}\n</think>\n\n` },
    ]);
    expect(output.map((event) => event.type)).toEqual([
      'reasoning-start',
      'reasoning-delta',
      'reasoning-delta',
      'reasoning-delta',
      'reasoning-end',
      'text-start',
      'text-delta',
      'text-end',
      'finish',
    ]);
    // Without reported reasoning, the second request's is estimated from its thinking: none here.
    expect(output.at(-1)).toMatchObject({
      finishReason: 'budget',
      usage: { inputTokens: 1500, outputTokens: 34, reasoningTokens: 30, isEstimated: true },
      budget: { ...REPORT, cutAt: 30 },
    });
  });

  it('cancels a second request that thinks past the tolerance, and ends unanswered', async () => {
    // Seven deltas of ten tokens pass the tolerance of 64; the answer after them is never read.
    const second = thought(8);
    const run = enforce(thought(5), second);
    const output = await readAll(run.output);

    expect(run.second.reads).toBe(1 + Math.floor(FORCED_BUDGET_TOLERANCE / 10) + 1);
    expect(run.second.isCancelled).toBe(true);
    expect(output.some((event) => event.type.startsWith('text'))).toBe(false);
    expect(output.filter((event) => event.type === 'reasoning-end')).toEqual([
      { type: 'reasoning-end', durationMs: 1100, tokens: 30 + 70 },
    ]);
    // Both requests' input, estimated: the prompt, then the prompt again with the cut thought and the
    // turn that asks for the answer. The time counts from the analysis' start.
    const askTokens = estimateTokens(answerNowTurn('en').content as string);
    expect(output.at(-1)).toEqual({
      type: 'finish',
      finishReason: 'budget',
      usage: {
        inputTokens: 500 + 500 + 30 + askTokens,
        outputTokens: 100,
        reasoningTokens: 100,
        isEstimated: true,
      },
      timing: { reasoningMs: 1100, totalMs: 1100 },
      budget: { ...REPORT, cutAt: 30, isUnanswered: true },
    });
  });

  it('cancels the request for the answer when the output was cancelled while it was being started', async () => {
    const clock: Clock = { time: 0 };
    const first = modelStream(thought(5), clock);
    const second = modelStream(thought(1), clock);
    let release: () => void = () => undefined;
    const started = new Promise<void>((resolve) => {
      release = resolve;
    });
    const output = enforceThinkingBudget(first.stream, {
      budget: 30,
      report: REPORT,
      locale: 'en',
      messages: MESSAGES,
      // The provider takes its time to answer the request for the answer.
      continueWith: async () => {
        await started;
        return second.stream;
      },
      estimatedInputTokens: 500,
      now: () => clock.time,
    });
    const reader = output.getReader();
    // Read up to the cut: the pull that cuts is the one waiting on continueWith.
    const pending = (async () => {
      for (let read = await reader.read(); !read.done; read = await reader.read());
    })();
    await new Promise((resolve) => setTimeout(resolve, 10));
    const cancelled = reader.cancel('gone');
    release();
    await cancelled;
    await pending.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(second.seen.isCancelled).toBe(true);
  });

  it('ends with an error event when the request for the answer cannot be made', async () => {
    const clock: Clock = { time: 0 };
    const first = modelStream(thought(5), clock);
    const output = await readAll(
      enforceThinkingBudget(first.stream, {
        budget: 30,
        report: REPORT,
        locale: 'en',
        messages: MESSAGES,
        continueWith: async () => {
          throw new UpstreamError({ code: 'upstream_unavailable', message: 'No answer.', isRetryable: true });
        },
        estimatedInputTokens: 500,
        now: () => clock.time,
      }),
    );
    expect(first.seen.isCancelled).toBe(true);
    expect(output.slice(-2)).toEqual([
      { type: 'reasoning-end', durationMs: 300, tokens: 30 },
      { type: 'error', code: 'upstream_unavailable', message: 'No answer.', retryable: true },
    ]);
  });

  it('cancels the first request when the output is cancelled before the cut', async () => {
    const run = enforce(thought(5), thought(1));
    const reader = run.output.getReader();
    await reader.read();
    await reader.cancel('client left');
    expect(run.first).toMatchObject({ isCancelled: true, reason: 'client left' });
    expect(run.continueWith).not.toHaveBeenCalled();
  });

  it('cancels both requests when the output is cancelled after the cut', async () => {
    const run = enforce(thought(5), thought(8));
    const reader = run.output.getReader();
    for (let index = 0; index < 6; index++) await reader.read();
    expect(run.second.reads).toBeGreaterThan(0);
    await reader.cancel('client left');
    expect(run.first.isCancelled).toBe(true);
    expect(run.second).toMatchObject({ isCancelled: true, reason: 'client left' });
  });
});
