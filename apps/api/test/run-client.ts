import { type AnalysisEvent, fromSSEParts } from '@seer/core';
import { EventSourceParserStream } from 'eventsource-parser/stream';
import { expect } from 'vitest';

/** One event a reader got, with its SSE id (none for a notice). */
export interface ReadEvent {
  id: number | undefined;
  event: AnalysisEvent;
}

/** What a reader got from one connection before it ended, cleanly or not. */
export interface ReadOutcome {
  events: ReadEvent[];
  /** The connection ended before `finish` or `error` (cut, reset). */
  isCut: boolean;
}

/**
 * Reads an SSE response as a client does, keeping the whole events that arrived before the
 * connection ended; an event cut in the middle is not counted, as the SSE parser drops it.
 */
export async function readUntilCut(response: Response): Promise<ReadOutcome> {
  const events: ReadEvent[] = [];
  const messages = response
    .body!.pipeThrough(new TextDecoderStream())
    .pipeThrough(new EventSourceParserStream({ onError: 'terminate' }));
  const reader = messages.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      const event = fromSSEParts(value.event ?? 'message', JSON.parse(value.data));
      events.push({ id: value.id === undefined ? undefined : Number(value.id), event });
    }
  } catch {
    // The connection was cut: what arrived whole counts.
  }
  const last = events.at(-1)?.event.type;
  return { events, isCut: last !== 'finish' && last !== 'error' };
}

/** The SSE id of the last event with one, or −1. */
export function lastEventId(events: readonly ReadEvent[]): number {
  for (let index = events.length - 1; index >= 0; index--) {
    const id = events[index]!.id;
    if (id !== undefined) return id;
  }
  return -1;
}

/**
 * Reads a run to its end as a reconnecting client does: after each cut, `GET …/events` with
 * `Last-Event-ID`, up to `attempts` times. Returns every event read, in order.
 */
export async function readToEnd(
  firstResponse: Response,
  eventsURL: string,
  headers: Record<string, string> = {},
  attempts = 5,
): Promise<{ events: ReadEvent[]; reconnects: number }> {
  let outcome = await readUntilCut(firstResponse);
  const events = [...outcome.events];
  let reconnects = 0;
  while (outcome.isCut && reconnects < attempts) {
    reconnects++;
    const response = await fetch(eventsURL, {
      headers: { ...headers, 'last-event-id': String(lastEventId(events)) },
    });
    if (!response.ok) throw new Error(`Reconnecting got ${response.status}: ${await response.text()}`);
    outcome = await readUntilCut(response);
    events.push(...outcome.events);
  }
  return { events, reconnects };
}

/** The thinking and answer text of the events, and their ids (notices left out). */
export function textOf(events: readonly ReadEvent[]): { reasoning: string; text: string; ids: number[] } {
  let reasoning = '';
  let text = '';
  const ids: number[] = [];
  for (const { id, event } of events) {
    if (id !== undefined) ids.push(id);
    if (event.type === 'reasoning-delta') reasoning += event.text;
    if (event.type === 'text-delta') text += event.text;
  }
  return { reasoning, text, ids };
}

/** Polls until `check` holds, every 20 ms, up to `timeoutMs`. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Checks that events read across cuts and reconnects are the run as scripted: the whole thinking and
 * answer, and every id once, in order, none skipped. `cut` names the case in a failure.
 */
export function expectUnbroken(
  events: readonly ReadEvent[],
  script: { reasoning?: string; answer: string },
  cut: number,
): void {
  const read = textOf(events);
  expect({ cut, reasoning: read.reasoning, text: read.text }).toEqual({
    cut,
    reasoning: script.reasoning,
    text: script.answer,
  });
  expect(read.ids).toEqual(read.ids.map((_, index) => index));
  expect(events.at(-1)?.event.type).toBe('finish');
}
