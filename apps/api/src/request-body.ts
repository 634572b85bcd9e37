import { RequestError } from '@seer/core';
import type { Context } from 'hono';
import { z } from 'zod';
import { describeZodError } from './errors';

/** The multipart form of a request: the JSON in a `request` field, and one field per uploaded file. */
export const MultipartRequestSchema = z
  .looseObject({
    request: z.string().describe('The request as JSON, exactly as it would be sent with application/json'),
  })
  .meta({ description: "Each other field is an uploaded file, named by a media item's `file`." });

/** A request body read from JSON or multipart, with the uploaded files by field name. */
export interface ReadBody<T> {
  request: T;
  files: Map<string, Uint8Array>;
}

function isMultipart(c: Context): boolean {
  return (c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');
}

/**
 * Reads the body of a route that takes JSON or multipart (SPEC §2.1): JSON arrives validated by the
 * route; for multipart the `request` field is parsed and validated here with the same schema.
 */
export async function readRequestBody<S extends z.ZodType>(
  c: Context,
  schema: S,
  validJSON: unknown,
  validForm: Record<string, unknown>,
): Promise<ReadBody<z.infer<S>>> {
  const files = new Map<string, Uint8Array>();
  if (!isMultipart(c)) {
    if (!c.req.header('content-type')) {
      throw new RequestError({
        code: 'invalid_request',
        message: 'The request needs a body sent as application/json or multipart/form-data.',
      });
    }
    return { request: validJSON as z.infer<S>, files };
  }
  let json: unknown;
  try {
    json = JSON.parse(String(validForm.request));
  } catch {
    throw new RequestError({
      code: 'invalid_request',
      message: 'The multipart field "request" is not valid JSON.',
    });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new RequestError({
      code: 'invalid_request',
      message: describeZodError(parsed.error),
      details: { issues: parsed.error.issues },
    });
  }
  for (const [name, value] of Object.entries(validForm)) {
    if (name === 'request') continue;
    const file = Array.isArray(value) ? value[0] : value;
    if (file instanceof File) files.set(name, new Uint8Array(await file.arrayBuffer()));
  }
  return { request: parsed.data, files };
}
