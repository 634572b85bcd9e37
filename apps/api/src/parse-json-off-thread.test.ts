import { describe, expect, it } from 'vitest';
import { parseJSONOffThread } from './parse-json-off-thread';

const bufferOf = (text: string): ArrayBuffer => {
  const bytes = new TextEncoder().encode(text);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
};

describe('parseJSONOffThread', () => {
  it('parses UTF-8 JSON as JSON.parse does, moving the buffer to the worker', async () => {
    const value = {
      template: 'freeform',
      question: 'Qu’est-ce que c’est ? 这是什么',
      media: [{ url: 'x'.repeat(2_000_000) }],
    };
    const buffer = bufferOf(JSON.stringify(value));
    expect(await parseJSONOffThread(buffer)).toEqual(value);
    expect(buffer.byteLength).toBe(0);
  });

  it('keeps a "__proto__" key an ordinary property, as JSON.parse does', async () => {
    const parsed = (await parseJSONOffThread(bufferOf('{"__proto__":{"polluted":true}}'))) as object;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.hasOwn(parsed, '__proto__')).toBe(true);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('rejects text that is not JSON with a SyntaxError, and goes on parsing after it', async () => {
    await expect(parseJSONOffThread(bufferOf('{"template":'))).rejects.toBeInstanceOf(SyntaxError);
    expect(await parseJSONOffThread(bufferOf('[1,2]'))).toEqual([1, 2]);
  });

  it('answers parses sent together each with its own value', async () => {
    const values = Array.from({ length: 6 }, (_, index) => ({ index, text: 'y'.repeat(index * 1000) }));
    const parsed = await Promise.all(
      values.map((value) => parseJSONOffThread(bufferOf(JSON.stringify(value)))),
    );
    expect(parsed).toEqual(values);
  });
});
