import type { Sink } from './sink';

/** One Server-Sent Events message: the joined `data:` lines and the optional `event:` and `id:` fields. */
export interface SSEMessage {
  event?: string;
  data: string;
  id?: string;
}

/**
 * The longest line an SSE reader holds, and the most data one message may gather, in characters
 * (UTF-16 code units, bytes for ASCII): 4 MiB. A model's delta is a few characters and Seer's own
 * events a few kilobytes, so only a broken or hostile sender gets near it; without a limit one line
 * that never ends would be held whole.
 */
export const MAX_SSE_LINE_LENGTH = 4 * 1024 * 1024;

/** Options of {@link SSEParser} and {@link SSEParserStream}. */
export interface SSEParserOptions {
  /** The longest line, and the most data of one message, in characters; default {@link MAX_SSE_LINE_LENGTH}. */
  maxLineLength?: number;
}

/** `4 MB` for whole mebibytes, else the number of characters. */
function describeLength(characters: number): string {
  const mebibytes = characters / (1024 * 1024);
  return Number.isInteger(mebibytes) ? `${mebibytes} MB` : `${characters} characters`;
}

/**
 * An event stream had a line (or a message) longer than the reader's limit. The reader stops there:
 * what follows cannot be read as the sender meant it, and holding more would let one sender fill the
 * memory of the process.
 */
export class SSELineTooLongError extends Error {
  /** The limit that was passed, in characters. */
  readonly limit: number;
  /** The limit in words, e.g. `4 MB`, for messages that quote it. */
  readonly limitText: string;

  constructor(limit: number) {
    const limitText = describeLength(limit);
    super(`A line of the event stream is longer than ${limitText}, the most a reader holds.`);
    this.name = 'SSELineTooLongError';
    this.limit = limit;
    this.limitText = limitText;
  }
}

/**
 * Parses text into SSE messages following the WHATWG event-stream rules: lines end in `\n`, `\r\n` or
 * `\r`; a blank line dispatches; `:` lines are comments; several `data:` lines join with `\n`; one space
 * after the colon is dropped. Text may arrive split anywhere, even inside a line ending. A message still
 * open when the input ends is dispatched too, because providers that die mid-stream often omit the
 * final blank line and its data is still worth reading. A line or message longer than `maxLineLength`
 * errors the stream with {@link SSELineTooLongError}.
 *
 * Feed it decoded text (`TextDecoderStream` first, so multi-byte characters split across chunks stay
 * whole), e.g. `response.body.pipeThrough(new TextDecoderStream()).pipeThrough(new SSEParserStream())`.
 */
export class SSEParserStream extends TransformStream<string, SSEMessage> {
  constructor(options: SSEParserOptions = {}) {
    const parser = new SSEParser(options);
    super({
      transform: (chunk, controller) => parser.push(chunk, controller),
      flush: (controller) => parser.end(controller),
    });
  }
}

const LINE_FEED = 10;
/** A piece of a pending line shorter than this counts as small. */
const SMALL_PIECE_LENGTH = 1024;
/** How many small pieces in a row are joined into one. */
const SMALL_PIECE_GROUP = 256;

/**
 * The parser behind {@link SSEParserStream}, for callers that drive it themselves: `push` text as it
 * arrives and `end` once; messages go to `sink` as soon as they are complete. One pull loop that decodes,
 * parses and normalizes in turn hands a token on with less work than a chain of streams.
 *
 * The work is linear in the text, whatever the pieces it comes in: each piece is searched once for each
 * line ending, and the start of a line is kept as pieces and joined once, when its end arrives. A line
 * or a message's data longer than the limit throws {@link SSELineTooLongError} from `push` (and from any
 * call after it) before more is held.
 */
export class SSEParser {
  private readonly maxLineLength: number;
  // The start of a line whose end has not arrived yet, in the pieces it came in.
  private pending: string[] = [];
  private pendingLength = 0;
  private smallPiecesInRow = 0;
  private dataLines: string[] = [];
  private dataLength = 0;
  private event: string | undefined;
  private id: string | undefined;
  // A piece that ends in '\r' may be the first half of '\r\n'; the '\n' that follows must not
  // produce a second (blank) line.
  private skipLeadingNewline = false;
  private failure: SSELineTooLongError | undefined;

  constructor(options: SSEParserOptions = {}) {
    this.maxLineLength = options.maxLineLength ?? MAX_SSE_LINE_LENGTH;
  }

