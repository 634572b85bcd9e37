import type { Sink } from './sink';

/**
 * The most one event of an event stream may hold, its lines and their endings included: 4 MiB, in
 * bytes for {@link SSEEventFramer} and in characters for an `eventsource-parser` given it as
 * `maxBufferSize`. A model's delta is a few characters and Seer's own events a few kilobytes, so only a
 * broken or hostile sender gets near it; without a limit one line that never ends would be held whole.
 */
export const MAX_SSE_EVENT_LENGTH = 4 * 1024 * 1024;

/** `4 MB` for whole mebibytes, else the number of bytes. */
function describeLength(bytes: number): string {
  const mebibytes = bytes / (1024 * 1024);
  return Number.isInteger(mebibytes) ? `${mebibytes} MB` : `${bytes} bytes`;
}

/**
 * An event stream had an event (or a line) longer than the reader's limit. The reader stops there:
 * holding more would let one sender fill the memory of the process.
 */
export class SSEEventTooLongError extends Error {
  /** The limit that was passed, in bytes. */
  readonly limit: number;
  /** The limit in words, e.g. `4 MB`, for messages that quote it. */
  readonly limitText: string;

  constructor(limit: number) {
    const limitText = describeLength(limit);
    super(`An event of the stream is longer than ${limitText}, the most a reader holds.`);
    this.name = 'SSEEventTooLongError';
    this.limit = limit;
    this.limitText = limitText;
  }
}

const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;

/**
 * Cuts the bytes of an event stream at its blank lines, so that what it passes on is whole events,
 * and stops a stream whose event grows past `maxLength` bytes with {@link SSEEventTooLongError}.
 *
 * It exists for the OpenAI SDK's stream decoder, which holds an unfinished event without limit and
 * copies all of it again for every piece that arrives: fed whole events, it holds nothing between
 * pieces. The bytes are passed on unchanged; only where they are cut changes. An event arrives at once
 * when its blank line does; a piece that holds several events passes in one. Lines end in `\n`, `\r\n`
 * or `\r`, as the WHATWG event-stream rules say, and the start of an event is kept as pieces, joined once
 * when its end arrives, so the work is linear in the bytes whatever the pieces.
 */
export class SSEEventFramer {
  private readonly maxLength: number;
  // The start of an event whose end has not arrived yet, in the pieces it came in.
  private pending: Uint8Array[] = [];
  private pendingLength = 0;
  // Bytes of the current line so far: a line end with none before it is a blank line.
  private lineLength = 0;
  private isAfterReturn = false;
  // A blank line ended by `\r`: its event ends there, or after the `\n` when one follows.
  private isAfterBlankReturn = false;
  private failure: SSEEventTooLongError | undefined;

  constructor(maxLength = MAX_SSE_EVENT_LENGTH) {
    this.maxLength = maxLength;
  }

  /**
   * Takes the next piece of the stream and passes on, as one piece, the whole events it completes.
   *
   * @throws SSEEventTooLongError when the event being read passes the limit (and from any call after it).
   */
  push(bytes: Uint8Array, sink: Sink<Uint8Array>): void {
    if (this.failure) throw this.failure;
    let eventStart = 0;
    let held = this.pendingLength;
    const endEventAt = (end: number) => {
      if (held + end - eventStart > this.maxLength) this.fail();
      eventStart = end;
      held = 0;
    };
    for (let index = 0; index < bytes.length; index++) {
      const byte = bytes[index];
      if (this.isAfterBlankReturn) {
        this.isAfterBlankReturn = false;
        endEventAt(byte === LINE_FEED ? index + 1 : index);
      }
      if (byte === LINE_FEED) {
        // The second half of `\r\n`: that line ended at the `\r`.
        if (this.isAfterReturn) this.isAfterReturn = false;
        else if (this.lineLength === 0) endEventAt(index + 1);
        this.lineLength = 0;
      } else if (byte === CARRIAGE_RETURN) {
        this.isAfterBlankReturn = this.lineLength === 0;
        this.isAfterReturn = true;
        this.lineLength = 0;
      } else {
        this.isAfterReturn = false;
        this.lineLength++;
      }
    }
    // A piece that ends in a blank line's `\r` ends its event: the `\n` that may follow changes nothing.
    if (this.isAfterBlankReturn) {
      this.isAfterBlankReturn = false;
      endEventAt(bytes.length);
    }
    if (eventStart > 0) {
      const events = eventStart === bytes.length ? bytes : bytes.subarray(0, eventStart);
      this.pending.push(events);
      this.pendingLength += events.length;
      sink.enqueue(this.takePending());
    }
    if (eventStart < bytes.length) {
      if (held + bytes.length - eventStart > this.maxLength) this.fail();
      this.pending.push(eventStart === 0 ? bytes : bytes.subarray(eventStart));
      this.pendingLength += bytes.length - eventStart;
    }
  }

  /** The stream is over: what is left of an event without its blank line is passed on as it is. */
  end(sink: Sink<Uint8Array>): void {
    if (this.failure) throw this.failure;
    if (this.pendingLength > 0) sink.enqueue(this.takePending());
  }

  /** The pieces held, as one. */
  private takePending(): Uint8Array {
    const pieces = this.pending;
    const length = this.pendingLength;
    this.pending = [];
    this.pendingLength = 0;
    if (pieces.length === 1) return pieces[0]!;
    const joined = new Uint8Array(length);
    let offset = 0;
    for (const piece of pieces) {
      joined.set(piece, offset);
      offset += piece.length;
    }
    return joined;
  }

  /** Lets go of everything held and throws; every later call throws the same error. */
  private fail(): never {
    this.pending = [];
    this.pendingLength = 0;
    this.failure = new SSEEventTooLongError(this.maxLength);
    throw this.failure;
  }
}

/**
 * {@link SSEEventFramer} as a stream: bytes in, the same bytes out cut at whole events; an event longer
 * than `maxLength` errors it with {@link SSEEventTooLongError}.
 */
export class SSEEventFramerStream extends TransformStream<Uint8Array, Uint8Array> {
  constructor(maxLength = MAX_SSE_EVENT_LENGTH) {
    const framer = new SSEEventFramer(maxLength);
    super({
      transform: (chunk, controller) => framer.push(chunk, controller),
      flush: (controller) => framer.end(controller),
    });
  }
}
