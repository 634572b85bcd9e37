/** The bounds {@link findJSONShapeProblem} holds a JSON text to. */
export interface JSONShapeLimits {
  /** The deepest nesting of arrays and objects allowed; `[]` is 1 deep, a bare value 0. */
  maxDepth: number;
  /**
   * The most structure allowed: every byte outside the strings' contents (brackets, separators,
   * numbers, literals, whitespace and the quotes themselves) and every escape sequence inside them.
   */
  maxStructureBytes: number;
}

/**
 * The bounds a request body is held to before it is parsed. A request nests three levels at most
 * (body, `media`, item) and has a few hundred bytes of structure even with 16 media items; everything
 * large in it (data URLs, the question) is string contents. Both bounds are far above what a request
 * can need and far below what makes `JSON.parse` slow or hungry.
 */
export const JSON_SHAPE_LIMITS: JSONShapeLimits = { maxDepth: 64, maxStructureBytes: 100_000 };

/** Why a JSON text was refused: nested too deep, or more structure than the limit. */
export type JSONShapeProblem = 'too-deep' | 'too-much-structure';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/**
 * Checks the shape of a JSON text (UTF-8 bytes) before `JSON.parse` sees it, so that a hostile body
 * is refused in microseconds instead of costing seconds and gigabytes: nesting depth is tracked
 * outside strings (escapes honoured), and structure is counted against a budget. Strings are skipped
 * with native searches for the next quote and the next backslash, each byte searched once, so a body
 * made of a few long strings (data URLs) is scanned at memory speed, and the byte-at-a-time work is
 * bounded by `maxStructureBytes`. It does not validate: malformed JSON within the bounds is left for
 * `JSON.parse` to refuse. Bytes of multi-byte UTF-8 characters are all 0x80 or above, so they are
 * never taken for quotes or brackets.
 *
 * @returns the first bound the text breaks, or `undefined` when it is within both.
 */
export function findJSONShapeProblem(
  bytes: Uint8Array,
  limits: JSONShapeLimits = JSON_SHAPE_LIMITS,
): JSONShapeProblem | undefined {
  // Buffer's indexOf is a native memchr; a plain Uint8Array's is many times slower. A view, no copy.
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let depth = 0;
  let structure = 0;
  let index = 0;
  // The first backslash at or after the last search; searched again only once the scan passes it.
  let nextSlash = -1;
  let isSlashSearched = false;
  while (index < text.length) {
    if (++structure > limits.maxStructureBytes) return 'too-much-structure';
    const byte = text[index]!;
    if (byte === OPEN_BRACKET || byte === OPEN_BRACE) {
      if (++depth > limits.maxDepth) return 'too-deep';
    } else if (byte === CLOSE_BRACKET || byte === CLOSE_BRACE) {
      depth--;
    } else if (byte === QUOTE) {
      let from = index + 1;
      let quote = text.indexOf(QUOTE, from);
      for (;;) {
        // An unterminated string: nothing after it can be nested, and JSON.parse refuses it at once.
        if (quote < 0) return undefined;
        if (!isSlashSearched || (nextSlash >= 0 && nextSlash < from)) {
          nextSlash = text.indexOf(BACKSLASH, from);
          isSlashSearched = true;
        }
        if (nextSlash < 0 || nextSlash > quote) break;
        if (++structure > limits.maxStructureBytes) return 'too-much-structure';
        // The escaped byte is skipped whatever it is; a `\u` escape is followed by four hex digits, never a quote or backslash.
        from = nextSlash + 2;
        if (from > quote) quote = text.indexOf(QUOTE, from);
      }
      if (++structure > limits.maxStructureBytes) return 'too-much-structure';
      index = quote;
    }
    index++;
  }
  return undefined;
}