  /**
   * Parses the next piece of text; it may end anywhere, even inside a line ending.
   *
   * @throws SSELineTooLongError when a line or a message's data passes the limit.
   */
  push(text: string, sink: Sink<SSEMessage>): void {
    if (this.failure) throw this.failure;
    // An empty piece (a decoder holding half a character) must not forget a '\r' that ended the last.
    if (text === '') return;
    let start = 0;
    if (this.skipLeadingNewline) {
      this.skipLeadingNewline = false;
      if (text.charCodeAt(0) === LINE_FEED) start = 1;
    }
    // The next '\n' and the next '\r' are each searched for again only once passed, so the searches
    // never cover the same text twice (looking for both from every line start would make a text of
    // bare '\r' lines quadratic).
    let nextFeed = text.indexOf('\n', start);
    let nextReturn = text.indexOf('\r', start);
    while (nextFeed !== -1 || nextReturn !== -1) {
      const isReturn = nextFeed === -1 || (nextReturn !== -1 && nextReturn < nextFeed);
      const end = isReturn ? nextReturn : nextFeed;
      if (this.pendingLength + end - start > this.maxLineLength) this.fail();
      let line = text.slice(start, end);
      if (this.pending.length > 0) {
        this.pending.push(line);
        line = this.pending.join('');
        this.clearPending();
      }
      this.handleLine(line, sink);
      start = end + 1;
      if (isReturn) {
        if (start === text.length) this.skipLeadingNewline = true;
        else if (text.charCodeAt(start) === LINE_FEED) start++;
      }
      if (nextFeed !== -1 && nextFeed < start) nextFeed = text.indexOf('\n', start);
      if (nextReturn !== -1 && nextReturn < start) nextReturn = text.indexOf('\r', start);
    }
    if (start < text.length) {
      if (this.pendingLength + text.length - start > this.maxLineLength) this.fail();
      this.holdPiece(start === 0 ? text : text.slice(start));
    }
  }

  /**
   * The input is over: a last line without its ending and a message without its blank line still count.
   *
   * @throws SSELineTooLongError when `push` threw it before.
   */
  end(sink: Sink<SSEMessage>): void {
    if (this.failure) throw this.failure;
    if (this.pending.length > 0) this.handleLine(this.pending.join(''), sink);
    this.clearPending();
    this.dispatch(sink);
  }

  /** Keeps a piece of a line whose end has not arrived. */
  private holdPiece(piece: string): void {
    this.pending.push(piece);
    this.pendingLength += piece.length;
    // A sender that trickles a line a few bytes at a time would otherwise leave one string per piece:
    // small pieces are joined in groups, each character copied once for it.
    this.smallPiecesInRow = piece.length < SMALL_PIECE_LENGTH ? this.smallPiecesInRow + 1 : 0;
    if (this.smallPiecesInRow === SMALL_PIECE_GROUP) {
      this.pending.push(this.pending.splice(-SMALL_PIECE_GROUP).join(''));
      this.smallPiecesInRow = 0;
    }
  }

  private clearPending(): void {
    this.pending = [];
    this.pendingLength = 0;
    this.smallPiecesInRow = 0;
  }

  /** Lets go of everything held and throws; every later call throws the same error. */
  private fail(): never {
    this.clearPending();
    this.dataLines = [];
    this.dataLength = 0;
    this.failure = new SSELineTooLongError(this.maxLineLength);
    throw this.failure;
  }

  private dispatch(sink: Sink<SSEMessage>): void {
    if (this.dataLines.length > 0) {
      const data = this.dataLines.length === 1 ? this.dataLines[0]! : this.dataLines.join('\n');
      const message: SSEMessage = { data };
      if (this.event !== undefined) message.event = this.event;
      if (this.id !== undefined) message.id = this.id;
      sink.enqueue(message);
    }
    this.dataLines = [];
    this.dataLength = 0;
    this.event = undefined;
  }

  private handleLine(line: string, sink: Sink<SSEMessage>): void {
    if (line === '') {
      this.dispatch(sink);
      return;
    }
    // Most lines are `data: …`: read them without looking for the colon.
    if (line.startsWith('data:')) {
      this.addData(line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5));
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.addData(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\0')) this.id = value;
  }

  private addData(value: string): void {
    // The joining '\n' counts too: a message of many short lines is held whole until it is dispatched.
    this.dataLength += value.length + (this.dataLines.length > 0 ? 1 : 0);
    if (this.dataLength > this.maxLineLength) this.fail();
    this.dataLines.push(value);
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
