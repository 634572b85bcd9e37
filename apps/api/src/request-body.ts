import type { IncomingMessage } from 'node:http';
import { RequestError } from '@seer/core';
import { DEFAULT_IMAGE_LIMITS, DEFAULT_VIDEO_LIMITS, type UploadedFile } from '@seer/core/node';
import type { Context } from 'hono';
import type { z } from 'zod';
import { describeZodError, shortenIssues } from './errors';
import { findJSONShapeProblem, JSON_SHAPE_LIMITS, type JSONShapeProblem } from './json-shape';
import { OFF_THREAD_MIN_BYTES, parseJSONOffThread } from './parse-json-off-thread';
import { readBodyBytes } from './read-body-bytes';
import { readMultipart } from './read-multipart';
import { requestHeader } from './request-headers';

/** A request body read from JSON or multipart, with the uploaded files by field name. */
export interface ReadBody<T> {
  request: T;
  files: Map<string, UploadedFile>;
  /** Removes uploads that went to disk; call it once the media are prepared. */
  dispose: () => Promise<void>;
}

function isMultipart(contentType: string | undefined): boolean {
  return (contentType ?? '').toLowerCase().startsWith('multipart/form-data');
}

/**
 * Uploads up to this size stay in memory; a larger one goes to a private temporary file as it arrives,
 * so that a body of many files holds at most this much of each in memory.
 */
const UPLOAD_MEMORY_BYTES = 1024 * 1024;

/** The most files a multipart body carries: one per media item, and a request has at most 16. */
const MAX_UPLOAD_FILES = 16;

/** The files a request's media items name by `file`, each with the size limit of its kind. */
function namedFiles(request: unknown): Map<string, number> {
  const media = (request as { media?: { type: string; file?: string }[] }).media ?? [];
  const named = new Map<string, number>();
  for (const item of media) {
    if (item.file === undefined) continue;
    const limit = item.type === 'image' ? DEFAULT_IMAGE_LIMITS.maxBytes : DEFAULT_VIDEO_LIMITS.maxBytes;
    named.set(item.file, Math.max(limit, named.get(item.file) ?? 0));
  }
  return named;
}

/** The sentence for a JSON text that breaks a bound of {@link JSON_SHAPE_LIMITS}, as a 400. */
function shapeError(problem: JSONShapeProblem, what: string): RequestError {
  const { maxDepth, maxStructureBytes } = JSON_SHAPE_LIMITS;
  return new RequestError({
    code: 'invalid_request',
    message:
      problem === 'too-deep'
        ? `${what} nests arrays and objects more than ${maxDepth} deep; a request needs three levels.`
        : `${what} has more than ${maxStructureBytes} bytes of JSON structure (brackets, separators, numbers, whitespace, escapes); a request needs a few hundred, with its media in strings or files.`,
  });
}

/** Validates parsed JSON with `schema`; 400 `invalid_request` with a sentence otherwise. */
function validateRequest<S extends z.ZodType>(json: unknown, schema: S): z.infer<S> {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new RequestError({
      code: 'invalid_request',
      message: describeZodError(parsed.error),
      details: { issues: shortenIssues(parsed.error.issues) },
    });
  }
  return parsed.data;
}

/**
 * Parses JSON text and validates it with `schema`; 400 `invalid_request` with a sentence otherwise.
 * Its shape is checked first ({@link findJSONShapeProblem}), so that no text makes `JSON.parse` slow.
 */
function parseRequest<S extends z.ZodType>(text: string, schema: S, what: string): z.infer<S> {
  const problem = findJSONShapeProblem(Buffer.from(text));
  if (problem) throw shapeError(problem, what);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new RequestError({ code: 'invalid_request', message: `${what} is not valid JSON.` });
  }
  return validateRequest(json, schema);
}

/**
 * {@link parseRequest} for a JSON request body: it is read as UTF-8 bytes ({@link readBodyBytes}), its
 * shape is checked on the bytes, and a large body is parsed in a worker thread
 * ({@link parseJSONOffThread}), so that tens of megabytes of data URLs never hold the event loop for
 * the length of a copy or a `JSON.parse`.
 */
async function parseRequestBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const what = 'The request body';
  const buffer = await readBodyBytes(request);
  const bytes = new Uint8Array(buffer);
  const problem = findJSONShapeProblem(bytes);
  if (problem) throw shapeError(problem, what);
  let json: unknown;
  try {
    json =
      bytes.length < OFF_THREAD_MIN_BYTES
        ? JSON.parse(new TextDecoder().decode(bytes))
        : await parseJSONOffThread(buffer);
  } catch {
    throw new RequestError({ code: 'invalid_request', message: `${what} is not valid JSON.` });
  }
  return validateRequest(json, schema);
}

/**
 * Reads and validates the body of a route that takes JSON or multipart (docs/api.md). JSON is read whole
 * (it is held to the body limit); multipart is read as it streams (`readMultipart`: limits per part
 * while reading, files over 1 MB to disk), and its `request` field is validated with the same schema
 * once, when it arrives. The files must be ones its media items name, each sent once, so a body carries
 * at most 16; the `request` field may come before or after them, since a client may order its form
 * either way, and the files that come before it wait on disk (past 1 MB) until it says whether they
 * are wanted. `maxMultipartBytes` holds a multipart body to a size as it streams (for one without a
 * declared length).
 */
export async function readRequestBody<S extends z.ZodType>(
  c: Context,
  schema: S,
  maxMultipartBytes?: number,
): Promise<ReadBody<z.infer<S>>> {
  const contentType = requestHeader(c, 'content-type');
  if (!isMultipart(contentType)) {
    if (!contentType || !/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType)) {
      throw new RequestError({
        code: 'invalid_request',
        message: 'The request needs a body sent as application/json or multipart/form-data.',
      });
    }
    const request = await parseRequestBody(c.req.raw, schema);
    return { request, files: new Map<string, UploadedFile>(), dispose: async () => {} };
  }
  // Node's own request when the server gives it: the web stream over it and a Node stream back over
  // that would carry every chunk of a large upload through two adapters more.
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const body = incoming && !incoming.readableDidRead ? incoming : c.req.raw.body;
  if (!body) {
    throw new RequestError({ code: 'invalid_request', message: 'The multipart request has no body.' });
  }
  // The `request` field is parsed and validated once, as soon as it arrives (before or after the
  // files), and decides which file parts the body may carry.
  let read: { request: z.infer<S> } | undefined;
  const form = await readMultipart(body, contentType ?? '', {
    maxFileBytes: DEFAULT_VIDEO_LIMITS.maxBytes,
    ...(maxMultipartBytes === undefined ? {} : { maxBodyBytes: maxMultipartBytes }),
    memoryBytes: UPLOAD_MEMORY_BYTES,
    maxFieldBytes: 1024 * 1024,
    maxFiles: MAX_UPLOAD_FILES,
    fieldName: 'request',
    filesNamedBy: (text) => {
      read = { request: parseRequest(text, schema, 'The multipart field "request"') };
      return namedFiles(read.request);
    },
  });
  if (!read) {
    await form.dispose();
    throw new RequestError({
      code: 'invalid_request',
      message: 'The multipart form needs a "request" field with the request as JSON.',
    });
  }
  return { request: read.request, files: form.files, dispose: form.dispose };
}
