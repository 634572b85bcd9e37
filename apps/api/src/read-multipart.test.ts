import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isFileOnDisk } from '@seer/core/node';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type MultipartLimits, readMultipart } from './read-multipart';

/** A multipart body as a browser sends it, through the web Request that encodes FormData. */
function encode(form: FormData): { body: ReadableStream<Uint8Array>; contentType: string } {
  const request = new Request('http://seer.test/', { method: 'POST', body: form });
  return { body: request.body!, contentType: request.headers.get('content-type')! };
}

const bytes = (length: number, seed: number) =>
  Uint8Array.from({ length }, (_, index) => (index * seed) % 251);

/** Limits for a form whose `request` field is a JSON list of the file names it allows, each to 1 MB. */
const limits = (overrides: Partial<MultipartLimits> = {}): MultipartLimits => ({
  maxFileBytes: 1_000_000,
  memoryBytes: 64 * 1024,
  maxFieldBytes: 1024,
  maxFiles: 4,
  fieldName: 'request',
  filesNamedBy: (text) => new Map((JSON.parse(text) as string[]).map((name) => [name, 1_000_000])),
  ...overrides,
});

/** Reads `form` under `limits`, rejecting as `readMultipart` does. */
function read(form: FormData, options: MultipartLimits) {
  const { body, contentType } = encode(form);
  return readMultipart(body, contentType, options);
}

