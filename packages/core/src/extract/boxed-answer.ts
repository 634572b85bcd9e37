/** `\boxed{` or `\fbox{`, with any spacing before the brace. */
const BOX_COMMAND = /\\(?:boxed|fbox)\s*\{/g;

/**
 * Returns the content of the last non-empty `\boxed{…}` (or `\fbox{…}`) in `text`, trimmed, or `undefined`
 * when there is none. Nested braces stay whole, so fractions and sets survive; a box whose closing brace is
 * missing (a cut-off answer) is ignored.
 *
 * @example
 * extractBoxedAnswer('So $\\boxed{\\frac{1}{2}}$.'); // '\\frac{1}{2}'
 */
export function extractBoxedAnswer(text: string): string | undefined {
  if (typeof text !== 'string') return undefined;
  let found: string | undefined;
  for (const match of text.matchAll(BOX_COMMAND)) {
    const content = readBraced(text, (match.index ?? 0) + match[0].length);
    const trimmed = content?.trim();
    if (trimmed) found = trimmed;
  }
  return found;
}

/** Reads up to the brace that closes the one just before `start`; `undefined` when it never closes. */
function readBraced(text: string, start: number): string | undefined {
  let depth = 1;
  for (let index = start; index < text.length; index++) {
    const char = text[index];
    // An escaped brace (`\{`, `\}`) is literal text in LaTeX, not grouping.
    if (char === '\\') {
      index++;
    } else if (char === '{') {
      depth++;
    } else if (char === '}') {
      depth--;
      if (depth === 0) return text.slice(start, index);
    }
  }
  return undefined;
}
