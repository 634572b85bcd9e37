import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_SSE_LINE_LENGTH,
  SSELineTooLongError,
  type SSEMessage,
  SSEParser,
  type SSEParserOptions,
  SSEParserStream,
} from './parse-sse';

async function parse(chunks: string[], options: SSEParserOptions = {}): Promise<SSEMessage[]> {
  const source = new ReadableStream<string>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  const messages: SSEMessage[] = [];
  for await (const message of source.pipeThrough(new SSEParserStream(options))) messages.push(message);
  return messages;
}

describe('SSEParserStream', () => {
  it('reads events, ids, multi-line data and skips comments', async () => {
    const messages = await parse([': hello\n\nevent: a\nid: 7\ndata: one\ndata: two\n\ndata:three\n\n']);
    expect(messages).toEqual([
      { event: 'a', id: '7', data: 'one\ntwo' },
      { id: '7', data: 'three' },
    ]);
  });

  it('accepts CRLF and CR line endings, even split between chunks', async () => {
    expect(await parse(['data: a\r', '\n\r', '\ndata: b\r\r'])).toEqual([{ data: 'a' }, { data: 'b' }]);
    expect(await parse(['data: a\r', '', '\ndata: b\n\n'])).toEqual([{ data: 'a\nb' }]);
  });

  it('dispatches a last message that has no blank line after it', async () => {
    expect(await parse(['data: {"partial":true}'])).toEqual([{ data: '{"partial":true}' }]);
  });

  it('gives the same messages however the text is split', async () => {
    const text = ': c\n\nevent: x\ndata: 1\n\r\ndata: 2\r\n\r\ndata: 3\n\n';
    const expected = await parse([text]);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(text.length), { maxLength: 12 }), async (cuts) => {
        const sorted = [...new Set(cuts)].sort((a, b) => a - b);
        const chunks: string[] = [];
        let start = 0;
        for (const at of [...sorted, text.length]) {
          chunks.push(text.slice(start, at));
          start = at;
        }
        expect(await parse(chunks)).toEqual(expected);
      }),
    );
  });

  it('reads a long line that arrives in many pieces, each character once', async () => {
    const content = 'x'.repeat(MAX_SSE_LINE_LENGTH);
    const text = `data: ${content}\n\n`;
    const pieces = text.match(/[\s\S]{1,1024}/g) ?? [];
    const parser = new SSEParser({ maxLineLength: 2 * MAX_SSE_LINE_LENGTH });
    const messages: SSEMessage[] = [];
    const sink = { enqueue: (message: SSEMessage) => messages.push(message) };
    const started = performance.now();
    for (const piece of pieces) parser.push(piece, sink);
    parser.end(sink);
    // Joining the line again at every piece would copy it once per piece: quadratic, far slower.
    expect(performance.now() - started).toBeLessThan(1000);
    expect(messages).toEqual([{ data: content }]);
  });

  it('reads a line that trickles in a character at a time, between longer pieces', async () => {
    const content = `${'a'.repeat(1000)}${'b'.repeat(2000)}${'c'.repeat(1000)}`;
    const pieces = [
      'data: ',
      ...content.slice(0, 1000),
      content.slice(1000, 3000),
      ...content.slice(3000),
      '\n\n',
    ];
    expect(await parse(pieces)).toEqual([{ data: content }]);
  });

  it('reads lines that end in bare CRs, many to a piece, in one pass', async () => {
    const parser = new SSEParser();
    const messages: SSEMessage[] = [];
    const sink = { enqueue: (message: SSEMessage) => messages.push(message) };
    parser.push(`${'data: x\r\r'.repeat(50_000)}`, sink);
    expect(messages).toHaveLength(50_000);
  });

  it('stops at a line longer than the limit, after the messages before it', async () => {
    const source = ['data: first\n\n', `data: ${'y'.repeat(60)}`, 'y'.repeat(60), 'never\n\n'];
    const messages: SSEMessage[] = [];
    const stream = new ReadableStream<string>({
      start(controller) {
        for (const chunk of source) controller.enqueue(chunk);
        controller.close();
      },
    }).pipeThrough(new SSEParserStream({ maxLineLength: 100 }));
    const reading = (async () => {
      for await (const message of stream) messages.push(message);
    })();
    await expect(reading).rejects.toBeInstanceOf(SSELineTooLongError);
    expect(messages).toEqual([{ data: 'first' }]);
  });

  it('stops at a message whose data lines together pass the limit, and at every call after', () => {
    const parser = new SSEParser({ maxLineLength: 100 });
    const sink = { enqueue: () => {} };
    expect(() => {
      for (let line = 0; line < 100; line++) parser.push('data: abc\n', sink);
    }).toThrow(SSELineTooLongError);
    expect(() => parser.push('\n', sink)).toThrow(/longer than 100 characters/);
    expect(() => parser.end(sink)).toThrow(SSELineTooLongError);
  });

  it('holds a line up to the limit, and names the default limit in MB', async () => {
    const line = 'z'.repeat(100 - 'data: '.length);
    expect(await parse([`data: ${line}`, '\n\n'], { maxLineLength: 100 })).toEqual([{ data: line }]);
    expect(new SSELineTooLongError(MAX_SSE_LINE_LENGTH).message).toContain('4 MB');
  });
});
