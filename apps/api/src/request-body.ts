import { RequestError } from '@seer/core';
import { DEFAULT_IMAGE_LIMITS, DEFAULT_VIDEO_LIMITS, type UploadedFile } from '@seer/core/node';
import type { Context } from 'hono';
import type { z } from 'zod';
import { describeZodError } from './errors';
import { readMultipart } from './read-multipart';
import { requestHeader } from './request-headers';

/**
 * The multipart form for the OpenAPI document. A plain schema, not zod: with a zod schema the route
 * would read the whole form into memory to validate it before the handler could stream it.
 */
export const multipartRequestDocument: {
  type: 'object';
  required: string[];
  properties: Record<string, { type: 'string'; description: string }>;
  additionalProperties: { type: 'string'; format: 'binary' };
  description: string;
} = {
  type: 'object',
  required: ['request'],
  properties: {
    request: {
      type: 'string',
      description: 'The request as JSON, exactly as it would be sent with application/json',
    },
  },
  additionalProperties: { type: 'string', format: 'binary' },
  description: "Each other field is an uploaded file, named by a media item's `file`.",
};

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

/** The image limit for a file field the `request` field names as an image; none otherwise. */
function limitForPart(name: string, fields: ReadonlyMap<string, string>): number | undefined {
  try {
    const request = JSON.parse(fields.get('request') ?? '') as {
      media?: { type?: unknown; file?: unknown }[];
    };
    const item = request.media?.find((candidate) => candidate.file === name);
    return item?.type === 'image' ? DEFAULT_IMAGE_LIMITS.maxBytes : undefined;
  } catch {
    return undefined;
  }
}

/** Parses JSON text and validates it with `schema`; 400 `invalid_request` with a sentence otherwise. */
function parseRequest<S extends z.ZodType>(text: string, schema: S, what: string): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new RequestError({ code: 'invalid_request', message: `${what} is not valid JSON.` });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new RequestError({
      code: 'invalid_request',
      message: describeZodError(parsed.error),
      details: { issues: parsed.error.issues },
    });
  }
  return parsed.data;
}

/**
 * Reads and validates the body of a route that takes JSON or multipart (SPEC §2.1). JSON is read whole
 * (it is held to the body limit); multipart is read as it streams (`readMultipart`: limits per part
 * while reading, large files to disk), and its `request` field is validated with the same schema.
 */
export async function readRequestBody<S extends z.ZodType>(
  c: Context,
  schema: S,
): Promise<ReadBody<z.infer<S>>> {
  const contentType = requestHeader(c, 'content-type');
  if (!isMultipart(contentType)) {
    if (!contentType || !/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType)) {
      throw new RequestError({
        code: 'invalid_request',
        message: 'The request needs a body sent as application/json or multipart/form-data.',
      });
    }
    const request = parseRequest(await c.req.text(), schema, 'The request body');
    return { request, files: new Map<string, UploadedFile>(), dispose: async () => {} };
  }
  if (!c.req.raw.body) {
    throw new RequestError({ code: 'invalid_request', message: 'The multipart request has no body.' });
  }
  const form = await readMultipart(c.req.raw.body, contentType ?? '', {
    maxFileBytes: DEFAULT_VIDEO_LIMITS.maxBytes,
    memoryBytes: DEFAULT_IMAGE_LIMITS.maxBytes,
    maxFieldBytes: 1024 * 1024,
    limitFor: limitForPart,
  });
  try {
    const text = form.fields.get('request');
    if (text === undefined) {
      throw new RequestError({
        code: 'invalid_request',
        message: 'The multipart form needs a "request" field with the request as JSON.',
      });
    }
    const request = parseRequest(text, schema, 'The multipart field "request"');
    return { request, files: form.files, dispose: form.dispose };
  } catch (error) {
    await form.dispose();
    throw error;
  }
}
