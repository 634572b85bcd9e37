import { MAX_SSE_EVENT_LENGTH, SeerError } from '@seer/core';

/** One Server-Sent Event as it came: its name, its `id:` if it had one, and its data. */
export interface SSEMessage {
  /** The `event:` field, `message` when there was none. */
  event: string;
  /** The `id:` field of this event, `undefined` when it had none. */
  id: string | undefined;
  data: string;
}

/**
 * Reads the Server-Sent Events of `body`, as the WHATWG event-stream rules say: lines end in `\n`,
 * `\r\n` or `\r`, an event ends at a blank line, comments (`: ping`) and `retry:` are skipped. An event
 * cut off by the end of the stream is not delivered, so a dropped connection never yields half an event.
 *
 * @throws SeerError (`invalid_event`) when one event grows past `MAX_SSE_EVENT_LENGTH` characters.
 */
export async function* readSSE(body: ReadableStream<Uint8Array>): AsyncGenerator<SSEMessage> {
  const decoder = new TextDecoder();
  let buffer = '';
  let isAfterReturn = false;
  let eventLength = 0;
  let fields: { event: string; id: string | undefined; data: string[] } = newFields();
  const reader = body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let start = 0;
      for (let index = 0; index < buffer.length; index++) {
        const char = buffer.charCodeAt(index);
        if (char !== 10 && char !== 13) continue;
        // The `\n` of a `\r\n`: the line already ended at the `\r`.
        if (char === 10 && isAfterReturn && index === start) {
          isAfterReturn = false;
          start = index + 1;
          continue;
        }
        isAfterReturn = char === 13;
        const line = buffer.slice(start, index);
        start = index + 1;
        if (line === '') {
          if (fields.data.length > 0)
            yield { event: fields.event, id: fields.id, data: fields.data.join('\n') };
          fields = newFields();
          eventLength = 0;
          continue;
        }
        eventLength += line.length + 1;
        if (eventLength > MAX_SSE_EVENT_LENGTH) throw tooLong();
        readField(line, fields);
      }
      buffer = buffer.slice(start);
      if (eventLength + buffer.length > MAX_SSE_EVENT_LENGTH) throw tooLong();
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

function newFields(): { event: string; id: string | undefined; data: string[] } {
  return { event: 'message', id: undefined, data: [] };
}

function readField(line: string, fields: { event: string; id: string | undefined; data: string[] }): void {
  if (line.startsWith(':')) return;
  const colon = line.indexOf(':');
  const name = colon === -1 ? line : line.slice(0, colon);
  let value = colon === -1 ? '' : line.slice(colon + 1);
  if (value.startsWith(' ')) value = value.slice(1);
  if (name === 'event') fields.event = value;
  else if (name === 'data') fields.data.push(value);
  else if (name === 'id' && !value.includes('\0')) fields.id = value;
}

function tooLong(): SeerError {
  return new SeerError({
    code: 'invalid_event',
    message: `The server sent an event longer than ${MAX_SSE_EVENT_LENGTH / (1024 * 1024)} MB, more than any event of an analysis.`,
    status: 502,
  });
}
