import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** The client's address, as the rate limits key it: `address:<ip>`, or `address:unknown`. */
export function clientAddress(c: Context): string {
  try {
    return `address:${getConnInfo(c).remote.address ?? 'unknown'}`;
  } catch {
    return 'address:unknown';
  }
}
