import type { OpenAPIHono } from '@hono/zod-openapi';

/**
 * What the API's middleware stores on a request's context, so that handlers read it typed:
 * `c.get('requestId')` (set by `requestId()`), `c.get('clientKey')` (set by the bearer-token check, the
 * key the rate limit counts by).
 */
export interface APIVariables {
  requestId: string;
  clientKey?: string | undefined;
}

/** The Hono environment of every route and middleware of the API. */
export interface APIEnv {
  Variables: APIVariables;
}

/** The API's app, as the route modules mount themselves on it. */
export type APIApp = OpenAPIHono<APIEnv>;
