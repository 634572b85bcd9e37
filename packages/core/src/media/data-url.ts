import { RequestError } from '../errors';

/** A `data:` URL taken apart. */
export interface DataURL {
  /** The declared type; the bytes decide what the media really is. */
  declaredType: string;
  /** The base64 payload (or the percent-decoded text for non-base64 URLs, re-encoded as base64). */
  base64: string;
}

/** A `data:` URL split at its comma, its payload not yet decoded. */
export interface DataURLParts {
  /** The declared type; the bytes decide what the media really is. */
  declaredType: string;
  /** Whether the payload is base64 (`;base64`); otherwise it is percent-encoded bytes. */
  isBase64: boolean;
  /** Everything after the comma, as sent. */
  payload: string;
}

const DATA_URL = /^data:([^,;]*)((?:;[^,;]*)*?)(;base64)?,/i;

/**
 * Splits a `data:` URL at its comma without decoding it; the payload is a slice of the URL, not a copy.
 * @throws RequestError (400) when it is not a well-formed data URL.
 */
export function splitDataURL(url: string): DataURLParts {
  const match = DATA_URL.exec(url);
  if (!match) {
    throw new RequestError({
      code: 'invalid_request',
      message: 'A media URL starting with "data:" is not a well-formed data URL.',
    });
  }
  return {
    declaredType: (match[1] || 'text/plain').toLowerCase(),
    isBase64: match[3] !== undefined,
    payload: url.slice(match[0].length),
  };
}

const PERCENT = 0x25;

/** The value of an ASCII hexadecimal digit, or -1 for any other byte (or none). */
function hexValue(byte: number | undefined): number {
  if (byte === undefined) return -1;
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
}

/**
 * The bytes of a percent-encoded payload: `%XX` is the byte XX, and any other character stands for its
 * UTF-8 bytes. Escapes are bytes, not UTF-8 text (`%FF` is the byte 255), as a data URL's are.
 * @throws RequestError (400) when a `%` is not followed by two hexadecimal digits.
 */
export function percentDecode(text: string): Uint8Array {
  const encoded = new TextEncoder().encode(text);
  const bytes = new Uint8Array(encoded.length);
  let length = 0;
  for (let index = 0; index < encoded.length; index++) {
    const byte = encoded[index]!;
    if (byte !== PERCENT) {
      bytes[length++] = byte;
      continue;
    }
    const high = hexValue(encoded[index + 1]);
    const low = hexValue(encoded[index + 2]);
    if (high < 0 || low < 0) {
      throw new RequestError({
        code: 'invalid_request',
        message:
          'A media URL starting with "data:" has a broken percent-encoding: each "%" must be followed by two hexadecimal digits.',
      });
    }
    bytes[length++] = high * 16 + low;
    index += 2;
  }
  return bytes.subarray(0, length);
}

/**
 * Splits a `data:` URL into its declared type and base64 payload; a percent-encoded payload is decoded
 * and re-encoded as base64.
 * @throws RequestError (400) when it is not a well-formed data URL or its percent-encoding is broken.
 */
export function parseDataURL(url: string): DataURL {
  const { declaredType, isBase64, payload } = splitDataURL(url);
  if (isBase64) return { declaredType, base64: payload.replace(/\s+/g, '') };
  const bytes = percentDecode(payload);
  // A slice at a time: one character per call would take seconds for a large payload.
  const pieces: string[] = [];
  for (let start = 0; start < bytes.length; start += 0x8000) {
    pieces.push(String.fromCharCode(...bytes.subarray(start, start + 0x8000)));
  }
  return { declaredType, base64: btoa(pieces.join('')) };
}

/** The decoded length of a base64 string, without decoding it. */
export function base64ByteLength(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
}
