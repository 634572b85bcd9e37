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
    let buffer = '';
    let dataLines: string[] = [];
    let event: string | undefined;
    let id: string | undefined;
    // A chunk that ends in '\r' may be the first half of '\r\n'; the '\n' that follows must not
    // produce a second (blank) line.
    let skipLeadingNewline = false;

    const dispatch = (controller: TransformStreamDefaultController<SSEMessage>) => {
      if (dataLines.length > 0) {
        const message: SSEMessage = { data: dataLines.join('\n') };
        if (event !== undefined) message.event = event;
        if (id !== undefined) message.id = id;
        controller.enqueue(message);
      }
      dataLines = [];
      event = undefined;
    };

    const handleLine = (line: string, controller: TransformStreamDefaultController<SSEMessage>) => {
      if (line === '') return dispatch(controller);
      if (line.startsWith(':')) return;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'data') dataLines.push(value);
      else if (field === 'event') event = value;
      else if (field === 'id' && !value.includes('\0')) id = value;
    };

    super({
      transform(chunk, controller) {
        let text = chunk;
        if (skipLeadingNewline && text.startsWith('\n')) text = text.slice(1);
        skipLeadingNewline = false;
        // Only the new text can hold a line ending: scanning from the old end keeps long lines that
        // arrive byte by byte linear instead of quadratic.
        let i = buffer.length;
        buffer += text;
        let start = 0;
        for (; i < buffer.length; i++) {
          const char = buffer[i];
          if (char !== '\n' && char !== '\r') continue;
          handleLine(buffer.slice(start, i), controller);
          if (char === '\r') {
            if (i + 1 === buffer.length) skipLeadingNewline = true;
            else if (buffer[i + 1] === '\n') i++;
          }
          start = i + 1;
        }
        buffer = buffer.slice(start);
      },
      flush(controller) {
        if (buffer !== '') handleLine(buffer, controller);
        buffer = '';
        dispatch(controller);
      },
    });
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
