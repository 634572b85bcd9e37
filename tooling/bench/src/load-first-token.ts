import type { StreamOutcome } from './load-clients';
import { summarize, type Timing } from './measure';

/** One way to the provider whose time to first token is measured. */
export interface StreamPath {
  /** Opens one stream and reads it to its end. */
  open: () => Promise<StreamOutcome>;
}

/** The time to first token of each path, in the order given, and the streams that did not end well. */
export interface FirstTokenResult {
  timings: Timing[];
  errors: number;
}

/**
 * Times the first token of every path in rotation, one stream at a time, after `warmUp` untimed rounds:
 * all paths see the same machine state, and a noisy neighbour cannot favour one. Each round starts one
 * path further on, so that no path always follows the same one. Garbage left by one stream must not be
 * collected on the next one's clock, so the process collects its young generation before each stream
 * when it runs with `--expose-gc`: what a stream leaves is young, and a full collection of this process,
 * which also holds the mock and the SDK, is slow (docs/performance.md).
 */
export async function timeFirstTokens(
  paths: readonly StreamPath[],
  samples: number,
  warmUp: number,
): Promise<FirstTokenResult> {
  const gc = (globalThis as { gc?: (options: { type: 'minor' }) => void }).gc;
  const collect = () => gc?.({ type: 'minor' });
  const firstTokens = paths.map((): number[] => []);
  let errors = 0;
  for (let round = 0; round < warmUp + samples; round++) {
    for (let step = 0; step < paths.length; step++) {
      const index = (round + step) % paths.length;
      collect();
      const outcome = await paths[index]!.open();
      if (!outcome.isComplete) errors++;
      if (round >= warmUp && outcome.firstTokenMs !== undefined)
        firstTokens[index]!.push(outcome.firstTokenMs);
    }
  }
  return { timings: firstTokens.map(summarize), errors };
}
