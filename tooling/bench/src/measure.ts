/** Timings of one measured task, in milliseconds. */
export interface Timing {
  median: number;
  /** The 90th percentile (nearest rank). */
  p90: number;
  min: number;
  runs: number;
}

/** The median, 90th percentile and minimum of some timings (the upper median when their number is even). */
export function summarize(values: number[]): Timing {
  const sorted = [...values].sort((x, y) => x - y);
  return {
    median: sorted[Math.floor(sorted.length / 2)]!,
    p90: sorted[Math.max(0, Math.ceil(sorted.length * 0.9) - 1)]!,
    min: sorted[0]!,
    runs: values.length,
  };
}

/**
 * Runs two tasks alternately (A, B, A, B, …) after a warm-up, so that both see the same machine state,
 * and returns the median of each. Alternating keeps a noisy neighbour from favouring one side.
 */
export async function compare(
  candidate: () => Promise<unknown>,
  baseline: () => Promise<unknown>,
  runs = 9,
): Promise<{ candidate: Timing; baseline: Timing; ratio: number }> {
  // One warm-up each when runs are cheap; for slow tasks (seconds each) the first run is kept.
  if (runs > 3) {
    await candidate();
    await baseline();
  }
  const a: number[] = [];
  const b: number[] = [];
  // Garbage from one side (the naive image path frees a whole full-size decode per run) must not be
  // collected on the other side's clock: collect between timed runs when the process allows it
  // (--expose-gc).
  const collect = (globalThis as { gc?: () => void }).gc ?? (() => {});
  for (let run = 0; run < runs; run++) {
    collect();
    let start = performance.now();
    await candidate();
    a.push(performance.now() - start);
    collect();
    start = performance.now();
    await baseline();
    b.push(performance.now() - start);
  }
  const candidateTiming = summarize(a);
  const baselineTiming = summarize(b);
  return {
    candidate: candidateTiming,
    baseline: baselineTiming,
    ratio: candidateTiming.median / baselineTiming.median,
  };
}

/** `12.3 ms` */
export function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}
