import type { Sink } from './sink';

/** One Server-Sent Events message: the joined `data:` lines and the optional `event:` and `id:` fields. */
export interface SSEMessage {
  event?: string;
  data: string;
  id?: string;
}

/**
 * Parses text into SSE messages following the WHATWG event-stream rules: lines end in `\n`, `\r\n` or
 * `\r`; a blank line dispatches; `:` lines are comments; several `data:` lines join with `\n`; one space
 * after the colon is dropped. Text may arrive split anywhere, even inside a line ending. A message still
 * open when the input ends is dispatched too, because providers that die mid-stream often omit the
 * final blank line and its data is still worth reading.
 *
 * Feed it decoded text (`TextDecoderStream` first, so multi-byte characters split across chunks stay
 * whole), e.g. `response.body.pipeThrough(new TextDecoderStream()).pipeThrough(new SSEParserStream())`.
 */
export class SSEParserStream extends TransformStream<string, SSEMessage> {
  constructor() {
    const parser = new SSEParser();
    super({
      transform: (chunk, controller) => parser.push(chunk, controller),
      flush: (controller) => parser.end(controller),
    });
  }
}

/**
 * The parser behind {@link SSEParserStream}, for callers that drive it themselves: `push` text as it
 * arrives and `end` once; messages go to `sink` as soon as they are complete. One pull loop that decodes,
 * parses and normalizes in turn hands a token on with less work than a chain of streams.
 */
export class SSEParser {
  private buffer = '';
  private dataLines: string[] = [];
  private event: string | undefined;
  private id: string | undefined;
  // A chunk that ends in '\r' may be the first half of '\r\n'; the '\n' that follows must not
  // produce a second (blank) line.
  private skipLeadingNewline = false;

  /** Parses the next piece of text; it may end anywhere, even inside a line ending. */
  push(text: string, sink: Sink<SSEMessage>): void {
    let piece = text;
    if (this.skipLeadingNewline && piece.startsWith('\n')) piece = piece.slice(1);
    this.skipLeadingNewline = false;
    // Only the new text can hold a line ending: scanning from the old end keeps long lines that
    // arrive byte by byte linear instead of quadratic.
    let i = this.buffer.length;
    const buffer = this.buffer + piece;
    let start = 0;
    for (; i < buffer.length; i++) {
      const char = buffer[i];
      if (char !== '\n' && char !== '\r') continue;
      this.handleLine(buffer.slice(start, i), sink);
      if (char === '\r') {
        if (i + 1 === buffer.length) this.skipLeadingNewline = true;
        else if (buffer[i + 1] === '\n') i++;
      }
      start = i + 1;
    }
    this.buffer = buffer.slice(start);
  }

  /** The input is over: a last line without its ending and a message without its blank line still count. */
  end(sink: Sink<SSEMessage>): void {
    if (this.buffer !== '') this.handleLine(this.buffer, sink);
    this.buffer = '';
    this.dispatch(sink);
  }

  private dispatch(sink: Sink<SSEMessage>): void {
    if (this.dataLines.length > 0) {
      const message: SSEMessage = { data: this.dataLines.join('\n') };
      if (this.event !== undefined) message.event = this.event;
      if (this.id !== undefined) message.id = this.id;
      sink.enqueue(message);
    }
    this.dataLines = [];
    this.event = undefined;
  }

  private handleLine(line: string, sink: Sink<SSEMessage>): void {
    if (line === '') {
      this.dispatch(sink);
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.dataLines.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\0')) this.id = value;
  }
}

/**
 * A UTF-8 decoding stream typed for byte streams. `TextDecoderStream` keeps a character split across
 * chunks whole; the DOM typings declare its input as `BufferSource`, which does not pipe from a
 * `ReadableStream<Uint8Array>` without this cast.
 */
export function createTextDecoderStream(): TransformStream<Uint8Array, string> {
  return new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>;
}
