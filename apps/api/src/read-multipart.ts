import { Readable } from 'node:stream';
import { RequestError } from '@seer/core';
import type { UploadedFile } from '@seer/core/node';
import busboy from 'busboy';
import { type FilePart, SpoolFolder, spoolFilePart } from './spool-file-part';

/** The limits a multipart body is read under, and the one text field that says which files it carries. */
export interface MultipartLimits {
  /** The largest file part; a part over it is refused (413) as soon as it passes the limit. */
  maxFileBytes: number;
  /** A part larger than this goes to a private temporary file as it arrives instead of memory. */
  memoryBytes: number;
  /**
   * The largest body; past it the body is refused (413 `payload_too_large`) as it is read. For a body
   * without a declared length, whose size only reading can tell.
   */
  maxBodyBytes?: number;
  /** The largest text field (the `request` JSON). */
  maxFieldBytes: number;
  /**
   * The most file parts that may arrive before the text field does (413 past it). Once the field
   * has arrived, only the files it names are taken, each once, so they are never more than it names.
   */
  maxFiles: number;
  /** The one text field of the form (`request`); any other text field is refused. */
  fieldName: string;
  /**
   * Reads the text field, once, as soon as it arrives, and returns the file parts the body may carry
   * with the largest size of each. A file part it does not name is refused (400), whether it came
   * before the field or after. What it throws refuses the body.
   */
  filesNamedBy: (text: string) => ReadonlyMap<string, number>;
}

