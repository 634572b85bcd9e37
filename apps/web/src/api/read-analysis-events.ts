import {
  type AnalysisEvent,
  AnalysisEventSchema,
  fromSSEParts,
  MAX_SSE_EVENT_LENGTH,
  SeerError,
} from '@seer/core';
import { type EventSourceMessage, ParseError } from 'eventsource-parser';
import { EventSourceParserStream } from 'eventsource-parser/stream';
import { z } from 'zod';

/** An event of a run that the playground shows as output: every kind but `notice`, which is said aside. */
export type StreamedEvent = Exclude<AnalysisEvent, { type: 'notice' }>;

/**
 * Something the server says beside the model's output (docs/runs.md, limits), e.g. that a replay left
 * out the oldest thinking.
 */
export interface RunNotice {
  code: string;
  message: string;
}

/** The connection broke while a stream was read (the body's own error is the `cause`). */
export class StreamDropped extends Error {
  constructor(cause: unknown) {
    super('The connection broke while the events were read.', { cause });
    this.name = 'StreamDropped';
  }
}

const NoticeSchema = z.object({ code: z.string(), message: z.string() });

const knownEventTypes: ReadonlySet<string> = new Set(
  AnalysisEventSchema.options.map((option) => option.shape.type.value),
);

/** What `readAnalysisEvents` reports, as it reads. */
export interface EventHandlers {
  /** Called once per validated event, in order. */
  onEvent: (event: StreamedEvent) => void;
  onNotice?: ((notice: RunNotice) => void) | undefined;
  /** Called with each SSE `id:`, once the event it names was handled (or skipped, when unknown). */
  onId?: ((id: string) => void) | undefined;
}

/** Validates one SSE message as an analysis event; a malformed known event is a protocol error. */
function parseEvent(name: string, data: string): AnalysisEvent {
  try {
    return fromSSEParts(name, JSON.parse(data));
  } catch (cause) {
    throw new SeerError({
      code: 'invalid_event',
      message: `The server sent a malformed "${name}" event.`,
      status: 502,
      cause,
    });
  }
}

/** A notice, or undefined when it is not one this playground can read: it only informs, so it never fails. */
function parseNotice(data: string): RunNotice | undefined {
  try {
    const parsed = NoticeSchema.safeParse(JSON.parse(data));
    return parsed.success ? { code: parsed.data.code, message: parsed.data.message } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The next SSE message. The parser holds at most `MAX_SSE_EVENT_LENGTH` characters of one event (a few
 * MB, far more than any event of Seer's): a longer one is a protocol error, not a reason to fill the
 * tab's memory.
 */
async function readMessage(
  reader: ReadableStreamDefaultReader<EventSourceMessage>,
): Promise<ReadableStreamReadResult<EventSourceMessage>> {
  try {
    return await reader.read();
  } catch (cause) {
    if (!(cause instanceof ParseError)) throw new StreamDropped(cause);
    if (cause.type !== 'max-buffer-size-exceeded') throw cause;
    throw new SeerError({
      code: 'invalid_event',
      message: `The server sent an event longer than ${MAX_SSE_EVENT_LENGTH / (1024 * 1024)} MB, more than any event of an analysis.`,
      status: 502,
      cause,
    });
  }
}

/**
 * Reads a stream of analysis events (Server-Sent Events) until its last event, validating each one with
 * the core event schema. Resolves with that last event (`finish` or `error`), or with undefined when the
 * stream ended before it. Rejects with `StreamDropped` when the connection breaks, with a `SeerError` on
 * a malformed event, and with what a handler throws.
 */
export async function readAnalysisEvents(
  body: NonNullable<Response['body']>,
  { onEvent, onNotice, onId }: EventHandlers,
): Promise<StreamedEvent | undefined> {
  const reader = body
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(new EventSourceParserStream({ maxBufferSize: MAX_SSE_EVENT_LENGTH }))
    .getReader();
  try {
    for (;;) {
      const { done, value: message } = await readMessage(reader);
      if (done) return undefined;
      if (message.event === 'notice') {
        const notice = parseNotice(message.data);
        if (notice) onNotice?.(notice);
      } else if (message.event !== undefined && knownEventTypes.has(message.event)) {
        const event = parseEvent(message.event, message.data) as StreamedEvent;
        onEvent(event);
        if (message.id !== undefined) onId?.(message.id);
        if (event.type === 'finish' || event.type === 'error') return event;
      } else if (message.id !== undefined) {
        // A newer server may send events this client does not know yet: skipping them keeps it working,
        // and their ids still mark the place to resume from.
        onId?.(message.id);
      }
    }
  } finally {
    // After `finish` the server closes the stream anyway; cancelling frees the connection at once.
    reader.cancel().catch(() => {});
  }
}
