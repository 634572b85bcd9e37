import { describe, expect, it } from 'vitest';
import { JPEGStreamSplitter, splitJPEGStream } from './extract-frames';

/** The whole-buffer byte scan the splitter replaced: the reference its frames must match. */
function scanWhole(bytes: Buffer): Buffer[] {
  const frames: Buffer[] = [];
  let start = -1;
  for (let offset = 0; offset < bytes.length - 1; offset++) {
    if (bytes[offset] !== 0xff) continue;
    const marker = bytes[offset + 1];
    if (marker === 0xd8 && start === -1) start = offset;
    else if (marker === 0xd9 && start !== -1) {
      frames.push(bytes.subarray(start, offset + 2));
      start = -1;
      offset++;
    }
  }
  return frames;
}

/** A JPEG-like file: SOI, bytes with stuffed and doubled 0xFF, a stray SOI inside, EOI. */
function fakeJPEG(seed: number): Buffer {
  const body = [0xff, 0xd8, seed, 0xff, 0x00, 0xff, 0xff, 0x00, 0xff, 0xd8, seed + 1, 0xff];
  for (let index = 0; index < seed % 7; index++) body.push(0xff, 0x00, index);
  body.push(0xff, 0xff, 0xd9);
  return Buffer.from(body);
}

/** Feeds `bytes` to a splitter in chunks of `size`. */
function splitInChunks(bytes: Buffer, size: number): Buffer[] {
  const splitter = new JPEGStreamSplitter();
  for (let offset = 0; offset < bytes.length; offset += size) {
    splitter.push(bytes.subarray(offset, offset + size));
  }
  return splitter.frames;
}

describe('JPEGStreamSplitter (ffmpeg image2pipe output cut as it arrives)', () => {
  const stream = Buffer.concat([
    Buffer.from([0x00, 0xff, 0xd9, 0xff]),
    fakeJPEG(1),
    fakeJPEG(2),
    Buffer.from([0x12, 0xff, 0xff]),
    fakeJPEG(3),
    fakeJPEG(9),
    Buffer.from([0xff, 0xd8, 0x01, 0xff]),
  ]);

  it('cuts a whole buffer as the byte scan it replaced did', () => {
    const expected = scanWhole(stream);
    expect(expected).toHaveLength(4);
    expect(splitJPEGStream(stream)).toEqual(expected);
  });

  it('gives the same frames however the stream is cut into chunks, markers straddling them included', () => {
    const expected = scanWhole(stream);
    for (let size = 1; size <= stream.length; size++) {
      expect(splitInChunks(stream, size), `chunks of ${size}`).toEqual(expected);
    }
  });

  it('ignores empty chunks and keeps an unfinished frame out', () => {
    const splitter = new JPEGStreamSplitter();
    splitter.push(Buffer.alloc(0));
    splitter.push(fakeJPEG(4).subarray(0, 5));
    expect(splitter.frames).toEqual([]);
  });
});
