import type { Context } from 'hono';
import type { APIEnv } from '../context';

/** The response header that names the run a `POST /v1/analyses` started. */
export const ANALYSIS_ID_HEADER = 'X-Seer-Analysis-Id';

/**
 * Who may read a run: the key of the bearer token that started it when the server has tokens (set by
 * the token check as `clientKey`); without tokens, anyone who knows its id.
 */
export function runOwner(c: Context<APIEnv>): string | undefined {
  const key = c.get('clientKey');
  return key?.startsWith('token:') ? key : undefined;
}
