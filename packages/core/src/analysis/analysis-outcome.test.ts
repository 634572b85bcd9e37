import { describe, expect, it } from 'vitest';
import type { ModelStreamEvent } from '../contract/events';
import { toAnalysisOutcome } from './analysis-outcome';
import { collectAnalysis } from './attach-result';

const start = {
  id: 'an_1',
  model: 'qvq-max',
  template: 'math-pattern',
  locale: 'en' as const,
  media: [{ index: 0, type: 'image' as const, width: 56, height: 28, tokens: 2, bytes: 100 }],
};

function streamOf(events: ModelStreamEvent[]): ReadableStream<ModelStreamEvent> {
  return new ReadableStream({
    start(controller) {
      for (const event of events) controller.enqueue(event);
      controller.close();
    },
  });
}

const thinking: ModelStreamEvent[] = [
  { type: 'reasoning-start' },
  { type: 'reasoning-delta', text: 'Three plus ' },
  { type: 'reasoning-delta', text: 'seven.' },
  { type: 'reasoning-end', durationMs: 5 },
  { type: 'text-start' },
  { type: 'text-delta', text: '\\boxed{10}' },
];

describe('toAnalysisOutcome', () => {
  it('gives the whole document, with the budget report and the result, when the run finished', async () => {
    const budget = { asked: 4096, how: 'forced' as const, sent: 4096, isClamped: false };
    const collected = await collectAnalysis(
      streamOf([
        ...thinking,
        { type: 'text-end' },
        {
          type: 'finish',
          finishReason: 'stop',
          usage: { inputTokens: 40, outputTokens: 12 },
          budget,
          timing: { reasoningMs: 5, totalMs: 9 },
          result: { answer: '10' },
        },
      ]),
    );
    expect(toAnalysisOutcome(start, collected)).toEqual({
      isFinished: true,
      response: {
        ...start,
        reasoning: 'Three plus seven.',
        text: '\\boxed{10}',
        finishReason: 'stop',
        usage: { inputTokens: 40, outputTokens: 12 },
        budget,
        timing: { reasoningMs: 5, totalMs: 9 },
        result: { answer: '10' },
      },
    });
  });

  it('gives the error event and what was said before it when the run failed', async () => {
    const collected = await collectAnalysis(
      streamOf([
        ...thinking,
        { type: 'error', code: 'upstream_timeout', message: 'silent', retryable: true },
      ]),
    );
    expect(toAnalysisOutcome(start, collected)).toEqual({
      isFinished: false,
      failure: { code: 'upstream_timeout', message: 'silent', retryable: true },
      partial: { reasoning: 'Three plus seven.', text: '\\boxed{10}' },
    });
  });

  it('reads a stream that closed without finish as a retryable provider failure', async () => {
    const outcome = toAnalysisOutcome(start, await collectAnalysis(streamOf(thinking)));
    expect(outcome).toMatchObject({
      isFinished: false,
      failure: { code: 'upstream_error', retryable: true },
    });
  });
});
