import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import type { BodyLimits } from '../body-limits';
import type { APIEnv } from '../context';
import { errorResponse } from '../errors';
import { requestHeader } from '../request-headers';

/** `413 payload_too_large`, naming the limit in megabytes. */
function tooLarge(c: Context, limit: number) {
  return errorResponse(
    c,
    413,
    'payload_too_large',
    `The request body is over ${Math.round(limit / 1024 / 1024)} MB.`,
  );
}

/**
 * Holds request bodies to their limits while they are read: a declared length over the limit is
 * refused before any of the body is read, a chunked body as soon as it passes the limit. JSON has the
 * JSON limit; multipart the larger multipart one.
 */
export function limitBodySize(limits: BodyLimits) {
  const jsonBodyLimit = bodyLimit({
    maxSize: limits.jsonBytes,
    onError: (c) => tooLarge(c, limits.jsonBytes),
  });
  return createMiddleware<APIEnv>(async (c, next) => {
    const isMultipart = (requestHeader(c, 'content-type') ?? '')
      .toLowerCase()
      .startsWith('multipart/form-data');
    const limit = isMultipart ? limits.multipartBytes : limits.jsonBytes;
    const declared = requestHeader(c, 'content-length');
    // With a declared length (and no chunking) Node's parser never delivers more than it says, so the
    // header decides; wrapping the body to count it would cost every request a rebuilt Request.
    if (declared !== undefined && requestHeader(c, 'transfer-encoding') === undefined) {
      if (Number(declared) > limit) return tooLarge(c, limit);
      return next();
    }
    // hono's bodyLimit reads a body without a declared length whole into memory before the handler
    // runs: a multipart upload is counted by readMultipart as it streams instead, so it never is.
    return isMultipart ? next() : jsonBodyLimit(c, next);
  });
}
