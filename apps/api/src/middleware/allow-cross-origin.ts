import { cors } from 'hono/cors';

/**
 * Lets pages of the given origins (`*`: any) call the API from a browser (`SEER_CORS_ORIGINS`), with
 * the headers a client sends and reads.
 */
export function allowCrossOrigin(origins: readonly string[]) {
  return cors({
    origin: origins.includes('*') ? '*' : [...origins],
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
    exposeHeaders: ['X-Request-Id', 'Retry-After'],
    maxAge: 600,
  });
}
