import {
  type AnalysisEvent,
  type AnalysisEventOf,
  AnalysisEventSchema,
  fromSSEParts,
  type ModelStreamEvent,
  type PreparedMediaInfo,
  SeerError,
} from '@seer/core';
import type { StartedAnalysis } from '@seer/core/node';
import { followRun, type ReconnectPolicy } from './follow-run';
import type { SSEMessage } from './read-sse';
import { fetchRun, type SeerServer } from './seer-server';

/** What {@link readRemoteAnalysis} needs besides the first response. */
export interface RemoteAnalysisOptions {
  server: SeerServer;
  /** The run's id when the caller knows it (`seer runs follow`). */
  runId?: string;
  signal: AbortSignal;
  /** Cancel the run on the server when `signal` aborts (Ctrl-C stops the model, as it does locally). */
  cancelOnAbort: boolean;
  /** Tells the person about the connection or the run: a sentence without `seer: `. */
  onNote(message: string): void;
  policy?: ReconnectPolicy;
}

const knownEventTypes: ReadonlySet<string> = new Set(
  AnalysisEventSchema.options.map((option) => option.shape.type.value),
);

/**
 * A run on a Seer server read as {@link StartedAnalysis}, what `startAnalysis` answers in-process, so
 * that the CLI shows both alike: reads `first` (the events of `POST /v1/analyses` or of
 * `GET …/events`) up to the model's first event, then hands the rest on as `events`, reconnecting
 * whenever the connection drops ({@link followRun}). `notice` events go to `onNote`; event types this
 * CLI does not know are skipped.
 *
 * @throws SeerError when the stream ends or fails before the run has started, or sends a malformed event.
 */
export async function readRemoteAnalysis(
  first: Response,
  options: RemoteAnalysisOptions,
): Promise<StartedAnalysis> {
  const { server, signal, onNote } = options;
  const messages = followRun({
    server,
    first,
    ...(options.runId === undefined ? {} : { runId: options.runId }),
    signal,
    onReconnect: (afterId) =>
      onNote(
        afterId === undefined ? 'reconnected (from the first event)' : `reconnected (after event ${afterId})`,
      ),
    ...(options.policy ? { policy: options.policy } : {}),
  })[Symbol.asyncIterator]();

  let start: AnalysisEventOf<'start'> | undefined;
  const media: PreparedMediaInfo[] = [];
  const cancel = () => {
    const id = start?.id ?? options.runId ?? first.headers.get('x-seer-analysis-id');
    if (id) fetchRun(server, id, { cancel: true, signal: AbortSignal.timeout(5000) }).catch(() => {});
  };
  if (options.cancelOnAbort) signal.addEventListener('abort', cancel, { once: true });

  const next = async (): Promise<ModelStreamEvent | undefined> => {
    for (;;) {
      const { value: message, done } = await messages.next();
      if (done) {
        signal.removeEventListener('abort', cancel);
        return undefined;
      }
      const event = parseMessage(message, onNote);
      if (event === undefined) continue;
      if (event.type === 'start') start = event;
      else if (event.type === 'media') media.push(event.item);
      else if (event.type !== 'notice') return event;
    }
  };

  const firstEvent = await next();
  if (start === undefined) {
    throw new SeerError({
      code: 'invalid_event',
      message: 'The server did not begin the analysis with its start event.',
      status: 502,
    });
  }
  return {
    id: start.id,
    model: start.model,
    template: start.template,
    locale: start.locale,
    media,
    events: new ReadableStream<ModelStreamEvent>({
      start(controller) {
        if (firstEvent) controller.enqueue(firstEvent);
        else controller.close();
      },
      async pull(controller) {
        const event = await next();
        if (event) controller.enqueue(event);
        else controller.close();
      },
      async cancel() {
        await messages.return?.(undefined);
      },
    }),
  };
}

/**
 * One SSE message as an event; `undefined` for one this CLI does not know (a newer server's) and for a
 * `notice`, whose message goes to `onNote`.
 */
function parseMessage(message: SSEMessage, onNote: (message: string) => void): AnalysisEvent | undefined {
  if (!knownEventTypes.has(message.event)) return undefined;
  let event: AnalysisEvent;
  try {
    event = fromSSEParts(message.event, JSON.parse(message.data));
  } catch (error) {
    // A notice is advice: one this CLI cannot read is not worth failing the run over.
    if (message.event === 'notice') return undefined;
    throw new SeerError({
      code: 'invalid_event',
      message: `The server sent a malformed "${message.event}" event.`,
      status: 502,
      cause: error,
    });
  }
  if (event.type === 'notice') {
    onNote(`note: ${event.message}`);
    return undefined;
  }
  return event;
}