/** A multipart body as read: its text field, its files, and the way to remove what went to disk. */
export interface MultipartBody {
  /** The text field, or `undefined` when the body had none. */
  field: string | undefined;
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
 * Reads a `multipart/form-data` body as it streams in (busboy), so that every limit holds while
 * reading and the work done is proportional to the body. The body is Node's request itself when the
 * server gives it, or a web stream:
 *
 * - the one text field (`fieldName`) is handed to `filesNamedBy` once, when it arrives; any other text
 *   field, or a second one, is refused;
 * - a file part the field does not name is refused (400) as soon as it is known to be unnamed: on
 *   arrival when the field came first, or when the field arrives for the parts that came before it.
 *   Refusing rather than skipping it stops the upload at once and tells the client which part was
 *   wrong, where skipping would read (and make the client send) every byte for nothing;
 * - a file part that comes twice is refused, and no more than `maxFiles` may come before the field;
 * - a file part over its limit, or the body over `maxBodyBytes`, is refused (413) as it passes it;
 * - a part over `memoryBytes` is written to a private temporary file as it arrives, so memory holds at
 *   most `memoryBytes` per file. The files are removed when reading fails, however it fails, and by
 *   `dispose` otherwise.
 *
 * @throws RequestError 413 for a part over its limit or too many parts, 400 for a part the field does
 *   not name, a stray text field, or a body that is not valid multipart; or what `filesNamedBy` threw.
 */
export async function readMultipart(
  body: Readable | ReadableStream<Uint8Array>,
  contentType: string,
  limits: MultipartLimits,
): Promise<MultipartBody> {
  let field: string | undefined;
  let named: ReadonlyMap<string, number> | undefined;
  const files = new Map<string, UploadedFile>();
  const parts: FilePart[] = [];
  const pending: Promise<void>[] = [];

  const folder = new SpoolFolder();
  const dispose = () => folder.dispose();

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

  const unnamed = (name: string) =>
    new RequestError({
      code: 'invalid_request',
      message: `The multipart body has a file "${name}" that its "${limits.fieldName}" field does not name: send only the files that media items name by \`file\`.`,
    });
  const overLimit = (name: string, maxBytes: number) =>
    tooLarge('media_too_large', `The file "${name}" is over its limit of ${megabytes(maxBytes)}.`);
  /** The limit of a part: its own once the field has named it, the general one before. */
  const limitOf = (name: string) => Math.min(named?.get(name) ?? limits.maxFileBytes, limits.maxFileBytes);

  /** Why a file part that has just begun is refused, if it is. */
  const refusalOf = (name: string): RequestError | undefined => {
    if (parts.some((part) => part.name === name)) {
      return new RequestError({
        code: 'invalid_request',
        message: `The multipart body has the file "${name}" more than once.`,
      });
    }
    if (named !== undefined) return named.has(name) ? undefined : unnamed(name);
    if (parts.length < limits.maxFiles) return undefined;
    return tooLarge(
      'payload_too_large',
      `The multipart body has more than ${limits.maxFiles} files before its "${limits.fieldName}" field; a request names at most ${limits.maxFiles}.`,
    );
  };

  let fail: (error: unknown) => void = () => {};
  let hasFailed = false;
  const done = new Promise<void>((resolve, reject) => {
    fail = (error) => {
      hasFailed = true;
      reject(error);
    };
    parser.on('field', (name, value, info) => {
      if (hasFailed) return;
      if (name !== limits.fieldName) {
        return fail(
          new RequestError({
            code: 'invalid_request',
            message: `The multipart field "${name}" is text, not a file (it has no filename); the only text field is "${limits.fieldName}".`,
          }),
        );
      }
      if (field !== undefined) {
        return fail(
          new RequestError({
            code: 'invalid_request',
            message: `The multipart body has more than one "${limits.fieldName}" field.`,
          }),
        );
      }
      if (info.valueTruncated) {
        return fail(
          tooLarge('payload_too_large', `The field "${name}" is over ${megabytes(limits.maxFieldBytes)}.`),
        );
      }
      field = value;
      try {
        named = limits.filesNamedBy(value);
      } catch (error) {
        return fail(error);
      }
      // The parts that came first are judged now: an unnamed one refuses the body, and a named one is
      // held to its own limit from here on.
      for (const part of parts) {
        if (!named.has(part.name)) return fail(unnamed(part.name));
        if (part.bytes > limitOf(part.name)) return fail(overLimit(part.name, limitOf(part.name)));
      }
    });
    parser.on('file', (name, stream) => {
      const refusal = hasFailed ? undefined : refusalOf(name);
      if (hasFailed || refusal) {
        stream.resume();
        if (refusal) fail(refusal);
        return;
      }
      const { part, file } = spoolFilePart(name, stream, {
        index: parts.length,
        memoryBytes: limits.memoryBytes,
        folder,
        limit: () => limitOf(name),
        overLimit: () => overLimit(name, limitOf(name)),
      });
      parts.push(part);
      const reading = file.then((uploaded) => {
        files.set(name, uploaded);
      });
      reading.catch(fail);
      pending.push(reading);
    });
    parser.on('error', (error: Error) =>
      fail(
        new RequestError({
          code: 'invalid_request',
          message: `The multipart body cannot be read: ${error.message}.`,
        }),
      ),
    );
    parser.on('close', () => {
      Promise.all(pending).then(() => resolve(), fail);
    });
  });

  const input =
    body instanceof Readable
      ? body
      : Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>);
  // A failure of the body itself (the body limit passed while reading, the client gone) is passed on as
  // it is, so that the middleware that caused it answers for it.
  input.on('error', (error) => fail(error));
  const maxBodyBytes = limits.maxBodyBytes ?? Number.POSITIVE_INFINITY;
  let bodyBytes = 0;
  const countBody = (chunk: Uint8Array) => {
    bodyBytes += chunk.byteLength;
    if (bodyBytes > maxBodyBytes) {
      fail(tooLarge('payload_too_large', `The request body is over ${megabytes(maxBodyBytes)}.`));
    }
  };
  input.on('data', countBody);
  input.pipe(parser);
  try {
    await done;
  } catch (error) {
    input.unpipe(parser);
    if (input === body) {
      // Node's request is left to the server, which reads past the rest once the refusal is sent:
      // destroying it here would reset the connection before the client could read why.
      input.off('data', countBody);
      input.pause();
    } else {
      input.destroy();
    }
    for (const part of parts) part.refuse(error);
    await dispose();
    throw error;
  }
  return { field, files, dispose };
}
