import { cors } from 'hono/cors';

/**
 * Lets pages of the given origins (`*`: any) call the API from a browser (`SEER_CORS_ORIGINS`). The
 * headers a page asks to send are allowed as asked (no `allowHeaders` list): OpenAI's browser SDKs send
 * their own `x-stainless-*` headers, and the origin is the check that matters.
 */
export function allowCrossOrigin(origins: readonly string[]) {
  return cors({
    origin: origins.includes('*') ? '*' : [...origins],
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    exposeHeaders: ['X-Request-Id', 'Retry-After'],
    maxAge: 600,
  });
}
