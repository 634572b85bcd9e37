import { readFileSync } from 'node:fs';

/** Seer's version, from the API's package.json: reported by `/healthz` and in the OpenAPI document. */
export const VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
