import type { ReceivedRequest } from '@seer/mock-upstream';
import type { StreamOutcome } from './load-clients';
import { megabytes, mostAtOnce, type ProcessReading, readProcess } from './load-processes';

/** What {@link loadStreams} needs. */
export interface LoadOptions {
  /** How many streams to open at once. */
  count: number;
  /** Opens one stream through the API and reads it to its end, calling `onFirstToken` when text arrives. */
  open: (onFirstToken: () => void) => Promise<StreamOutcome>;
  /** The API process, whose memory and CPU time are read. */
  apiPid: number;
  /** The mock provider's requests, to count how many were open upstream at once. */
  upstreamRequests: ReceivedRequest[];
}

/** What the streams opened at once saw, and what they cost the API. */
export interface LoadResult {
  count: number;
  errors: number;
  seconds: number;
  /** When every stream had its first token and none had ended yet; undefined when that never happened. */
  allStreamingAfterMs?: number;
  mostStreaming: number;
  mostUpstream: number;
  /** Undefined without `/proc`. */
  api?: { before: ProcessReading; peakBytes: number; cpuSeconds: number };
}

/**
 * Opens `count` streams at once through the API and waits for all of them: errors, wall time, how many
 * were streaming at once, and the API process's resident memory at peak (sampled every 20 ms) and CPU
 * time.
 */
export async function loadStreams(options: LoadOptions): Promise<LoadResult> {
  const { count, apiPid } = options;
  const upstreamBefore = options.upstreamRequests.length;
  const before = readProcess(apiPid);
  let peakBytes = before?.residentBytes ?? 0;
  const samplePeak = () => {
    peakBytes = Math.max(peakBytes, readProcess(apiPid)?.residentBytes ?? 0);
  };
  const sampler = setInterval(samplePeak, 20);
  let streaming = 0;
  let mostStreaming = 0;
  let allStreamingAfterMs: number | undefined;
  const started = performance.now();
  const onFirstToken = () => {
    streaming++;
    mostStreaming = Math.max(mostStreaming, streaming);
    if (streaming === count) {
      allStreamingAfterMs = performance.now() - started;
      samplePeak();
    }
  };
  const outcomes = await Promise.all(
    Array.from({ length: count }, () =>
      options.open(onFirstToken).then((outcome) => {
        if (outcome.firstTokenMs !== undefined) streaming--;
        return outcome;
      }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const after = readProcess(apiPid);
  return {
    count,
    errors: outcomes.filter((outcome) => !outcome.isComplete).length,
    seconds,
    ...(allStreamingAfterMs === undefined ? {} : { allStreamingAfterMs }),
    mostStreaming,
    mostUpstream: mostAtOnce(options.upstreamRequests.slice(upstreamBefore)),
    ...(before === undefined || after === undefined
      ? {}
      : { api: { before, peakBytes, cpuSeconds: after.cpuSeconds - before.cpuSeconds } }),
  };
}

/** One line of the report for the streams opened at once through `route`. */
export function describeLoad(route: string, result: LoadResult): string {
  const allStreaming =
    result.allStreamingAfterMs === undefined
      ? `at most ${result.mostStreaming} streaming at once`
      : `all streaming at once ${(result.allStreamingAfterMs / 1000).toFixed(1)} s after the start`;
  const api = result.api;
  const memory =
    api === undefined
      ? 'API memory and CPU not measured (no /proc)'
      : `API memory ${megabytes(api.before.residentBytes)} → ${megabytes(api.peakBytes)} at peak (${(
          (api.peakBytes - api.before.residentBytes) / result.count / 1024 / 1024
        ).toFixed(2)} MB per stream), API CPU ${api.cpuSeconds.toFixed(1)} s`;
  return `load: ${result.count} concurrent streams through ${route}: ${result.errors} errors, ${result.seconds.toFixed(1)} s (${allStreaming}; ${result.mostUpstream} open upstream at most); ${memory}`;
}
