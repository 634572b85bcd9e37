import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type SSEMessage, SSEParserStream } from './parse-sse';

async function parse(chunks: string[]): Promise<SSEMessage[]> {
  const source = new ReadableStream<string>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  const messages: SSEMessage[] = [];
  for await (const message of source.pipeThrough(new SSEParserStream())) messages.push(message);
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
});
