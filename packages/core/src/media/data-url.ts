import { RequestError } from '../errors';

/** A `data:` URL taken apart. */
export interface DataURL {
  /** The declared type; the bytes decide what the media really is. */
  declaredType: string;
  /** The base64 payload (or the percent-decoded text for non-base64 URLs, re-encoded as base64). */
  base64: string;
}

const DATA_URL = /^data:([^,;]*)((?:;[^,;]*)*?)(;base64)?,/i;

/**
 * Splits a `data:` URL into its declared type and base64 payload without decoding it.
 * @throws RequestError (400) when it is not a well-formed data URL.
 */
export function parseDataURL(url: string): DataURL {
  const match = DATA_URL.exec(url);
  if (!match) {
    throw new RequestError({
      code: 'invalid_request',
      message: 'A media URL starting with "data:" is not a well-formed data URL.',
    });
  }
  const payload = url.slice(match[0].length);
  const declaredType = (match[1] || 'text/plain').toLowerCase();
  if (match[3]) return { declaredType, base64: payload.replace(/\s+/g, '') };
  const bytes = new TextEncoder().encode(decodeURIComponent(payload));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return { declaredType, base64: btoa(binary) };
}

/** The decoded length of a base64 string, without decoding it. */
export function base64ByteLength(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
}
