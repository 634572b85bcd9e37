import { readFile, stat } from 'node:fs/promises';
import { isFileOnDisk } from '@seer/core/node';
import { describe, expect, it } from 'vitest';
import { readMultipart } from './read-multipart';

/** A multipart body as a browser sends it, through the web Request that encodes FormData. */
function encode(form: FormData): { body: ReadableStream<Uint8Array>; contentType: string } {
  const request = new Request('http://seer.test/', { method: 'POST', body: form });
  return { body: request.body!, contentType: request.headers.get('content-type')! };
}

const bytes = (length: number, seed: number) =>
  Uint8Array.from({ length }, (_, index) => (index * seed) % 251);

describe('readMultipart', () => {
  it('keeps small files in memory and writes a large one to a private file as it arrives', async () => {
    const form = new FormData();
    form.set('request', '{"template":"freeform"}');
    form.set('photo', new Blob([bytes(1000, 7)]), 'photo.jpg');
    form.set('video', new Blob([bytes(300_000, 13)]), 'clip.mp4');
    const { body, contentType } = encode(form);
    const read = await readMultipart(body, contentType, {
      maxFileBytes: 1_000_000,
      memoryBytes: 64 * 1024,
      maxFieldBytes: 1024,
    });
    expect(read.fields.get('request')).toBe('{"template":"freeform"}');
    const photo = read.files.get('photo')!;
    expect(isFileOnDisk(photo)).toBe(false);
    expect(Buffer.from(photo as Uint8Array).equals(Buffer.from(bytes(1000, 7)))).toBe(true);
    const video = read.files.get('video')!;
    expect(isFileOnDisk(video)).toBe(true);
    if (!isFileOnDisk(video)) return;
    expect(video.bytes).toBe(300_000);
    expect((await readFile(video.path)).equals(Buffer.from(bytes(300_000, 13)))).toBe(true);
    expect((await stat(video.path)).mode & 0o777).toBe(0o600);
    await read.dispose();
    await expect(stat(video.path)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a file over the limit with 413 as it passes it', async () => {
    const form = new FormData();
    form.set('request', '{}');
    form.set('video', new Blob([bytes(500_000, 3)]), 'clip.mp4');
    const { body, contentType } = encode(form);
    await expect(
      readMultipart(body, contentType, { maxFileBytes: 200_000, memoryBytes: 50_000, maxFieldBytes: 1024 }),
    ).rejects.toMatchObject({
      status: 413,
      code: 'media_too_large',
      message: expect.stringContaining('"video"'),
    });
  });

  it('holds an image named by the request field to its own, tighter limit', async () => {
    const form = new FormData();
    form.set('request', JSON.stringify({ media: [{ type: 'image', file: 'photo' }] }));
    form.set('photo', new Blob([bytes(100_000, 5)]), 'photo.jpg');
    const { body, contentType } = encode(form);
    await expect(
      readMultipart(body, contentType, {
        maxFileBytes: 1_000_000,
        memoryBytes: 1_000_000,
        maxFieldBytes: 1024,
        limitFor: (name, fields) => (fields.get('request')?.includes(`"${name}"`) ? 50_000 : undefined),
      }),
    ).rejects.toMatchObject({ status: 413, code: 'media_too_large' });
  });

  it('says a body that is not multipart cannot be read', async () => {
    const request = new Request('http://seer.test/', { method: 'POST', body: 'plain words' });
    await expect(
      readMultipart(request.body!, 'multipart/form-data; boundary=xyz', {
        maxFileBytes: 1000,
        memoryBytes: 1000,
        maxFieldBytes: 1000,
      }),
    ).rejects.toMatchObject({ status: 400, code: 'invalid_request' });
  });
});
