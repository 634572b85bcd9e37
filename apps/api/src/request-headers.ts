import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/**
 * One request header by its lower-case name. Under Node it comes from the headers Node has already
 * parsed: Hono's `c.req.header()` first builds a web `Headers` from all of them, a cost every analysis
 * would pay before its provider request leaves (docs/performance.md, time to first token). Elsewhere
 * (`app.request()`), Hono's.
 */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming) return c.req.header(name);
  const value = incoming.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
