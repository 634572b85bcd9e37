import type { z } from 'zod';

/**
 * The multipart form for the OpenAPI document. A plain schema, not zod: with a zod schema the route
 * would read the whole form into memory to validate it before the handler could stream it.
 */
const multipartFormDocument = {
  type: 'object',
  required: ['request'],
  properties: {
    request: {
      type: 'string',
      description: 'The request as JSON, exactly as it would be sent with application/json',
    },
  },
  additionalProperties: { type: 'string', format: 'binary' },
  description:
    "Each other field is an uploaded file, named by a media item's `file`; a file no item names is refused.",
};

/** The multipart form, typed as a zod schema only because `createRoute` asks for one. */
const multipartForm = multipartFormDocument as unknown as z.ZodType<{ request: string }>;

/**
 * The request body of a route that takes the same request as JSON or as a multipart form with
 * uploads. Not `required`, and registered without `openapi()`'s validator: `readRequestBody` reads
 * and validates either, with one sentence for each way a body can be wrong.
 */
export function jsonOrMultipartBody<Schema extends z.ZodType>(schema: Schema) {
  return {
    required: false,
    content: {
      'application/json': { schema },
      'multipart/form-data': { schema: multipartForm },
    },
  };
}
