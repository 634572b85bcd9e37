import { collectAnalysis, type ModelStreamEvent } from '@seer/core';
import { describe, expect, it } from 'vitest';
import { observeEvents } from './observe-events';

function failingStream(events: ModelStreamEvent[], failure: Error): ReadableStream<ModelStreamEvent> {
  let next = 0;
  return new ReadableStream<ModelStreamEvent>({
    pull(controller) {
      const event = events[next++];
      if (event) controller.enqueue(event);
      else controller.error(failure);
    },
  });
}

describe('observeEvents', () => {
  it('shows each event as it passes and hands them on unchanged', async () => {
    const events: ModelStreamEvent[] = [
      { type: 'reasoning-delta', text: 'Hmm. ' },
      { type: 'text-delta', text: '42' },
    ];
    const seen: ModelStreamEvent[] = [];
    const source = new ReadableStream<ModelStreamEvent>({
      start(controller) {
        for (const event of events) controller.enqueue(event);
        controller.close();
      },
    });
    const document = await collectAnalysis(
      observeEvents(source, { onEvent: (event) => seen.push(event), onFailure: () => {} }),
    );
    expect(seen).toEqual(events);
    expect(document).toEqual({ reasoning: 'Hmm. ', text: '42' });
  });

  it('ends the stream where reading failed, keeping what arrived', async () => {
    const failure = new Error('the connection broke');
    const failures: unknown[] = [];
    const document = await collectAnalysis(
      observeEvents(failingStream([{ type: 'reasoning-delta', text: 'First, ' }], failure), {
        onEvent: () => {},
        onFailure: (error) => failures.push(error),
      }),
    );
    expect(failures).toEqual([failure]);
    expect(document).toEqual({ reasoning: 'First, ', text: '' });
  });
});