describe('readMultipart', () => {
  // The reader's temporary files go to a folder of this test's own, so that it can tell what was left.
  let temporary: string;
  const uploadsLeft = async () =>
    (await readdir(temporary)).filter((entry) => entry.startsWith('seer-upload-'));
  beforeEach(async () => {
    temporary = await mkdtemp(join(tmpdir(), 'seer-read-multipart-'));
    vi.stubEnv('TMPDIR', temporary);
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await rm(temporary, { recursive: true, force: true });
  });

  it('keeps small files in memory and writes a large one to a private file as it arrives', async () => {
    const form = new FormData();
    form.set('request', '["photo","video"]');
    form.set('photo', new Blob([bytes(1000, 7)]), 'photo.jpg');
    form.set('video', new Blob([bytes(300_000, 13)]), 'clip.mp4');
    const body = await read(form, limits());
    expect(body.field).toBe('["photo","video"]');
    const photo = body.files.get('photo')!;
    expect(isFileOnDisk(photo)).toBe(false);
    expect(Buffer.from(photo as Uint8Array).equals(Buffer.from(bytes(1000, 7)))).toBe(true);
    const video = body.files.get('video')!;
    expect(isFileOnDisk(video)).toBe(true);
    if (!isFileOnDisk(video)) return;
    expect(video.bytes).toBe(300_000);
    expect((await readFile(video.path)).equals(Buffer.from(bytes(300_000, 13)))).toBe(true);
    expect((await stat(video.path)).mode & 0o777).toBe(0o600);
    expect(await uploadsLeft()).toHaveLength(1);
    await body.dispose();
    await expect(stat(video.path)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await uploadsLeft()).toEqual([]);
  });

  it('refuses a file over the limit with 413 as it passes it', async () => {
    const form = new FormData();
    form.set('request', '["video"]');
    form.set('video', new Blob([bytes(500_000, 3)]), 'clip.mp4');
    await expect(read(form, limits({ maxFileBytes: 200_000, memoryBytes: 50_000 }))).rejects.toMatchObject({
      status: 413,
      code: 'media_too_large',
      message: expect.stringContaining('"video"'),
    });
    expect(await uploadsLeft()).toEqual([]);
  });

  it('holds a file to the limit the field gives it, whether it came before the field or after', async () => {
    const tight = limits({ filesNamedBy: () => new Map([['photo', 50_000]]) });
    const after = new FormData();
    after.set('request', '{}');
    after.set('photo', new Blob([bytes(100_000, 5)]), 'photo.jpg');
    await expect(read(after, tight)).rejects.toMatchObject({ status: 413, code: 'media_too_large' });

    const before = new FormData();
    before.set('photo', new Blob([bytes(100_000, 5)]), 'photo.jpg');
    before.set('request', '{}');
    await expect(read(before, tight)).rejects.toMatchObject({ status: 413, code: 'media_too_large' });
    expect(await uploadsLeft()).toEqual([]);
  });

  it('reads the field once, however many files follow it', async () => {
    const filesNamedBy = vi.fn(() => new Map([...'abcd'].map((name) => [name, 1000] as const)));
    const form = new FormData();
    form.set('request', '{}');
    for (const name of 'abcd') form.set(name, new Blob([bytes(10, 3)]), `${name}.jpg`);
    const body = await read(form, limits({ filesNamedBy }));
    expect(filesNamedBy).toHaveBeenCalledTimes(1);
    expect([...body.files.keys()]).toEqual([...'abcd']);
  });

  it('refuses a file the field does not name with 400, naming it, at the first such part', async () => {
    const form = new FormData();
    form.set('request', '["photo"]');
    form.set('photo', new Blob([bytes(100_000, 5)]), 'photo.jpg');
    form.set('stray', new Blob([bytes(10, 5)]), 'stray.bin');
    await expect(read(form, limits())).rejects.toMatchObject({
      status: 400,
      code: 'invalid_request',
      message: expect.stringContaining('"stray"'),
    });
    // The named file had gone to disk before the stray one came: it is removed too.
    expect(await uploadsLeft()).toEqual([]);
  });

  it('takes files that come before the field once it names them, and refuses them when it does not', async () => {
    const named = new FormData();
    named.set('video', new Blob([bytes(300_000, 13)]), 'clip.mp4');
    named.set('request', '["video"]');
    const body = await read(named, limits());
    expect(body.files.get('video')).toMatchObject({ bytes: 300_000 });
    await body.dispose();

    const unnamed = new FormData();
    unnamed.set('video', new Blob([bytes(300_000, 13)]), 'clip.mp4');
    unnamed.set('request', '["photo"]');
    await expect(read(unnamed, limits())).rejects.toMatchObject({
      status: 400,
      code: 'invalid_request',
      message: expect.stringContaining('"video"'),
    });
    expect(await uploadsLeft()).toEqual([]);
  });

  it('refuses more files before the field than a request can name with 413', async () => {
    const form = new FormData();
    for (let index = 0; index < 5; index++) form.set(`file${index}`, new Blob([bytes(10, 3)]), 'x.bin');
    form.set('request', '[]');
    await expect(read(form, limits())).rejects.toMatchObject({
      status: 413,
      code: 'payload_too_large',
      message: expect.stringContaining('more than 4 files'),
    });
  });

  it('refuses a file that comes twice, a second field and any other text field with 400', async () => {
    const twice = new FormData();
    twice.set('request', '["photo"]');
    twice.append('photo', new Blob([bytes(10, 3)]), 'a.jpg');
    twice.append('photo', new Blob([bytes(10, 3)]), 'b.jpg');
    await expect(read(twice, limits())).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('more than once'),
    });

    const secondField = new FormData();
    secondField.append('request', '[]');
    secondField.append('request', '[]');
    await expect(read(secondField, limits())).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('more than one "request"'),
    });

    const text = new FormData();
    text.set('request', '["photo"]');
    text.set('photo', 'not a file');
    await expect(read(text, limits())).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('"photo" is text, not a file'),
    });
  });

  it('passes on what the field reader throws', async () => {
    const form = new FormData();
    form.set('request', 'not JSON');
    form.set('photo', new Blob([bytes(10, 3)]), 'photo.jpg');
    await expect(read(form, limits())).rejects.toBeInstanceOf(SyntaxError);
  });

  it('refuses a body over its limit with 413 as it passes it', async () => {
    const form = new FormData();
    form.set('request', '["video"]');
    form.set('video', new Blob([bytes(500_000, 3)]), 'clip.mp4');
    await expect(read(form, limits({ maxBodyBytes: 200_000 }))).rejects.toMatchObject({
      status: 413,
      code: 'payload_too_large',
    });
    expect(await uploadsLeft()).toEqual([]);
  });

  it('says a body that is not multipart cannot be read', async () => {
    const request = new Request('http://seer.test/', { method: 'POST', body: 'plain words' });
    await expect(
      readMultipart(request.body!, 'multipart/form-data; boundary=xyz', limits()),
    ).rejects.toMatchObject({ status: 400, code: 'invalid_request' });
  });
});
