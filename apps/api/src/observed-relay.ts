import type { AnalysisEvent } from '@seer/core';
import type { Lifecycle } from './lifecycle';
import { AnalysisObserver, type AnalysisSummary } from './observe-analysis';
import type { RelayOptions } from './relay-stream';

/** The headers of a streamed answer: SSE, neither cached nor buffered by a proxy. */
export const EVENT_STREAM_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
};

/**
 * The relay options every streamed answer shares: its events observed for the one log line, and a stop
 * registered with the lifecycle so that shutdown ends it cleanly (and unregistered when it ends).
 */
export function observedRelay<E extends AnalysisEvent>(
  lifecycle: Lifecycle,
  log: (summary: AnalysisSummary) => void,
): Pick<RelayOptions<E>, 'onEvent' | 'stopSignal' | 'onEnd'> {
  const stop = new AbortController();
  const unregister = lifecycle.add({ stop: () => stop.abort() });
  const observer = new AnalysisObserver(log);
  return {
    onEvent: (event) => observer.observe(event),
    stopSignal: stop.signal,
    onEnd: (outcome) => {
      unregister();
      observer.end(outcome);
    },
  };
}
