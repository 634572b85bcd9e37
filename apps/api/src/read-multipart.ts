import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { RequestError } from '@seer/core';
import type { UploadedFile } from '@seer/core/node';
import busboy from 'busboy';

/** The limits a multipart body is read under. */
export interface MultipartLimits {
  /** The largest file part; a part over it is refused (413) as soon as it passes the limit. */
  maxFileBytes: number;
  /** A part larger than this goes to a private temporary file as it arrives instead of memory. */
  memoryBytes: number;
  /** The largest text field (the `request` JSON). */
  maxFieldBytes: number;
  /**
   * A tighter limit for one file part, from the fields that came before it (an image named by the
   * `request` field has the image limit); `maxFileBytes` when it gives none.
   */
  limitFor?: (name: string, fields: ReadonlyMap<string, string>) => number | undefined;
}

/** A multipart body as read: its text fields, its files, and the way to remove what went to disk. */
export interface MultipartBody {
  fields: Map<string, string>;
  files: Map<string, UploadedFile>;
  /** Removes the temporary files; call it once the files have been used. */
  dispose: () => Promise<void>;
}

function tooLarge(code: 'media_too_large' | 'payload_too_large', message: string): RequestError {
  return new RequestError({ code, status: 413, message });
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

/**
 * Reads a `multipart/form-data` body as it streams in (busboy), so that limits hold while reading: a
 * file part over `maxFileBytes` is refused when it passes the limit, and a large part (a video) is
 * written to a private temporary file as it arrives rather than held whole in memory. Small parts
 * (photos, usually resized in the browser first) stay in memory.
 *
 * @throws RequestError 413 for a part over its limit, 400 for a body that is not valid multipart.
 */
export async function readMultipart(
  body: ReadableStream<Uint8Array>,
  contentType: string,
  limits: MultipartLimits,
): Promise<MultipartBody> {
  const fields = new Map<string, string>();
  const files = new Map<string, UploadedFile>();
  let folder: string | undefined;
  const dispose = async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
  };
  const pending: Promise<void>[] = [];

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': contentType },
      limits: { fileSize: limits.maxFileBytes, fieldSize: limits.maxFieldBytes },
    });
  } catch (error) {
    throw new RequestError({
      code: 'invalid_request',
      message: `The multipart body cannot be read: ${(error as Error).message}.`,
    });
  }

  /** Collects one file part: in memory up to `memoryBytes`, then in a temporary file. */
  const readFile = (name: string, stream: Readable): Promise<void> =>
    new Promise((resolve, reject) => {
      const maxBytes = Math.min(limits.limitFor?.(name, fields) ?? limits.maxFileBytes, limits.maxFileBytes);
      const chunks: Buffer[] = [];
      let bytes = 0;
      let isRefused = false;
      let file: WriteStream | undefined;
      let path: string | undefined;
      let opening: Promise<void> | undefined;
      const refuse = () => {
        isRefused = true;
        chunks.length = 0;
        file?.destroy();
        stream.resume();
        reject(
          tooLarge('media_too_large', `The file "${name}" is over its limit of ${megabytes(maxBytes)}.`),
        );
      };
      stream.on('limit', refuse);
      stream.on('data', (chunk: Buffer) => {
        if (isRefused) return;
        bytes += chunk.length;
        if (bytes > maxBytes) return refuse();
        if (file) {
          if (!file.write(chunk)) {
            stream.pause();
            file.once('drain', () => stream.resume());
          }
          return;
        }
        chunks.push(chunk);
        if (bytes <= limits.memoryBytes || opening) return;
        // Too large for memory: from here on the part goes to disk, starting with what arrived.
        stream.pause();
        opening = (async () => {
          folder ??= await mkdtemp(join(tmpdir(), 'seer-upload-'));
          path = join(folder, `${files.size + pending.length}-${name.replace(/[^\w.-]/g, '_')}`);
          file = createWriteStream(path, { mode: 0o600 });
          file.on('error', reject);
          for (const piece of chunks.splice(0)) file.write(piece);
          stream.resume();
        })().catch(reject);
      });
      stream.on('error', reject);
      stream.on('end', async () => {
        if (isRefused) return;
        await opening;
        if (file && path) {
          const finished = new Promise<void>((done, failed) => {
            file!.once('finish', () => done());
            file!.once('error', failed);
          });
          file.end();
          await finished.catch(reject);
          files.set(name, { path, bytes });
        } else {
          files.set(name, new Uint8Array(Buffer.concat(chunks)));
        }
        resolve();
      });
    });

  let fail: (error: unknown) => void = () => {};
  const done = new Promise<void>((resolve, reject) => {
    fail = reject;
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) {
        reject(
          tooLarge('payload_too_large', `The field "${name}" is over ${megabytes(limits.maxFieldBytes)}.`),
        );
        return;
      }
      fields.set(name, value);
    });
    parser.on('file', (name, stream) => {
      const reading = readFile(name, stream);
      reading.catch(reject);
      pending.push(reading);
    });
    parser.on('error', (error: Error) =>
      reject(
        new RequestError({
          code: 'invalid_request',
          message: `The multipart body cannot be read: ${error.message}.`,
        }),
      ),
    );
    parser.on('close', () => {
      Promise.all(pending).then(() => resolve(), reject);
    });
  });

  const input = Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>);
  // A failure of the body itself (the body limit passed while reading, the client gone) is passed on as
  // it is, so that the middleware that caused it answers for it.
  input.on('error', (error) => fail(error));
  input.pipe(parser);
  try {
    await done;
  } catch (error) {
    input.unpipe(parser);
    input.destroy();
    await dispose();
    throw error;
  }
  return { fields, files, dispose };
}
